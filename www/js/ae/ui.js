// The autoencoder views (THEORY.md §6): originals beside (noisy inputs and) reconstructions,
// the loss curves with KL on its own, the latent space coloured by label, the decoded grid
// of a 2-D latent space, samples from the prior, the anomaly histogram with a drawn input's
// score, and the compression against PCA's error at the same code size.

import { h } from '../dom.js';
import { schedule } from '../frame.js';
import * as errors from '../views/errors.js';
import { lineChart, prepare } from '../game/plot.js';
import { SETS } from './data.js';

const PRESETS = [
  { id: 'ae', title: 'Autoencoder', settings: { variational: false, linear: false, hidden: [128], latent: 8, loss: 'mae', corruption: 'none', noiseLevel: 0 }, text: 'An encoder squeezes each image into a code of 8 numbers and a decoder rebuilds it; trained on the mean absolute error, the note\'s choice. Compare its held-out error with PCA keeping as many numbers.' },
  { id: 'pca', title: 'This is PCA', settings: { variational: false, linear: true, hidden: [], latent: 8, loss: 'mse', corruption: 'none', noiseLevel: 0 }, text: 'One linear layer each way, trained on squared error: it learns the same subspace as PCA, so its error approaches PCA\'s line and cannot beat it.' },
  { id: 'dae', title: 'Denoising', settings: { variational: false, linear: false, hidden: [128], latent: 16, loss: 'mae', corruption: 'gaussian', noiseLevel: 0.3 }, text: 'The input is spoiled (here Gaussian noise), the target stays clean: the network learns what digits look like and removes what does not belong.' },
  { id: 'vae', title: 'VAE, 2-D latent', settings: { variational: true, linear: false, hidden: [128], latent: 2, loss: 'bce', beta: 1, corruption: 'none', noiseLevel: 0 }, text: 'The encoder gives a Gaussian per image, z = μ + σ·ε is decoded, and the KL term pulls every Gaussian towards N(0, I). The latent space fills without holes: the grid decodes to digits everywhere, and so do samples from the prior, which an autoencoder\'s codes do not promise.' },
];
const COLOURS = ['#2563eb', '#ea580c', '#15803d', '#dc2626', '#7c3aed', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

/** One greyscale image (values in [0, 1]) drawn on a small canvas. */
function picture(pixels, w, hgt, scale = 3) {
  const canvas = h('canvas', { class: 'picture', width: w, height: hgt, style: `width:${w * scale}px;height:${hgt * scale}px` });
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(w, hgt);
  pixels.forEach((v, k) => {
    const g = Math.round(255 * Math.min(1, Math.max(0, v)));
    image.data.set([g, g, g, 255], 4 * k);
  });
  ctx.putImageData(image, 0, 0);
  return canvas;
}

function scaleFor(w) {
  return w <= 8 ? 4 : w <= 28 ? 1 : 0.5;
}

export function mountLabUi(element, store, api) {
  const places = { errors: h('div', { class: 'slot' }) };
  const status = h('span', { class: 'status' });
  const iteration = h('output', { class: 'epoch' });
  const explanation = h('p', { class: 'explanation' }, PRESETS[0].text);
  const fail = () => {};
  const reset = (patch, text) => api.reset(patch).then(() => (status.textContent = text), fail);
  const field = (label, el) => h('label', {}, label, ' ', el);
  const numberInput = (name, attrs) =>
    h('input', { type: 'number', name, 'aria-label': name, ...attrs, onchange: (e) => reset({ [name]: Number(e.target.value) }, `rebuilt: ${name}`) });
  const selectInput = (name, options) =>
    h('select', { name, 'aria-label': name, onchange: (e) => reset({ [name]: e.target.value }, `rebuilt: ${name}`) }, options.map(([v, t]) => h('option', { value: v }, t ?? v)));
  const fields = {
    data: selectInput('data', Object.entries(SETS).map(([k, s]) => [k, s.title])),
    latent: numberInput('latent', { min: 1, max: 256, step: 1 }),
    loss: selectInput('loss', [['mae', 'MAE'], ['mse', 'MSE'], ['bce', 'BCE']]),
    beta: numberInput('beta', { min: 0, step: 'any' }),
    corruption: selectInput('corruption', [['none'], ['gaussian'], ['salt-and-pepper'], ['masking']]),
    noiseLevel: numberInput('noiseLevel', { min: 0, max: 1, step: 0.05 }),
    backend: selectInput('backend', [['auto'], ['webgpu'], ['cpu']]),
  };
  const play = h('button', { type: 'button', class: 'primary', onclick: () => (api.isPlaying() ? api.pause() : api.play()) }, 'Play');
  const controls = h(
    'section',
    { class: 'card game-controls' },
    h(
      'div',
      { class: 'presets' },
      PRESETS.map((p) =>
        h('button', { type: 'button', class: 'preset', 'data-preset': p.id, onclick: () => reset(p.settings, `preset: ${p.title}`).then(() => (explanation.textContent = p.text)) }, p.title),
      ),
    ),
    explanation,
    h('div', { class: 'control-row' }, play, h('button', { type: 'button', onclick: () => api.step(100).catch(fail) }, '+100'), h('button', { type: 'button', onclick: () => reset({}, 'reset') }, 'Reset'), h('span', { class: 'epoch-box' }, 'iteration ', iteration), status),
    h('div', { class: 'control-row' }, Object.entries(fields).map(([k, el]) => field(k, el))),
  );

  const rows = h('div', { class: 'recon-rows' });
  const lossCanvas = h('canvas', { class: 'metric-chart' });
  const scatter = h('canvas', { class: 'latent-canvas', width: 300, height: 300 });
  const grid = h('div', { class: 'mosaic' });
  const prior = h('div', { class: 'mosaic' });
  const histogram = h('canvas', { class: 'metric-chart' });
  const compression = h('p', { class: 'compression' });
  const padHint = h('p', { class: 'hint' });
  const pad = h('canvas', { class: 'pad', width: 8, height: 8, style: 'width:160px;height:160px' });
  const padOut = h('div', { class: 'pad-out' });
  let drawnScore = null;

  const card = (title, ...children) => h('section', { class: 'card' }, h('h3', {}, title), ...children);
  const root = h(
    'div',
    { class: 'gp game ae' },
    places.errors,
    controls,
    h(
      'div',
      { class: 'ae-grid' },
      card('Originals, inputs and reconstructions (held out)', rows, compression),
      card('Losses', lossCanvas, h('p', { class: 'hint' }, 'Reconstruction (blue), KL to the prior (purple, VAE only) and their weighted sum (orange), per iteration.')),
      card('The latent space', scatter, h('p', { class: 'hint' }, 'Held-out images\' codes, coloured by label (a 2-D projection by PCA when the code is longer).')),
      card('Decoded grid over z (2-D latent)', grid),
      card('Samples: random z through the decoder', prior, h('p', { class: 'hint' }, 'z ~ N(0, I). Only a VAE is trained so that these land on images: compare the autoencoder preset with the VAE.')),
      card('Anomaly scores', histogram, h('p', { class: 'hint' }, 'Σ|x̂ − x| of each held-out image; the orange line is your drawing\'s score. Draw on the pad (it has the set\'s resolution).'), pad, h('div', { class: 'buttons' }, h('button', { type: 'button', 'data-action': 'score', onclick: () => scoreDrawing() }, 'Score drawing'), h('button', { type: 'button', onclick: () => clearPad() }, 'Clear')), padHint, padOut),
    ),
  );
  element.replaceChildren(root);
  errors.mount(places.errors, store);

  // The pad: drawn at the set's own resolution.
  let ink = [];
  function clearPad() {
    const s = store.get().snapshot;
    ink = new Array(s.width * s.height).fill(0);
    pad.width = s.width;
    pad.height = s.height;
    paintPad();
  }
  function paintPad() {
    const s = store.get().snapshot;
    const ctx = pad.getContext('2d');
    const image = ctx.createImageData(s.width, s.height);
    ink.forEach((v, k) => image.data.set([255 * v, 255 * v, 255 * v, 255], 4 * k));
    ctx.putImageData(image, 0, 0);
  }
  let drawing = false;
  const inkAt = (e) => {
    const s = store.get().snapshot;
    const r = pad.getBoundingClientRect();
    const [x, y] = [Math.floor(((e.clientX - r.left) / r.width) * s.width), Math.floor(((e.clientY - r.top) / r.height) * s.height)];
    for (const [dx, dy, v] of [[0, 0, 1], [1, 0, 0.5], [-1, 0, 0.5], [0, 1, 0.5], [0, -1, 0.5]]) {
      const [px, py] = [x + dx, y + dy];
      if (px >= 0 && py >= 0 && px < s.width && py < s.height) ink[py * s.width + px] = Math.max(ink[py * s.width + px], v);
    }
    paintPad();
  };
  pad.addEventListener('pointerdown', (e) => ((drawing = true), inkAt(e)));
  pad.addEventListener('pointermove', (e) => drawing && inkAt(e));
  window.addEventListener('pointerup', () => (drawing = false));
  async function scoreDrawing() {
    const s = store.get().snapshot;
    try {
      const result = await api.score(ink);
      drawnScore = result.score;
      padOut.replaceChildren(h('span', {}, 'reconstruction: '), picture(result.reconstruction, s.width, s.height, scaleFor(s.width) * 2), h('span', {}, ` score ${result.score.toFixed(2)}`));
      schedule(render);
    } catch {
      // in the banner
    }
  }

  let shown = null;
  function render() {
    const { snapshot: s, history, playing } = store.get();
    play.textContent = playing ? 'Pause' : 'Play';
    iteration.textContent = s.iteration.toLocaleString('en');
    for (const [k, el] of Object.entries(fields)) {
      if (document.activeElement === el) continue;
      el.value = k === 'backend' ? s.backend.choice : k === 'data' ? s.data : String(s.config[k]);
    }
    if (ink.length !== s.width * s.height) clearPad();
    padHint.textContent = `${s.width}×${s.height} pixels, white ink on black as in the data.`;
    if (s === shown) return;
    shown = s;
    const scale = scaleFor(s.width);
    const noisy = s.config.corruption !== 'none' && s.config.noiseLevel > 0;
    const line = (label, images) => h('div', { class: 'recon-row' }, h('span', { class: 'row-label' }, label), images.map((p) => picture(p, s.width, s.height, scale)));
    rows.replaceChildren(...[line('original', s.originals), noisy && line('noisy input', s.inputs), line('reconstruction', s.reconstructions)].filter(Boolean));
    compression.textContent =
      `Compression ${s.compression.toFixed(1)}× (${s.width * s.height} pixels → ${s.config.latent} numbers). ` +
      `Held-out Σ(x̂ − x)² per image: ${s.autoencoder.meanSquared.toFixed(3)}; PCA with ${s.config.latent} components: ${s.pca.meanSquared.toFixed(3)}. ` +
      `Σ|x̂ − x|: ${s.autoencoder.meanAbsolute.toFixed(2)} vs PCA ${s.pca.meanAbsolute.toFixed(2)}.`;
    const step = Math.max(1, Math.floor(history.length / 600));
    const pts = (f) => history.filter((_, i) => i % step === 0).map((r, k) => [k * step + 1, f(r)]);
    lineChart(lossCanvas, {
      series: [
        { points: pts((r) => r.reconstruction), colour: '#2563eb' },
        { points: pts((r) => r.kl ?? NaN), colour: '#7c3aed' },
        { points: pts((r) => r.total), colour: '#ea580c' },
      ],
    });
    // Latent scatter.
    const [ctx, w, hh] = prepare(scatter);
    const xs = s.latentPoints.map((p) => p[0]);
    const ys = s.latentPoints.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    s.latentPoints.forEach(([x, y], k) => {
      ctx.fillStyle = COLOURS[(s.heldOutLabels?.[k] ?? 0) % COLOURS.length];
      ctx.fillRect(((x - x0) / (x1 - x0 || 1)) * (w - 8) + 2, hh - ((y - y0) / (y1 - y0 || 1)) * (hh - 8) - 6, 4, 4);
    });
    grid.replaceChildren(...(s.grid ? s.grid.map((p) => picture(p, s.width, s.height, s.width <= 8 ? 3 : 1)) : [h('p', { class: 'hint' }, 'Set the latent size to 2 (e.g. the VAE preset) for the decoded grid.')]));
    grid.style.gridTemplateColumns = s.grid ? `repeat(12, auto)` : '';
    prior.replaceChildren(...s.priorSamples.map((p) => picture(p, s.width, s.height, scale)));
    // Anomaly histogram.
    const errs = s.heldOutErrors;
    const top = Math.max(...errs, drawnScore ?? 0) * 1.05 || 1;
    const bins = new Array(30).fill(0);
    for (const e of errs) bins[Math.min(29, Math.floor((e / top) * 30))] += 1;
    const [hctx, hw, hh2] = prepare(histogram);
    const peak = Math.max(...bins, 1);
    hctx.fillStyle = '#93c5fd';
    bins.forEach((b, k) => hctx.fillRect((k / 30) * hw, hh2 - 14 - (b / peak) * (hh2 - 24), hw / 30 - 1, (b / peak) * (hh2 - 24)));
    hctx.fillStyle = '#6b7280';
    hctx.fillText('0', 2, hh2 - 2);
    hctx.fillText(top.toFixed(1), hw - 30, hh2 - 2);
    if (drawnScore !== null) {
      hctx.strokeStyle = '#ea580c';
      hctx.lineWidth = 2;
      hctx.beginPath();
      hctx.moveTo((drawnScore / top) * hw, 0);
      hctx.lineTo((drawnScore / top) * hw, hh2 - 14);
      hctx.stroke();
    }
  }
  render();
  return store.subscribe(() => schedule(render));
}
