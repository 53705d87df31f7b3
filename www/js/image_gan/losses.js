// Both players' losses per iteration; the value of the game, V(D, G) = −L_D, against its
// equilibrium −ln 4 (the critic's gap under WGAN, D's loss against ¼ under LSGAN); and D's mean belief σ(D(x)) on the real batch and
// σ(D(G(z))) on the fakes with the ½ line, where they meet when D can no longer tell (the
// history has a row per iteration: d, g, dReal, dFake). Long runs are drawn a pixel column at
// a time, the mean over a faint band of the range (charts.js perColumn).

import { h, fmt } from '../dom.js';
import { lineChart, perColumn } from '../charts.js';

const LN4 = Math.log(4);

const C = { d: '#2563eb', g: '#ea580c', real: '#15803d', fake: '#7c3aed', value: '#0f766e' };

const key = (text, colour) => h('span', { class: 'key' }, h('i', { style: `background:${colour}` }), text);

/** A chart of `fields` of the history rows: `[[field, colour]]`. */
function chart(canvas, losses, fields, guides = []) {
  const columns = Math.max(50, canvas.clientWidth || 300);
  lineChart(canvas, {
    series: fields.map(([field, colour]) => ({ ...perColumn(losses.length, columns, (i) => losses[i][field]), colour })),
    guides,
    zero: true, // iterations from 0 (and losses and beliefs from 0 up)
  });
}

export function mountLosses() {
  const canvas = h('canvas', { class: 'metric-chart' });
  const readout = h('p', { class: 'readout loss-readout' });
  const note = h('p', { class: 'hint' });
  const element = h('div', {}, readout, canvas, h('div', { class: 'legend' }, key('D', C.d), key('G', C.g)), note);
  function render(s, losses) {
    chart(canvas, losses, [
      ['d', C.d],
      ['g', C.g],
    ]);
    const l = s.losses;
    readout.textContent = l ? `D ${fmt(l.d, 3)} · G ${fmt(l.g, 3)}` : 'no step yet';
    note.textContent = {
      minimax: "Per iteration, what each player minimised: D's −ln D(x) − ln(1 − D(G(z))) (2 ln 2 ≈ 1.39 when it cannot tell) and G's ln(1 − D(G(z))), the minimax loss.",
      'non-saturating': "Per iteration, what each player minimised: D's −ln D(x) − ln(1 − D(G(z))) (2 ln 2 ≈ 1.39 when it cannot tell) and G's −ln D(G(z)), the non-saturating loss.",
      wgan: "Per iteration: the critic's E f(G(z)) − E f(x) and G's −E f(G(z)); every critic weight clipped to ±c.",
      lsgan: "Per iteration: D's ½E(D(x) − 1)² + ½E D(G(z))² (¼ when D ≡ ½) and G's ½E(D(G(z)) − 1)².",
      hinge: "Per iteration: D's E max(0, 1 − D(x)) + E max(0, 1 + D(G(z))) (2 when D says 0 to all) and G's −E D(G(z)).",
    }[s.config.objective] ?? 'Per iteration, what each player minimised.';
  }
  return { element, render };
}

// What −L_D is under each objective, the line it heads for, and what it means.
const VALUE = {
  minimax: { name: 'V(D, G)', guide: { y: -LN4, text: '−ln 4' }, sign: -1 },
  'non-saturating': { name: 'V(D, G)', guide: { y: -LN4, text: '−ln 4' }, sign: -1 },
  wgan: { name: 'critic gap', guide: { y: 0 }, sign: -1 },
  lsgan: { name: "D's loss", guide: { y: 0.25, text: '¼' }, sign: 1 },
  hinge: { name: "D's loss", guide: { y: 2, text: '2' }, sign: 1 },
};

export function mountValue() {
  const canvas = h('canvas', { class: 'metric-chart' });
  const readout = h('p', { class: 'readout loss-readout' });
  const note = h('p', { class: 'hint' });
  const legendName = h('span');
  const element = h('div', {}, readout, canvas, h('div', { class: 'legend' }, h('span', { class: 'key' }, h('i', { style: `background:${C.value}` }), legendName)), note);
  function render(s, losses) {
    const v = VALUE[s.config.objective] ?? VALUE['non-saturating'];
    const columns = Math.max(50, canvas.clientWidth || 300);
    lineChart(canvas, { series: [{ ...perColumn(losses.length, columns, (i) => v.sign * losses[i].d), colour: C.value }], guides: [v.guide] });
    legendName.textContent = v.name;
    readout.textContent = s.losses ? `${v.name} ${fmt(v.sign * s.losses.d, 3)}` : 'no step yet';
    const pairs = s.config.mismatchedPairs ? ' With wrong-label pairs on, the fake term averages over the fakes and the wrong-label pairs together.' : '';
    note.textContent =
      {
        wgan: "The critic's gap E f(x) − E f(G(z)) on each batch: clipping makes f K-Lipschitz for some unknown K, so it tracks K·W1: follow its trend down towards 0.",
        lsgan: "LSGAN: D's least-squares loss ½E(D(x) − 1)² + ½E D(G(z))²; when D can no longer tell (D ≡ ½) it is ¼.",
        hinge: "Hinge: D's loss E max(0, 1 − D(x)) + E max(0, 1 + D(G(z))): 2 when D says 0 to everything, 0 once every real scores above +1 and every fake below −1. Past its margins D stops pushing, so it stays nearer 2 than a winning D's loss would.",
      }[s.config.objective] ??
      'V(D, G) = E ln D(x) + E ln(1 − D(G(z))) on each batch, i.e. minus D\'s loss. With the best D for G it is −ln 4 + 2·JS(p_data ‖ p_g): it heads for −ln 4 as the fakes become indistinguishable, and a D that wins outright drives it towards 0.' + pairs;
  }
  return { element, render };
}

export function mountVerdict() {
  const canvas = h('canvas', { class: 'metric-chart' });
  const readout = h('p', { class: 'readout loss-readout' });
  const note = h('p', { class: 'hint' });
  const element = h('div', {}, readout, canvas, h('div', { class: 'legend' }, key('mean D(x), real', C.real), key('mean D(G(z)), fake', C.fake)), note);
  function render(s, losses) {
    chart(
      canvas,
      losses,
      [
        ['dReal', C.real],
        ['dFake', C.fake],
      ],
      [{ y: 0.5, text: '½' }],
    );
    const l = s.losses;
    readout.textContent = l ? `${fmt(l.dReal, 2)} / ${fmt(l.dFake, 2)}` : 'no step yet';
    note.textContent =
      {
        wgan: "σ of the critic's mean scores on the real batch and the fakes: a critic's scores are no probabilities, so there is no ½ to reach; only their gap means something.",
        hinge: "σ of D's mean scores on the real batch and the fakes: the hinge's scores are no probabilities (D aims past +1 and −1, σ ≈ 0.73 and 0.27), so there is no ½ to reach.",
      }[s.config.objective] ?? 'Mean D(x) on the real batch and D(G(z)) on the fakes, per iteration (the last D step of each). At the equilibrium D cannot tell: both ½.';
  }
  return { element, render };
}
