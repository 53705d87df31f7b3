// What every playground's API shares: the error list in the store (the same failure again
// counts up instead of stacking banners), calls serialised through its worker's queue,
// training in chunks the chunker sizes (about 25 ms each, so the page keeps drawing), a run
// generation so that chunks queued for an older run are dropped, and the play loop. Each
// API says how one chunk trains.

import { createChunker } from './chunker.js';
import { ModuleCrash } from './wasm.js';

export const asError = (e) => (e instanceof Error ? e : new Error(String(e)));

/** How a value a caller passed reads in a message: `the string "x"`, `the number 42`, `null`. */
export function described(value) {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

/** A listener's check (`subscribe(fn)` by default): one that is no function would fail on every update. */
export function checkListener(fn, call = 'subscribe(fn)', when = 'with each new snapshot') {
  if (typeof fn !== 'function') {
    throw new TypeError(`${call}: fn must be a function, called ${when}; got ${described(fn)}`);
  }
}
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * `store` holds `errors` and `playing`; `name` says what a destroyed runner was; `host` is
 * the run's worker (wasm.js `openHost`); `pacer`, if given (a `snapshotPacer`), takes a
 * snapshot in the queue after each chunk, stepped or played, when one is due, outside the
 * chunk's timing (so that the chunker sizes chunks by the training alone), and one after a
 * pause, so that a paused run shows where it stopped, not its last paced snapshot.
 */
export function createRunner(store, name, host, pacer = null) {
  const afterChunk = pacer && (async () => pacer.due() && pacer.take());
  const chunker = createChunker();
  let generation = 0;
  let destroyed = false;
  let looping = null; // what play() was given, while playing
  let following = false; // afterChunk queued after a played chunk, not run yet
  let errorCount = 0;

  /** Shows `error` in the run's banner (the same one again counts up); marks it `shown`. */
  function reportError(error) {
    if (error instanceof Error) error.shown = true;
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

  /** Shows `e` in the banner and rejects with it (a crash is in the banner already). */
  function fail(e) {
    const error = asError(e);
    if (error instanceof ModuleCrash) error.shown = true;
    else if (!destroyed && !error.shown) reportError(error);
    return Promise.reject(error);
  }

  /** (Re)starts the worker's play loop on the current object. */
  function loop() {
    const { object, method, onChunk, most, rest } = looping;
    host.play(
      object(),
      method,
      { most: most(), restMs: rest() },
      {
        // The chunk under way when paused still counts (it trained): only a destroyed run drops it.
        chunk(value) {
          if (destroyed) return;
          try {
            onChunk(value);
          } catch (error) {
            console.error('a chunk could not be shown', error);
          }
          // One afterChunk at a time: the worker goes on training meanwhile.
          if (afterChunk && !following) {
            following = true;
            serial(afterChunk)
              .catch(() => {}) // shown already
              .finally(() => (following = false));
          }
        },
        error(error) {
          if (destroyed) return;
          reportError(error); // going on would repeat the same failure every chunk
          store.set({ playing: false });
          looping = null;
        },
      },
    );
  }

  /** Runs `task(wasm)` in the queue; a failure is shown and rejects. */
  const serial = (task) =>
    host.enqueue((wasm) => {
      // Nothing to show it in: the run's views are gone.
      if (destroyed) throw Object.assign(new Error(`this ${name} was destroyed`), { shown: true });
      return task(wasm);
    }).catch(fail);

  /** One chunk, `train(n)`; resolves to null when the run was reset meanwhile. */
  function chunk(train, n, runGeneration = generation) {
    return serial(async () => {
      if (runGeneration !== generation) return null;
      const started = performance.now();
      const result = await train(n);
      chunker.record(n, performance.now() - started);
      await afterChunk?.();
      return result ?? true;
    });
  }

  return {
    chunker,
    serial,
    fail,
    reportError,
    chunk,
    get destroyed() {
      return destroyed;
    },

    /** `n` (a whole number ≥ 0) through `train` in chunks of at most `most()`; false if the run was reset meanwhile. */
    async run(train, n, what, most = () => chunker.size) {
      if (!Number.isInteger(n) || n < 0) return fail(new Error(`${what}(n): n must be a whole number ≥ 0, got ${n}`));
      const runGeneration = generation;
      for (let left = n; left > 0; ) {
        const k = Math.min(left, most());
        if ((await chunk(train, k, runGeneration)) === null) return false;
        left -= k;
        if (left > 0) await nextTask();
      }
      return true;
    },

    /**
     * Has the worker train `object()[method](n)` chunk after chunk until paused (`most()`:
     * at most n a chunk; `rest()` ms between chunks), calling `onChunk(value)` after each;
     * a failure is shown and pauses.
     */
    play(object, method, { onChunk = () => {}, most = () => Infinity, rest = () => 0 } = {}) {
      if (destroyed) return;
      store.set({ playing: true });
      looping = { object, method, onChunk, most, rest };
      loop();
    },
    /** Resolves once the worker has stopped and, paced, the snapshot shows where. */
    pause() {
      store.set({ playing: false });
      looping = null;
      return host
        .pause()
        .then(() => pacer && !destroyed && serial(pacer.take))
        .catch(() => {}); // shown already
    },
    isPlaying: () => store.get().playing,

    /** Another device or engine: the chunk timings are forgotten (a playing loop starts afresh). */
    restartChunks() {
      chunker.restart();
      if (looping && store.get().playing) loop();
    },

    /** A new run: older chunks are dropped, the chunk timings forgotten. */
    newRun() {
      generation += 1;
      this.restartChunks();
    },

    /**
     * Stops the run, once: `free()` runs in the queue, then the worker ends; `teardowns` (the
     * crash supervision, the views) run at once. Later calls reject.
     */
    destroy(free, ...teardowns) {
      if (destroyed) return;
      for (const teardown of teardowns) teardown();
      destroyed = true;
      looping = null;
      generation += 1;
      store.set({ playing: false });
      host.enqueue(free).catch(() => {});
      host.close();
    },
  };
}

/**
 * Snapshots (device read-backs the views draw) while training: `due()` when the last one is
 * at least `ms` old and 9 times its own cost, so the views take at most about a tenth of the
 * time; `take()` runs `refresh` and times it. `takeFirst()` is the first on a new device or
 * run: it compiles that device's kernels (a minute on a software WebGPU adapter), so its
 * cost says nothing of the next ones and is not kept.
 */
export function snapshotPacer(ms, refresh) {
  let last = 0;
  let cost = 0;
  async function take(first = false) {
    const started = performance.now();
    const result = await refresh();
    last = performance.now();
    cost = first ? 0 : last - started;
    return result;
  }
  const due = () => performance.now() - last >= Math.max(ms, 9 * cost);
  return {
    due,
    take: () => take(false),
    takeFirst: () => take(true),
  };
}
