// The wasm module, run in workers, and the supervisor of each. The page compiles the module
// once; each run opens its own host, a dedicated worker (worker.js) with its own instance,
// so that training never holds the page's thread and one run's crash leaves the others be.
//
// A host's calls go through its queue: wasm-bindgen objects throw "recursive use of an
// object" when two async calls overlap. Rust objects stay in the worker; here they are
// stand-ins whose methods post a message and resolve to the answer.
//
// A Rust panic aborts its instance (a trap): every later call into it fails, and an async
// call's answer never comes. So each queued call races the host's "crashed" signal (word
// from the panic hook, or a trap the worker saw); on a crash the worker is terminated, a
// fresh one started from the same compiled module, every run registered with `supervise`
// rebuilds itself there, and only then does the call reject with a `ModuleCrash`.

let compiled = null; // the WebAssembly.Module, compiled once per page
const RESTART_ATTEMPTS = 3;

/** A call that failed because the module crashed; its message says what happened next. */
export class ModuleCrash extends Error {
  name = 'ModuleCrash';
}

/** A stand-in's handle (the Rust object's number in its worker). */
const HANDLE = Symbol('handle');

const asError = ({ name, message }) => Object.assign(new Error(message), { name });
const oneLine = (text) => String(text).replace(/\s*\n\s*/g, ' ').trim();

/** Compiles the module once per page (every worker instantiates this one). */
export function compileModule(wasmUrl = new URL('../pkg/gan_playground_bg.wasm', import.meta.url)) {
  compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl))
    .catch(async () =>
      // A server that does not say application/wasm: compile from the bytes instead.
      WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer()),
    )
    .catch((error) => {
      compiled = null;
      throw new Error(`could not load the WebAssembly module from ${wasmUrl}: ${error.message}`);
    });
  return compiled;
}

