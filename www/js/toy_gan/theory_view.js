// The game itself, without data: (a) a zero-sum payoff table (note 000) with each player's
// cautious choice and the saddle point if there is one; (b) the Dirac GAN (data a point at
// 0, G(z) = θ, D(x) = σ(ψx)): the field of simultaneous gradient play over (θ, ψ) and the
// path from a clicked start, which circles for plain GAN training and spirals in when a
// gradient penalty damps it. Both are computed by the wasm module (crate/zero_sum.rs,
// crate/dirac.rs), in the game's worker: each answer is drawn when it comes, unless a newer
// question was asked meanwhile.

import { h } from '../dom.js';
import { prepare } from '../charts.js';

const EXTENT = 2.5;

function payoffPanel(api, report) {
  let rows = 3;
  let cols = 3;
  // Rows: the row player's options; entries: what the row player wins.
  let values = [3, -1, 2, 1, 0, 1, -2, 4, -3];
  const table = h('table', { class: 'payoff' });
  const verdict = h('p', { class: 'verdict' });
  let asked = 0;
  function render() {
    const question = ++asked;
    const answered = (analysis) => question === asked && draw(analysis);
    api.wasm.payoffAnalysis(rows, cols, Float64Array.from(values)).then(answered, (e) => {
      report(e);
      answered(null);
    });
  }
  function draw(analysis) {
    const head = h('tr', {}, h('th', {}, ''), Array.from({ length: cols }, (_, c) => h('th', {}, `col ${c + 1}`)), h('th', {}, 'worst'));
    const body = Array.from({ length: rows }, (_, r) => {
      const worst = Math.min(...values.slice(r * cols, (r + 1) * cols));
      return h(
        'tr',
        { class: analysis?.maximin.row === r ? 'pick' : '' },
        h('th', {}, `row ${r + 1}`),
        Array.from({ length: cols }, (_, c) => {
          const saddle = analysis?.saddlePoint && analysis.saddlePoint[0] === r && analysis.saddlePoint[1] === c;
          return h(
            'td',
            { class: [analysis?.minimax.col === c ? 'pick-col' : '', saddle ? 'saddle' : ''].join(' ') },
            h('input', {
              type: 'number',
              value: values[r * cols + c],
              step: 'any',
              'aria-label': `payoff row ${r + 1} column ${c + 1}`,
              onchange: (e) => {
                values[r * cols + c] = Number(e.target.value);
                render();
              },
            }),
          );
        }),
        h('td', { class: 'margin' }, String(worst)),
      );
    });
    const best = h(
      'tr',
      {},
      h('th', {}, 'best'),
      Array.from({ length: cols }, (_, c) =>
        h('td', { class: 'margin' }, String(Math.max(...Array.from({ length: rows }, (_, r) => values[r * cols + c])))),
      ),
      h('td', {}, ''),
    );
    table.replaceChildren(head, ...body, best);
    verdict.textContent = analysis
      ? `Row player (maximin): row ${analysis.maximin.row + 1}, guaranteed ${analysis.maximin.value}. ` +
        `Column player (minimax): column ${analysis.minimax.col + 1}, concedes at most ${analysis.minimax.value}. ` +
        (analysis.saddlePoint
          ? `Saddle point at (row ${analysis.saddlePoint[0] + 1}, column ${analysis.saddlePoint[1] + 1}): neither gains by moving alone.`
          : 'No saddle point: maximin < minimax, so each would do better by mixing its options.')
      : '';
  }
  const resize = (dr, dc) => {
    const [nr, nc] = [Math.min(5, Math.max(1, rows + dr)), Math.min(5, Math.max(1, cols + dc))];
    values = Array.from({ length: nr * nc }, (_, k) => {
      const [r, c] = [Math.floor(k / nc), k % nc];
      return r < rows && c < cols ? values[r * cols + c] : 0;
    });
    [rows, cols] = [nr, nc];
    render();
  };
  render();
  return h(
    'section',
    { class: 'card' },
    h('h3', {}, 'A zero-sum game'),
    h('p', { class: 'hint' }, 'Entries are what the row player wins and the column player loses. Edit them.'),
    table,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', onclick: () => resize(1, 0) }, '+ row'),
      h('button', { type: 'button', onclick: () => resize(-1, 0) }, '− row'),
      h('button', { type: 'button', onclick: () => resize(0, 1) }, '+ column'),
      h('button', { type: 'button', onclick: () => resize(0, -1) }, '− column'),
    ),
    verdict,
  );
}

