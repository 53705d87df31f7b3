// The <gan-playground> element's attributes: one table, each name with how its text parses
// and where the value goes.
//
//   run       an option of create(): a change makes a new run
//   layout    which parts show, and the size: the element's own, applied at once
//   play      whether the run plays once made (a change plays or pauses it)
//   setting   a setting of the experiment, in kebab-case (learning-rate, d-steps): a change
//             goes to run.apply (backend → setBackend, a live one → configure, else reset)
//
// The settings and how each parses are the address's table (address.js), so an attribute
// reads exactly as the same setting in a link.

import { EXPERIMENTS } from '../experiment.js';
import { ALIASES, parseSettings, SETTINGS } from '../address.js';

/** An experiment's setting names. */
const keysOf = (experiment) => Object.keys(SETTINGS[experiment]);

const kebab = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function experimentName(text) {
  const name = ALIASES[text] ?? text ?? 'faces';
  if (EXPERIMENTS.includes(name)) return name;
  const known = EXPERIMENTS.map((e) => [e, ...Object.keys(ALIASES).filter((a) => ALIASES[a] === e)].join(' or '));
  throw new Error(`experiment="${text}" is no experiment (use ${known.join(', ')})`);
}

/** A folder's URL, relative to the page; it ends in a slash so that files resolve inside it. */
const folder = (text) => (text === null ? undefined : new URL(text.endsWith('/') ? text : `${text}/`, document.baseURI).href);

/** A space- or comma-separated list; absent means "all". */
const words = (text) => (text === null ? null : text.split(/[\s,]+/).filter(Boolean));

const present = (text) => text !== null;

/** A CSS length; a bare number is pixels. */
function length(text, name) {
  if (text === null) return '';
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? `${text.trim()}px` : text.trim();
  if (!CSS.supports('width', value)) throw new Error(`${name}="${text}" is no CSS length (e.g. 640, 40rem, 100%)`);
  return value;
}

/** The element's own attributes; every setting of every experiment is added below. */
export const ATTRIBUTES = {
  experiment: { parse: experimentName, to: 'run' },
  'data-base': { parse: folder, to: 'run' },
  controls: { parse: words, to: 'layout' },
  views: { parse: words, to: 'layout' },
  width: { parse: length, to: 'layout' },
  height: { parse: length, to: 'layout' },
  autoplay: { parse: present, to: 'play' },
};
for (const key of new Set(EXPERIMENTS.flatMap(keysOf))) {
  ATTRIBUTES[kebab(key)] ??= { key, to: 'setting' };
}

/** The value of one of the element's own attributes (throws a message naming it). */
export function read(element, name) {
  return ATTRIBUTES[name].parse(element.getAttribute(name), name);
}

/** The experiment the element names (throws a message naming the attribute). */
export const experimentOf = (element) => read(element, 'experiment');

/**
 * The settings `element`'s attributes give `experiment`, parsed as an address would be
 * (`only`: just these attribute names), and the setting attributes that belong to
 * another experiment.
 */
export function settingsOf(element, experiment, only = null) {
  const keys = keysOf(experiment);
  const params = new URLSearchParams();
  const foreign = [];
  for (const { name, value } of element.attributes) {
    const row = ATTRIBUTES[name];
    if (row?.to !== 'setting' || (only && !only.includes(name))) continue;
    if (keys.includes(row.key)) params.set(row.key, value);
    else foreign.push(name);
  }
  return { settings: parseSettings(experiment, params), foreign };
}

/** Why setting attributes `names` are refused for `experiment`, with the settings it has. */
export const foreignMessage = (experiment, names) =>
  `${experiment} has no setting ${names.join(', ')} (its settings: ${keysOf(experiment).map(kebab).join(', ')})`;

/**
 * The settings changed setting attributes (`names`) give a running `experiment`, for
 * `run.apply`: a new preset comes with every other setting attribute over it, as when the
 * run was made.
 */
export function changes(element, experiment, names) {
  const { settings: changed } = settingsOf(element, experiment, names);
  return 'preset' in changed ? settingsOf(element, experiment).settings : changed;
}
