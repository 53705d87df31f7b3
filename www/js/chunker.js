// How many epochs one call into Rust should train. A call costs about
// `overhead + epochs · perEpoch` ms; both are refitted from the last few chunks. A chunk aims
// at CHUNK_MS of training, or at the call's fixed cost when that is larger, so the page gets
// to redraw often and training never gets less than about half of the time.

const CHUNK_MS = 25;
/** Most epochs per chunk (the Rust side takes at most 100 000 per call). */
const MAX_CHUNK = 10_000;
const WINDOW = 8;

export function createChunker() {
  let samples = [];
  let size = 1;
  return {
    get size() {
      return size;
    },

    /** Forgets the timings (another device or engine has other costs). */
    restart() {
      samples = [];
      size = 1;
    },

    /** Learns from one call that trained `epochs` epochs in `ms` milliseconds. */
    record(epochs, ms) {
      if (epochs === 0) return;
      samples = [...samples.slice(1 - WINDOW), [epochs, ms]];
      const meanK = samples.reduce((sum, [k]) => sum + k, 0) / samples.length;
      const meanMs = samples.reduce((sum, [, t]) => sum + t, 0) / samples.length;
      let varK = 0;
      let cov = 0;
      for (const [k, t] of samples) {
        varK += (k - meanK) ** 2;
        cov += (k - meanK) * (t - meanMs);
      }
      let next;
      if (varK === 0) {
        // One chunk size seen so far: try a larger one, which also tells apart a cost per
        // call from a cost per epoch.
        next = ms <= CHUNK_MS ? size * 4 : size * 2;
      } else {
        const perEpoch = Math.max(cov / varK, 1e-3);
        const overhead = Math.max(0, meanMs - perEpoch * meanK);
        next = Math.max(CHUNK_MS, overhead) / perEpoch;
      }
      // At most ×4 either way at once: one slow chunk (GC, a shader compile) is no trend.
      size = Math.min(MAX_CHUNK, Math.max(1, Math.round(size / 4), Math.min(Math.round(next), size * 4)));
    },
  };
}