function diracPanel(api, report) {
  const canvas = h('canvas', { class: 'dirac-canvas', width: 320, height: 320 });
  const objective = h(
    'select',
    { 'aria-label': 'Dirac GAN objective' },
    ['minimax', 'non-saturating', 'wgan', 'gradient-penalty'].map((o) => h('option', { value: o }, o)),
  );
  const lr = h('input', { type: 'number', value: '0.1', step: '0.01', min: '0.001', 'aria-label': 'learning rate' });
  const gamma = h('input', { type: 'number', value: '0.5', step: '0.1', min: '0', 'aria-label': 'penalty γ' });
  const readout = h('p', { class: 'hint' });
  let start = [1, 1];
  let frame = 0;
  let path = [];
  let field = null;
  let timer = 0;
  let asked = 0;
  const X = (t, w) => ((t + EXTENT) / (2 * EXTENT)) * w;
  const Y = (p, hh) => hh - ((p + EXTENT) / (2 * EXTENT)) * hh;

  function draw() {
    const [ctx, w, hh] = prepare(canvas);
    if (!field) return;
    ctx.strokeStyle = '#e5e7eb';
    ctx.beginPath();
    ctx.moveTo(X(0, w), 0);
    ctx.lineTo(X(0, w), hh);
    ctx.moveTo(0, Y(0, hh));
    ctx.lineTo(w, Y(0, hh));
    ctx.stroke();
    ctx.strokeStyle = '#9ca3af';
    for (let k = 0; k < field.theta.length; k++) {
      const [dt, dp] = [field.dTheta[k], field.dPsi[k]];
      const len = Math.hypot(dt, dp) || 1;
      const [x, y] = [X(field.theta[k], w), Y(field.psi[k], hh)];
      const [ex, ey] = [x + (8 * dt) / len, y - (8 * dp) / len];
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(ex, ey);
      ctx.stroke();
      ctx.fillStyle = '#9ca3af';
      ctx.fillRect(ex - 1, ey - 1, 2, 2);
    }
    ctx.strokeStyle = '#7c3aed';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    path.slice(0, frame + 1).forEach(([t, p], k) => (k ? ctx.lineTo(X(t, w), Y(p, hh)) : ctx.moveTo(X(t, w), Y(p, hh))));
    ctx.stroke();
    ctx.lineWidth = 1;
    const here = path[Math.min(frame, path.length - 1)];
    if (here) {
      ctx.fillStyle = '#7c3aed';
      ctx.beginPath();
      ctx.arc(X(here[0], w), Y(here[1], hh), 4, 0, 2 * Math.PI);
      ctx.fill();
      readout.textContent = `step ${Math.min(frame, path.length - 1)}: θ = ${here[0].toFixed(3)}, ψ = ${here[1].toFixed(3)}, distance from the equilibrium (0, 0) = ${Math.hypot(...here).toFixed(3)}`;
    }
    ctx.fillStyle = '#6b7280';
    ctx.fillText('θ (generator)', w - 80, Y(0, hh) - 4);
    ctx.fillText('ψ (discriminator)', X(0, w) + 4, 12);
  }

  async function restart() {
    const question = ++asked;
    const [o, g] = [objective.value, Number(gamma.value)];
    let answers;
    try {
      answers = await Promise.all([api.wasm.diracField(o, g, 17, EXTENT), api.wasm.diracTrajectory(o, g, start[0], start[1], Number(lr.value), 600)]);
    } catch (e) {
      report(e);
      return;
    }
    if (question !== asked) return;
    [field, path] = answers;
    frame = 0;
    clearInterval(timer);
    timer = setInterval(() => {
      frame = Math.min(path.length - 1, frame + 4);
      draw();
      if (frame >= path.length - 1) clearInterval(timer);
    }, 30);
  }
  canvas.addEventListener('click', (e) => {
    const r = canvas.getBoundingClientRect();
    start = [((e.clientX - r.left) / r.width) * 2 * EXTENT - EXTENT, (1 - (e.clientY - r.top) / r.height) * 2 * EXTENT - EXTENT];
    restart();
  });
  for (const input of [objective, lr, gamma]) input.addEventListener('change', restart);
  restart();
  return {
    element: h(
      'section',
      { class: 'card' },
      h('h3', {}, 'The Dirac GAN: training as a flow'),
      h(
        'p',
        { class: 'hint' },
        'Data: a point at 0. G puts all its mass at θ; D(x) = σ(ψx). Arrows: where simultaneous gradient steps move (θ, ψ). Click to start a path. Plain GAN training circles the equilibrium (0, 0) and drifts out; a gradient penalty on D damps the circling.',
      ),
      canvas,
      h('div', { class: 'controls' }, h('label', {}, 'objective ', objective), h('label', {}, 'lr ', lr), h('label', {}, 'γ ', gamma)),
      readout,
    ),
    stop: () => clearInterval(timer),
  };
}

export function mount(container, store, api) {
  const report = (e) => api.reportError(e);
  // api.wasm at each call: the worker may have been restarted after a crash.
  const dirac = diracPanel(api, report);
  container.append(h('div', { class: 'theory' }, payoffPanel(api, report), dirac.element));
  return dirac.stop;
}
