// Greyscale images on small canvases, the one way every autoencoder view shows pixels.

import { h } from '../dom.js';

/** One image (values in [0, 1], row-major) on a canvas `scale` screen pixels per pixel. */
export function picture(pixels, width, height, scale = 3, title) {
  const canvas = h('canvas', { class: 'picture', width, height, title, style: `width:${width * scale}px;height:${height * scale}px` });
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  pixels.forEach((v, k) => {
    const g = Math.round(255 * Math.min(1, Math.max(0, v)));
    image.data.set([g, g, g, 255], 4 * k);
  });
  ctx.putImageData(image, 0, 0);
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
