// D's and G's loss per epoch, as the note plots them.

import { h, fmt } from '../dom.js';
import { schedule } from '../frame.js';
import { lineChart, perColumn } from '../charts.js';

const D_COLOUR = '#7c3aed';
const G_COLOUR = '#0d9488';
// At the equilibrium D ≡ ½, so each cross-entropy term is ln 2 (THEORY.md §2).
const GUIDES = [2 * Math.LN2, Math.LN2];

export function mount(container, store) {
  const canvas = h('canvas', { class: 'chart', role: 'img', 'aria-label': 'Losses of D and G per epoch' });
  const dNow = h('output');
  const gNow = h('output');
  container.append(
    h(
      'section',
      { class: 'card losses' },
      h('h2', {}, 'Losses per epoch'),
      h(
        'div',
        { class: 'legend' },
        h('span', { class: 'key', style: `--key: ${D_COLOUR}` }, 'D: −ln D(x) − ln(1 − D(G(z)))  ', dNow),
        h('span', { class: 'key', style: `--key: ${G_COLOUR}` }, 'G: −ln D(G(z))  ', gNow),
      ),
      canvas,
      h(
        'p',
        { class: 'hint' },
        'Means over the five faces of each epoch. Dashed: 2 ln 2 ≈ 1.39 and ln 2 ≈ 0.69, ' +
          'the losses of D and G at the equilibrium, where D(x) = ½ everywhere.',
      ),
    ),
  );

  let drawn = { history: null, length: -1, width: -1 };
  function render() {
    const { history, snapshot } = store.get();
    const width = canvas.clientWidth;
    if (history === drawn.history && history.length === drawn.length && width === drawn.width) return;
    drawn = { history, length: history.length, width };
    dNow.textContent = fmt(snapshot.losses.d);
    gNow.textContent = fmt(snapshot.losses.g);
    const columns = Math.max(1, width - 60); // about one point per pixel of the plot
    lineChart(canvas, {
      series: [
        { ...perColumn(history.length, columns, (i) => history[i].d), colour: D_COLOUR },
        { ...perColumn(history.length, columns, (i) => history[i].g), colour: G_COLOUR },
      ],
      guides: GUIDES.map((y) => ({ y })),
      zero: true,
      xLabel: 'epoch',
      empty: 'No epochs yet: press Play or Step.',
    });
  }

  const resized = new ResizeObserver(() => schedule(render));
  resized.observe(canvas);
  render();
  const unsubscribe = store.subscribe(() => schedule(render));
  return () => {
    unsubscribe();
    resized.disconnect();
  };
}
