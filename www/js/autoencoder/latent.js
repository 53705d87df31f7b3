// The latent space (THEORY.md §6): held-out codes coloured by label. Click a point to see
// its image and reconstruction; click a second one for the interpolation between their
// codes; in a 2-D code space, click anywhere else to decode that z.

import { h, fmt } from '../dom.js';
import { prepare } from '../charts.js';
import { figure, scaleFor } from './pictures.js';

const COLOURS = ['#2563eb', '#ea580c', '#15803d', '#dc2626', '#7c3aed', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];
const STEPS = 10;
const NEAR = 7; // screen pixels within which a click picks a point

export function mountLatent(api) {
  const canvas = h('canvas', { class: 'latent-canvas', width: 300, height: 300 });
  const picked = h('div', { class: 'picked' });
  const strip = h('div', { class: 'interpolation' });
  const hint = h('p', { class: 'hint' });
  const legend = h('div', { class: 'legend' });
  const element = h('div', {}, canvas, legend, hint, picked, strip);
  let picks = []; // held-out indices, at most two
  let decoded = null; // {z, pixels}
  let view = null; // the mapping used for the last drawing
  let shown = null;

  async function show(s) {
    const views = await Promise.all(picks.map((i) => api.image(i)));
    const letters = ['A', 'B'];
    picked.replaceChildren(
      ...views.map((v, k) =>
        h(
          'div',
          { class: 'pick', 'data-pick': letters[k] },
          figure(v.original, s, `${letters[k]}: #${v.index}${v.label != null ? ` (${v.label})` : ''}`),
          figure(v.reconstruction, s, `back · Σ|x̂−x| ${fmt(v.error, 2)}`),
        ),
      ),
      ...(decoded ? [h('div', { class: 'pick', 'data-pick': 'z' }, figure(decoded.pixels, s, `z = (${decoded.z.map((v) => fmt(v, 2)).join(', ')})`))] : []),
    );
    if (picks.length === 2) {
      const images = await api.interpolate(picks[0], picks[1], STEPS);
      strip.replaceChildren(h('span', { class: 'row-label' }, 'A → B along the straight line between their codes'), ...images.map((p, k) => figure(p, s, k === 0 ? 'A' : k === STEPS - 1 ? 'B' : '\u00a0', 0.75 * scaleFor(s.width))));
    } else {
      strip.replaceChildren();
    }
  }

  canvas.addEventListener('click', async (e) => {
    if (!view) return;
    const s = api.snapshot();
    const r = canvas.getBoundingClientRect();
    const [px, py] = [e.clientX - r.left, e.clientY - r.top];
    let best = -1;
    let bestD = NEAR;
    s.latentPoints.forEach(([x, y], k) => {
      const d = Math.hypot(view.X(x) - px, view.Y(y) - py);
      if (d < bestD) [best, bestD] = [k, d];
    });
    try {
      if (best >= 0) {
        picks = picks.length === 1 ? [picks[0], best] : [best];
      } else if (s.config.latent === 2 && !s.latentProjected) {
        const z = [view.x(px), view.y(py)];
        decoded = { z, pixels: await api.decode(z) };
      } else {
        return;
      }
      draw(s);
      await show(s);
    } catch {
      // in the banner
    }
  });

  function draw(s) {
    const [ctx, w, hh] = prepare(canvas);
    const xs = s.latentPoints.map((p) => p[0]);
    const ys = s.latentPoints.map((p) => p[1]);
    let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (s.grid) [x0, x1, y0, y1] = [Math.min(x0, -s.gridReach), Math.max(x1, s.gridReach), Math.min(y0, -s.gridReach), Math.max(y1, s.gridReach)];
    const [dx, dy] = [x1 - x0 || 1, y1 - y0 || 1];
    view = {
      X: (x) => 4 + ((x - x0) / dx) * (w - 8),
      Y: (y) => hh - 4 - ((y - y0) / dy) * (hh - 8),
      x: (px) => x0 + ((px - 4) / (w - 8)) * dx,
      y: (py) => y0 + ((hh - 4 - py) / (hh - 8)) * dy,
    };
    if (s.grid) {
      // The square the decoded grid covers.
      ctx.strokeStyle = '#d1d5db';
      ctx.setLineDash([3, 3]);
      ctx.strokeRect(view.X(-s.gridReach), view.Y(s.gridReach), view.X(s.gridReach) - view.X(-s.gridReach), view.Y(-s.gridReach) - view.Y(s.gridReach));
      ctx.setLineDash([]);
    }
    s.latentPoints.forEach(([x, y], k) => {
      ctx.fillStyle = COLOURS[(s.heldOutLabels?.[k] ?? 0) % COLOURS.length];
      ctx.fillRect(view.X(x) - 2, view.Y(y) - 2, 4, 4);
    });
    ctx.font = 'bold 12px system-ui, sans-serif';
    picks.forEach((k, i) => {
      const [x, y] = s.latentPoints[k];
      ctx.strokeStyle = '#111827';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(view.X(x), view.Y(y), 6, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.fillStyle = '#111827';
      ctx.fillText(i ? 'B' : 'A', view.X(x) + 8, view.Y(y) - 6);
    });
    if (decoded && s.config.latent === 2) {
      ctx.fillStyle = '#111827';
      ctx.fillText('×', view.X(decoded.z[0]) - 3, view.Y(decoded.z[1]) + 4);
    }
  }

  let shownRun = null;
  /** `run` counts resets: a new run's held-out images and codes are others. */
  function render(s, run) {
    if (s === shown) return;
    shown = s;
    if (run !== shownRun) {
      shownRun = run;
      [picks, decoded] = [[], null];
      picked.replaceChildren();
      strip.replaceChildren();
    }
    // Digit sets get a key; Olivetti's labels are 40 people, coloured only to group them.
    const digits = s.heldOutLabels && (s.data === 'digits8' || s.data === 'mnist');
    legend.replaceChildren(
      ...(digits ? COLOURS.map((colour, d) => h('span', { class: 'key' }, h('i', { style: `background:${colour}` }), String(d))) : []),
    );
    hint.textContent =
      (s.latentProjected ? `Codes of the held-out images, projected from ${s.config.latent}-D to 2-D by PCA, ` : 'Codes of the held-out images, ') +
      (s.heldOutLabels ? 'coloured by label. ' : '') +
      'Click a point for its image, a second for the path between them' +
      (s.config.latent === 2 ? '; click empty space to decode that z.' : '.');
    draw(s);
    if (picks.length || decoded) {
      if (decoded) api.decode(decoded.z).then((pixels) => (decoded.pixels = pixels), () => {}).then(() => show(s)).catch(() => {});
      else show(s).catch(() => {});
    }
  }
  return { element, render };
}
