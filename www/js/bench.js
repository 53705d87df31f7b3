// `bench(workload, {backend})` resolves to `{itersPerSec, ...}`: "toy2d" (the 2-D GAN) or
// "vae8" (a VAE on the 8×8 digits, fetched for it), run in a worker of its own (or in
// `host`, a run's worker, after the calls queued there).

import { openHost } from './wasm.js';

export async function bench(workload = 'toy2d', { backend = 'auto', host } = {}) {
  let data;
  if (workload === 'vae8') {
    const response = await fetch(new URL('../data/digits8x8.u8', import.meta.url));
    if (!response.ok) throw new Error(`could not fetch the 8×8 digits: HTTP ${response.status}`);
    data = new Uint8Array(await response.arrayBuffer());
  }
  const own = host ?? (await openHost());
  try {
    return await own.enqueue((wasm) => wasm.bench(workload, backend, data));
  } finally {
    if (!host) own.close();
  }
}
