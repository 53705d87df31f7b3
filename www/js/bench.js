// `bench(workload, {backend})` resolves to `{itersPerSec, ...}`: "toy2d" (the 2-D GAN),
// "vae8" (a VAE on the 8×8 digits) or "dcgan28" (a DCGAN on MNIST 5k), their data fetched
// for them, run in a worker of its own (or in `host`, a run's worker, after the calls
// queued there).

import { fetchBytes } from './autoencoder/data.js';
import { openHost } from './wasm.js';

const DATA = { vae8: 'digits8x8.u8', dcgan28: 'mnist_mlxtend5k.u8.gz' };

export async function bench(workload = 'toy2d', { backend = 'auto', host } = {}) {
  const data = DATA[workload] ? await fetchBytes(new URL(`../data/${DATA[workload]}`, import.meta.url)) : undefined;
  const own = host ?? (await openHost());
  try {
    return await own.enqueue((wasm) => wasm.bench(workload, backend, data));
  } finally {
    if (!host) own.close();
  }
}
