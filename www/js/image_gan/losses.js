// Both players' losses per iteration, and D's mean belief σ(D(x)) on the real batch and
// σ(D(G(z))) on the fakes with the ½ line, where they meet when D can no longer tell (the
// history has a row per iteration: d, g, dReal, dFake). Long runs are drawn a pixel column at
// a time, the mean over a faint band of the range (charts.js perColumn).

import { h, fmt } from '../dom.js';
import { lineChart, perColumn } from '../charts.js';

const C = { d: '#2563eb', g: '#ea580c', real: '#15803d', fake: '#7c3aed' };

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
    }[s.config.objective] ?? 'Per iteration, what each player minimised.';
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
      s.config.objective === 'wgan'
        ? "σ of the critic's mean scores on the real batch and the fakes: a critic's scores are no probabilities, so there is no ½ to reach; only their gap means something."
        : 'Mean D(x) on the real batch and D(G(z)) on the fakes, per iteration (the last D step of each). At the equilibrium D cannot tell: both ½.';
  }
  return { element, render };
}
