// The hosted page: one tab per experiment, each made with create() (experiment.js) from the
// settings in the address, and the address kept in step with the shown run (address.js). A
// tab is started on its first visit and kept (paused, detached) when another is shown, so
// switching tabs never reloads the page nor loses a run. An address edited by hand changes
// the shown run the least it can: the device, the live settings, else a new run.
// Tests use window.playground (the shown tab's own API, create()'s `inner`, with its bench),
// window.game, window.lab and window.imageGan, and wait for body[data-ready="1"]
// (body[data-mode] says which tab).

import { createFromAddress, experimentIn, readAddress, settingsOf, writeAddress } from './address.js';
import { create } from './experiment.js';
import { rendered } from './frame.js';

const app = document.getElementById('app');
// Where tests find each experiment's own API.
const GLOBALS = { toy_gan: 'game', autoencoder: 'lab', image_gan: 'imageGan' };

// A test hook: a deliberate panic in Rust, in the shown tab's worker, to see it recover.
window.playgroundDebug = {
  panic: (later = false) => visible.inner.host.enqueue((wasm) => wasm.debugPanic(Boolean(later))),
};

function markTabs(shown) {
  for (const tab of document.querySelectorAll('[data-mode]')) tab.classList.toggle('active', tab.dataset.mode === shown);
}

/**
 * Starts an experiment from the settings in the address: the ones rejected are dropped
 * (and named in the banner), the rest kept. The address follows the run while it is shown.
 */
async function start(host, experiment) {
  const { made: run, rejected } = await createFromAddress((settings) => create(host, { experiment, ...settings }), readAddress(experiment));
  if (rejected.length > 0) run.reportError(`The settings in the address were rejected: ${rejected.join('; ')}`);
  run.subscribe((snapshot) => visible === run && writeAddress(experiment, settingsOf(snapshot)));
  if (GLOBALS[experiment]) window[GLOBALS[experiment]] = run.inner;
  return run;
}

const tabs = new Map(); // experiment → {host, started: Promise<run>}
let shown = null; // the experiment shown (or being started)
let visible = null; // the run the address follows

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
    const started = start(host, wanted);
    tabs.set(wanted, { host, started });
    started.catch(() => tabs.delete(wanted)); // another visit tries again
  }
  const { host, started } = tabs.get(wanted);
  app.replaceChildren(host);
  const run = await started;
  if (shown !== wanted) return; // another tab was chosen meanwhile
  visible = run;
  window.playground = withBench(run);
  writeAddress(wanted, settingsOf(run.snapshot()));
  await rendered();
  document.body.dataset.ready = '1';
}

/** The shown tab's own API (the same object as window.faces, .game, .lab, .imageGan), given
 * create()'s bench if it has none: the benchmarks' entry on every tab. */
function withBench(run) {
  run.inner.bench ??= run.bench;
  return run.inner;
}

const same = (a, b) => String(a) === String(b); // lists as "64,64", numbers as text
/** An address edited by hand: the settings that changed, applied the least they can be. */
function follow(run, wanted) {
  const now = settingsOf(run.snapshot());
  const changed = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => !same(now[key], value)));
  if (Object.keys(changed).length > 0) run.apply(changed).catch(() => {}); // shown in the run's banner
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
  const wanted = experimentIn();
  if (wanted !== shown) show(wanted).catch(fatal);
  else if (visible) follow(visible, readAddress(wanted));
});
show(experimentIn()).catch(fatal);
