// The wasm module, its supervisor, and the page-wide queue every call into it goes through:
// wasm-bindgen objects throw "recursive use of an object" when two async calls overlap, and
// two playgrounds that set up WebGPU at once fail ("A server is still registered for device").
//
// A Rust panic aborts the instance (a trap): every later call into it fails, and an async
// call's promise never settles. So each queued call races the instance's "crashed" signal
// (the panic listener, a RuntimeError the call throws, or one the page reports as uncaught);
// on a crash the call rejects with a `ModuleCrash`, the module is instantiated afresh (a new
// copy of the glue, so that no object of the dead instance is ever touched again), and every
// playground registered with `supervise` rebuilds its run there before the queue moves on.

let compiled = null; // the WebAssembly.Module, compiled once
let loading = null; // the first instance, on its way
let current = null; // the live instance
let instances = 0;
let fatal = null; // set when restarting failed too often: every call rejects with it
let queue = Promise.resolve();
const supervised = new Set();
const RESTART_ATTEMPTS = 3;

/** A call that failed because the module crashed; its message says what happened next. */
export class ModuleCrash extends Error {
  name = 'ModuleCrash';
}

const oneLine = (text) => String(text).replace(/\s*\n\s*/g, ' ').trim();
// Rust's "panicked at FILE:LINE:COL:\nMESSAGE", message first: it is what a reader wants.
const panicText = (text) => oneLine(String(text).replace(/^panicked at (\S+):\n([\s\S]*)$/, '$2 (at $1)'));

/** A new instance of the module compiled once (`loadWasm` starts the compile). */
async function instantiate() {
  const n = instances++;
  // A dynamic import, so that a missing pkg/ is an error the page can show; the query makes
  // a new copy of the glue, with its own memory and object tables.
  const glue = await import(`../pkg/gan_playground.js?instance=${n}`);
  await glue.default({ module_or_path: await compiled });
  const instance = { n, exports: glue, dead: null };
  instance.watched = watched(glue, instance);
  instance.crashed = new Promise((resolve) => {
    instance.crash = (reason) => {
      if (instance.dead !== null) return;
      instance.dead = oneLine(reason);
      resolve(instance.dead);
      // Nothing may be queued: make sure the queue restarts the module anyway.
      if (instance === current) enqueue(() => {}).catch(() => {});
    };
  });
  // Runs inside Rust's panic hook, just before the trap: only JS from here on.
  glue.setPanicListener((message) => instance.crash(panicText(message)));
  return instance;
}

/** Loads and initialises the wasm module once per page; resolves to its exports. */
export function loadWasm(wasmUrl = new URL('../pkg/gan_playground_bg.wasm', import.meta.url)) {
  compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch(async () =>
    // A server that does not say application/wasm: compile from the bytes instead.
    WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer()),
  );
  loading ??= instantiate().then(
    (instance) => {
      current = instance;
      watchUncaught();
      return instance;
    },
    (error) => {
      loading = null;
      compiled = null;
      throw error;
    },
  );
  return loading.then(() => current.exports);
}

/**
 * The live module's exports (null before `loadWasm`), for quick synchronous calls outside
 * the queue (the theory views' helpers). A trap in one of its functions counts as a crash,
 * so the module restarts at once rather than failing the next queued call.
 */
export const wasmNow = () => current?.watched ?? null;

/** `exports` with each free function (lower-case name) reporting a trap to `instance`. */
function watched(exports, instance) {
  return new Proxy(exports, {
    get(target, name) {
      const value = target[name];
      if (typeof value !== 'function' || typeof name !== 'string' || !/^[a-z]/.test(name)) return value;
      return (...args) => {
        try {
          return value(...args);
        } catch (error) {
          if (error instanceof WebAssembly.RuntimeError) instance.crash(error.message);
          throw error;
        }
      };
    },
  });
}

/**
 * Runs `task(exports)` after every call into Rust queued before it, on this page. If the
 * module crashes meanwhile, it rejects with a `ModuleCrash` once the module is restarted.
 */
export function enqueue(task) {
  const run = queue.then(() => guarded(task));
  queue = run.catch(() => {});
  return run;
}

async function guarded(task) {
  if (fatal) throw fatal;
  await loadWasm();
  if (current.dead !== null) await restart(current);
  const instance = current;
  try {
    return await race(instance, () => task(instance.exports));
  } catch (error) {
    if (instance.dead === null) throw error;
    await restart(instance);
    throw new ModuleCrash(crashMessage(instance.dead));
  }
}

/** `fn()`, or a rejection as soon as `instance` crashes (a trap there is a crash too). */
async function race(instance, fn) {
  const crashed = instance.crashed.then((reason) => Promise.reject(new ModuleCrash(reason)));
  try {
    return await Promise.race([Promise.resolve().then(fn), crashed]);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) instance.crash(error.message);
    throw error;
  }
}

const crashMessage = (reason) =>
  fatal ? fatal.message : `The module crashed: ${reason.replace(/\.$/, '')}. It was restarted, and your run rebuilt from its settings.`;

/**
 * Instantiates the module afresh after `dead` crashed and has every supervised playground
 * rebuild its run there, inside the queue; gives up after RESTART_ATTEMPTS failures in a row.
 */
async function restart(dead) {
  if (current !== dead) return; // restarted already
  for (let attempt = 1; ; attempt += 1) {
    try {
      const fresh = await instantiate();
      current = fresh;
      for (const { restore } of supervised) await race(fresh, () => restore(fresh.exports));
      for (const { report } of supervised) report(crashMessage(dead.dead));
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

/**
 * Has `restore(exports)` rebuild a playground's run in a restarted module (it runs inside the
 * queue: call Rust directly, not through `enqueue`) and `report(message)` show what
 * happened. Returns a function that stops it.
 */
export function supervise(restore, report) {
  const entry = { restore, report };
  supervised.add(entry);
  return () => supervised.delete(entry);
}

// A trap in a task wasm-bindgen runs by itself (a future's poll) surfaces only as an
// uncaught error: it is a crash of the instance whose glue is on its stack.
function watchUncaught() {
  const onError = (event, error) => {
    if (!(error instanceof WebAssembly.RuntimeError) || current === null) return;
    const n = /gan_playground\.js\?instance=(\d+)/.exec(error.stack ?? '')?.[1];
    if (n === undefined || Number(n) === current.n) current.crash(error.message);
    event.preventDefault(); // handled: the supervisor restarts the module
  };
  window.addEventListener('error', (event) => onError(event, event.error));
  window.addEventListener('unhandledrejection', (event) => onError(event, event.reason));
}
