// The game where it is played: real and fake points, D's verdict over the plane (or the
// line), the generator's manifold and the pull of G's loss on each fake point (2-D); the
// data density, the generator's histogram, D(x) and the z → G(z) lines (1-D, the figure of
// Goodfellow et al. 2014). Each layer can be switched off.

import { h } from '../dom.js';
import { schedule } from '../frame.js';
import { niceTicks, prepare, probabilityColour, tickLabel } from '../charts.js';

const REAL = '#15803d';
const FAKE = '#7c3aed';
const LAYERS = [
  ['field', "D's output"],
  ['real', 'real data'],
  ['fake', 'generated'],
  ['manifold', 'manifold'],
  ['arrows', "G's pull"],
];

function fieldColour(v, kind, scale) {
  if (kind === 'critic') return probabilityColour(0.5 + 0.5 * (v / scale));
  return probabilityColour(v);
}

/** Tick labels along an edge: `at(t)` places value t, `text` draws at a position. */
function ticks(ctx, lo, hi, at, put) {
  const { ticks: values, step } = niceTicks(lo, hi, 6);
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = '#374151';
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.lineWidth = 3;
  for (const t of values) put(at(t), tickLabel(t, step));
  ctx.lineWidth = 1;
}

/** Text with a white halo, legible on the heatmap. */
function halo(ctx, text, x, y) {
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

function draw2d(canvas, s, on) {
  const [ctx, w, hgt] = prepare(canvas);
  const [x0, x1, y0, y1] = s.extent;
  const X = (x) => ((x - x0) / (x1 - x0)) * w;
  const Y = (y) => hgt - ((y - y0) / (y1 - y0)) * hgt;
  if (on.field) {
    const { nx, ny, values, kind } = s.field;
    const scale = Math.max(1e-9, ...values.map(Math.abs));
    const image = ctx.createImageData(nx, ny);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const [r, g, b] = fieldColour(values[j * nx + i], kind, scale);
        const k = ((ny - 1 - j) * nx + i) * 4; // image rows run top-down
        image.data.set([r, g, b, 150], k);
      }
    }
    const tile = new OffscreenCanvas(nx, ny);
    tile.getContext('2d').putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(tile, 0, 0, w, hgt);
  }
  if (on.manifold && s.manifold) {
    const { nx, ny, points } = s.manifold;
    ctx.strokeStyle = 'rgba(55, 65, 81, 0.28)';
    ctx.lineWidth = 1;
    const line = (pts) => {
      ctx.beginPath();
      pts.forEach(([x, y], k) => (k ? ctx.lineTo(X(x), Y(y)) : ctx.moveTo(X(x), Y(y))));
      ctx.stroke();
    };
    for (let j = 0; j < ny; j++) line(points.slice(j * nx, (j + 1) * nx));
    if (ny > 1) for (let i = 0; i < nx; i++) line(points.filter((_, k) => k % nx === i));
  }
  const dots = (pts, colour) => {
    ctx.fillStyle = colour;
    for (const [x, y] of pts) {
      ctx.beginPath();
      ctx.arc(X(x), Y(y), 2.2, 0, 2 * Math.PI);
      ctx.fill();
    }
  };
  if (on.fake) dots(s.fake, FAKE);
  if (on.real) dots(s.real, REAL);
  if (on.arrows) {
    const longest = Math.max(1e-12, ...s.arrows.map(([dx, dy]) => Math.hypot(dx, dy)));
    const reach = 0.06 * (x1 - x0);
    ctx.strokeStyle = 'rgba(17, 24, 39, 0.7)';
    ctx.lineWidth = 1;
    s.fake.forEach(([x, y], k) => {
      if (k % 2) return; // every other point, to keep the arrows readable
      const [dx, dy] = s.arrows[k];
      const [ex, ey] = [x + (reach * dx) / longest, y + (reach * dy) / longest];
      ctx.beginPath();
      ctx.moveTo(X(x), Y(y));
      ctx.lineTo(X(ex), Y(ey));
      ctx.stroke();
    });
  }
  // Axes: x along the bottom, y along the left, in the data's own units.
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ticks(ctx, x0, x1, X, (px, text) => px > 14 && px < w - 14 && halo(ctx, text, px, hgt - 2));
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ticks(ctx, y0, y1, Y, (py, text) => py > 10 && py < hgt - 18 && halo(ctx, text, 3, py));
}

function histogram(values, x0, x1, bins) {
  const counts = new Array(bins).fill(0);
  for (const v of values) {
    const b = Math.floor(((v - x0) / (x1 - x0)) * bins);
    if (b >= 0 && b < bins) counts[b] += 1;
  }
  const width = (x1 - x0) / bins;
  return counts.map((c) => c / (values.length * width)); // a density
}

