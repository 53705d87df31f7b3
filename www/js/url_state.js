// Shareable settings in the address: #preset=slanted-faces&seed=42&learningRate=0.01&...
// Read from the query or the hash (the hash wins), written to the hash.

export const KEYS = ['preset', 'seed', 'learningRate', 'engine', 'backend'];
const NUMERIC = new Set(['seed', 'learningRate']);

const parse = (text) => parseSettings(new URLSearchParams(text.replace(/^[?#]/, '')));

/** The faces settings among `params` (an address's, or a <gan-playground>'s attributes). */
export function parseSettings(params) {
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
    preset: snapshot.preset.id,
    seed: snapshot.seed,
    learningRate: snapshot.learningRate,
    engine: snapshot.engine,
    backend: snapshot.backendInfo.choice,
  };
}

/** Which of `settings` an error message names: by the Rust wording, else its value or name. */
function rejectedKeys(message, settings) {
  const keys = Object.keys(settings);
  const named = [...message.matchAll(/invalid setting (\w+)|unknown option `(\w+)`/g)].map((m) => m[1] ?? m[2]);
  // serde quotes what it refused: string "abc", integer `-5`, floating point `-5.0`.
  const refused = [...message.matchAll(/`([^`]*)`|"([^"]*)"/g)].map((m) => m[1] ?? m[2]);
  const quoted = keys.filter((k) =>
    [settings[k]].flat().some((v) => refused.some((r) => r === String(v) || (typeof v === 'number' && r.trim() !== '' && Number(r) === v))),
  );
  const mentioned = keys.filter((k) => new RegExp(`\\b${k}\\b`).test(message));
  for (const found of [named.filter((k) => keys.includes(k)), quoted, mentioned]) if (found.length > 0) return found;
  return keys;
}

/**
 * `create(settings)` with the settings of a hand-edited address, dropping only the ones a
 * rejection names and trying again (at worst with none). Resolves to `{made, rejected}`,
 * `rejected` the messages of the failed tries.
 */
export async function createFromAddress(create, wanted) {
  let settings = { ...wanted };
  const rejected = [];
  for (;;) {
    try {
      return { made: await create(settings), rejected };
    } catch (error) {
      if (Object.keys(settings).length === 0) throw error;
      rejected.push(error.message);
      const drop = new Set(rejectedKeys(error.message, settings));
      settings = Object.fromEntries(Object.entries(settings).filter(([k]) => !drop.has(k)));
    }
  }
}
