// The public JS API of GAN Playground (course pages and tests use it):
//
//   const pg = await createPlayground(element, {preset, backend, seed, learningRate, engine,
//                                               samples, wasmUrl, ui});
//   pg.play(); pg.pause(); pg.isPlaying();
//   await pg.step(n);            // n epochs, in chunks that keep the page responsive
//   await pg.reset({seed: 7});   // also learningRate, engine, backend
//   await pg.setBackend('auto' | 'webgpu' | 'cpu');   // resolves to the backend info
//   await pg.setLearningRate(0.05); await pg.setEngine('burn' | 'by-hand');
//   pg.snapshot(); pg.history(); pg.subscribe(fn); pg.reportError(message); pg.destroy();
//
// Every call into Rust goes through one queue per page: wasm-bindgen objects throw
// "recursive use of an object" when two async calls overlap, and two playgrounds that set
// up WebGPU at once fail ("A server is still registered for device"). A failure rejects
// with the Rust message, shows it in the page's error banner, and leaves the run as it was.

import { createChunker } from './chunker.js';
import { createStore } from './store.js';
import { mountUi } from './ui.js';

let wasm = null;
let queue = Promise.resolve();

/** Runs `task` after every call into Rust queued before it, on this page. */
export function enqueue(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

/** Loads and initialises the wasm module once per page; resolves to its exports. */
export function loadWasm(wasmUrl = new URL('../pkg/gan_playground_bg.wasm', import.meta.url)) {
  // A dynamic import, so that a missing pkg/ is an error the page can show.
  wasm ??= import('../pkg/gan_playground.js')
    .then(async (module) => {
      await module.default({ module_or_path: wasmUrl });
      return module;
    })
    .catch((error) => {
      wasm = null;
      throw error;
    });
  return wasm;
}

function asError(e) {
  return e instanceof Error ? e : new Error(String(e));
}

/** The snapshot as the API hands it out: the Rust one with `backend` as its kind. */
function normalize(raw) {
  return {
    ...raw,
    backend: raw.backend.kind,
    backendInfo: raw.backend,
    losses: raw.losses ?? { d: null, g: null },
  };
}

function withoutUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function createPlayground(element, options = {}) {
  const { wasmUrl, ui = true, ...settings } = options;
  const module = await loadWasm(wasmUrl);
  const { rust, first } = await enqueue(async () => {
    // Unknown keys go through on purpose: the Rust side rejects them by name.
    const rust = await module.Playground.create({
      preset: 'slanted-faces',
      backend: 'auto',
      seed: 42,
      ...withoutUndefined(settings),
    });
    try {
      return { rust, first: await rust.snapshot() };
    } catch (error) {
      rust.free();
      throw error;
    }
  });

  let current = normalize(first);
  const store = createStore({
    snapshot: current,
    history: [],
    playing: false,
    switching: false,
    errors: [],
  });
  const listeners = new Set();
  let generation = 0; // bumped by reset and destroy: chunks of an older run are dropped
  const chunker = createChunker();
  let looping = false;
  let destroyed = false;
  let errorCount = 0;
  let switches = 0; // backend switches under way
  let unmount = () => {};

  function reportError(error) {
    const message = asError(error).message;
    const errors = store.get().errors;
    const last = errors.at(-1);
    // The same failure again (e.g. each click) counts up instead of stacking banners.
    store.set({
      errors:
        last?.message === message
          ? [...errors.slice(0, -1), { ...last, count: last.count + 1 }]
          : [...errors, { id: ++errorCount, message, count: 1 }],
    });
  }

  function emit(snapshot, patch = {}) {
    current = snapshot;
    store.set({ snapshot, ...patch });
    for (const fn of [...listeners]) {
      try {
        fn(snapshot);
      } catch (e) {
        console.error('playground subscriber failed', e);
      }
    }
  }

  function serial(task) {
    return enqueue(() => {
      if (destroyed) throw new Error('this playground was destroyed');
      return task();
    }).catch(fail);
  }

  function fail(e) {
    const error = asError(e);
    if (!destroyed) reportError(error);
    return Promise.reject(error);
  }

  // One Rust `step`; resolves to null when the run was reset meanwhile.
  function stepChunk(epochs, runGeneration) {
    return serial(async () => {
      if (runGeneration !== generation) return null;
      const started = performance.now();
      const raw = await rust.step(epochs);
      chunker.record(epochs, performance.now() - started);
      const { history } = store.get();
      for (const losses of raw.recent) history.push(losses);
      emit(normalize(raw));
      return current;
    });
  }

  async function playLoop() {
    looping = true;
    while (store.get().playing && !destroyed) {
      try {
        await stepChunk(chunker.size, generation);
      } catch {
        // Shown already; going on would repeat the same failure every frame.
        store.set({ playing: false });
      }
      await nextTask();
    }
    looping = false;
  }

  const api = {
    play() {
      if (destroyed) return;
      store.set({ playing: true });
      if (!looping) playLoop();
    },

    pause() {
      store.set({ playing: false });
    },

    isPlaying: () => store.get().playing,

    async step(n = 1) {
      if (!Number.isInteger(n) || n < 0) {
        return fail(new Error(`step(n): n must be a whole number of epochs ≥ 0, got ${n}`));
      }
      const runGeneration = generation;
      if (n === 0) return (await stepChunk(0, runGeneration)) ?? current;
      for (let left = n; left > 0; ) {
        const epochs = Math.min(left, chunker.size);
        if ((await stepChunk(epochs, runGeneration)) === null) break;
        left -= epochs;
        if (left > 0) await nextTask();
      }
      return current;
    },

    reset(resetOptions = {}) {
      return serial(async () => {
        const raw = await rust.reset(resetOptions);
        generation += 1;
        chunker.restart();
        emit(normalize(raw), { history: [] });
        return current;
      });
    },

    setBackend(choice) {
      store.set({ switching: ++switches > 0 });
      const done = serial(async () => {
        const info = await rust.setBackend(choice);
        chunker.restart();
        emit(normalize(await rust.snapshot()));
        return info;
      });
      done.finally(() => store.set({ switching: --switches > 0 })).catch(() => {});
      return done;
    },

    setLearningRate(x) {
      return serial(() => {
        const learningRate = Number(x);
        rust.setLearningRate(learningRate);
        emit({ ...current, learningRate });
      });
    },

    setEngine(engine) {
      return serial(async () => {
        await rust.setEngine(engine);
        chunker.restart();
        emit(normalize(await rust.snapshot()));
      });
    },

    snapshot: () => current,

    history: () => store.get().history.slice(),

    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },

    /** Shows a message in the page's error banner. */
    reportError,

    destroy() {
      if (destroyed) return;
      destroyed = true;
      generation += 1;
      store.set({ playing: false });
      listeners.clear();
      unmount();
      enqueue(() => rust.free());
    },
  };

  if (ui !== false) unmount = mountUi(element, store, api);
  return api;
}
