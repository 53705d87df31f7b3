// The sample grid: G's pictures for the same 64 z at every snapshot (crate/train/image_gan.rs),
// 8 rows of 8, so the same samples visibly evolve; conditional, row r asks for digit r and is
// labelled with it. Canvases are repainted, never rebuilt, while the picture size stays.

import { h } from '../dom.js';
import { pictures } from '../autoencoder/pictures.js';

const COLUMNS = 8;

/** Screen pixels per image pixel: about 32 px a picture, whatever the set. */
export const cellScale = (width) => (width <= 8 ? 4 : width <= 20 ? 1.5 : width <= 28 ? 1.25 : 0.5);

/** `onPick(index)` hears a click on sample `index` (0–63) and answers the picked [A, B]. */
export function mountGrid(onPick) {
  const rows = [];
  let picked = [];
  const body = h('div', { class: 'ig-grid-rows' });
  const mark = () =>
    rows.forEach((r, k) =>
      [...r.mosaic.children].forEach((canvas, c) => {
        const at = picked.indexOf(k * COLUMNS + c);
        canvas.dataset.pick = at < 0 ? '' : 'AB'[at];
      }),
    );
  body.addEventListener('click', (e) => {
    const row = rows.findIndex((r) => r.mosaic === e.target.parentElement);
    if (row < 0 || !onPick) return;
    picked = onPick(row * COLUMNS + [...e.target.parentElement.children].indexOf(e.target));
    mark();
  });
  const caption = h('p', { class: 'hint' });
  const element = h('div', {}, body, caption);
  function render(s) {
    const count = Math.ceil(s.grid.length / COLUMNS);
    while (rows.length < count) {
      const label = h('span', { class: 'ig-row-label' });
      const mosaic = h('div', { class: 'mosaic' });
      rows.push({ label, mosaic, row: h('div', { class: 'ig-row' }, label, mosaic) });
    }
    body.replaceChildren(...rows.slice(0, count).map((r) => r.row));
    const labels = s.gridLabels;
    body.classList.toggle('labelled', Boolean(labels));
    rows.slice(0, count).forEach((r, k) => {
      r.label.textContent = labels ? String(labels[k * COLUMNS]) : '';
      pictures(r.mosaic, s.grid.slice(k * COLUMNS, (k + 1) * COLUMNS), s.width, s.height, cellScale(s.width));
    });
    mark();
    caption.textContent = labels
      ? `Iteration ${s.iteration.toLocaleString('en')}: the same 64 z at every snapshot; row r asks G for digit r (its label on the left).`
      : `Iteration ${s.iteration.toLocaleString('en')}: the same 64 z at every snapshot, so each cell is one sample changing as G learns.`;
  }
  return {
    element,
    render,
    /** Marks samples `indices` as A and B. */
    mark(indices) {
      picked = indices;
      mark();
    },
  };
}
