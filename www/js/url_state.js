// Shareable settings in the address: #preset=slanted-faces&seed=42&learningRate=0.01&...
// Read from the query or the hash (the hash wins), written to the hash.

const KEYS = ['preset', 'seed', 'learningRate', 'engine', 'backend'];
const NUMERIC = new Set(['seed', 'learningRate']);

function parse(text) {
  const params = new URLSearchParams(text.replace(/^[?#]/, ''));
  const out = {};
  for (const key of KEYS) {
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    // A malformed number is passed on as text, so the Rust side names it in its error.
    out[key] = NUMERIC.has(key) && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

/** The settings named in the page's address. */
export function readUrlState(location = window.location) {
  return { ...parse(location.search), ...parse(location.hash) };
}

/** Puts `settings` into the hash (and out of the query) without adding a history entry. */
export function writeUrlState(settings) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    if (settings[key] !== undefined && settings[key] !== null) params.set(key, String(settings[key]));
  }
  const url = new URL(window.location.href);
  for (const key of KEYS) url.searchParams.delete(key);
  url.hash = `#${params}`;
  if (url.href !== window.location.href) history.replaceState(history.state, '', url);
}

/** The settings a snapshot runs with, as the address spells them. */
export function settingsOf(snapshot) {
  return {
    preset: snapshot.preset,
    seed: snapshot.seed,
    learningRate: snapshot.learningRate,
    engine: snapshot.engine,
    backend: snapshot.backendInfo.choice,
  };
}
