// The public JS API of the autoencoder views (THEORY.md §6):
//
//   const lab = await createLab(element, {data: 'digits8', variational: true, latent: 2, ...});
//   lab.play(); lab.pause(); await lab.step(n); await lab.reset({...});
//   lab.snapshot(); lab.history(); await lab.score(pixels); lab.subscribe(fn);
//   await lab.image(i); await lab.decode(z); await lab.interpolate(a, b, steps);

import { enqueue, loadWasm } from '../api.js';
import { createChunker } from '../chunker.js';
import { createStore } from '../store.js';
import { loadSet } from './data.js';

const SNAPSHOT_MS = 400;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const asError = (e) => (e instanceof Error ? e : new Error(String(e)));

export async function createLab(element, options = {}, { wasmUrl, mount } = {}) {
  const wasm = await loadWasm(wasmUrl);
  let settings = { data: 'digits8', backend: 'auto', ...options };
  async function build(opts) {
    const { images, labels } = await loadSet(opts.data ?? 'digits8');
    return wasm.AutoencoderLab.create(opts, images, labels ?? undefined);
  }
  let rust = await enqueue(() => build(settings));
  const store = createStore({ snapshot: await enqueue(() => rust.snapshot()), history: [], playing: false, errors: [], run: 0 });
  const chunker = createChunker();
  let generation = 0;
  let lastSnapshot = 0;
  let snapshotCost = 0;
  let errorCount = 0;

  function reportError(error) {
    const message = asError(error).message;
    store.set({ errors: [...store.get().errors, { id: ++errorCount, message, count: 1 }] });
  }
  const fail = (e) => {
    reportError(e);
    return Promise.reject(asError(e));
  };
  const serial = (task) => enqueue(task).catch(fail);

  async function refresh() {
    const started = performance.now();
    const snapshot = await rust.snapshot();
    lastSnapshot = performance.now();
    snapshotCost = lastSnapshot - started;
    store.set({ snapshot, history: rust.history() });
    return snapshot;
  }

  function chunk(n, runGeneration) {
    return serial(async () => {
      if (runGeneration !== generation) return null;
      const started = performance.now();
      await rust.step(n);
      chunker.record(n, performance.now() - started);
      if (performance.now() - lastSnapshot >= Math.max(SNAPSHOT_MS, 9 * snapshotCost)) await refresh();
      return true;
    });
  }

  let looping = false;
  const api = {
    play() {
      store.set({ playing: true });
      if (looping) return;
      looping = true;
      (async () => {
        while (store.get().playing) {
          try {
            await chunk(chunker.size, generation);
          } catch {
            store.set({ playing: false });
          }
          await nextTask();
        }
        looping = false;
      })();
    },
    pause: () => store.set({ playing: false }),
    isPlaying: () => store.get().playing,
    async step(n = 1) {
      const runGeneration = generation;
      for (let left = n; left > 0; ) {
        const k = Math.min(left, chunker.size);
        if ((await chunk(k, runGeneration)) === null) break;
        left -= k;
        await nextTask();
      }
      return serial(refresh);
    },
    reset(patch = {}) {
      return serial(async () => {
        const next = { ...settings, ...patch };
        const fresh = await build(next); // a bad setting throws here: the old run stays
        rust.free();
        [rust, settings] = [fresh, next];
        generation += 1;
        chunker.restart();
        store.set({ run: generation });
        return refresh();
      });
    },
    score: (pixels) => serial(() => rust.score(Float32Array.from(pixels))),
    image: (index) => serial(() => rust.image(index)),
    decode: (z) => serial(() => rust.decode(Float32Array.from(z))),
    interpolate: (a, b, steps = 10) => serial(() => rust.interpolate(a, b, steps)),
    snapshot: () => store.get().snapshot,
    history: () => store.get().history,
    settings: () => ({ ...settings }),
    subscribe: (fn) => store.subscribe((state) => fn(state.snapshot)),
    reportError,
    store,
  };
  if (mount) mount(element, store, api);
  return api;
}
