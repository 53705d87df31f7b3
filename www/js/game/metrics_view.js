// The game in numbers, over iterations: the value V(D, G) against its equilibrium −ln 4,
// mean D(x) and D(G(z)) against ½, both losses, the generator's gradient under the
// saturating and the non-saturating loss, JS / KL / W1 between p_data and p_g, and the
// modes covered.

import { h } from '../dom.js';
import { schedule } from '../frame.js';
import { lineChart } from './plot.js';

const LN4 = Math.log(4);
const LN2 = Math.log(2);
const C = { a: '#2563eb', b: '#ea580c', c: '#15803d', d: '#7c3aed' };

// At most `max` evenly spaced rows (the loss history has one per iteration).
function thin(rows, max = 600) {
  if (rows.length <= max) return rows.map((r, i) => [i + 1, r]);
  const step = rows.length / max;
  return Array.from({ length: max }, (_, k) => {
    const i = Math.floor(k * step);
    return [i + 1, rows[i]];
  });
}

const CHARTS = [
  {
    title: 'Value of the game',
    note: 'V(D, G) = E ln D(x) + E ln(1 − D(G(z))); at the equilibrium it is −ln 4. For WGAN: the critic\'s E f(x) − E f(G(z)), its estimate of W1.',
    draw: (canvas, m) => {
      const wgan = m.some((r) => r.criticGap !== null && r.criticGap !== undefined);
      lineChart(canvas, {
        series: wgan
          ? [{ points: m.map((r) => [r.iteration, r.criticGap]), colour: C.a }]
          : [{ points: m.map((r) => [r.iteration, r.value]), colour: C.a }],
        guides: wgan ? [{ y: 0 }] : [{ y: -LN4, text: '−ln 4' }],
      });
    },
    legend: [['V(D, G) or critic gap', C.a]],
  },
  {
    title: "D's verdict",
    note: 'Mean D(x) on real and D(G(z)) on fake points. At the equilibrium D cannot tell: both ½.',
    draw: (canvas, m) =>
      lineChart(canvas, {
        series: [
          { points: m.map((r) => [r.iteration, r.meanDReal]), colour: C.c },
          { points: m.map((r) => [r.iteration, r.meanDFake]), colour: C.d },
        ],
        guides: [{ y: 0.5, text: '½' }],
      }),
    legend: [['mean D(x)', C.c], ['mean D(G(z))', C.d]],
  },
  {
    title: 'Losses',
    note: "What each player minimised, per iteration (the objective's own losses).",
    draw: (canvas, m, losses) => {
      const rows = thin(losses);
      lineChart(canvas, {
        series: [
          { points: rows.map(([i, r]) => [i, r.d ?? NaN]), colour: C.a },
          { points: rows.map(([i, r]) => [i, r.g ?? NaN]), colour: C.b },
        ],
      });
    },
    legend: [['D', C.a], ['G', C.b]],
  },
  {
    title: 'Why non-saturating',
    note: "‖∇G‖ under both generator losses on the same D and z (log scale). Where D rejects the fakes, ln(1 − D(G(z))) is flat: the saturating gradient vanishes, −ln D(G(z)) keeps pulling.",
    draw: (canvas, m) =>
      lineChart(canvas, {
        log: true,
        series: [
          { points: m.map((r) => [r.iteration, r.gradSaturating]), colour: C.b },
          { points: m.map((r) => [r.iteration, r.gradNonSaturating]), colour: C.a },
        ],
      }),
    legend: [['saturating', C.b], ['non-saturating', C.a]],
  },
  {
    title: 'Distance between p_data and p_g',
    note: 'JS and KL on a grid (JS ≤ ln 2, flat at ln 2 while the supports are apart); W1 keeps shrinking as they approach (exact in 1-D, sliced in 2-D).',
    draw: (canvas, m) =>
      lineChart(canvas, {
        series: [
          { points: m.map((r) => [r.iteration, r.js]), colour: C.a },
          { points: m.map((r) => [r.iteration, Math.min(r.kl, 2)]), colour: C.d },
          { points: m.map((r) => [r.iteration, r.w1]), colour: C.b },
        ],
        guides: [{ y: LN2, text: 'ln 2' }],
      }),
    legend: [['JS', C.a], ['KL (capped at 2)', C.d], ['W1', C.b]],
  },
  {
    title: 'Mode collapse',
    note: 'Ring and grid: modes covered (a high-quality sample, within 3σ, lands nearest to it) as a share of all, and the share of high-quality samples.',
    draw: (canvas, m) => {
      const rows = m.filter((r) => r.modes);
      lineChart(canvas, {
        empty: 'ring and grid only',
        series: [
          { points: rows.map((r) => [r.iteration, r.modes.modesCovered / r.modes.totalModes]), colour: C.c },
          { points: rows.map((r) => [r.iteration, r.modes.highQualityFraction]), colour: C.b },
        ],
        guides: [{ y: 1 }],
      });
    },
    legend: [['modes covered', C.c], ['high quality', C.b]],
  },
];

export function mount(container, store) {
  const cards = CHARTS.map((chart) => {
    const canvas = h('canvas', { class: 'metric-chart' });
    const readout = h('output', { class: 'readout' });
    const card = h(
      'section',
      { class: 'card metric' },
      h('h3', {}, chart.title),
      canvas,
      h(
        'div',
        { class: 'legend' },
        chart.legend.map(([text, colour]) => h('span', { class: 'key', style: `--key:${colour}` }, text)),
        readout,
      ),
      h('p', { class: 'hint' }, chart.note),
    );
    return { chart, canvas, card, readout };
  });
  container.append(h('div', { class: 'metrics-grid' }, cards.map((c) => c.card)));
  let shown = null;
  function render() {
    const { metrics, losses, snapshot } = store.get();
    shown = snapshot;
    for (const { chart, canvas } of cards) chart.draw(canvas, metrics, losses);
    const m = snapshot.metrics;
    const f = (x, d = 3) => (x === null || x === undefined ? '–' : x.toFixed(d).replace('-', '−'));
    cards[0].readout.textContent = m.value !== null ? `V = ${f(m.value)}` : `gap = ${f(m.criticGap)}`;
    cards[1].readout.textContent = `${f(m.meanDReal, 2)} / ${f(m.meanDFake, 2)}`;
    cards[3].readout.textContent = `ratio ${f(m.gradSaturating / m.gradNonSaturating, 3)}`;
    cards[4].readout.textContent = `JS ${f(m.js)} · W1 ${f(m.w1)}`;
    cards[5].readout.textContent = m.modes
      ? `${m.modes.modesCovered}/${m.modes.totalModes} · ${(100 * m.modes.highQualityFraction).toFixed(0)} %`
      : '';
  }
  render();
  return store.subscribe(() => {
    if (store.get().snapshot !== shown) schedule(render);
  });
}
