// One API shape for every experiment (issue 12, first step): an adapter over the four
// experiment APIs, until they become one.
//
//   const run = await create(element, { experiment: 'faces' | 'toy_gan' | 'autoencoder' | 'image_gan',
//                                       ui: true, wasmUrl, dataBase, ...settings });
//   run.play(); run.pause(); await run.step(n); await run.reset(patch);
//   await run.configure(patch);     // the settings that change live; others reject
//   await run.apply(patch);         // any settings: live ones in place, else a reset
//   await run.setBackend('auto' | 'webgpu' | 'cpu'); run.snapshot(); run.history();
//   run.subscribe(fn); run.onError(fn); await run.bench(workload, {backend}); run.destroy();
//   run.inner                       // the experiment's own API (its extra calls)
//
// Every snapshot comes in one envelope: {experiment, iteration, backend: {kind, name,
// reason, fallbackAdapter, ...}, config, preset, ...the experiment's own fields}; every
// history in one shape: {losses: [a row per iteration], metrics: [a row per snapshot]}.

import { SETTINGS } from './address.js';
import SCHEMA from './settings.generated.js';
import { bench } from './bench.js';
import { createPlayground } from './faces/api.js';
import { createGame } from './toy_gan/api.js';
import { mountGameUi } from './toy_gan/ui.js';
import { createLab } from './autoencoder/api.js';
import { mountLabUi } from './autoencoder/ui.js';
import { createImageGan } from './image_gan/api.js';
import { mountImageGanUi } from './image_gan/ui.js';
import { checkListener, described } from './runner.js';

/** The experiments, by the names Rust, the address and the element use (address.js's table). */
export const EXPERIMENTS = Object.keys(SETTINGS);

const MAKERS = {
  faces: (element, settings, { ui, wasmUrl }) => createPlayground(element, { ...settings, ui, wasmUrl }),
  toy_gan: (element, settings, { ui, wasmUrl }) => createGame(element, settings, { wasmUrl, mount: ui ? mountGameUi : undefined }),
  autoencoder: (element, settings, { ui, wasmUrl, dataBase }) => createLab(element, settings, { wasmUrl, dataBase, mount: ui ? mountLabUi : undefined }),
  image_gan: (element, settings, { ui, wasmUrl, dataBase }) =>
    createImageGan(element, settings, { wasmUrl, dataBase, mount: ui ? mountImageGanUi : undefined }),
};

/**
 * The settings `configure` changes without a rebuild, per experiment; the others need `reset`.
 * Rust's schema's live ones (settings.generated.js), but the backend: that switches through
 * `setBackend`.
 */
export const LIVE = Object.fromEntries(
  Object.entries(SCHEMA).map(([experiment, settings]) => [experiment, settings.filter((s) => s.live && s.name !== 'backend').map((s) => s.name)]),
);

const CONFIGURE = {
  async faces(inner, patch) {
    const { learningRate, engine, ...rest } = patch;
    refuseOthers('faces', rest, LIVE.faces.join(', '));
    if (learningRate !== undefined) await inner.setLearningRate(learningRate);
    if (engine !== undefined) await inner.setEngine(engine);
  },
  toy_gan: (inner, patch) => inner.configure(patch),
  async autoencoder(inner, patch) {
    refuseOthers('autoencoder', patch, 'none: every setting rebuilds the run, use reset');
  },
  image_gan: (inner, patch) => inner.configure(patch),
};

function refuseOthers(experiment, rest, live) {
  const names = Object.keys(rest);
  if (names.length > 0) {
    throw new Error(`configure: ${names.join(', ')} cannot change live in ${experiment} (live: ${live})`);
  }
}

/** `patch` when it is an object of settings; else the error Rust gives its own calls. */
function settingsArgument(call, patch) {
  if (patch !== null && typeof patch === 'object' && !Array.isArray(patch)) return patch;
  throw new Error(`${call}(patch): patch must be an object of settings, like {seed: 7}; got ${described(patch)}`);
}

/** A snapshot in the envelope every experiment shares. */
export function envelope(experiment, s) {
  return {
    ...s,
    experiment,
    iteration: s.iteration ?? s.epoch,
    backend: s.backendInfo ?? s.backend,
    config: s.config ?? { seed: s.seed, learningRate: s.learningRate, engine: s.engine },
    preset: s.preset ?? null,
  };
}

export async function create(element, { experiment = 'faces', ui = true, wasmUrl, dataBase, ...settings } = {}) {
  if (!EXPERIMENTS.includes(experiment)) {
    throw new Error(`unknown experiment ${JSON.stringify(experiment)} (use ${EXPERIMENTS.join(', ')})`);
  }
  const inner = await MAKERS[experiment](element, settings, { ui, wasmUrl, dataBase });
  const wrap = (s) => envelope(experiment, s);
  // Every failure shows in the run's banner (once: the runner marks what it showed), so
  // that `onError` hears of all of them.
  let destroyed = false; // then there is no banner to show anything in
  const shown = (promise) =>
    promise.catch((error) => {
      if (!destroyed && !error?.shown && !inner.store.get().errors.some((e) => e.message === error?.message)) inner.reportError(error);
      throw error;
    });
  const after = (promise) => shown(promise.then(() => wrap(inner.snapshot())));
  const run = {
    experiment,
    play: () => inner.play(),
    pause: () => inner.pause(),
    isPlaying: () => inner.isPlaying(),
    step: (n = 1) => after(inner.step(n)),
    reset: (patch = {}) => after(Promise.resolve().then(() => inner.reset(settingsArgument('reset', patch)))),
    configure: (patch = {}) => after(Promise.resolve().then(() => CONFIGURE[experiment](inner, settingsArgument('configure', patch)))),
    setBackend: (choice) => after(inner.setBackend(choice)),
    /**
     * Changes the run the least it can to take `changed` settings: the device through
     * setBackend and the live settings through configure, or, if any other is among them,
     * a reset with them all.
     */
    async apply(changed) {
      const { backend, ...rest } = await shown(Promise.resolve().then(() => settingsArgument('apply', changed)));
      if (Object.keys(rest).some((key) => !LIVE[experiment].includes(key))) return run.reset(changed);
      if (backend !== undefined) await run.setBackend(backend);
      return Object.keys(rest).length > 0 ? run.configure(rest) : wrap(inner.snapshot());
    },
    snapshot: () => wrap(inner.snapshot()),
    /** `{losses: [per iteration: the objective's terms], metrics: [per snapshot] }`, one shape for all. */
    history() {
      const h = inner.history();
      return Array.isArray(h) ? { losses: h, metrics: [] } : h;
    },
    subscribe(fn) {
      checkListener(fn);
      return inner.subscribe((s) => fn(wrap(s)));
    },
    bench(workload, options = {}) {
      inner.pause();
      return shown(bench(workload, { ...options, host: inner.host }));
    },
    /** Shows a message in the run's error banner. */
    reportError: (message) => inner.reportError(message),
    /**
     * `fn(message)` for each error the run's banner shows from now on: a failed call, a
     * click in its views, a chunk that failed while playing, a crash. Returns a function
     * that stops it.
     */
    onError(fn) {
      checkListener(fn, 'onError(fn)', 'with each error message');
      const counts = new Map(inner.store.get().errors.map((e) => [e.id, e.count]));
      return inner.store.subscribe(({ errors }) => {
        for (const { id, count, message } of errors) {
          if (counts.get(id) === count) continue;
          counts.set(id, count);
          fn(message);
        }
      });
    },
    destroy() {
      destroyed = true;
      inner.destroy();
    },
    inner,
  };
  return run;
}
