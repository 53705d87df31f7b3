// The public JS API of the minimax game (THEORY.md §2–§4): 1-D and 2-D GANs trained live.
//
//   const game = await createGame(element, {data: 'ring', objective: 'non-saturating', ...});
//   game.play(); game.pause();
//   await game.step(n); await game.stepD(n); await game.stepG(n);   // iterations
//   await game.configure({objective: 'wgan-gp', dSteps: 5});          // live, keeps the run
//   await game.reset({data: 'grid'});                                 // a new run (rebuild)
//   await game.setBackend('cpu'); game.snapshot(); game.history(); game.subscribe(fn);
//
// The game trains in its own worker; calls go through its queue (wasm.js). Training runs
// in chunks of about 25 ms (runner.js), and a snapshot (a device read-back that the views
// draw) is taken at most every SNAPSHOT_MS and never more often than every 9 times its own
// cost, so the views take at most about a tenth of the time while playing. If the module
// crashes, the call rejects, the worker restarts and the game is rebuilt from its settings
// at iteration 0.

import { checkListener, createRunner, snapshotPacer } from '../runner.js';
import { createStore } from '../store.js';
import { openHost } from '../wasm.js';

const SNAPSHOT_MS = 200;
// What a drawing or an upload is given as; a rebuild needs it again (the snapshot has no points).
const POINTS = ['points', 'csv', 'dims'];

/** The options that rebuild the game a snapshot shows (`points`: its drawing or upload, if any). */
function optionsOf({ config, backend }, points) {
  const { dims, pointCount, clip, lambda, ...rest } = config;
  return {
    ...rest,
    ...(config.objective === 'wgan' && { clip }),
    ...(config.objective === 'wgan-gp' && { lambda }),
    ...(config.data === 'points' && points),
    backend: backend.choice,
  };
}

const pointsIn = (options) => Object.fromEntries(POINTS.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));

export async function createGame(element, options = {}, { wasmUrl, mount } = {}) {
  const host = await openHost(wasmUrl);
  let rust;
  let first;
  let presets;
  try {
    rust = await host.enqueue((wasm) => wasm.MinimaxGame.create({ backend: 'auto', ...options }));
    [first, presets] = await host.enqueue((wasm) => Promise.all([rust.snapshot(), wasm.gamePresets()]));
  } catch (error) {
    host.close();
    throw error;
  }
  let points = pointsIn(options);
  const store = createStore({ snapshot: first, metrics: [], losses: [], playing: false, errors: [] });
  let speed = 0; // most iterations per chunk; 0 = as many as fit in a chunk
  const most = () => (speed > 0 ? Math.min(speed, chunker.size) : chunker.size);

  // Pulls the snapshot and the history rows added since the last one.
  const snapshots = snapshotPacer(SNAPSHOT_MS, async () => {
    const snapshot = await rust.snapshot();
    const { losses, metrics } = store.get();
    const fresh = await rust.history(losses.length);
    for (const row of fresh.losses) losses.push(row);
    metrics.push(snapshot.metrics);
    store.set({ snapshot });
    return snapshot;
  });
  const runner = createRunner(store, 'game', host, snapshots);
  const { serial, chunker } = runner;
  const trainers = { step: (n) => rust.step(n), stepD: (n) => rust.stepD(n), stepG: (n) => rust.stepG(n) };
  async function run(method, n) {
    if ((await runner.run(trainers[method], n, method, most)) === false) return store.get().snapshot;
    return serial(snapshots.take);
  }

  const api = {
    play: () => runner.play(() => rust, 'step', { most: () => (speed > 0 ? speed : Infinity), rest: () => (speed > 0 ? 50 : 0) }),
    pause: runner.pause,
    /** Caps the iterations per chunk (0: no cap), to watch training slowly. */
    setSpeed(n) {
      speed = Math.max(0, Math.floor(Number(n) || 0));
      if (runner.isPlaying()) api.play();
    },
    isPlaying: runner.isPlaying,
    step: (n = 1) => run('step', n),
    stepD: (n = 1) => run('stepD', n),
    stepG: (n = 1) => run('stepG', n),
    configure(patch) {
      return serial(async () => {
        await rust.configure(patch);
        return snapshots.take();
      });
    },
    reset(resetOptions = {}) {
      return serial(async () => {
        const snapshot = await rust.reset(resetOptions);
        if (POINTS.some((k) => resetOptions?.[k] !== undefined)) points = pointsIn(resetOptions);
        runner.newRun();
        store.set({ snapshot, losses: [], metrics: [snapshot.metrics] });
        return snapshot;
      });
    },
    setBackend(choice) {
      return serial(async () => {
        const info = await rust.setBackend(choice);
        runner.restartChunks();
        await snapshots.takeFirst();
        return info;
      });
    },
    /** Checks a CSV upload of `dims` coordinates a line; resolves to its points. */
    parsePoints: (csv, dims = 2) => serial((wasm) => wasm.parsePoints(csv, dims)),
    snapshot: () => store.get().snapshot,
    history: () => ({ losses: store.get().losses.slice(), metrics: store.get().metrics.slice() }),
    subscribe(fn) {
      checkListener(fn);
      return store.subscribe((state) => fn(state.snapshot));
    },
    reportError: runner.reportError,
    /** The module's exports, for its device-free helpers (the theory views); each call resolves to its answer. */
    get wasm() {
      return host.wasm;
    },
    /** The presets' buttons (crate/presets/game.rs). */
    presets,
    store,
    destroy: () => runner.destroy(() => rust.free(), unsupervise, unmount),
    /** The game's worker (its queue, and a deliberate panic in tests). */
    host,
  };

  // After a crash: the same settings in the new module, from iteration 0.
  const unsupervise = host.supervise(async (wasm) => {
    rust = await wasm.MinimaxGame.create(optionsOf(store.get().snapshot, points));
    const snapshot = await rust.snapshot();
    runner.newRun();
    store.set({ snapshot, losses: [], metrics: [snapshot.metrics], playing: false });
  }, runner.reportError);
  store.set({ metrics: [first.metrics] });
  const unmount = mount ? mount(element, store, api) : () => {};
  return api;
}
