// <gan-playground>: one experiment of GAN Playground as an HTML element, for course pages.
//
// Built on create() (experiment.js): the element makes a run from its attributes when it
// enters the page, applies each changed attribute to it (attributes.js says how), frees it
// when it leaves, and answers to create()'s API itself, its calls waiting for the run. All
// it shows lives in its shadow root, which loads style.css: the page's CSS and the widget's
// never meet. The widgets of a page share the one compiled module (wasm.js), each with its
// own run. Events: `snapshot` (detail: the snapshot envelope) and `error` (detail:
// {message}), on the element.
//
// What is wrong with the attributes shows in the element's own banner, above the run's;
// a call that fails shows in the run's banner, as on the hosted page.

import { h } from '../dom.js';
import { create } from '../experiment.js';
import { checkListener } from '../runner.js';
import { createStore } from '../store.js';
import { createFromAddress } from '../address.js';
import * as banner from '../views/errors.js';
import { ATTRIBUTES, changes, experimentOf, foreignMessage, read, settingsOf } from './attributes.js';
import { hidingRules, unknownParts } from './parts.js';

const STYLE = new URL('../../style.css', import.meta.url);
const LAYOUT = Object.keys(ATTRIBUTES).filter((name) => ATTRIBUTES[name].to === 'layout');

export class GanPlayground extends HTMLElement {
  static observedAttributes = Object.keys(ATTRIBUTES);

  #rules = h('style'); // the parts left out, and the size
  #place = h('div', { class: 'stage' }); // the run's UI, or why there is none
  #problems = createStore({ errors: [] }); // the element's own banner: {id: source, message}
  #run = null; // the create() object, once made
  #making = null; // Promise<run | null> of the current run; null when there is none
  #generation = 0; // a run made for an older generation is dropped
  #changed = new Set(); // attributes changed since the last flush
  #applying = Promise.resolve();
  #listeners = new Set();
  #unsubscribe = () => {};
  #playWhenMade = false;