function draw1d(canvas, s, on) {
  const [ctx, w, hgt] = prepare(canvas);
  const [x0, x1] = s.extent;
  const top = hgt * 0.68; // the density plot; below it, z → G(z)
  const X = (x) => ((x - x0) / (x1 - x0)) * w;
  const real = s.real.map((p) => p[0]);
  const fake = s.fake.map((p) => p[0]);
  const bins = 60;
  const pg = histogram(fake, x0, x1, bins);
  const pdata = s.density ?? histogram(real, x0, x1, bins);
  const peak = Math.max(0.5, ...pg, ...pdata) * 1.1;
  const Yd = (p) => top - (p / peak) * (top - 8);
  ctx.strokeStyle = '#d1d5db';
  ctx.beginPath();
  ctx.moveTo(0, top);
  ctx.lineTo(w, top);
  ctx.stroke();
  if (on.fake) {
    ctx.fillStyle = 'rgba(124, 58, 237, 0.35)';
    const bw = w / bins;
    pg.forEach((p, b) => ctx.fillRect(b * bw, Yd(p), bw - 1, top - Yd(p)));
  }
  if (on.real) {
    ctx.strokeStyle = REAL;
    ctx.lineWidth = 2;
    ctx.beginPath();
    const n = pdata.length;
    pdata.forEach((p, k) => {
      const x = x0 + ((k + 0.5) / n) * (x1 - x0);
      k ? ctx.lineTo(X(x), Yd(p)) : ctx.moveTo(X(x), Yd(p));
    });
    ctx.stroke();
  }
  if (on.field) {
    const { values, kind } = s.field;
    const scale = kind === 'critic' ? Math.max(1e-9, ...values.map(Math.abs)) : 1;
    const read = (v) => (kind === 'critic' ? 0.5 + 0.5 * (v / scale) : Math.min(1, Math.max(0, v)));
    ctx.strokeStyle = '#ea580c';
    ctx.lineWidth = 2;
    ctx.beginPath();
    values.forEach((v, k) => {
      const x = x0 + ((k + 0.5) / values.length) * (x1 - x0);
      const y = top - read(v) * (top - 8);
      k ? ctx.lineTo(X(x), y) : ctx.moveTo(X(x), y);
    });
    ctx.stroke();
    ctx.setLineDash([3, 3]);
    ctx.strokeStyle = '#fdba74';
    ctx.beginPath();
    ctx.moveTo(0, top - 0.5 * (top - 8));
    ctx.lineTo(w, top - 0.5 * (top - 8));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (on.arrows || on.manifold) {
    // z on the bottom line, G(z) on the density's axis: the mapping the generator learns.
    const zLine = hgt - 12;
    const zs = s.z.map((z) => z[0]);
    const reach = Math.max(1, ...zs.map(Math.abs));
    const Z = (z) => w / 2 + (z / reach) * (w / 2 - 10);
    ctx.strokeStyle = 'rgba(124, 58, 237, 0.25)';
    ctx.lineWidth = 1;
    for (let k = 0; k < fake.length; k += 4) {
      ctx.beginPath();
      ctx.moveTo(Z(zs[k]), zLine);
      ctx.lineTo(X(fake[k]), top);
      ctx.stroke();
    }
    ctx.fillStyle = '#6b7280';
    ctx.fillText('z', 4, zLine - 2);
    ctx.fillText('x = G(z)', 4, top + 12);
  }
  // The x axis under the densities, in the data's own units (the piles of "JS on disjoint
  // supports" at [−3, −2] ∪ [2, 3] can be read off it).
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ticks(ctx, x0, x1, X, (px, text) => {
    if (px < 30 || px > w - 14) return;
    ctx.strokeStyle = '#9ca3af';
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, top + 4);
    ctx.stroke();
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
    halo(ctx, text, px, top + 5);
  });
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
}

export function mount(container, store) {
  const canvas = h('canvas', { class: 'game-canvas', width: 420, height: 420 });
  const on = Object.fromEntries(LAYERS.map(([key]) => [key, true]));
  const toggles = LAYERS.map(([key, text]) =>
    h(
      'label',
      { class: 'toggle' },
      h('input', {
        type: 'checkbox',
        checked: true,
        'data-layer': key,
        onchange: (e) => {
          on[key] = e.target.checked;
          schedule(render);
        },
      }),
      ` ${text}`,
    ),
  );
  const legend = h('p', { class: 'hint' });
  container.append(
    h('section', { class: 'card data-view' }, h('h2', {}, 'The game, played'), canvas, h('div', { class: 'toggles' }, toggles), legend),
  );
  let shown = null;
  function render() {
    const s = store.get().snapshot;
    if (!s) return;
    shown = s;
    if (s.dims === 2) draw2d(canvas, s, on);
    else draw1d(canvas, s, on);
    const field =
      s.field.kind === 'critic'
        ? "background: the critic's value f(x) (orange high, blue low)"
        : 'background: D(x), blue = "fake", white = ½, orange = "real"';
    legend.textContent =
      s.dims === 2
        ? `Green: real points. Purple: G(z). Grey grid: a grid in z pushed through G. Lines: where G's next step pulls each fake. ${field}.`
        : `Green: p_data. Purple bars: G's samples. Orange: ${s.field.kind === 'critic' ? "the critic's value (scaled)" : 'D(x)'} (dashed: ½). Below: z mapped to G(z).`;
  }
  render();
  return store.subscribe(() => {
    if (store.get().snapshot !== shown) schedule(render);
  });
}
