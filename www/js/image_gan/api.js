// The public JS API of the image GAN (THEORY.md §2–§5): DCGAN and the conditional GAN on the
// digit and face sets, trained live.
//
//   const gan = await createImageGan(element, {preset: 'cgan-digits'} or {data: 'mnist', width: 16, ...});
//   gan.play(); gan.pause(); await gan.step(n);
//   await gan.configure({learningRateD: 1e-3, dSteps: 2});  // live, keeps the weights
//   await gan.reset({data: 'frey'});                        // a new run (rebuild)
//   await gan.setBackend('auto' | 'webgpu' | 'cpu');        // live, keeping the weights
//   gan.snapshot(); gan.history(); gan.subscribe(fn); gan.destroy();
//   await gan.gridSample(i);              // {z, digit} of the grid's sample i (0–63)
//   await gan.latentWalk(a, b, steps);    // [pixels] along the arc from sample a's z to b's
//   await gan.picture(z, digit);          // pixels of G(z) (the sliders)
//
// The run trains in its own worker (wasm.js); its image set is fetched only when the settings
// need it (autoencoder/data.js). A snapshot (grid, real and fake images, the classifier's
// judgement of a thousand samples: a device read-back) is taken at most every SNAPSHOT_MS and
// never more often than every 9 times its own cost (runner.js). If the module crashes, the
// call rejects, the worker restarts and the run is rebuilt from its settings at iteration 0.

import { checkListener, createRunner, snapshotPacer } from '../runner.js';
import { createStore } from '../store.js';
import { openHost } from '../wasm.js';
import { loadSet } from '../autoencoder/data.js';

const SNAPSHOT_MS = 400;

export async function createImageGan(element, options = {}, { wasmUrl, dataBase, mount } = {}) {
  const host = await openHost(wasmUrl);
  let settings = { backend: 'auto', ...options };
  async function build(wasm, opts) {
    // The whole settings (a preset's, with the rest over them) say which set to fetch; a
    // bad setting throws here, before any download.
    const { data } = await wasm.imageGanSettings(opts);
    const { images, labels } = await loadSet(data, dataBase);
    return wasm.ImageGanRun.create(opts, images, labels ?? undefined);
  }
  let rust;
  let first;
  let presets;
  try {
    rust = await host.enqueue((wasm) => build(wasm, settings));
    [first, presets] = await host.enqueue((wasm) => Promise.all([rust.snapshot(), wasm.imageGanPresets()]));
  } catch (error) {
    host.close();
    throw error;
  }
  // `losses`: a row per iteration, appended as snapshots pull them (shared, not copied).
  const store = createStore({ snapshot: first, losses: [], playing: false, errors: [], run: 0 });
  const snapshots = snapshotPacer(SNAPSHOT_MS, async () => {
    const snapshot = await rust.snapshot();
    const { losses } = store.get();
    const fresh = await rust.history(losses.length);
    for (const row of fresh.losses) losses.push(row);
    store.set({ snapshot });
    return snapshot;
  });
  const runner = createRunner(store, 'image GAN', host, snapshots);
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
    /** How the run trains (objective, clip, dSteps, batch, optimisers, learning rates, mismatchedPairs), live. */
    configure(patch) {
      return serial(async () => {
        await rust.configure(patch);
        settings = { ...settings, ...patch };
        return snapshots.take();
      });
    },
    reset(patch = {}) {
      return serial(async (wasm) => {
        // A preset starts from its own settings (keeping the device), not from the old run's.
        const next = 'preset' in patch ? { backend: settings.backend, ...patch } : { ...settings, ...patch };
        const fresh = await build(wasm, next); // a bad setting throws here: the old run stays
        rust.free();
        [rust, settings] = [fresh, next];
        runner.newRun();
        store.set({ run: store.get().run + 1, losses: [] });
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
    gridSample: (index) => serial(() => rust.gridSample(index)),
    async latentWalk(from, to, steps = 10) {
      const flat = await serial(() => rust.latentWalk(from, to, steps));
      const { width, height } = store.get().snapshot;
      return Array.from({ length: flat.length / (width * height) }, (_, k) => flat.subarray(k * width * height, (k + 1) * width * height));
    },
    picture: (z, digit) => serial(() => rust.picture(Float32Array.from(z), digit)),
    snapshot: () => store.get().snapshot,
    /** `{losses: [{d, g, dReal, dFake}] per iteration, metrics: [{iteration, frechet, …}] per snapshot}`. */
    history: () => ({ losses: store.get().losses.slice(), metrics: store.get().snapshot.measures.slice() }),
    settings: () => ({ ...settings }),
    subscribe(fn) {
      checkListener(fn);
      return store.subscribe((state) => fn(state.snapshot));
    },
    reportError: runner.reportError,
    store,
    /** Stops the run, frees it and takes the views down; later calls reject. */
    destroy: () => runner.destroy(() => rust.free(), unsupervise, unmount),
    /** The presets' buttons (crate/presets/image_gan.rs). */
    presets,
    /** The run's worker (its queue, and a deliberate panic in tests). */
    host,
  };

  // After a crash: the same settings in the new module, from iteration 0.
  const unsupervise = host.supervise(async (wasm) => {
    rust = await build(wasm, settings);
    runner.newRun();
    store.set({ run: store.get().run + 1, playing: false, losses: [] });
    await snapshots.takeFirst();
  }, runner.reportError);
  const unmount = mount ? mount(element, store, api) : () => {};
  return api;
}