/** One worker with its instance: `call` posts a message, the answer settles its promise. */
async function startWorker() {
  const module = await compileModule();
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'gan-playground' });
  const pending = new Map(); // id → {resolve, reject}
  let ids = 0;
  const instance = { worker, dead: null };
  instance.crashed = new Promise((resolve) => {
    instance.crash = (reason) => {
      if (instance.dead !== null) return;
      instance.dead = oneLine(reason);
      resolve(instance.dead);
    };
  });
  worker.onmessage = ({ data }) => {
    if ('crash' in data) return instance.crash(data.crash);
    if ('played' in data) return instance.played?.(data);
    const entry = pending.get(data.id);
    pending.delete(data.id);
    if (data.error) entry?.reject(asError(data.error));
    else entry?.resolve(data.value);
  };
  // An error the worker did not catch (its script failed to load, say) ends it as well.
  worker.onerror = (event) => {
    event.preventDefault();
    instance.crash(event.message || 'the worker failed');
  };
  let stopped = false;
  instance.call = (message) =>
    new Promise((resolve, reject) => {
      if (stopped) throw new ModuleCrash(`the module's worker has ended${instance.dead ? ` (${instance.dead})` : ''}`);
      const id = ++ids;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  instance.stop = () => {
    stopped = true;
    worker.terminate();
    for (const { reject } of pending.values()) reject(new ModuleCrash(`the module's worker has ended${instance.dead ? ` (${instance.dead})` : ''}`));
    pending.clear();
  };
  try {
    await race(instance, () => instance.call({ op: 'init', module }));
  } catch (error) {
    instance.stop();
    throw error;
  }
  return instance;
}

/** `fn()`, or a rejection as soon as `instance` crashes. */
function race(instance, fn) {
  const crashed = instance.crashed.then((reason) => Promise.reject(new ModuleCrash(reason)));
  return Promise.race([Promise.resolve().then(fn), crashed]);
}

/**
 * The module's exports as seen from the page: `wasm.f(...)` calls free function `f`,
 * `wasm.Class.create(...)` a static method; either resolves to the answer, a Rust object
 * as a stand-in whose methods do the same (and `free()` frees it in the worker).
 */
function exportsOf(instance) {
  const call = (target, method, args) => instance.call({ op: 'call', target, method, args }).then(adopt);
  const adopt = (value) => (value !== null && typeof value === 'object' && Object.keys(value).length === 1 && 'handle' in value ? standIn(value.handle) : value);
  const standIn = (handle) =>
    new Proxy(
      {},
      {
        get: (_, method) =>
          // `then` undefined: a stand-in is no promise (await would call it).
          method === HANDLE
            ? handle
            : method === 'then' || typeof method !== 'string'
              ? undefined
              : method === 'free'
                ? () => instance.call({ op: 'free', target: handle })
                : (...args) => call(handle, method, args),
      },
    );
  return new Proxy(
    {},
    {
      get: (_, name) =>
        name === 'then' || typeof name !== 'string'
          ? undefined
          : /^[A-Z]/.test(name)
            ? new Proxy({}, { get: (__, method) => (method === 'then' ? undefined : (...args) => call(name, method, args)) })
            : (...args) => call(null, name, args),
    },
  );
}

/**
 * A run's worker. `enqueue(task)` runs `task(wasm)` after the host's earlier calls;
 * `wasm` is the exports for quick calls outside the queue (the theory views' helpers);
 * `supervise(restore, report)` rebuilds a run after a crash; `close()` ends the worker.
 */
export async function openHost(wasmUrl) {
  if (wasmUrl !== undefined) await compileModule(wasmUrl);
  let current = await startWorker();
  let exports = exportsOf(current);
  let queue = Promise.resolve();
  let fatal = null; // set when restarting failed too often: every call rejects with it
  let closed = false;
  const supervised = new Set();

  const crashMessage = (reason) =>
    fatal ? fatal.message : `The module crashed: ${reason.replace(/\.$/, '')}. It was restarted, and your run rebuilt from its settings.`;

  /** A fresh worker after `dead` crashed, with every supervised run rebuilt there. */
  async function restart(dead) {
    if (current !== dead) return; // restarted already
    dead.stop();
    for (let attempt = 1; ; attempt += 1) {
      try {
        const fresh = await startWorker();
        [current, exports] = [fresh, exportsOf(fresh)];
        for (const { restore } of supervised) await race(fresh, () => restore(exports));
        for (const { report } of supervised) report(crashMessage(dead.dead));
        watch(fresh);
        return;
      } catch (error) {
        console.error('restarting the module failed', error);
        if (attempt < RESTART_ATTEMPTS) continue;
        fatal = new ModuleCrash(
          `The module crashed: ${dead.dead.replace(/\.$/, '')}. Restarting it failed too (${oneLine(error?.message ?? error)}): reload the page.`,
        );
        for (const { report } of supervised) report(fatal.message);
        return;
      }
    }
  }

  // A crash while nothing is queued: restart at once, so the run is back before it is used.
  function watch(instance) {
    instance.crashed.then(() => {
      if (!closed) host.enqueue(() => {}).catch(() => {});
    });
  }

  async function guarded(task) {
    if (closed) throw new Error('this run was destroyed');
    if (fatal) throw fatal;
    if (current.dead !== null) await restart(current);
    const instance = current;
    try {
      return await race(instance, () => task(exports));
    } catch (error) {
      if (instance.dead === null) throw error;
      await restart(instance);
      throw new ModuleCrash(crashMessage(instance.dead));
    }
  }

  const host = {
    enqueue(task) {
      const run = queue.then(() => guarded(task));
      queue = run.catch(() => {});
      return run;
    },
    /** The exports, outside the queue; a crash meanwhile rejects the call. */
    get wasm() {
      return exports;
    },
    supervise(restore, report) {
      const entry = { restore, report };
      supervised.add(entry);
      return () => supervised.delete(entry);
    },
    /**
     * Has the worker train `object[method](n)` chunk after chunk by itself (`most`: at most
     * n; `restMs` between chunks), calling `chunk(value)` after each and `error(e)` if one
     * fails (which ends the loop), until `pause()` or the next `play`. Every chunk trained
     * is reported, an earlier loop's last one too: it counts.
     */
    play(object, method, { most, restMs } = {}, { chunk, error }) {
      const instance = current;
      instance.played = (data) => {
        // After a crash, the failed chunk's error says less than the crash banner.
        if (instance.dead !== null) return;
        if (data.error) error(asError(data.error));
        else chunk(data.played);
      };
      instance.call({ op: 'play', target: object[HANDLE], method, most, restMs }).catch((e) => instance.dead === null && error(e));
    },
    /** Ends the play loop; resolves once the chunk under way is done (its answer still comes). */
    pause() {
      return current.call({ op: 'pause' }).catch(() => {});
    },
    /** Ends the worker once the calls queued before have run. */
    close() {
      if (closed) return;
      queue.then(() => {
        closed = true;
        current.stop();
      });
    },
  };
  watch(current);
  return host;
}
