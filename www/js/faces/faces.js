// The data (real faces and non-faces) and the generator's current faces, drawn as the note
// draws them: a 2×2 image whose pixel value v is darkness (grey level 1 − v).

import { h, fmt, sigmoid, PIXELS } from '../dom.js';
import { schedule } from '../frame.js';

const NON_FACES = 4;

/** A 2×2 image tile whose pixels can be redrawn in place (so hover titles survive). */
export function faceTile(size = 'large') {
  const cells = PIXELS.map(() => h('div', { class: 'pixel' }));
  const el = h('div', { class: `face ${size}` }, cells);
  return {
    el,
    draw(pixels) {
      pixels.forEach((v, i) => {
        const grey = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
        cells[i].style.backgroundColor = `rgb(${grey} ${grey} ${grey})`;
        cells[i].title = `${PIXELS[i]} = ${fmt(v)}`;
      });
    },
  };
}

/** A tile with lines of text under it. */
function figure(size, lines) {
  const tile = faceTile(size);
  const captions = Array.from({ length: lines }, () => h('div', { class: 'caption' }));
  return { el: h('figure', { class: 'tile' }, tile.el, h('figcaption', {}, captions)), tile, captions };
}

const group = (title, figures) =>
  h('div', { class: 'face-group' }, h('h3', {}, title), h('div', { class: 'tiles' }, figures.map((f) => f.el)));

// Non-faces are uniform random pixels (THEORY.md §7), fixed per seed so they hold still.
function nonFaces(seed) {
  let state = Number(seed) % 2 ** 32 >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return Array.from({ length: NON_FACES }, () => PIXELS.map(random));
}

// The snapshot scores the real faces and the samples; a non-face's D(x) is the same formula.
function discriminate({ discriminatorWeights: w, discriminatorBias: b }, x) {
  return sigmoid(x.reduce((sum, v, i) => sum + w[i] * v, b));
}

export function mount(container, store) {
  const snap = () => store.get().snapshot;
  const real = snap().real.map(() => figure('large', 1));
  const nonFace = Array.from({ length: NON_FACES }, () => figure('large', 1));
  const samplesBox = h('div', { class: 'tiles' });
  let samples = [];

  container.append(
    h(
      'section',
      { class: 'card data' },
      h('h2', {}, 'The data'),
      h(
        'p',
        { class: 'hint' },
        'Dark means a large value. A face is dark on the diagonal (p11, p22) and light off it. ' +
          'Under each image, D’s current opinion: the probability it gives that the image is a real face.',
      ),
      group('Real faces (label 1)', real),
      group('Non-faces: uniform random pixels (shown to compare D’s opinion; not used in training)', nonFace),
    ),
    h(
      'section',
      { class: 'card samples' },
      h('h2', {}, 'The generator’s faces'),
      h('p', { class: 'hint' }, 'G(z) for fresh noise z ~ U(0, 1), redrawn as G trains; under each, z and D(G(z)).'),
      samplesBox,
    ),
  );

  let drawn = null;
  let nonFacesOf = null;
  let nonFacePixels = [];
  function render() {
    const s = snap();
    if (s === drawn) return;
    drawn = s;
    s.real.forEach((pixels, i) => {
      real[i].tile.draw(pixels);
      real[i].captions[0].textContent = `D(x) = ${fmt(s.realScores[i], 2)}`;
    });
    if (nonFacesOf !== s.seed) {
      nonFacesOf = s.seed;
      nonFacePixels = nonFaces(s.seed);
    }
    nonFacePixels.forEach((pixels, i) => {
      nonFace[i].tile.draw(pixels);
      nonFace[i].captions[0].textContent = `D(x) = ${fmt(discriminate(s.weights, pixels), 2)}`;
    });
    if (samples.length !== s.samples.length) {
      samples = s.samples.map(() => figure('medium', 2));
      samplesBox.replaceChildren(...samples.map((f) => f.el));
    }
    s.samples.forEach((pixels, i) => {
      samples[i].tile.draw(pixels);
      samples[i].captions[0].textContent = `z = ${fmt(s.sampleZ[i], 2)}`;
      samples[i].captions[1].textContent = `D(G(z)) = ${fmt(s.fakeScores[i], 2)}`;
    });
  }

  render();
  return store.subscribe(() => schedule(render));
}
