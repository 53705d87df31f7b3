// Compression (THEORY.md §6): held-out error against code size, PCA's line over every size
// beside this autoencoder's point, the ratio input size / code size under each size.

import { h } from '../dom.js';
import { prepare } from '../charts.js';

const PAD = { left: 46, right: 12, top: 12, bottom: 34 };

export function mountCompression() {
  const canvas = h('canvas', { class: 'metric-chart compression-chart' });
  const text = h('p', { class: 'compression' });
  const hint = h('p', { class: 'hint' }, 'Held-out Σ(x̂ − x)² per image (up) against code size, with the compression ratio pixels / code size under it: PCA (grey) at every size, this model (orange) at its own.');
  const element = h('div', {}, canvas, hint, text);

  function render(s) {
    const pixels = s.width * s.height;
    const ae = [s.config.latent, s.autoencoder.meanSquared];
    text.textContent =
      `Compression ${s.compression.toFixed(1)}× (${pixels} pixels → ${s.config.latent} numbers). ` +
      `Held-out Σ(x̂ − x)² per image: this model ${s.autoencoder.meanSquared.toFixed(3)}, PCA with ${s.config.latent} components ${s.pca.meanSquared.toFixed(3)}. ` +
      `Σ|x̂ − x|: ${s.autoencoder.meanAbsolute.toFixed(2)} vs PCA ${s.pca.meanAbsolute.toFixed(2)}.`;
    const [ctx, w, hh] = prepare(canvas);
    const curve = s.pcaCurve;
    const all = [...curve, ae].filter(([, y]) => Number.isFinite(y));
    const sizes = all.map(([k]) => k);
    const [k0, k1] = [Math.log2(Math.min(...sizes)), Math.log2(Math.max(...sizes, 2))];
    const y1 = Math.max(...all.map(([, y]) => y)) * 1.05 || 1;
    const plotW = w - PAD.left - PAD.right;
    const plotH = hh - PAD.top - PAD.bottom;
    const X = (k) => PAD.left + ((Math.log2(k) - k0) / (k1 - k0 || 1)) * plotW;
    const Y = (v) => PAD.top + plotH - (v / y1) * plotH;
    ctx.strokeStyle = '#e5e7eb';
    ctx.fillStyle = '#6b7280';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let i = 0; i <= 4; i++) {
      const v = (y1 * i) / 4;
      ctx.beginPath();
      ctx.moveTo(PAD.left, Y(v));
      ctx.lineTo(PAD.left + plotW, Y(v));
      ctx.stroke();
      ctx.fillText(v.toFixed(v < 10 ? 1 : 0), PAD.left - 4, Y(v));
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const [k] of curve) {
      if (Math.log2(k) % 1 !== 0) continue; // label the powers of two
      ctx.fillText(String(k), X(k), PAD.top + plotH + 3);
      ctx.fillText(`${+(pixels / k).toFixed(1)}×`, X(k), PAD.top + plotH + 15);
    }
    // PCA's line.
    ctx.strokeStyle = '#6b7280';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    curve.forEach(([k, v], i) => (i ? ctx.lineTo(X(k), Y(v)) : ctx.moveTo(X(k), Y(v))));
    ctx.stroke();
    ctx.fillStyle = '#6b7280';
    for (const [k, v] of curve) ctx.fillRect(X(k) - 2, Y(v) - 2, 4, 4);
    const middle = curve[Math.floor(curve.length / 2)];
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText('PCA', X(middle[0]) + 4, Y(middle[1]) - 4);
    // This model.
    ctx.fillStyle = '#ea580c';
    ctx.beginPath();
    ctx.arc(X(ae[0]), Y(ae[1]), 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.textAlign = ae[0] > 32 ? 'right' : 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText(s.config.linear ? 'linear AE' : s.config.variational ? 'VAE' : 'this model', X(ae[0]) + (ae[0] > 32 ? -8 : 8), Y(ae[1]) - 4);
  }
  return { element, render };
}
