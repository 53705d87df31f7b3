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
// The run trains in its own worker (wasm.js); every call into Rust goes through its queue.
// A failure rejects with the Rust message, shows it in the page's error banner, and leaves
// the run as it was. If the module crashes, the call rejects, the worker restarts and the
// run is rebuilt from its settings (preset, seed, learning rate, engine, backend) at epoch 0.

import { checkListener, createRunner } from '../runner.js';
import { createStore } from '../store.js';
import { mountUi } from './ui.js';
import { ModuleCrash, openHost } from '../wasm.js';

export { ModuleCrash };

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

export async function createPlayground(element, options = {}) {
  const { wasmUrl, ui = true, ...settings } = options;
  const host = await openHost(wasmUrl);
  // A new Rust playground and its first snapshot.
  async function build(wasm, chosen) {
    const rust = await wasm.Playground.create(chosen);
    try {
      return { rust, first: await rust.snapshot() };
    } catch (error) {
      rust.free();
      throw error;
    }
  }
  // Unknown keys go through on purpose: the Rust side rejects them by name.
  const chosen = { preset: 'slanted-faces', backend: 'auto', seed: 42, ...withoutUndefined(settings) };
  let rust;
  let first;
  try {
    ({ rust, first } = await host.enqueue((wasm) => build(wasm, chosen)));
  } catch (error) {
    host.close();
    throw error;
  }

  let current = normalize(first);
  const store = createStore({
    snapshot: current,
    history: [],
    playing: false,
    switching: false,
    errors: [],
  });
  const listeners = new Set();
  const runner = createRunner(store, 'playground', host);
  const { serial, reportError } = runner;
  let switches = 0; // backend switches under way
  let unmount = () => {};

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

  // One Rust `step` of `epochs` answers with the snapshot, drawn at once (it is small).
  function trained(raw) {
    const { history } = store.get();
    for (const losses of raw.recent) history.push(losses);
    emit(normalize(raw));
  }
  const train = async (epochs) => trained(await rust.step(epochs));

  const api = {
    play: () => runner.play(() => rust, 'step', { onChunk: trained }),
    pause: runner.pause,
    isPlaying: runner.isPlaying,

    /** `n` epochs; `step(0)` just reads the snapshot. */
    async step(n = 1) {
      if (n === 0) await runner.chunk(train, 0);
      else await runner.run(train, n, 'step');
      return current;
    },

    reset(resetOptions = {}) {
      return serial(async () => {
        const raw = await rust.reset(resetOptions);
        runner.newRun();
        emit(normalize(raw), { history: [] });
        return current;
      });
    },

    setBackend(choice) {
      store.set({ switching: ++switches > 0 });
      const done = serial(async () => {
        const info = await rust.setBackend(choice);
        runner.restartChunks();
        emit(normalize(await rust.snapshot()));
        return info;
      });
      done.finally(() => store.set({ switching: --switches > 0 })).catch(() => {});
      return done;
    },

    setLearningRate(x) {
      return serial(async () => {
        const learningRate = Number(x);
        await rust.setLearningRate(learningRate);
        emit({ ...current, learningRate });
      });
    },

    setEngine(engine) {
      return serial(async () => {
        await rust.setEngine(engine);
        runner.restartChunks();
        emit(normalize(await rust.snapshot()));
      });
    },

    snapshot: () => current,

    history: () => store.get().history.slice(),

    subscribe(fn) {
      checkListener(fn);
      listeners.add(fn);
      return () => listeners.delete(fn);
    },

    /** Shows a message in the page's error banner. */
    reportError,
    store,

    destroy: () => runner.destroy(() => rust.free(), unsupervise, () => listeners.clear(), unmount),

    /** The run's worker (its queue, and a deliberate panic in tests). */
    host,
  };

  // After a crash: the same settings in the new module, from epoch 0 (the old objects are gone).
  const unsupervise = host.supervise(async (wasm) => {
    const { preset, seed, learningRate, engine } = current;
    const built = await build(wasm, { ...chosen, preset: preset.id, seed, learningRate, engine, backend: current.backendInfo.choice });
    rust = built.rust;
    runner.newRun();
    emit(normalize(built.first), { history: [], playing: false });
  }, reportError);

  if (ui !== false) unmount = mountUi(element, store, api);
  return api;
}
