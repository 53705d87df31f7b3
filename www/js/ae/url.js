// The autoencoder page's settings in the address, so that a run can be shared as a link:
// #mode=ae&preset=frey&data=frey&variational=true&twin=true&latent=2&loss=bce&... (the preset, named
// so that the link opens with its text, and every setting, so that it opens the same run).

export const KEYS = ['preset', 'data', 'hidden', 'latent', 'activation', 'variational', 'linear', 'conv', 'twin', 'loss', 'beta', 'corruption', 'noiseLevel', 'batch', 'learningRate', 'seed', 'backend'];
const LISTS = new Set(['hidden']);
const FLAGS = new Set(['variational', 'linear', 'conv', 'twin']);
const TEXT = new Set(['preset', 'data', 'activation', 'loss', 'corruption', 'backend']);

/** The lab settings in the address (a malformed value stays text: Rust names it). */
export function readLabState(location = window.location) {
  return parseLabSettings(new URLSearchParams(location.hash.replace(/^#/, '')));
}

/** The lab settings among `params` (an address's, or a <gan-playground>'s attributes). */
export function parseLabSettings(params) {
  const out = {};
  for (const key of KEYS) {
    const raw = params.get(key);
    if (raw === null) continue;
    if (LISTS.has(key)) out[key] = raw === '' ? [] : raw.split(',').map(Number);
    // A bare flag (`&twin`, or an HTML boolean attribute `twin`) is on.
    else if (FLAGS.has(key)) out[key] = raw === 'true' || raw === '' ? true : raw === 'false' ? false : raw;
    else if (TEXT.has(key)) out[key] = raw;
    else out[key] = raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

/** Writes the running lab's settings to the hash, without a history entry. */
export function writeLabState(snapshot) {
  const c = { ...snapshot.config, preset: snapshot.preset?.id, data: snapshot.data, twin: Boolean(snapshot.twin), backend: snapshot.backend.choice };
  const params = new URLSearchParams({ mode: 'ae' });
  for (const key of KEYS) {
    if (c[key] !== undefined) params.set(key, Array.isArray(c[key]) ? c[key].join(',') : String(c[key]));
  }
  const url = new URL(window.location.href);
  url.hash = `#${params}`;
  if (url.href !== window.location.href) history.replaceState(history.state, '', url);
}
