// `bench(workload, {backend})` resolves to `{itersPerSec, ...}`: "toy2d" (the 2-D GAN) or
// "vae8" (a VAE on the 8×8 digits, fetched for it), run in this page through the shared
// call queue.

import { enqueue, loadWasm } from './wasm.js';

export async function bench(workload = 'toy2d', { backend = 'auto' } = {}) {
  await loadWasm();
  let data;
  if (workload === 'vae8') {
    const response = await fetch(new URL('../data/digits8x8.u8', import.meta.url));
    if (!response.ok) throw new Error(`could not fetch the 8×8 digits: HTTP ${response.status}`);
    data = new Uint8Array(await response.arrayBuffer());
  }
  return enqueue((wasm) => wasm.bench(workload, backend, data));
}
