// Settings in the address, so that a run can be shared as a link, and in <gan-playground>'s
// attributes: one codec for every experiment, driven by one table of each experiment's
// settings and how each is spelt.
//
//   #experiment=toy_gan&preset=ring&data=ring&objective=wgan-gp&dSteps=5&generatorHidden=64,64
//
// Read from the query and the hash (the hash wins), written to the hash. Older links' `mode=game`
// and `mode=ae` name the same experiments. A link names its preset and spells out every
// setting: Rust applies a named preset first, then the settings over it.

import SCHEMA from './settings.generated.js';

/** How a link spells each kind of Rust's schema: a choice is its name, a boolean a flag. */
const KINDS = { text: 'text', choice: 'text', integer: 'number', number: 'number', list: 'list', boolean: 'flag' };

/**
 * Each experiment's settings, in the order a link spells them, with their kind (text, number,
 * list or flag): those of Rust's schema, derived from serde (crate/schema.rs, written into
 * settings.generated.js at build time), that a link carries (`link`: not a drawing, an upload,
 * nor how many faces the view shows).
 */
export const SETTINGS = Object.fromEntries(
  Object.entries(SCHEMA).map(([experiment, settings]) => [
    experiment,
    Object.fromEntries(settings.filter((s) => s.link).map((s) => [s.name, KINDS[s.kind]])),
  ]),
);

/** Other names an experiment answers to, in older links and in the widget's attribute. */
export const ALIASES = { game: 'toy_gan', ae: 'autoencoder' };

// A malformed value stays text, so that Rust names it in its error.
const PARSE = {
  text: (raw) => raw,
  number: (raw) => (Number.isFinite(Number(raw)) ? Number(raw) : raw),
  list: (raw) => raw.split(',').map(Number),
  flag: (raw) => (raw === 'true' ? true : raw === 'false' ? false : raw),
};
// A bare name: an empty list, a flag that is on (`&twin`, or the attribute `twin`).
const BARE = { list: [], flag: true };

/** `experiment`'s settings among `params` (an address's, or an element's attributes). */
export function parseSettings(experiment, params) {
  const out = {};
  for (const [key, kind] of Object.entries(SETTINGS[experiment])) {
    const raw = params.get(key);
    if (raw === null) continue;
    if (raw === '') {
      if (kind in BARE) out[key] = BARE[kind];
      continue;
    }
    out[key] = PARSE[kind](raw);
  }
  return out;
}

const paramsOf = (location) => {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of new URLSearchParams(location.hash.replace(/^#/, ''))) params.set(key, value);
  return params;
};

/** The experiment the address names (`experiment=`, or an older `mode=`); faces by default. */
export function experimentIn(location = window.location) {
  const params = paramsOf(location);
  const name = params.get('experiment') ?? params.get('mode') ?? 'faces';
  const experiment = ALIASES[name] ?? name;
  return experiment in SETTINGS ? experiment : 'faces';
}

/** The settings the address gives `experiment`. */
export const readAddress = (experiment, location = window.location) => parseSettings(experiment, paramsOf(location));

/** The settings a snapshot (in create()'s envelope) runs with, as a link spells them. */
export function settingsOf(snapshot) {
  const { experiment, config, preset, backend } = snapshot;
  const values = { ...config, preset: preset?.id, backend: backend.choice };
  // The autoencoder keeps its data set and twin beside its training settings.
  if (experiment === 'autoencoder') Object.assign(values, { data: snapshot.data, twin: Boolean(snapshot.twin) });
  // A drawing or an upload does not fit a link.
  if (values.data === 'points') delete values.data;
  return Object.fromEntries(Object.keys(SETTINGS[experiment]).filter((key) => values[key] !== undefined && values[key] !== null).map((key) => [key, values[key]]));
}

/** Puts the experiment and its `settings` into the hash (and out of the query), adding no history entry. */
export function writeAddress(experiment, settings) {
  const params = new URLSearchParams({ experiment });
  for (const [key, value] of Object.entries(settings)) params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  const url = new URL(window.location.href);
  for (const key of [...url.searchParams.keys()]) if (key === 'mode' || key === 'experiment' || key in SETTINGS[experiment]) url.searchParams.delete(key);
  url.hash = `#${params}`;
  if (url.href !== window.location.href) history.replaceState(history.state, '', url);
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
