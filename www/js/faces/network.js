// Both networks drawn as in the note: G maps one z to four pixels, D maps four pixels to one
// score. One line per weight (thickness |w|, colour its sign), each computing node ringed
// by its bias; the numbers on hover and in the table.

import { h, s, fmt, PIXELS } from '../dom.js';
import { schedule } from '../frame.js';

const POSITIVE = '#2563eb';
const NEGATIVE = '#ea580c';
const ROWS = [40, 95, 150, 205];
const MIDDLE = 122.5;

const colour = (x) => (x >= 0 ? POSITIVE : NEGATIVE);
const thickness = (w) => Math.min(12, 0.75 + 2.5 * Math.abs(w));

function edge(x1, y1, x2, y2) {
  const title = s('title');
  const line = s('line', { x1, y1, x2, y2, 'stroke-linecap': 'round' }, title);
  return {
    line,
    draw(w, text) {
      line.setAttribute('stroke', colour(w));
      line.setAttribute('stroke-width', thickness(w));
      title.textContent = `${text}: ${fmt(w)}`;
    },
  };
}

// A node; a computing node's ring and the number beside it show its bias.
function node(cx, cy, r, label, biasAt) {
  const title = s('title');
  const circle = s('circle', { cx, cy, r, class: 'node' });
  const bias = biasAt && s('text', { x: biasAt.x, y: biasAt.y, class: 'bias', 'text-anchor': biasAt.anchor });
  const group = s('g', {}, title, circle, s('text', { x: cx, y: cy, class: 'node-label' }, label), bias);
  return {
    group,
    draw(b, text) {
      title.textContent = text;
      if (!bias) return;
      circle.setAttribute('stroke', colour(b));
      circle.setAttribute('stroke-width', Math.min(8, 1 + 2 * Math.abs(b)));
      bias.textContent = `b ${fmt(b, 2)}`;
      bias.setAttribute('fill', colour(b));
    },
  };
}

const diagram = (label, ...children) =>
  s('svg', { viewBox: '0 0 300 245', class: 'diagram', role: 'img', 'aria-label': label }, ...children);

function generatorDiagram() {
  const edges = ROWS.map((y) => edge(64, MIDDLE, 196, y));
  const z = node(46, MIDDLE, 18, 'z');
  const pixels = ROWS.map((y, i) => node(214, y, 18, PIXELS[i], { x: 238, y: y + 4, anchor: 'start' }));
  const svg = diagram('The generator G', edges.map((e) => e.line), z.group, pixels.map((p) => p.group));
  return {
    svg,
    draw({ generatorWeights: w, generatorBiases: b }) {
      z.draw(0, 'z ~ U(0, 1): the noise G turns into an image');
      PIXELS.forEach((p, i) => {
        edges[i].draw(w[i], `weight z → ${p}`);
        pixels[i].draw(b[i], `${p} = sigmoid(${fmt(w[i])}·z + ${fmt(b[i])}); bias ${fmt(b[i])}`);
      });
    },
  };
}

function discriminatorDiagram() {
  const edges = ROWS.map((y) => edge(104, y, 226, MIDDLE));
  const pixels = ROWS.map((y, i) => node(86, y, 18, PIXELS[i]));
  const d = node(246, MIDDLE, 20, 'D', { x: 246, y: MIDDLE + 42, anchor: 'middle' });
  const svg = diagram('The discriminator D', edges.map((e) => e.line), pixels.map((p) => p.group), d.group);
  return {
    svg,
    draw({ discriminatorWeights: w, discriminatorBias: b }) {
      PIXELS.forEach((p, i) => {
        edges[i].draw(w[i], `weight ${p} → D`);
        pixels[i].draw(0, `${p}: one pixel of the image x`);
      });
      d.draw(b, `D(x) = sigmoid(w·x + b), the probability that x is a real face; bias ${fmt(b)}`);
    },
  };
}

// A table cell whose text is a signed number.
function numberCell() {
  const cell = h('td', { class: 'num' });
  return {
    cell,
    draw(x) {
      cell.textContent = fmt(x);
      cell.style.color = colour(x);
    },
  };
}

export function mount(container, store) {
  const g = generatorDiagram();
  const d = discriminatorDiagram();
  const rows = PIXELS.map(() => [numberCell(), numberCell(), numberCell()]);
  const dBias = numberCell();
  const table = h(
    'table',
    { class: 'weights' },
    h('thead', {}, h('tr', {}, ['pixel', 'G weight', 'G bias', 'D weight'].map((name) => h('th', {}, name)))),
    h(
      'tbody',
      {},
      PIXELS.map((p, i) => h('tr', {}, h('th', {}, p), rows[i].map((c) => c.cell))),
      h('tr', { class: 'd-bias' }, h('th', {}, 'D bias'), h('td', { colspan: 2 }), dBias.cell),
    ),
  );

  container.append(
    h(
      'section',
      { class: 'card network' },
      h('h2', {}, 'The two networks'),
      h(
        'div',
        { class: 'diagrams' },
        h('figure', {}, g.svg, h('figcaption', {}, 'G: one weight and bias per pixel, then a sigmoid')),
        h('figure', {}, d.svg, h('figcaption', {}, 'D: weighted sum of the pixels, plus a bias, then a sigmoid')),
      ),
      h(
        'p',
        { class: 'hint legend' },
        h('span', { class: 'key', style: `--key: ${POSITIVE}` }, 'positive'),
        h('span', { class: 'key', style: `--key: ${NEGATIVE}` }, 'negative'),
        'Line thickness is |weight|, ring thickness |bias|. Hover for the numbers.',
      ),
      table,
    ),
  );

  let drawn = null;
  function render() {
    const { weights } = store.get().snapshot;
    if (weights === drawn) return;
    drawn = weights;
    g.draw(weights);
    d.draw(weights);
    PIXELS.forEach((_, i) => {
      rows[i][0].draw(weights.generatorWeights[i]);
      rows[i][1].draw(weights.generatorBiases[i]);
      rows[i][2].draw(weights.discriminatorWeights[i]);
    });
    dBias.draw(weights.discriminatorBias);
  }

  render();
  return store.subscribe(() => schedule(render));
}
