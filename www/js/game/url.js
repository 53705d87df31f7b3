// The game's settings in the address: #mode=game&preset=wgan-gp&data=ring&objective=wgan-gp&...
// A link names the preset its settings are; Rust applies a named preset first, then the
// settings spelt out.

export const KEYS = ['preset', 'data', 'objective', 'noise', 'noiseDim', 'generatorHidden', 'discriminatorHidden', 'activation', 'clip', 'lambda', 'dSteps', 'gSteps', 'batch', 'optimizerD', 'optimizerG', 'learningRateD', 'learningRateG', 'seed', 'backend'];
const LISTS = new Set(['generatorHidden', 'discriminatorHidden']);
const TEXT = new Set(['preset', 'data', 'objective', 'noise', 'activation', 'optimizerD', 'optimizerG', 'backend']);

/** The game settings in the address (a malformed number stays text: Rust names it). */
export function readGameState(location = window.location) {
  return parseGameSettings(new URLSearchParams(location.hash.replace(/^#/, '')));
}

/** The game settings among `params` (an address's, or a <gan-playground>'s attributes). */
export function parseGameSettings(params) {
  const out = {};
  for (const key of KEYS) {
    const raw = params.get(key);
    if (raw === null) continue;
    if (LISTS.has(key)) out[key] = raw === '' ? [] : raw.split(',').map(Number);
    else if (TEXT.has(key)) out[key] = raw;
    else out[key] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

/** Writes the running game's settings to the hash, without a history entry. */
export function writeGameState(snapshot) {
  const c = snapshot.config;
  const params = new URLSearchParams({ mode: 'game' });
  for (const key of KEYS) {
    if (key === 'preset') snapshot.preset && params.set(key, snapshot.preset.id);
    else if (key === 'backend') params.set(key, snapshot.backend.choice);
    else if (c.data === 'points' && key === 'data') continue; // a drawing does not fit a link
    else if (c[key] !== undefined) params.set(key, Array.isArray(c[key]) ? c[key].join(',') : String(c[key]));
  }
  const url = new URL(window.location.href);
  url.hash = `#${params}`;
  if (url.href !== window.location.href) history.replaceState(history.state, '', url);
}
