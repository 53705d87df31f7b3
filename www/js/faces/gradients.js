// One step's gradients, two ways (THEORY.md §7): Burn's autodiff and the note's partial
// derivatives, side by side, for the step the current weights would take next on the first
// face. The page says they agree; this shows it.

import { h, fmt, PIXELS } from '../dom.js';
import { schedule } from '../frame.js';

// The rows, by group, in the order of the snapshot's gradients: [label, read(gradients)].
const GROUPS = [
  ['D’s error on the face, −ln D(x)', [...PIXELS.map((p, i) => [`∂/∂w ${p}`, (g) => g.discriminatorOnReal.weights[i]]), ['∂/∂b', (g) => g.discriminatorOnReal.bias]]],
  ['D’s error on the fake, −ln(1 − D(G(z)))', [...PIXELS.map((p, i) => [`∂/∂w ${p}`, (g) => g.discriminatorOnFake.weights[i]]), ['∂/∂b', (g) => g.discriminatorOnFake.bias]]],
  ['G’s error, −ln D(G(z))', [...PIXELS.map((p, i) => [`∂/∂v ${p}`, (g) => g.generator.weights[i]]), ...PIXELS.map((p, i) => [`∂/∂c ${p}`, (g) => g.generator.biases[i]])]],
];
const ROWS = GROUPS.flatMap(([, rows]) => rows);

export function mount(container, store) {
  const cells = ROWS.map(() => [h('td', { class: 'num' }), h('td', { class: 'num' }), h('td', { class: 'num' })]);
  const caption = h('p', { class: 'hint' });
  container.append(
    h(
      'section',
      { class: 'card gradients' },
      h('h2', {}, 'One step’s gradients, two ways'),
      caption,
      h(
        'table',
        { class: 'weights' },
        h('thead', {}, h('tr', {}, ['', 'Burn', 'by hand', '|Δ|'].map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          GROUPS.flatMap(([title, rows], g) => {
            const first = GROUPS.slice(0, g).reduce((n, [, r]) => n + r.length, 0);
            return [h('tr', { class: 'group' }, h('th', { colspan: 4 }, title)), ...rows.map(([label], k) => h('tr', {}, h('th', {}, label), cells[first + k]))];
          }),
        ),
      ),
    ),
  );
  let drawn = null;
  function render() {
    const check = store.get().snapshot.gradients;
    if (!check || check === drawn) return;
    drawn = check;
    caption.textContent =
      `The gradients the next step takes on face 1 with z = ${fmt(check.z)}, from the current weights: ` +
      `Burn (autodiff) differentiates the errors itself; by hand, the note's partial derivatives (THEORY.md §7). ` +
      `Largest difference: ${check.largestDifference.toExponential(1)} (float rounding).`;
    ROWS.forEach(([, read], k) => {
      const [a, b] = [read(check.burn), read(check.byHand)];
      cells[k][0].textContent = fmt(a, 4);
      cells[k][1].textContent = fmt(b, 4);
      cells[k][2].textContent = Math.abs(a - b).toExponential(0);
    });
  }
  render();
  return store.subscribe(() => schedule(render));
}
