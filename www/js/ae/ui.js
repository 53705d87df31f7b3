// The autoencoder views (THEORY.md §6), laid out: the controls, originals beside (noisy
// inputs and) reconstructions, the loss curves with KL on its own and the held-out loss,
// the latent space, the decoded grid of a 2-D latent space, prior samples of an
// autoencoder and a VAE side by side, anomaly scores, and compression against PCA. Each
// card's drawing lives in its own module.

import { h } from '../dom.js';
import { schedule } from '../frame.js';
import * as errors from '../views/errors.js';
import { lineChart } from '../game/plot.js';
import { SETS } from './data.js';
import { figure, picture, scaleFor } from './pictures.js';
import { mountLatent } from './latent.js';
import { mountGeneration } from './generation.js';
import { mountAnomaly } from './anomaly.js';
import { mountCompression } from './compression.js';

// Every preset names its data set too: "Autoencoder" after "Frey" runs on the digits again.
const PLAIN = { data: 'digits8', variational: false, linear: false, conv: false, twin: false, hidden: [128], corruption: 'none', noiseLevel: 0, learningRate: 1e-3 };
export const PRESETS = [
  { id: 'ae', title: 'Autoencoder', settings: { ...PLAIN, latent: 8, loss: 'mae' }, text: 'An encoder squeezes each image into a code of 8 numbers and a decoder rebuilds it; trained on the mean absolute error, the note\'s choice. Compare its held-out error with PCA keeping as many numbers.' },
  // Adam at 0.01: at the default 0.001 the linear AE was still at 4.00 against PCA's 1.57 after 1000
  // iterations. tests/autoencoder.rs (the_pca_preset_reaches_pca_within_its_budget) holds the text to it.
  { id: 'pca', title: 'This is PCA', settings: { ...PLAIN, linear: true, hidden: [], latent: 8, loss: 'mse', learningRate: 0.01 }, text: 'One linear layer each way, trained on squared error: it learns the same subspace as PCA, so its held-out error comes down to PCA\'s line and cannot beat it (natively, seed 1: 1.61 against PCA\'s 1.57 after 1000 iterations, equal by 1500).' },
  { id: 'conv', title: 'Convolutional', settings: { ...PLAIN, conv: true, latent: 16, loss: 'mse' }, text: 'Two stride-2 convolutions (8 and 16 filters of 3×3) before the dense layers, two transposed ones after: filters shared across the image, so edges are learnt once for every place.' },
  { id: 'dae', title: 'Denoising', settings: { ...PLAIN, latent: 16, loss: 'mae', corruption: 'gaussian', noiseLevel: 0.3 }, text: 'The input is spoiled (here Gaussian noise), the target stays clean: the network learns what digits look like and removes what does not belong.' },
  { id: 'vae', title: 'VAE, 2-D latent', settings: { ...PLAIN, variational: true, twin: true, latent: 2, loss: 'bce', beta: 1 }, text: 'The encoder gives a Gaussian per image, z = μ + σ·ε is decoded, and the KL term pulls every Gaussian towards N(0, I). The latent space fills without holes: the grid decodes to digits everywhere, and so do samples from the prior. A plain autoencoder trains alongside: its samples are not promised to be anything, and they cover far fewer digits (after 1000 iterations the classifier\'s spread over the digits is about 2.1 nats for the VAE, 1.1 for the AE; it is just as sure of either\'s samples).' },
  { id: 'frey', title: 'VAE on Frey faces', settings: { ...PLAIN, data: 'frey', variational: true, twin: true, latent: 2, loss: 'bce', beta: 1 }, text: 'The manifold figure of Kingma and Welling: a 2-D VAE on 1965 frames of one face. Walk across the decoded grid and the pose and expression change smoothly.' },
];

/** Twelve images across a card about 380 px wide. */
const gridScale = (width) => (width <= 8 ? 3 : width <= 20 ? 1.5 : width <= 28 ? 1 : 0.45);

export function mountLabUi(element, store, api) {
  const places = { errors: h('div', { class: 'slot' }) };
  const status = h('span', { class: 'status' });
  const iteration = h('output', { class: 'epoch' });
  const explanation = h('p', { class: 'explanation' });
  const fail = () => {};
  const reset = (patch, text) => api.reset(patch).then(() => (status.textContent = text), fail);
  const field = (label, el) => h('label', {}, label, ' ', el, label === 'noiseLevel' ? noiseShown : null);
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
  // The preset the run's settings match (e.g. opened from a link), if any.
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const matching = (s) =>
    PRESETS.filter((p) => Object.entries(p.settings).every(([k, v]) => same(valueOf(k, s), v)))
      .sort((p, q) => Object.keys(q.settings).length - Object.keys(p.settings).length)[0]; // the most specific
  const play = h('button', { type: 'button', class: 'primary', onclick: () => (api.isPlaying() ? api.pause() : api.play()) }, 'Play');
  const controls = h(
    'section',
    { class: 'card game-controls' },
    h(
      'div',
      { class: 'presets' },
      PRESETS.map((p) =>
        h('button', { type: 'button', class: 'preset', 'data-preset': p.id, onclick: () => reset(p.settings, `preset: ${p.title}`) }, p.title),
      ),
    ),
    explanation,
    h('div', { class: 'control-row' }, play, h('button', { type: 'button', 'data-action': 'step', onclick: () => api.step(1).catch(fail) }, 'step'), h('button', { type: 'button', onclick: () => api.step(100).catch(fail) }, '+100'), h('button', { type: 'button', onclick: () => reset({}, 'reset') }, 'Reset'), h('span', { class: 'epoch-box' }, 'iteration ', iteration), status),
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

  const card = (title, name, ...children) => h('section', { class: 'card', 'data-card': name }, h('h3', {}, title), ...children);
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
      if (document.activeElement === el) continue;
      if (el.type === 'checkbox') el.checked = Boolean(valueOf(k, s));
      else el.value = String(valueOf(k, s));
    }
    noiseShown.textContent = Number(s.config.noiseLevel).toFixed(2);
    // The text and the marked button follow the settings (a preset, a link, a change).
    const preset = matching(s);
    explanation.textContent = preset?.text ?? 'Your own settings: pick a preset for a guided tour, or change any setting below (each rebuilds the run).';
    for (const button of controls.querySelectorAll('[data-preset]')) button.classList.toggle('active', button.dataset.preset === preset?.id);
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
    grid.replaceChildren(...(s.grid ? s.grid.map((p) => picture(p, s.width, s.height, gridScale(s.width))) : [h('p', { class: 'hint' }, 'Set the latent size to 2 (e.g. the VAE presets) for the decoded grid.')]));
    grid.style.gridTemplateColumns = s.grid ? `repeat(${Math.round(Math.sqrt(s.grid.length))}, auto)` : '';
    latent.render(s, run);
    generation.render(s);
    anomaly.render(s);
    compression.render(s);
  }
  render();
  return store.subscribe(() => schedule(render));
}
