// The latent space (THEORY.md §2): click two samples of the grid, A then B, for the walk
// between their z, along the arc between them (slerp, crate/train/latent.rs: a straight
// line would cut through z that G never saw), redrawn at every snapshot as G learns; a
// conditional G walks from A's digit to B's as well. A's z has a slider per coordinate, and
// the picture beside them follows.

import { h, fmt } from '../dom.js';
import { pictures } from '../autoencoder/pictures.js';
import { cellScale } from './grid.js';

const STEPS = 10;
const REACH = 4; // crate/train/latent.rs SLIDER_REACH

export function mountLatent(api) {
  const walkCaption = h('p', { class: 'hint' });
  const strip = h('div', { class: 'mosaic ig-walk', 'data-walk': '' });
  const one = h('div', { class: 'mosaic', 'data-edited': '' });
  const oneCaption = h('p', { class: 'hint' });
  const sliders = h('div', { class: 'ig-sliders' });
  const back = h('button', { type: 'button', onclick: () => reload().catch(() => {}) }, "A's own z");
  const element = h('div', {}, walkCaption, strip, h('div', { class: 'ig-edit' }, h('div', {}, one, back), sliders), oneCaption);
  let picks = [0, 63];
  let next = 0; // which pick the next click sets
  let sample = null; // {z, digit} of A, as the sliders have it
  let shown = null; // the snapshot last drawn
  let pending = null; // a redraw asked for while one was running
  let running = false;

  async function reload() {
    sample = await api.gridSample(picks[0]);
    sliders.replaceChildren(
      ...sample.z.map((v, i) => {
        const out = h('output', {}, fmt(v, 1));
        const input = h('input', {
          type: 'range',
          min: -REACH,
          max: REACH,
          step: 0.1,
          value: String(Math.max(-REACH, Math.min(REACH, v))),
          'aria-label': `z${i + 1}`,
          oninput: (e) => {
            sample.z[i] = Number(e.target.value);
            out.textContent = fmt(sample.z[i], 1);
            redraw({ walk: false });
          },
        });
        return h('label', {}, `z${i + 1}`, input, out);
      }),
    );
    await redraw({ walk: false });
  }

  /** Draws the walk (unless `walk` is false) and A's edited picture; one at a time. */
  async function redraw({ walk = true } = {}) {
    if (running) {
      pending = { walk: walk || pending?.walk === true };
      return;
    }
    running = true;
    try {
      const s = api.snapshot();
      const scale = cellScale(s.width);
      if (walk) {
        const images = await api.latentWalk(picks[0], picks[1], STEPS);
        pictures(strip, images, s.width, s.height, scale);
        const digits = s.gridLabels ? ` (digit ${s.gridLabels[picks[0]]} → ${s.gridLabels[picks[1]]})` : '';
        walkCaption.textContent = `A = sample ${picks[0] + 1} → B = sample ${picks[1] + 1}${digits}, ${STEPS} steps along the arc between their z, at iteration ${s.iteration.toLocaleString('en')}. Click a sample in the grid to move ${next === 0 ? 'A' : 'B'}.`;
      }
      if (sample && sample.z.length === s.config.noiseDim) {
        pictures(one, [await api.picture(sample.z, sample.digit)], s.width, s.height, 2 * scale);
        const moved = Math.hypot(...sample.z);
        oneCaption.textContent = `G(z) for A's z with the sliders' changes${s.gridLabels ? `, asking for digit ${sample.digit}` : ''}: ‖z‖ = ${fmt(moved, 2)} (typical ‖z‖ ≈ √${s.config.noiseDim} = ${fmt(Math.sqrt(s.config.noiseDim), 1)}).`;
      }
    } catch {
      // the banner shows it
    } finally {
      running = false;
      if (pending) {
        const again = pending;
        pending = null;
        redraw(again);
      }
    }
  }

  /** A click on grid sample `index` sets A or B in turn. */
  function pick(index) {
    picks[next] = index;
    const movedA = next === 0;
    next = 1 - next;
    (movedA ? reload() : Promise.resolve()).then(() => redraw()).catch(() => {});
    return picks;
  }

  function render(s) {
    if (s === shown) return;
    const fresh = !shown || s.iteration < shown.iteration || s.config.noiseDim !== shown.config.noiseDim || s.config.seed !== shown.config.seed;
    shown = s;
    if (fresh) reload().then(() => redraw()).catch(() => {});
    else redraw();
  }

  return { element, render, pick, picks: () => picks.slice() };
}
