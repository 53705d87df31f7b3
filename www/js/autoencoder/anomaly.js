// Anomaly detection (THEORY.md §6): the reconstruction error as a score. The histogram of
// held-out scores, the worst-reconstructed images, and the score of a drawing on the pad
// (drawn at the set's own resolution, white ink on black as in the data).

import { h, fmt } from '../dom.js';
import { prepare } from '../charts.js';
import { figure, picture, scaleFor } from './pictures.js';

const BINS = 30;

export function mountAnomaly(api) {
  const histogram = h('canvas', { class: 'metric-chart' });
  const worst = h('div', { class: 'worst' });
  const pad = h('canvas', { class: 'pad', width: 8, height: 8, style: 'width:160px;height:160px' });
  const padHint = h('p', { class: 'hint' });
  const padOut = h('div', { class: 'pad-out' });
  let drawnScore = null;
  let ink = [];
  let size = [0, 0];
  let shown = null;

  function paintPad() {
    const ctx = pad.getContext('2d');
    const image = ctx.createImageData(size[0], size[1]);
    ink.forEach((v, k) => image.data.set([255 * v, 255 * v, 255 * v, 255], 4 * k));
    ctx.putImageData(image, 0, 0);
  }
  function clearPad() {
    ink = new Array(size[0] * size[1]).fill(0);
    [pad.width, pad.height] = size;
    paintPad();
  }
  let drawing = false;
  const inkAt = (e) => {
    const r = pad.getBoundingClientRect();
    const [w, hh] = size;
    const [x, y] = [Math.floor(((e.clientX - r.left) / r.width) * w), Math.floor(((e.clientY - r.top) / r.height) * hh)];
    // A soft round brush about a tenth of the image wide.
    const radius = Math.max(0.6, w / 14);
    const reach = Math.ceil(radius + 1);
    for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) {
        const [px, py] = [x + dx, y + dy];
        if (px < 0 || py < 0 || px >= w || py >= hh) continue;
        const v = Math.min(1, Math.max(0, radius + 0.5 - Math.hypot(dx, dy)));
        ink[py * w + px] = Math.max(ink[py * w + px], v);
      }
    }
    paintPad();
  };
  pad.addEventListener('pointerdown', (e) => ((drawing = true), inkAt(e)));
  pad.addEventListener('pointermove', (e) => drawing && inkAt(e));
  window.addEventListener('pointerup', () => (drawing = false));

  async function scoreDrawing() {
    const s = api.snapshot();
    try {
      const result = await api.score(ink);
      drawnScore = result.score;
      const rank = s.heldOutErrors.filter((e) => e < result.score).length / s.heldOutErrors.length;
      padOut.replaceChildren(
        picture(result.reconstruction, s.width, s.height, 160 / s.width),
        h('p', { 'data-score': fmt(result.score, 2) }, `Reconstruction of the drawing. Score Σ|x̂ − x| = ${fmt(result.score, 2)}, above ${(100 * rank).toFixed(0)} % of held-out images.`),
      );
      drawHistogram(s);
    } catch {
      // in the banner
    }
  }

  const element = h(
    'div',
    {},
    histogram,
    h('p', { class: 'hint' }, 'Σ|x̂ − x| of each held-out image; the orange line is your drawing\'s score.'),
    h('h4', {}, 'Worst reconstructed held-out images'),
    worst,
    h('h4', {}, 'Score a drawing'),
    h('div', { class: 'pad-row' }, pad, padOut),
    h('div', { class: 'buttons' }, h('button', { type: 'button', 'data-action': 'score', onclick: scoreDrawing }, 'Score drawing'), h('button', { type: 'button', onclick: () => ((drawnScore = null), clearPad(), padOut.replaceChildren()) }, 'Clear')),
    padHint,
  );

  function drawHistogram(s) {
    const errs = s.heldOutErrors;
    const top = Math.max(...errs, drawnScore ?? 0) * 1.05 || 1;
    const bins = new Array(BINS).fill(0);
    for (const e of errs) bins[Math.min(BINS - 1, Math.floor((e / top) * BINS))] += 1;
    const [ctx, w, hh] = prepare(histogram);
    const peak = Math.max(...bins, 1);
    ctx.fillStyle = '#93c5fd';
    bins.forEach((b, k) => ctx.fillRect((k / BINS) * w, hh - 14 - (b / peak) * (hh - 24), w / BINS - 1, (b / peak) * (hh - 24)));
    ctx.fillStyle = '#6b7280';
    ctx.fillText('0', 2, hh - 2);
    ctx.textAlign = 'right';
    ctx.fillText(top.toFixed(1), w - 2, hh - 2);
    ctx.textAlign = 'center';
    ctx.fillText('score Σ|x̂ − x|', w / 2, hh - 2);
    if (drawnScore !== null) {
      ctx.strokeStyle = '#ea580c';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo((drawnScore / top) * w, 0);
      ctx.lineTo((drawnScore / top) * w, hh - 14);
      ctx.stroke();
    }
  }

  function render(s) {
    if (s === shown) return;
    shown = s;
    if (size[0] !== s.width || size[1] !== s.height) {
      size = [s.width, s.height];
      pad.style.height = `${(160 * s.height) / s.width}px`;
      clearPad();
      drawnScore = null;
      padOut.replaceChildren();
    }
    padHint.textContent = `The pad has the set's ${s.width}×${s.height} pixels. Draw a digit, or something that is not one.`;
    drawHistogram(s);
    worst.replaceChildren(
      ...s.worst.map((w) =>
        h('div', { class: 'pick' }, figure(w.original, s, `#${w.index}${w.label != null ? ` (${w.label})` : ''}`), figure(w.reconstruction, s, fmt(w.error, 1), scaleFor(s.width))),
      ),
    );
  }
  return { element, render };
}
