// The hosted page: one tab per experiment, settings from the address, the address kept in
// step with the shown run. A tab is started on its first visit and kept (paused, detached)
// when another is shown, so switching tabs never reloads the page nor loses a run.
// Tests use window.playground (the shown tab's API), window.game and window.lab, and wait
// for body[data-ready="1"] (body[data-mode] says which tab it is for).

import { createPlayground } from './api.js';
import { bench } from './bench.js';
import { rendered } from './frame.js';
import { createFromAddress, readUrlState, writeUrlState, settingsOf } from './url_state.js';
import { createGame } from './game/api.js';
import { mountGameUi } from './game/ui.js';
import { readGameState, writeGameState } from './game/url.js';
import { createLab } from './ae/api.js';
import { mountLabUi } from './ae/ui.js';
import { readLabState, writeLabState } from './ae/url.js';

const app = document.getElementById('app');
const MODES = ['faces', 'game', 'ae'];
const mode = () => {
  const wanted = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('mode');
  return MODES.includes(wanted) ? wanted : 'faces';
};

// A test hook: a deliberate panic in Rust, in the shown tab's worker, to see it recover.
window.playgroundDebug = {
  panic: (later = false) => visible.host.enqueue((wasm) => wasm.debugPanic(Boolean(later))),
};

function markTabs(shown) {
  for (const tab of document.querySelectorAll('[data-mode]')) tab.classList.toggle('active', tab.dataset.mode === shown);
}

/**
 * Starts an experiment from the settings in the address: the ones rejected are dropped
 * (and named in the banner), the rest kept. `write` puts the run's settings in the address.
 */
async function startFromAddress(host, wanted, create, write, snapshotOf = (s) => s) {
  const { made: api, rejected } = await createFromAddress((settings) => create(host, settings), wanted);
  if (rejected.length > 0) api.reportError(`The settings in the address were rejected: ${rejected.join('; ')}`);
  const show = () => write(snapshotOf(api.snapshot()));
  api.subscribe((snapshot) => visible === api && write(snapshotOf(snapshot)));
  return { api, show };
}

/** `bench(workload, {backend})` in a tab's worker, its run paused. */
const benchIn = (api) => (workload, options = {}) => (api.pause(), bench(workload, { ...options, host: api.host }));

const STARTERS = {
  async faces(host) {
    const tab = await startFromAddress(host, readUrlState(), createPlayground, writeUrlState, settingsOf);
    tab.api.bench = benchIn(tab.api);
    return tab;
  },
  async game(host) {
    const tab = await startFromAddress(host, readGameState(), (el, s) => createGame(el, s, { mount: mountGameUi }), writeGameState);
    window.game = tab.api;
    return tab;
  },
  async ae(host) {
    const tab = await startFromAddress(host, readLabState(), (el, s) => createLab(el, s, { mount: mountLabUi }), writeLabState);
    tab.api.bench = benchIn(tab.api);
    window.lab = tab.api;
    return tab;
  },
};

const tabs = new Map(); // mode → {host, started: Promise<{api, show}>}
let shown = null; // the mode shown (or being started)
let visible = null; // the API whose run the address follows

async function show(wanted) {
  if (wanted === shown) return;
  // A hidden tab keeps its run, paused; no longer visible first, so that the pause does not
  // write the hidden tab's settings over the address just asked for.
  const hidden = visible;
  shown = wanted;
  visible = null;
  hidden?.pause();
  Object.assign(document.body.dataset, { mode: wanted, ready: '0' });
  markTabs(wanted);
  if (!tabs.has(wanted)) {
    const host = Object.assign(document.createElement('div'), { className: 'tab-panel' });
    host.append(Object.assign(document.createElement('p'), { className: 'loading', textContent: 'Starting…' }));
    // Attached while it starts: the views measure their canvases when they mount.
    app.replaceChildren(host);
    const started = STARTERS[wanted](host);
    tabs.set(wanted, { host, started });
    started.catch(() => tabs.delete(wanted)); // another visit tries again
  }
  const { host, started } = tabs.get(wanted);
  app.replaceChildren(host);
  const tab = await started;
  if (shown !== wanted) return; // another tab was chosen meanwhile
  visible = tab.api;
  window.playground = tab.api;
  tab.show();
  await rendered();
  document.body.dataset.ready = '1';
}

// An address edited by hand on the faces tab: a new seed or preset starts a new run, the
// rest changes live.
function follow(playground, wanted) {
  const now = settingsOf(playground.snapshot());
  const changed = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => now[key] !== value));
  const ignore = () => {}; // a failure is in the error banner already
  if ('seed' in changed || 'preset' in changed) {
    playground.reset(changed).catch(ignore);
    return;
  }
  if ('backend' in changed) playground.setBackend(changed.backend).catch(ignore);
  if ('engine' in changed) playground.setEngine(changed.engine).catch(ignore);
  if ('learningRate' in changed) playground.setLearningRate(changed.learningRate).catch(ignore);
}

function fatal(error) {
  console.error(error);
  app.replaceChildren(
    Object.assign(document.createElement('p'), {
      className: 'fatal',
      textContent: `The playground could not start: ${error.message}`,
    }),
  );
}

window.addEventListener('hashchange', () => {
  if (mode() !== shown) show(mode()).catch(fatal);
  else if (mode() === 'faces' && visible) follow(visible, readUrlState());
});
show(mode()).catch(fatal);
