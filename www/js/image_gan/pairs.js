// Real and fake side by side, each with D's belief that it is real, σ(D(x)); under each fake
// the training image nearest to it and their RMS pixel distance, the memorisation check (a
// copy would sit at distance ≈ 0). Built once per picture size; each snapshot repaints the
// canvases and rewrites the captions.

import { h, fmt } from '../dom.js';
import { paint } from '../autoencoder/pictures.js';
import { cellScale } from './grid.js';

/** A picture with a caption, both kept to be rewritten; it shrinks to its column on a narrow screen. */
function slot(width, height, scale) {
  const canvas = h('canvas', { class: 'picture', width, height, style: `max-width:${width * scale}px` });
  const caption = h('figcaption', {});
  return { canvas, caption, element: h('figure', { class: 'ae-figure' }, canvas, caption) };
}

export function mountPairs() {
  const body = h('div', { class: 'ig-pairs-rows' });
  const note = h('p', { class: 'hint' });
  const element = h('div', {}, body, note);
  let shape = null;
  let rows = null;
  function build(s) {
    const scale = cellScale(s.width) * 1.25;
    const row = (label, count) => {
      const slots = Array.from({ length: count }, () => slot(s.width, s.height, scale));
      const style = `max-width:${count * (s.width * scale + 6)}px`;
      return { slots, element: h('div', { class: 'ig-pair-row', style }, h('span', { class: 'row-label' }, label), slots.map((x) => x.element)) };
    };
    rows = {
      real: row('real images · D(x)', s.real.length),
      fake: row('fakes, G(z) · D(G(z))', s.fake.length),
      nearest: row('the nearest training image to each fake · RMS distance', s.fake.length),
    };
    body.replaceChildren(rows.real.element, rows.fake.element, rows.nearest.element);
  }
  function render(s) {
    const now = `${s.width}×${s.height}×${s.real.length}×${s.fake.length}`;
    if (now !== shape) {
      shape = now;
      build(s);
    }
    const fill = (slots, images, caption) =>
      images.forEach((image, k) => {
        paint(slots[k].canvas, image.pixels ?? image);
        slots[k].caption.textContent = caption(image);
      });
    fill(rows.real.slots, s.real, (r) => fmt(r.score, 2));
    fill(rows.fake.slots, s.fake, (f) => fmt(f.score, 2));
    fill(
      rows.nearest.slots,
      s.fake.map((f) => f.nearest),
      (n) => fmt(n.distance, 2),
    );
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const closest = Math.min(...s.fake.map((f) => f.nearest.distance));
    note.textContent =
      `D's belief that each picture is real: ${fmt(mean(s.real.map((r) => r.score)), 2)} on average for these real ones, ${fmt(mean(s.fake.map((f) => f.score)), 2)} for the fakes ` +
      `(½ each when D can no longer tell). Memorisation check: the closest fake lies ${fmt(closest, 2)} (RMS, pixels in [0, 1]) from its nearest training image; a copy would be near 0.`;
  }
  return { element, render };
}
