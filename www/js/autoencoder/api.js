// The public JS API of the autoencoder views (THEORY.md §6):
//
//   const lab = await createLab(element, {preset: 'frey'} or {data: 'digits8', variational: true, latent: 2, ...});
//   lab.play(); lab.pause(); await lab.step(n); await lab.reset({...});
//   await lab.setBackend('auto' | 'webgpu' | 'cpu');   // live, keeping the weights
//   lab.snapshot(); lab.history(); await lab.score(pixels); lab.subscribe(fn); lab.destroy();
//   await lab.image(i); await lab.decode(z); await lab.interpolate(a, b, steps);
//
// The lab trains in its own worker (wasm.js). If the module crashes, the call rejects, the
// worker restarts and the lab is rebuilt from its settings at iteration 0.

import { checkListener, createRunner, snapshotPacer } from '../runner.js';
import { createStore } from '../store.js';
import { openHost } from '../wasm.js';
import { loadSet } from './data.js';

const SNAPSHOT_MS = 400;

export async function createLab(element, options = {}, { wasmUrl, dataBase, mount } = {}) {
  const host = await openHost(wasmUrl);
  let settings = { backend: 'auto', ...options };
  async function build(wasm, opts) {
    // The whole settings (a preset's, with the rest over them) say which set to fetch; a
    // bad setting throws here, before any download.
    const { data } = await wasm.labSettings(opts);
    const { images, labels } = await loadSet(data, dataBase);
    return wasm.AutoencoderLab.create(opts, images, labels ?? undefined);
  }
  let rust;
  let first;
  let presets;
  try {
    rust = await host.enqueue((wasm) => build(wasm, settings));
    [first, presets] = await host.enqueue((wasm) => Promise.all([rust.snapshot(), wasm.labPresets()]));
  } catch (error) {
    host.close();
    throw error;
  }
  const store = createStore({ snapshot: first, history: [], playing: false, errors: [], run: 0 });
  const snapshots = snapshotPacer(SNAPSHOT_MS, async () => {
    const snapshot = await rust.snapshot();
    store.set({ snapshot, history: await rust.history() });
    return snapshot;
  });
  const runner = createRunner(store, 'lab', host, snapshots);
  const { serial } = runner;
  const train = (n) => rust.step(n);

  const api = {
    play: () => runner.play(() => rust, 'step'),
    pause: runner.pause,
    isPlaying: runner.isPlaying,
    async step(n = 1) {
      await runner.run(train, n, 'step');
      return serial(snapshots.take);
    },
    reset(patch = {}) {
      return serial(async (wasm) => {
        // A preset starts from its own settings (keeping the device), not from the old run's.
        const next = 'preset' in patch ? { backend: settings.backend, ...patch } : { ...settings, ...patch };
        const fresh = await build(wasm, next); // a bad setting throws here: the old run stays
        rust.free();
        [rust, settings] = [fresh, next];
        runner.newRun();
        store.set({ run: store.get().run + 1 });
        return snapshots.takeFirst();
      });
    },
    /** Carries on on another device with the same weights; resolves to the backend info. */
    setBackend(choice) {
      return serial(async () => {
        const info = await rust.setBackend(choice);
        settings = { ...settings, backend: info.choice };
        runner.restartChunks();
        await snapshots.takeFirst();
        return info;
      });
    },
    score: (pixels) => serial(() => rust.score(Float32Array.from(pixels))),
    image: (index) => serial(() => rust.image(index)),
    decode: (z) => serial(() => rust.decode(Float32Array.from(z))),
    interpolate: (a, b, steps = 10) => serial(() => rust.interpolate(a, b, steps)),
    snapshot: () => store.get().snapshot,
    history: () => store.get().history,
    settings: () => ({ ...settings }),
    subscribe(fn) {
      checkListener(fn);
      return store.subscribe((state) => fn(state.snapshot));
    },
    reportError: runner.reportError,
    store,
    /** Stops the run, frees it and takes the views down; later calls reject. */
    destroy: () => runner.destroy(() => rust.free(), unsupervise, unmount),
    /** The presets' buttons (crate/presets/lab.rs). */
    presets,
    /** The lab's worker (its queue, and a deliberate panic in tests). */
    host,
  };

  // After a crash: the same settings in the new module, from iteration 0.
  const unsupervise = host.supervise(async (wasm) => {
    rust = await build(wasm, settings);
    runner.newRun();
    store.set({ run: store.get().run + 1, playing: false, history: [] });
    await snapshots.takeFirst();
  }, runner.reportError);
  const unmount = mount ? mount(element, store, api) : () => {};
  return api;
}
