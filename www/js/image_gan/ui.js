// The image GAN's views (THEORY.md §2–§5), laid out: the controls (presets with their text and
// claim, play / step / reset, every setting, the device), the fixed-z sample grid and its
// timeline, the latent walk between two picked samples with sliders for one's z, the
// classifier's histogram of the samples, real and fake side by side with D's belief and each
// fake's nearest training image, both losses, the value V(D, G) against −ln 4, D's mean
// verdict against ½, the Fréchet distance and (conditional) the agreement over iterations.
// Each card's drawing lives in its own module. Controls and cards name themselves
// (data-control, data-view), for the <gan-playground> element's `controls` and `views`.

import { h } from '../dom.js';
import { schedule } from '../frame.js';
import * as errors from '../views/errors.js';
import { mountPresets } from '../views/presets.js';
import SCHEMA from '../settings.generated.js';
import { SETS } from '../autoencoder/data.js';
import { mountGrid } from './grid.js';
import { mountLatent } from './latent.js';
import { mountTimeline } from './timeline.js';
import { mountPairs } from './pairs.js';
import { mountLosses, mountValue, mountVerdict } from './losses.js';
import { mountHistogram } from './histogram.js';
import { mountAgreement, mountFrechet } from './quality.js';

/** The settings that change a running GAN (Rust's schema: ImageGanPatch::LIVE); the others rebuild it. */
const LIVE = new Set(SCHEMA.image_gan.filter((s) => s.live && s.name !== 'backend').map((s) => s.name));
/** The sets with a digit to ask for. */
const DIGITS = new Set(['digits8', 'mnist']);
const OBJECTIVES = [
  ['non-saturating', 'non-saturating'],
  ['minimax', 'minimax (saturating)'],
  ['lsgan', 'LSGAN'],
  ['hinge', 'hinge'],
  ['wgan', 'WGAN (clipping)'],
];
const OPTIMIZERS = ['adam', 'sgd', 'momentum', 'rmsprop'];
const ARCHITECTURES = [
  ['dcgan', 'DCGAN (convolutions)'],
  ['mlp', 'MLP (the baseline)'],
];

