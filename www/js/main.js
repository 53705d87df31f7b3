// The hosted page: settings from the address, one playground in #app, the address kept in
// step with the run. Tests use window.playground and wait for body[data-ready="1"].

import { createPlayground, enqueue, loadWasm } from './api.js';
import { rendered } from './frame.js';
import { readUrlState, writeUrlState, settingsOf } from './url_state.js';
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

/**
 * `bench(workload, {backend})` resolves to `{itersPerSec, ...}`: "toy2d" (the 2-D GAN) or
 * "vae8" (a VAE on the 8×8 digits, fetched for it), run in this page.
 */
async function bench(workload = 'toy2d', { backend = 'auto' } = {}) {
  const wasm = await loadWasm();
  let data;
  if (workload === 'vae8') {
    const response = await fetch(new URL('../data/digits8x8.u8', import.meta.url));
    if (!response.ok) throw new Error(`could not fetch the 8×8 digits: HTTP ${response.status}`);
    data = new Uint8Array(await response.arrayBuffer());
  }
  return enqueue(() => wasm.bench(workload, backend, data));
}

function markTabs() {
  for (const tab of document.querySelectorAll('[data-mode]')) {
    tab.classList.toggle('active', tab.dataset.mode === mode());
  }
}

async function startGame() {
  const wanted = readGameState();
  let game;
  try {
    game = await createGame(app, wanted, { mount: mountGameUi });
  } catch (error) {
    if (Object.keys(wanted).length === 0) throw error;
    game = await createGame(app, {}, { mount: mountGameUi });
    game.reportError(`The settings in the address were rejected: ${error.message}`);
  }
  const bare = game.bench;
  window.game = game;
  window.playground = Object.assign(game, {
    bench: (workload, options) => (game.pause(), workload === 'toy2d' ? bare(workload, options) : bench(workload, options)),
  });
  writeGameState(game.snapshot());
  game.subscribe((snapshot) => writeGameState(snapshot));
  await rendered();
  document.body.dataset.ready = '1';
}

async function startLab() {
  const wanted = readLabState();
  let lab;
  try {
    lab = await createLab(app, wanted, { mount: mountLabUi });
  } catch (error) {
    if (Object.keys(wanted).length === 0) throw error;
    lab = await createLab(app, {}, { mount: mountLabUi });
    lab.reportError(`The settings in the address were rejected: ${error.message}`);
  }
  writeLabState(lab.snapshot());
  lab.subscribe((snapshot) => writeLabState(snapshot));
  window.lab = lab;
  window.playground = Object.assign(lab, { bench: (workload, options) => (lab.pause(), bench(workload, options)) });
  await rendered();
  document.body.dataset.ready = '1';
}

async function start() {
  markTabs();
  window.addEventListener('hashchange', () => {
    if (document.body.dataset.mode !== mode()) window.location.reload();
  });
  document.body.dataset.mode = mode();
  if (mode() === 'game') return startGame();
  if (mode() === 'ae') return startLab();
  const wanted = readUrlState();
  let playground;
  try {
    playground = await createPlayground(app, wanted);
  } catch (error) {
    if (Object.keys(wanted).length === 0) throw error;
    // A hand-edited address can hold bad settings: start from the defaults and say why.
    playground = await createPlayground(app, {});
    playground.reportError(`The settings in the address were rejected: ${error.message}`);
  }
  window.playground = playground;
  playground.bench = (workload, options) => (playground.pause(), bench(workload, options));
  writeUrlState(settingsOf(playground.snapshot()));
  playground.subscribe((snapshot) => writeUrlState(settingsOf(snapshot)));
  window.addEventListener('hashchange', () => mode() === 'faces' && follow(playground, readUrlState()));
  await rendered();
  document.body.dataset.ready = '1';
}

// An address edited by hand: a new seed or preset starts a new run, the rest changes live.
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

start().catch((error) => {
  console.error(error);
  app.replaceChildren(
    Object.assign(document.createElement('p'), {
      className: 'fatal',
      textContent: `The playground could not start: ${error.message}`,
    }),
  );
});
