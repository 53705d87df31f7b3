// The hosted page: settings from the address, one playground in #app, the address kept in
// step with the run. Tests use window.playground and wait for body[data-ready="1"].

import { createPlayground } from './api.js';
import { rendered } from './frame.js';
import { readUrlState, writeUrlState, settingsOf } from './url_state.js';

const app = document.getElementById('app');

async function start() {
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
  writeUrlState(settingsOf(playground.snapshot()));
  playground.subscribe((snapshot) => writeUrlState(settingsOf(snapshot)));
  window.addEventListener('hashchange', () => follow(playground, readUrlState()));
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
