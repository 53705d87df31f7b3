// Greyscale images on small canvases, the one way every autoencoder view shows pixels.

import { h } from '../dom.js';

/** One image (values in [0, 1], row-major) on a canvas `scale` screen pixels per pixel. */
export function picture(pixels, width, height, scale = 3, title) {
  const canvas = h('canvas', { class: 'picture', width, height, title, style: `width:${width * scale}px;height:${height * scale}px` });
  return paint(canvas, pixels);
}

/**
 * `images` as the pictures in `container`: the canvases there are repainted when they are
 * as many and as large (a new canvas's 2-D context is what a snapshot's hundreds of
 * pictures cost most), else replaced.
 */
export function pictures(container, images, width, height, scale) {
  const canvases = [...container.children];
  const same = canvases.length === images.length && canvases.every((c) => c.tagName === 'CANVAS' && c.width === width && c.height === height);
  if (same) images.forEach((pixels, k) => paint(canvases[k], pixels));
  else container.replaceChildren(...images.map((pixels) => picture(pixels, width, height, scale)));
}

/** Paints `pixels` (values in [0, 1], row-major) onto `canvas`, at its own size. */
export function paint(canvas, pixels) {
  const { width, height } = canvas;
  const image = new ImageData(width, height);
  const rgba = image.data;
  // A grid redraws hundreds of images per snapshot: plain index writes, no array per pixel.
  for (let k = 0, n = Math.min(pixels.length, width * height); k < n; k++) {
    const g = Math.round(255 * Math.min(1, Math.max(0, pixels[k])));
    rgba[4 * k] = g;
    rgba[4 * k + 1] = g;
    rgba[4 * k + 2] = g;
    rgba[4 * k + 3] = 255;
  }
  canvas.getContext('2d').putImageData(image, 0, 0);
  return canvas;
}

/** Screen pixels per image pixel: 8×8 digits large, Olivetti's 64×64 halved. */
export function scaleFor(width) {
  return width <= 8 ? 4 : width <= 28 ? 1.5 : 0.75;
}

/** A captioned image: `picture` with a line of text under it. */
export function figure(pixels, s, caption, scale = scaleFor(s.width)) {
  return h('figure', { class: 'ae-figure' }, picture(pixels, s.width, s.height, scale), h('figcaption', {}, caption));
}
