// The game in numbers, over iterations: the value V(D, G) against its equilibrium −ln 4
// (the critic's gap under WGAN, D's least-squares loss under LSGAN), mean D(x) and D(G(z))
// against ½ (critic scores under WGAN), both losses, the generator's gradient under the
// saturating and the non-saturating loss, JS / KL / W1 between p_data and p_g, and the
// modes covered. Each chart names itself (`view`), for the <gan-playground> element's `views`.

import { h } from '../dom.js';
import { schedule } from '../frame.js';
import { lineChart } from '../charts.js';

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

// What the objective being run makes of D's output: a probability (the JS games), a critic
// value (WGAN), a least-squares regression target (LSGAN) or a score with margins at ±1
// (hinge). Each chart shows the quantity
// that means something for it, or says plainly that it does not apply.
const KIND = { minimax: 'js', 'non-saturating': 'js', wgan: 'critic', 'wgan-gp': 'critic', lsgan: 'ls', hinge: 'hinge' };
const kindOf = (objective) => KIND[objective] ?? 'js';

const CHARTS = [
  {
    view: 'value',
    title: 'Value of the game',
    note: (objective) =>
      ({
        js: 'V(D, G) = E ln D(x) + E ln(1 − D(G(z))); at the equilibrium it is −ln 4.',
        critic:
          objective === 'wgan'
            ? "The critic's gap E f(x) − E f(G(z)). Clipping every weight to [−c, c] makes f K-Lipschitz for some unknown K (tiny for small c), so the gap estimates K·W1, not W1: follow its trend, and W1 itself below."
            : "The critic's gap E f(x) − E f(G(z)): with the penalty holding ‖∇f‖ near 1, it estimates W1 (compare W1 below).",
        ls: "LSGAN: D's least-squares loss ½E(D(x) − 1)² + ½E D(G(z))²; when D can no longer tell (D ≡ ½) it is ¼.",
        hinge: "Hinge: D's loss E max(0, 1 − D(x)) + E max(0, 1 + D(G(z))). It is 2 when D says 0 to everything, and 0 once every real scores above +1 and every fake below −1: past its margins D stops pushing.",
      })[kindOf(objective)],
    draw: (canvas, m, losses, objective) => {
      const kind = kindOf(objective);
      // These two show D's own loss: their value of the game is a loss, with its own mark.
      const mark = { ls: { y: 0.25, text: '¼' }, hinge: { y: 2, text: '2' } }[kind];
      if (mark) {
        const rows = thin(losses);
        lineChart(canvas, { series: [{ points: rows.map(([i, r]) => [i, r.d ?? NaN]), colour: C.a }], guides: [mark] });
        return;
      }
      lineChart(canvas, {
        series: [{ points: m.map((r) => [r.iteration, kind === 'critic' ? r.criticGap : r.value]), colour: C.a }],
        guides: kind === 'critic' ? [{ y: 0 }] : [{ y: -LN4, text: '−ln 4' }],
      });
    },
    legend: (objective) => [[{ js: 'V(D, G)', critic: 'critic gap', ls: "D's loss", hinge: "D's loss" }[kindOf(objective)], C.a]],
  },
  {
    view: 'verdict',
    title: "D's verdict",
    note: (objective) =>
      ({
        js: 'Mean D(x) on real and D(G(z)) on fake points. At the equilibrium D cannot tell: both ½.',
        critic: "Mean critic values f(x) and f(G(z)): scores, not probabilities, with no ½ to reach; only their gap (above) means something.",
        ls: 'Mean D(x) and D(G(z)), regressed towards 1 (real) and 0 (fake); when D cannot tell, both ½.',
        hinge: 'Mean scores D(x) and D(G(z)): D pushes reals above +1 and fakes below −1, its margins, and no further.',
      })[kindOf(objective)],
    draw: (canvas, m, losses, objective) =>
      lineChart(canvas, {
        series: [
          { points: m.map((r) => [r.iteration, r.meanDReal]), colour: C.c },
          { points: m.map((r) => [r.iteration, r.meanDFake]), colour: C.d },
        ],
        guides: { critic: [], hinge: [{ y: 1, text: '+1' }, { y: -1, text: '−1' }] }[kindOf(objective)] ?? [{ y: 0.5, text: '½' }],
      }),
    legend: (objective) =>
      kindOf(objective) === 'critic'
        ? [['mean f(x)', C.c], ['mean f(G(z))', C.d]]
        : [['mean D(x)', C.c], ['mean D(G(z))', C.d]],
  },
  {
    view: 'losses',
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
    view: 'gradients',
    title: 'Why non-saturating',
    note: (objective) =>
      kindOf(objective) === 'js'
        ? "‖∇G‖ under both generator losses on the same D and z (log scale). Where D rejects the fakes, ln(1 − D(G(z))) is flat: the saturating gradient vanishes, −ln D(G(z)) keeps pulling."
        : `Both losses read D's output as a probability, so this compares the minimax and non-saturating losses only; ${objective} has its own generator loss.`,
    draw: (canvas, m, losses, objective) =>
      lineChart(canvas, {
        log: true,
        empty: `does not apply to ${objective}`,
        series:
          kindOf(objective) === 'js'
            ? [
                { points: m.map((r) => [r.iteration, r.gradSaturating]), colour: C.b },
                { points: m.map((r) => [r.iteration, r.gradNonSaturating]), colour: C.a },
              ]
            : [],
      }),
    legend: (objective) => (kindOf(objective) === 'js' ? [['saturating', C.b], ['non-saturating', C.a]] : []),
  },
  {
    view: 'distance',
    title: 'Distance between p_data and p_g',
    note: 'JS and KL(p_data ‖ p_g) on a grid (JS ≤ ln 2, flat at ln 2 while the supports are apart; KL is large wherever G misses data, so it sits at its cap until G covers every mode); W1 keeps shrinking as they approach (exact in 1-D, sliced in 2-D).',
    draw: (canvas, m) =>
      lineChart(canvas, {
        series: [
          { points: m.map((r) => [r.iteration, r.js]), colour: C.a },
          { points: m.map((r) => [r.iteration, Math.min(r.kl, 2)]), colour: C.d },
          { points: m.map((r) => [r.iteration, r.w1]), colour: C.b },
        ],
        guides: [{ y: LN2, text: 'ln 2' }],
      }),
    legend: [['JS', C.a], ['KL(p_data ‖ p_g), capped at 2', C.d], ['W1', C.b]],
  },
  {
    view: 'modes',
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

const textOf = (value, objective) => (typeof value === 'function' ? value(objective) : value);

export function mount(container, store) {
  const cards = CHARTS.map((chart) => {
    const canvas = h('canvas', { class: 'metric-chart' });
    const readout = h('output', { class: 'readout' });
    const keys = h('span', { class: 'keys' });
    const note = h('p', { class: 'hint' });
    const card = h('section', { class: 'card metric', 'data-view': chart.view }, h('h3', {}, chart.title), canvas, h('div', { class: 'legend' }, keys, readout), note);
    return { chart, canvas, card, readout, keys, note };
  });
  container.append(h('div', { class: 'metrics-grid' }, cards.map((c) => c.card)));
  let shown = null;
  let explained = null; // the objective the notes and legends were written for
  function render() {
    const { metrics, losses, snapshot } = store.get();
    shown = snapshot;
    const objective = snapshot.config.objective;
    if (objective !== explained) {
      explained = objective;
      for (const { chart, keys, note } of cards) {
        keys.replaceChildren(...textOf(chart.legend, objective).map(([text, colour]) => h('span', { class: 'key', style: `--key:${colour}` }, text)));
        note.textContent = textOf(chart.note, objective);
      }
    }
    for (const { chart, canvas } of cards) chart.draw(canvas, metrics, losses, objective);
    const m = snapshot.metrics;
    const f = (x, d = 3) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d).replace('-', '−'));
    const kind = kindOf(objective);
    const lastD = losses.at(-1)?.d;
    cards[0].readout.textContent = kind === 'js' ? `V = ${f(m.value)}` : kind === 'critic' ? `gap = ${f(m.criticGap)}` : `D's loss = ${f(lastD)}`;
    cards[1].readout.textContent = `${f(m.meanDReal, 2)} / ${f(m.meanDFake, 2)}`;
    // A ratio of two zero gradients is no number: say so rather than "NaN".
    cards[3].readout.textContent = kind !== 'js' ? '' : m.gradNonSaturating > 0 ? `ratio ${f(m.gradSaturating / m.gradNonSaturating, 3)}` : 'both gradients 0';
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
