// Play / pause / step / reset, the epoch counter, and the settings a run is made of. Each
// control names itself (data-control), for the <gan-playground> element's `controls`.

import { h } from '../dom.js';
import { schedule } from '../frame.js';

const ENGINES = [
  ['burn', 'Burn autodiff'],
  ['by-hand', 'by hand: the note’s derivatives'],
];

// A failure is already in the error banner; the view only puts the field back.
const quietly = (promise, undo) => promise.catch(() => undo?.());

const button = (label, title, onclick, extra = {}) => h('button', { type: 'button', title, onclick, ...extra }, label);

export function mount(container, store, api) {
  const play = button('', 'Train until paused', () => (api.isPlaying() ? api.pause() : api.play()), {
    class: 'primary',
    'data-control': 'play',
  });
  const step = button('Step', 'Train one epoch (one pass over the five faces)', () => quietly(api.step(1)), {
    'data-control': 'step',
  });
  const thousand = button('+1000 epochs', 'Train 1000 epochs, as long as the note trained', () => quietly(api.step(1000)), {
    'data-control': 'more',
  });
  const reset = button('Reset', 'Start again from the initial weights of this seed', () => quietly(api.reset({})), {
    'data-control': 'reset',
  });
  const epoch = h('output', { class: 'epoch' });

  const seed = h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric', class: 'seed' });
  const learningRate = h('input', { type: 'number', min: '0', step: 'any', class: 'learning-rate' });
  const engine = h('select', {}, ENGINES.map(([value, label]) => h('option', { value }, label)));

  const snapshot = () => store.get().snapshot;
  // A field keeps what the user is typing until it is committed (change).
  const typing = new Set();
  const field = (input, commit, current) => {
    input.addEventListener('input', () => typing.add(input));
    input.addEventListener('change', () => {
      typing.delete(input);
      quietly(commit(Number(input.value)), () => (input.value = current()));
    });
  };
  field(seed, (value) => api.reset({ seed: value }), () => snapshot().seed);
  field(learningRate, (value) => api.setLearningRate(value), () => snapshot().learningRate);
  engine.addEventListener('change', () =>
    quietly(api.setEngine(engine.value), () => (engine.value = snapshot().engine)),
  );

  container.append(
    h(
      'div',
      { class: 'controls' },
      h('div', { class: 'buttons' }, play, step, thousand, reset),
      h('div', { class: 'epoch-box' }, h('span', { class: 'label' }, 'Epoch'), epoch),
      h('label', { 'data-control': 'settings' }, h('span', { class: 'label' }, 'Seed'), seed),
      h('label', { 'data-control': 'settings' }, h('span', { class: 'label' }, 'Learning rate'), learningRate),
      h('label', { 'data-control': 'settings' }, h('span', { class: 'label' }, 'Gradients'), engine),
    ),
  );

  function render() {
    const { snapshot: snap, playing } = store.get();
    play.textContent = playing ? '❚❚ Pause' : '▶ Play';
    play.setAttribute('aria-pressed', String(playing));
    epoch.textContent = snap.epoch.toLocaleString('en');
    if (!typing.has(seed)) seed.value = snap.seed;
    if (!typing.has(learningRate)) learningRate.value = snap.learningRate;
    engine.value = snap.engine;
  }

  render();
  return store.subscribe(() => schedule(render));
}
