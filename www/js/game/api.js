// The public JS API of the minimax game (THEORY.md §2–§4): 1-D and 2-D GANs trained live.
//
//   const game = await createGame(element, {data: 'ring', objective: 'non-saturating', ...});
//   game.play(); game.pause();
//   await game.step(n); await game.stepD(n); await game.stepG(n);   // iterations
//   await game.configure({objective: 'wgan-gp', dSteps: 5});          // live, keeps the run
//   await game.reset({data: 'grid'});                                 // a new run (rebuild)
//   await game.setBackend('cpu'); game.snapshot(); game.history(); game.subscribe(fn);
//   await game.bench('toy2d', {backend: 'cpu'});                       // {itersPerSec, ...}
//
// Calls go through the page-wide queue of api.js. Training runs in chunks of about 25 ms;
// a snapshot (a device read-back that the views draw) is taken at most every SNAPSHOT_MS,
// and never more often than every 9 times its own cost, so the views take at most about a
// tenth of the time while playing.

import { enqueue, loadWasm } from '../api.js';
import { createChunker } from '../chunker.js';
import { createStore } from '../store.js';

const SNAPSHOT_MS = 200;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const asError = (e) => (e instanceof Error ? e : new Error(String(e)));

export async function createGame(element, options = {}, { wasmUrl, mount } = {}) {
  const wasm = await loadWasm(wasmUrl);
  const rust = await enqueue(() => wasm.MinimaxGame.create({ backend: 'auto', ...options }));
  const first = await enqueue(() => rust.snapshot());
  const store = createStore({ snapshot: first, metrics: [], losses: [], playing: false, errors: [] });
  const chunker = createChunker();
  let generation = 0;
  let destroyed = false;
  let errorCount = 0;
  let lastSnapshot = 0;
  let snapshotCost = 0; // ms the last snapshot took
  let speed = 0; // most iterations per chunk; 0 = as many as fit in a chunk
  const chunk = () => (speed > 0 ? Math.min(speed, chunker.size) : chunker.size);

  function reportError(error) {
    const message = asError(error).message;
    const errors = store.get().errors;
    const last = errors.at(-1);
    store.set({
      errors:
        last?.message === message
          ? [...errors.slice(0, -1), { ...last, count: last.count + 1 }]
          : [...errors, { id: ++errorCount, message, count: 1 }],
    });
  }

  const fail = (e) => {
    const error = asError(e);
    if (!destroyed) reportError(error);
    return Promise.reject(error);
  };
  const serial = (task) =>
    enqueue(() => {
      if (destroyed) throw new Error('this game was destroyed');
      return task();
    }).catch(fail);

  // Pulls the snapshot and the history rows added since the last one.
  async function refresh() {
    const started = performance.now();
    const snapshot = await rust.snapshot();
    const { losses, metrics } = store.get();
    const fresh = rust.history(losses.length);
    for (const row of fresh.losses) losses.push(row);
    metrics.push(snapshot.metrics);
    lastSnapshot = performance.now();
    snapshotCost = lastSnapshot - started;
    store.set({ snapshot });
    return snapshot;
  }

  function train(method, n, runGeneration) {
    return serial(async () => {
      if (runGeneration !== generation) return null;
      const started = performance.now();
      await rust[method](n);
      chunker.record(n, performance.now() - started);
      if (performance.now() - lastSnapshot >= Math.max(SNAPSHOT_MS, 9 * snapshotCost)) await refresh();
      return true;
    });
  }

  async function run(method, n) {
    if (!Number.isInteger(n) || n < 0) return fail(new Error(`${method}(n): n must be a whole number ≥ 0, got ${n}`));
    const runGeneration = generation;
    for (let left = n; left > 0; ) {
      const k = Math.min(left, chunk());
      if ((await train(method, k, runGeneration)) === null) return store.get().snapshot;
      left -= k;
      if (left > 0) await nextTask();
    }
    return serial(refresh);
  }

  let looping = false;
  async function playLoop() {
    looping = true;
    while (store.get().playing && !destroyed) {
      try {
        await train('step', chunk(), generation);
        if (speed > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      } catch {
        store.set({ playing: false }); // shown already
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
    pause: () => store.set({ playing: false }),
    /** Caps the iterations per chunk (0: no cap), to watch training slowly. */
    setSpeed(n) {
      speed = Math.max(0, Math.floor(Number(n) || 0));
    },
    isPlaying: () => store.get().playing,
    step: (n = 1) => run('step', n),
    stepD: (n = 1) => run('stepD', n),
    stepG: (n = 1) => run('stepG', n),
    configure(patch) {
      return serial(async () => {
        rust.configure(patch);
        return refresh();
      });
    },
    reset(resetOptions = {}) {
      return serial(async () => {
        const snapshot = await rust.reset(resetOptions);
        generation += 1;
        chunker.restart();
        store.set({ snapshot, losses: [], metrics: [snapshot.metrics] });
        return snapshot;
      });
    },
    setBackend(choice) {
      return serial(async () => {
        const info = await rust.setBackend(choice);
        chunker.restart();
        await refresh();
        return info;
      });
    },
    bench(workload = 'toy2d', { backend = 'auto' } = {}) {
      api.pause();
      return serial(() => wasm.bench(workload, backend));
    },
    snapshot: () => store.get().snapshot,
    history: () => ({ losses: store.get().losses.slice(), metrics: store.get().metrics.slice() }),
    subscribe: (fn) => store.subscribe((state) => fn(state.snapshot)),
    reportError,
    wasm,
    store,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      store.set({ playing: false });
      unmount();
      enqueue(() => rust.free());
    },
  };
  store.set({ metrics: [first.metrics] });
  const unmount = mount ? mount(element, store, api) : () => {};
  return api;
}
