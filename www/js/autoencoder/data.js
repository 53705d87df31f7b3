// The image sets of www/data/, fetched only when a run needs one (gzip files are unpacked
// with the browser's DecompressionStream). An embedding page can point `base` elsewhere.

export const SETS = {
  digits8: { title: '8×8 digits (1797)', images: 'digits8x8.u8', labels: 'digits8x8.labels.u8' },
  mnist: { title: 'MNIST 28×28 (10,000)', images: 'mnist_test10k.u8.gz', labels: 'mnist_test10k.labels.u8' },
  frey: { title: 'Frey faces 20×28 (1965)', images: 'frey28x20.u8.gz', labels: null },
  olivetti: { title: 'Olivetti faces 64×64 (400)', images: 'olivetti64.u8.gz', labels: 'olivetti64.labels.u8' },
};

const cache = new Map();

/** The bytes at `url`, unpacked if it ends in .gz. */
export async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not fetch ${url.pathname ?? url}: HTTP ${response.status}`);
  if (!String(url).endsWith('.gz')) return new Uint8Array(await response.arrayBuffer());
  const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** `{images, labels}` bytes of set `name`, from the folder `base` (default: www/data/). */
export function loadSet(name, base = new URL('../../data/', import.meta.url)) {
  const set = SETS[name];
  if (!set) return Promise.reject(new Error(`unknown image set "${name}" (use ${Object.keys(SETS).join(', ')})`));
  const key = new URL(set.images, base).href; // two widgets may fetch from two folders
  if (!cache.has(key)) {
    const load = Promise.all([fetchBytes(new URL(set.images, base)), set.labels ? fetchBytes(new URL(set.labels, base)) : null]).then(
      ([images, labels]) => ({ images, labels }),
    );
    cache.set(key, load);
    load.catch(() => cache.delete(key));
  }
  return cache.get(key);
}