  constructor() {
    super();
    const ownBanner = h('div', { class: 'slot' });
    this.attachShadow({ mode: 'open' }).append(h('link', { rel: 'stylesheet', href: STYLE.href }), this.#rules, ownBanner, this.#place);
    banner.mount(ownBanner, this.#problems);
  }

  connectedCallback() {
    if (!this.#making) this.#start();
  }

  disconnectedCallback() {
    // An element moved within the page is connected again at once: it keeps its run.
    queueMicrotask(() => this.isConnected || this.destroy());
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    const { to } = ATTRIBUTES[name];
    if (to === 'layout') {
      this.#layout();
    } else if (to === 'play') {
      if (read(this, name)) this.play();
      else this.pause();
    } else if (this.#making) {
      // Applied once per batch of changes (a script may set several at once). Without a
      // run there is nothing to change: the next one reads every attribute.
      this.#changed.add(name);
      if (this.#changed.size === 1) queueMicrotask(() => this.#flush());
    }
  }

  // ---- The API of create(): calls wait for the run; a failure also fires `error`. ----

  /** The run (create()'s object) once made, or null if it could not be (the widget says why). */
  get ready() {
    return this.#making ?? Promise.resolve(null);
  }

  get experiment() {
    return this.#run?.experiment ?? null;
  }

  /** The experiment's own API (its extra calls), once the run is made. */
  get inner() {
    return this.#run?.inner ?? null;
  }

  play() {
    this.#playWhenMade = !this.#run;
    this.#run?.play();
  }

  pause() {
    this.#playWhenMade = false;
    this.#run?.pause();
  }

  isPlaying() {
    return this.#run?.isPlaying() ?? false;
  }

  snapshot() {
    return this.#run?.snapshot() ?? null;
  }

  history() {
    return this.#run?.history() ?? null;
  }

  step(n) {
    return this.#call((run) => run.step(n));
  }

  reset(patch) {
    return this.#call((run) => run.reset(patch));
  }

  configure(patch) {
    return this.#call((run) => run.configure(patch));
  }

  setBackend(choice) {
    return this.#call((run) => run.setBackend(choice));
  }

  apply(patch) {
    return this.#call((run) => run.apply(patch));
  }

  bench(workload, options) {
    return this.#call((run) => run.bench(workload, options));
  }

  /** `fn(snapshot)` after every change of this element's runs (a new run included). */
  subscribe(fn) {
    checkListener(fn);
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Stops and frees the run; the element makes a new one when it enters a page again. */
  destroy() {
    this.#generation += 1;
    this.#unsubscribe();
    this.#run?.destroy();
    this.#run = null;
    this.#making = null;
    this.#changed.clear();
    this.#place.replaceChildren();
  }

  async #call(fn) {
    const run = await this.ready;
    if (!run) throw new Error(`<gan-playground> has no run: ${this.#problems.get().errors.map((e) => e.message).join('; ') || 'it is not in a page'}`);
    return fn(run); // a failure shows in the run's banner, which fires `error`
  }

  // ---- Runs ----

  #start() {
    const generation = ++this.#generation;
    for (const source of ['run', 'rejected', 'foreign']) this.#problem(source, null); // the new run says
    const stage = h('div', { class: 'run' }, h('p', { class: 'loading' }, 'Starting…'));
    this.#place.replaceChildren(stage);
    this.#making = this.#make(stage, generation).catch((error) => {
      if (generation === this.#generation) {
        stage.replaceChildren();
        this.#problem('run', `The playground could not start: ${error.message}`);
      }
      return null;
    });
  }

  async #make(stage, generation) {
    const experiment = experimentOf(this);
    const dataBase = read(this, 'data-base');
    const { settings, foreign } = settingsOf(this, experiment);
    this.#problem('foreign', foreign.length > 0 ? foreignMessage(experiment, foreign) : null);
    // A setting the run refuses is left out, named in the banner, and the rest kept.
    const { made: run, rejected } = await createFromAddress((s) => create(stage, { experiment, dataBase, ...s }), settings);
    if (generation !== this.#generation) {
      run.destroy();
      return null;
    }
    this.#problem('run', null);
    this.#problem('rejected', rejected.length > 0 ? `Left out (the run goes on without it): ${rejected.join('; ')}` : null);
    this.#run = run;
    // Every error the run's banner shows (a failed call, a click in its views, a failed
    // chunk, a crash) fires `error` on the element.
    const unsubscribe = [run.subscribe((snapshot) => this.#emit(snapshot)), run.onError((message) => this.#fire('error', { message }))];
    this.#unsubscribe = () => unsubscribe.forEach((stop) => stop());
    this.#emit(run.snapshot());
    this.#layout();
    if (this.#playWhenMade || read(this, 'autoplay')) run.play();
    this.#playWhenMade = false;
    return run;
  }

  #flush() {
    const names = [...this.#changed];
    this.#changed.clear();
    this.#applying = this.#applying.then(() => this.#apply(names));
  }

  /** Applies changed run and setting attributes: a new run, or the least that makes the run match. */
  async #apply(names) {
    const settingNames = names.filter((name) => ATTRIBUTES[name].to === 'setting');
    // A new run: for a run attribute; for a setting taken away (it has no value to go back
    // to but the default); and for a run that started without some of its attributes, so
    // that they are all tried again.
    const leftOut = this.#problems.get().errors.some((e) => e.id === 'rejected');
    if (names.some((name) => ATTRIBUTES[name].to === 'run') || settingNames.some((name) => !this.hasAttribute(name)) || leftOut) {
      this.destroy();
      this.#start();
      return;
    }
    const making = this.#making;
    const run = await making;
    if (making !== this.#making) return; // a newer run read the attributes itself
    if (!run) {
      this.#start(); // the last one failed: these attributes may do
      return;
    }
    const { foreign } = settingsOf(this, run.experiment);
    this.#problem('foreign', foreign.length > 0 ? foreignMessage(run.experiment, foreign) : null);
    try {
      await run.apply(changes(this, run.experiment, settingNames));
    } catch {
      // The run's banner shows it, which fired `error` (and the run is as it was).
    }
  }

  // ---- What shows ----

  /** The parts the `controls` and `views` attributes leave out are hidden; the size is set. */
  #layout() {
    const chosen = {};
    const wrong = [];
    for (const name of LAYOUT) {
      try {
        chosen[name] = read(this, name);
      } catch (error) {
        wrong.push(error.message);
      }
    }
    const size = [chosen.width && `width: ${chosen.width};`, chosen.height && `height: ${chosen.height}; overflow: auto;`].filter(Boolean);
    this.#rules.textContent = [hidingRules(chosen), size.length > 0 ? `:host { ${size.join(' ')} }` : ''].join('\n');
    // The names are checked against the UI's own, once there is one.
    if (this.#run) wrong.push(...unknownParts(this.#place, chosen, this.#run.experiment));
    this.#problem('layout', wrong.length > 0 ? wrong.join('; ') : null);
  }

  /** Shows `message` in the element's banner as the problem of `source` (null: none any more). */
  #problem(source, message) {
    const errors = this.#problems.get().errors;
    const old = errors.find((e) => e.id === source);
    if ((old?.message ?? null) === message) return;
    const others = errors.filter((e) => e.id !== source);
    this.#problems.set({ errors: message ? [...others, { id: source, message, count: 1 }] : others });
    if (message) this.#fire('error', { message });
  }

  #emit(snapshot) {
    for (const fn of [...this.#listeners]) {
      try {
        fn(snapshot);
      } catch (error) {
        console.error('<gan-playground> subscriber failed', error);
      }
    }
    this.#fire('snapshot', snapshot);
  }

  #fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
