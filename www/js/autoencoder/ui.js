// The autoencoder views (THEORY.md §6), laid out: the controls, originals beside (noisy
// inputs and) reconstructions, the loss curves with KL on its own and the held-out loss,
// the latent space, the decoded grid of a 2-D latent space, prior samples of an
// autoencoder and a VAE side by side, anomaly scores, and compression against PCA. Each
// card's drawing lives in its own module. Controls and cards name themselves (data-control,
// data-view), for the <gan-playground> element's `controls` and `views`.

import { h } from '../dom.js';
import { mountPresets } from '../views/presets.js';
import { schedule } from '../frame.js';
import * as errors from '../views/errors.js';
import { lineChart } from '../charts.js';
import { SETS } from './data.js';
import { figure, picture, pictures, scaleFor } from './pictures.js';
import { mountLatent } from './latent.js';
import { mountGeneration } from './generation.js';
import { mountAnomaly } from './anomaly.js';
import { mountCompression } from './compression.js';

/** Twelve images across a card about 380 px wide. */
const gridScale = (width) => (width <= 8 ? 3 : width <= 20 ? 1.5 : width <= 28 ? 1 : 0.45);

export function mountLabUi(element, store, api) {
  const places = { errors: h('div', { class: 'slot' }) };
  const status = h('span', { class: 'status' });
  const iteration = h('output', { class: 'epoch' });
  const fail = () => {};
  const reset = (patch, text) => api.reset(patch).then(() => (status.textContent = text), fail);
  const field = (label, el) => h('label', { 'data-control': label === 'backend' ? 'backend' : 'settings' }, label, ' ', el, label === 'noiseLevel' ? noiseShown : null);
  const numberInput = (name, attrs) =>
    h('input', { type: 'number', name, 'aria-label': name, ...attrs, onchange: (e) => reset({ [name]: Number(e.target.value) }, `rebuilt: ${name}`) });
  const selectInput = (name, options) =>
    h('select', { name, 'aria-label': name, onchange: (e) => reset({ [name]: e.target.value }, `rebuilt: ${name}`) }, options.map(([v, t]) => h('option', { value: v }, t ?? v)));
  const checkbox = (name) => h('input', { type: 'checkbox', name, 'aria-label': name, onchange: (e) => reset({ [name]: e.target.checked }, `rebuilt: ${name}`) });
  const fields = {
    data: selectInput('data', Object.entries(SETS).map(([k, s]) => [k, s.title])),
    latent: numberInput('latent', { min: 1, max: 256, step: 1 }),
    variational: checkbox('variational'),
    conv: checkbox('conv'),
    twin: checkbox('twin'),
    loss: selectInput('loss', [['mae', 'MAE'], ['mse', 'MSE'], ['bce', 'BCE']]),
    beta: numberInput('beta', { min: 0, step: 'any' }),
    corruption: selectInput('corruption', [['none'], ['gaussian'], ['salt-and-pepper'], ['masking']]),
    noiseLevel: h('input', { type: 'range', name: 'noiseLevel', 'aria-label': 'noiseLevel', min: 0, max: 1, step: 0.05, onchange: (e) => reset({ noiseLevel: Number(e.target.value) }, 'rebuilt: noiseLevel'), oninput: (e) => (noiseShown.textContent = Number(e.target.value).toFixed(2)) }),
    // The device switches live, keeping the weights (the other settings rebuild the run).
    backend: h('select', { name: 'backend', 'aria-label': 'backend', onchange: (e) => api.setBackend(e.target.value).then(() => (status.textContent = `switched to ${e.target.value}`), fail) }, ['auto', 'webgpu', 'cpu'].map((v) => h('option', { value: v }, v))),
  };
  const noiseShown = h('output', { class: 'slider-value' });
  const valueOf = (k, s) => (k === 'backend' ? s.backend.choice : k === 'data' ? s.data : k === 'twin' ? Boolean(s.twin) : s.config[k]);
  // The presets (crate/presets/lab.rs), each naming its data set: "Autoencoder" after "Frey"
  // runs on the digits again. A snapshot says which preset the run is, with its claim judged.
  const presets = mountPresets(
    api.presets,
    (id, title) => reset({ preset: id }, `preset: ${title}`),
    'Your own settings: pick a preset for a guided tour, or change any setting below (each rebuilds the run).',
  );
  const play = h('button', { type: 'button', class: 'primary', 'data-control': 'play', onclick: () => (api.isPlaying() ? api.pause() : api.play()) }, 'Play');
  const controls = h(
    'section',
    { class: 'card game-controls' },
    presets.buttons,
    presets.explanation,
    presets.claim,
    h('div', { class: 'control-row' }, play, h('button', { type: 'button', 'data-action': 'step', 'data-control': 'step', onclick: () => api.step(1).catch(fail) }, 'step'), h('button', { type: 'button', 'data-control': 'more', onclick: () => api.step(100).catch(fail) }, '+100'), h('button', { type: 'button', 'data-control': 'reset', onclick: () => reset({}, 'reset') }, 'Reset'), h('span', { class: 'epoch-box' }, 'iteration ', iteration), status),
    h('div', { class: 'control-row' }, Object.entries(fields).map(([k, el]) => field(k, el))),
  );

  const rows = h('div', { class: 'recon-rows' });
  const lossCanvas = h('canvas', { class: 'metric-chart' });
  // KL (a few nats) on its own axis: beside the reconstruction sum (tens) it would be a flat line.
  const klCanvas = h('canvas', { class: 'metric-chart kl-chart' });
  const lossReadout = h('p', { class: 'readout loss-readout' });
  const lossNote = h('p', { class: 'hint' });
  const grid = h('div', { class: 'mosaic' });
  const latent = mountLatent(api);
  const generation = mountGeneration();
  const anomaly = mountAnomaly(api);
  const compression = mountCompression();

  const card = (title, name, ...children) => h('section', { class: 'card', 'data-card': name, 'data-view': name }, h('h3', {}, title), ...children);
  const root = h(
    'div',
    { class: 'gp game ae' },
    places.errors,
    controls,
    h(
      'div',
      { class: 'ae-grid' },
      card('Originals, inputs and reconstructions (held out)', 'reconstructions', rows),
      card('Losses', 'losses', lossReadout, lossCanvas, klCanvas, lossNote),
      card('The latent space', 'latent', latent.element),
      card('Decoded grid over z (2-D latent)', 'grid', grid),
      card('Generation: random z through the decoder', 'generation', generation.element),
      card('Anomaly scores', 'anomaly', anomaly.element),
      card('Compression against PCA', 'compression', compression.element),
    ),
  );
  element.replaceChildren(root);
  errors.mount(places.errors, store);

  let shown = null;
  function render() {
    const { snapshot: s, history, playing, run } = store.get();
    play.textContent = playing ? 'Pause' : 'Play';
    iteration.textContent = s.iteration.toLocaleString('en');
    for (const [k, el] of Object.entries(fields)) {
      if (el.getRootNode().activeElement === el) continue; // the document's, or a shadow root's
      if (el.type === 'checkbox') el.checked = Boolean(valueOf(k, s));
      else el.value = String(valueOf(k, s));
    }
    noiseShown.textContent = Number(s.config.noiseLevel).toFixed(2);
    // The text, the claim and the marked button follow the settings (a preset, a link, a change).
    presets.render(s.preset);
    if (s === shown) return;
    shown = s;
    const scale = scaleFor(s.width);
    const noisy = s.config.corruption !== 'none' && s.config.noiseLevel > 0;
    const line = (label, images, captions) =>
      h('div', { class: 'recon-row' }, h('span', { class: 'row-label' }, label), images.map((p, k) => (captions ? figure(p, s, captions[k], scale) : picture(p, s.width, s.height, scale))));
    // Each reconstruction's error against its clean original.
    const errors = s.reconstructions.map((r, k) => r.reduce((sum, v, i) => sum + Math.abs(v - s.originals[k][i]), 0).toFixed(1));
    rows.replaceChildren(
      ...[line('original', s.originals), noisy && line('noisy input', s.inputs), line('reconstruction · Σ|x̂ − x|', s.reconstructions, errors)].filter(Boolean),
    );
    const step = Math.max(1, Math.floor(history.length / 600));
    const pts = (f) => history.filter((_, i) => i % step === 0).map((r, k) => [k * step + 1, f(r)]);
    const variational = s.config.variational;
    lineChart(lossCanvas, {
      series: [
        { points: pts((r) => r.reconstruction), colour: '#2563eb' },
        { points: pts((r) => r.total), colour: '#ea580c' },
        { points: s.heldOutLosses.map((p) => [p.iteration, p.total]), colour: '#15803d', dash: [5, 3] },
      ],
    });
    klCanvas.hidden = !variational;
    if (variational) lineChart(klCanvas, { series: [{ points: pts((r) => r.kl ?? NaN), colour: '#7c3aed' }] });
    const n = (x) => (x === null || x === undefined ? '–' : x.toFixed(x < 10 ? 2 : 1));
    const l = s.losses;
    const heldOut = s.heldOutLosses.at(-1)?.total;
    lossReadout.textContent = l
      ? [`reconstruction ${n(l.reconstruction)}`, variational && `KL ${n(l.kl)}`, variational && `total ${n(l.total)}`, `held-out ${n(heldOut)}`].filter(Boolean).join(' · ')
      : 'no step yet';
    const unit = { bce: 'Σ binary cross-entropy over the pixels (nats)', mse: 'Σ(x̂ − x)² over the pixels', mae: 'Σ|x̂ − x| over the pixels' }[s.config.loss] ?? s.config.loss;
    lossNote.textContent = variational
      ? `Per iteration, per image (averaged over the batch): reconstruction (blue), ${unit}; KL(q(z|x) ‖ N(0, I)) below (purple, nats); total = reconstruction + β·KL with β = ${s.config.beta} (orange), and the same total on the held-out images (green, dashed). With BCE and β = 1 the total is the negative ELBO, −E_q[log p(x|z)] + KL, a bound on −log p(x).`
      : `Per iteration, per image (averaged over the batch): reconstruction (blue) and total (orange; the same, no KL term without a VAE), ${unit}; the held-out total (green, dashed).`;
    if (s.grid) pictures(grid, s.grid, s.width, s.height, gridScale(s.width));
    else grid.replaceChildren(h('p', { class: 'hint' }, 'Set the latent size to 2 (e.g. the VAE presets) for the decoded grid.'));
    grid.style.gridTemplateColumns = s.grid ? `repeat(${Math.round(Math.sqrt(s.grid.length))}, auto)` : '';
    latent.render(s, run);
    generation.render(s);
    anomaly.render(s);
    compression.render(s);
  }
  render();
  return store.subscribe(() => schedule(render));
}