export function mountImageGanUi(element, store, api) {
  const places = { errors: h('div', { class: 'slot' }) };
  const status = h('span', { class: 'status', 'aria-live': 'polite' });
  const iteration = h('output', { class: 'epoch' });
  const fail = () => {}; // the banner has it
  async function change(name, value) {
    const patch = { [name]: value };
    // Faces have no digit to ask for, and wrong-label pairs need the condition.
    if (name === 'data' && !DIGITS.has(value)) Object.assign(patch, { conditional: false, mismatchedPairs: false });
    if (name === 'conditional' && !value) patch.mismatchedPairs = false;
    // The MLP baseline has no batch norm, and at most 256 units a layer (width 32).
    if (name === 'architecture' && value === 'mlp') Object.assign(patch, { batchNorm: false, width: Math.min(store.get().snapshot.config.width, 32) });
    if (Object.keys(patch).every((k) => LIVE.has(k))) {
      await api.configure(patch).then(() => (status.textContent = `${name} changed live`), fail);
    } else {
      await api.reset(patch).then(() => (status.textContent = `rebuilt: ${name} changed (a new run)`), fail);
    }
  }
  const numberInput = (name, attrs) =>
    h('input', { type: 'number', name, 'aria-label': name, ...attrs, onchange: (e) => change(name, Number(e.target.value)) });
  const selectInput = (name, options) =>
    h('select', { name, 'aria-label': name, onchange: (e) => change(name, e.target.value) }, options.map(([v, t]) => h('option', { value: v }, t ?? v)));
  const checkbox = (name) => h('input', { type: 'checkbox', name, 'aria-label': name, onchange: (e) => change(name, e.target.checked) });
  const fields = {
    data: selectInput('data', Object.entries(SETS).map(([k, s]) => [k, s.title])),
    architecture: selectInput('architecture', ARCHITECTURES),
    objective: selectInput('objective', OBJECTIVES),
    clip: numberInput('clip', { min: 0, step: 'any', title: "WGAN: every critic weight clipped to ±clip" }),
    dSteps: numberInput('dSteps', { min: 1, max: 10, step: 1, title: 'D steps per G step (k)' }),
    batch: numberInput('batch', { min: 1, max: 512, step: 1 }),
    optimizerD: selectInput('optimizerD', OPTIMIZERS.map((o) => [o])),
    learningRateD: numberInput('learningRateD', { min: 0, step: 'any' }),
    optimizerG: selectInput('optimizerG', OPTIMIZERS.map((o) => [o])),
    learningRateG: numberInput('learningRateG', { min: 0, step: 'any' }),
    conditional: checkbox('conditional'),
    mismatchedPairs: checkbox('mismatchedPairs'),
    width: numberInput('width', { min: 1, max: 128, step: 1, title: "DCGAN: base channels of both players (G's last hidden maps, D's first); MLP: an eighth of each hidden layer's units" }),
    noiseDim: numberInput('noiseDim', { min: 1, max: 256, step: 1, title: 'dimensions of z' }),
    batchNorm: checkbox('batchNorm'),
    seed: numberInput('seed', { min: 0, step: 1 }),
    // The device switches live, keeping the weights.
    backend: h(
      'select',
      { name: 'backend', 'aria-label': 'backend', onchange: (e) => api.setBackend(e.target.value).then(() => (status.textContent = `switched to ${e.target.value}`), fail) },
      ['auto', 'webgpu', 'cpu'].map((v) => h('option', { value: v }, v)),
    ),
  };
  const LABELS = { dSteps: 'D steps (k)', learningRateD: 'lr D', learningRateG: 'lr G', optimizerD: 'optimiser D', optimizerG: 'optimiser G', mismatchedPairs: 'wrong-label pairs', noiseDim: 'noise', batchNorm: 'batch norm' };
  const labels = Object.fromEntries(
    Object.entries(fields).map(([k, el]) => [
      k,
      h('label', { 'data-control': k === 'backend' ? 'backend' : 'settings', title: LIVE.has(k) ? 'changes live' : k === 'backend' ? 'switches live, keeping the weights' : 'rebuilds the run' }, LABELS[k] ?? k, ' ', el),
    ]),
  );
  const valueOf = (k, s) => (k === 'backend' ? s.backend.choice : s.config[k]);
  const presets = mountPresets(
    api.presets,
    (id, title) => api.reset({ preset: id }).then(() => (status.textContent = `preset: ${title}`), fail),
    'Your own settings: pick a preset for a guided tour, or change any setting below (the learning rates, objective, k, batch, optimisers and wrong-label pairs change live; the others rebuild the run).',
  );
  const play = h('button', { type: 'button', class: 'primary', 'data-control': 'play', onclick: () => (api.isPlaying() ? api.pause() : api.play()) }, 'Play');
  const backendLine = h('p', { class: 'backend-line' });
  const controls = h(
    'section',
    { class: 'card game-controls' },
    presets.buttons,
    presets.explanation,
    presets.claim,
    h(
      'div',
      { class: 'control-row' },
      play,
      h('button', { type: 'button', 'data-action': 'step', 'data-control': 'step', onclick: () => api.step(1).catch(fail) }, 'step'),
      h('button', { type: 'button', 'data-control': 'more', onclick: () => api.step(100).catch(fail) }, '+100'),
      h('button', { type: 'button', 'data-control': 'reset', onclick: () => api.reset({}).then(() => (status.textContent = 'reset'), fail) }, 'Reset'),
      h('span', { class: 'epoch-box' }, 'iteration ', iteration),
      status,
    ),
    h('div', { class: 'control-row' }, ['data', 'objective', 'clip', 'dSteps', 'batch', 'optimizerD', 'learningRateD', 'optimizerG', 'learningRateG'].map((k) => labels[k])),
    h('div', { class: 'control-row' }, ['architecture', 'conditional', 'mismatchedPairs', 'width', 'noiseDim', 'batchNorm', 'seed', 'backend'].map((k) => labels[k])),
    backendLine,
  );

  const latent = mountLatent(api);
  const views = {
    grid: mountGrid(latent.pick),
    latent,
    histogram: mountHistogram(),
    pairs: mountPairs(),
    timeline: mountTimeline(),
    losses: mountLosses(),
    value: mountValue(),
    verdict: mountVerdict(),
    frechet: mountFrechet(),
    agreement: mountAgreement(),
  };
  const TITLES = {
    grid: 'Samples of fixed z',
    timeline: 'Timeline of the grid',
    latent: 'Latent walk',
    histogram: 'What the samples read as',
    pairs: 'Real and fake, with D\'s belief; the memorisation check',
    losses: 'Losses',
    value: 'Value of the game',
    verdict: "D's verdict",
    frechet: 'Fréchet distance to the real images',
    agreement: 'Agreement with the digit asked for',
  };
  const cards = Object.fromEntries(
    Object.keys(views).map((name) => [name, h('section', { class: `card ig-card-${name}`, 'data-card': name, 'data-view': name }, h('h3', {}, TITLES[name]), views[name].element)]),
  );
  const root = h('div', { class: 'gp game ig' }, places.errors, controls, h('div', { class: 'ig-cards' }, Object.values(cards)));
  element.replaceChildren(root);
  const unmounts = [errors.mount(places.errors, store)];

  let shown = null;
  function render() {
    const { snapshot: s, losses, playing } = store.get();
    play.textContent = playing ? 'Pause' : 'Play';
    iteration.textContent = s.iteration.toLocaleString('en');
    for (const [k, el] of Object.entries(fields)) {
      if (el.getRootNode().activeElement === el) continue; // the document's, or a shadow root's
      if (el.type === 'checkbox') el.checked = Boolean(valueOf(k, s));
      else el.value = String(valueOf(k, s));
    }
    labels.clip.hidden = s.config.objective !== 'wgan';
    fields.mismatchedPairs.disabled = !s.config.conditional;
    fields.conditional.disabled = !DIGITS.has(s.config.data);
    fields.batchNorm.disabled = s.config.architecture === 'mlp';
    presets.render(s.preset);
    const b = s.backend;
    backendLine.textContent = `Computing on ${b.name}${b.fallbackAdapter ? ' (a software adapter: correct, but no measure of GPU speed)' : ''}${b.reason && b.reason !== 'chosen' ? `: ${b.reason}` : ''}.`;
    if (s === shown) return;
    shown = s;
    // The agreement is a conditional GAN's measure: no card without one.
    cards.agreement.hidden = !s.config.conditional;
    for (const [name, view] of Object.entries(views)) {
      try {
        view.render(s, losses);
      } catch (error) {
        console.error(`the ${name} view could not be drawn`, error);
      }
    }
  }
  views.grid.mark(latent.picks());
  render();
  unmounts.push(store.subscribe(() => schedule(render)));
  return () => {
    for (const unmount of unmounts) unmount();
    root.remove();
  };
}
