// The timeline strip: the fixed-z grid as it was at iterations 0, 100, 300, 1000, 3000, …
// (the run keeps a frame at each milestone it passes). One canvas a frame, painted once: a
// frame never changes, so only frames not shown yet are added.

import { h } from '../dom.js';

const COLUMNS = 8;
/** About 120 screen pixels a frame. */
const frameScale = (width) => Math.max(0.25, Math.round((120 / (COLUMNS * width)) * 4) / 4);

/** `images` (each `width × height` values in [0, 1]) tiled `COLUMNS` a row, 1-px gaps, on `canvas`. */
function tile(canvas, images, width, height) {
  const rows = Math.ceil(images.length / COLUMNS);
  canvas.width = COLUMNS * (width + 1) - 1;
  canvas.height = rows * (height + 1) - 1;
  const image = new ImageData(canvas.width, canvas.height);
  const rgba = image.data;
  rgba.fill(255); // the gaps: white
  images.forEach((pixels, k) => {
    const [x0, y0] = [(k % COLUMNS) * (width + 1), Math.floor(k / COLUMNS) * (height + 1)];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const g = Math.round(255 * Math.min(1, Math.max(0, pixels[y * width + x])));
        const at = 4 * ((y0 + y) * canvas.width + x0 + x);
        rgba[at] = g;
        rgba[at + 1] = g;
        rgba[at + 2] = g;
      }
    }
  });
  canvas.getContext('2d').putImageData(image, 0, 0);
  return canvas;
}

export function mountTimeline() {
  const strip = h('div', { class: 'ig-strip' });
  const element = h('div', {}, strip, h('p', { class: 'hint' }, 'The grid above as it was at iterations 0, 100, 300, 1000, 3000, 10,000, …: kept for the whole run.'));
  let shown = []; // the iterations of the frames on the strip, in order
  function render(s) {
    const frames = s.timeline;
    const same = shown.length <= frames.length && shown.every((it, k) => frames[k].iteration === it);
    if (!same) {
      strip.replaceChildren();
      shown = [];
    }
    const scale = frameScale(s.width);
    for (const frame of frames.slice(shown.length)) {
      const canvas = tile(h('canvas', { class: 'picture' }), frame.grid, s.width, s.height);
      canvas.style.width = `${canvas.width * scale}px`;
      canvas.style.height = `${canvas.height * scale}px`;
      strip.append(h('figure', { class: 'ae-figure ig-frame', 'data-iteration': frame.iteration }, canvas, h('figcaption', {}, `iteration ${frame.iteration.toLocaleString('en')}`)));
      shown.push(frame.iteration);
    }
  }
  return { element, render };
}
