// What the page shows, in the note's words (THEORY.md §2 and §7), and how far the run is
// from the note's result.

import { h, fmt } from '../dom.js';
import { schedule } from '../frame.js';
import { faceTile } from './faces.js';
import { claimLine, renderClaim } from '../views/presets.js';

// The generated images the note reports after 1000 epochs (THEORY.md §7).
const NOTE_FACES = [
  [0.947, 0.034, 0.041, 0.963],
  [0.957, 0.034, 0.036, 0.971],
  [0.951, 0.034, 0.039, 0.966],
  [0.942, 0.034, 0.043, 0.959],
];

const PLAYERS =
  'D gives an image the probability that it is a real face, D(x) = sigmoid(w·x + b). ' +
  'G turns one number z ~ U(0, 1) into an image, one weight and bias per pixel and a sigmoid.';
const GAME =
  ' V(D, G) = E[ln D(x)] + E[ln(1 − D(G(z)))]. D lowers −ln D(x) − ln(1 − D(G(z))); ' +
  'G lowers the non-saturating −ln D(G(z)), which still has a strong gradient when D rejects ' +
  'its fakes, where ln(1 − D(G(z))) is flat.';
const SCHEDULE =
  'Each epoch goes over the five faces. For each face: a D step on the face, a fresh z, ' +
  'a D step on G(z), then a G step, all plain SGD (the note’s code used learning rate 0.01).';
const EXPECTED =
  'The note’s result after 1000 epochs: faces with diagonal ≈ 0.95 and off-diagonal ≈ 0.04, ' +
  'e.g. [0.947, 0.034, 0.041, 0.963]. Another seed gives other weights but the same faces.';

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function mount(container, store) {
  const now = h('p', { class: 'now' });
  // The note's result as a claim (crate/presets/faces.rs), judged on this run's faces.
  const claim = claimLine();
  const noteTiles = NOTE_FACES.map((pixels) => {
    const tile = faceTile('small');
    tile.draw(pixels);
    return tile.el;
  });

  container.append(
    h(
      'section',
      { class: 'card explain' },
      h('h2', {}, 'What is happening'),
      h('p', {}, PLAYERS),
      h('p', {}, 'They play min', h('sub', {}, 'G'), ' max', h('sub', {}, 'D'), GAME),
      h('p', {}, SCHEDULE),
      h('div', { class: 'expected' }, h('div', { class: 'tiles' }, noteTiles), h('p', {}, EXPECTED)),
      now,
      claim,
    ),
  );

  let drawn = null;
  function render() {
    const { snapshot } = store.get();
    if (snapshot === drawn) return;
    drawn = snapshot;
    const diagonal = mean(snapshot.samples.flatMap(([p11, , , p22]) => [p11, p22]));
    const offDiagonal = mean(snapshot.samples.flatMap(([, p12, p21]) => [p12, p21]));
    now.textContent =
      `This run, epoch ${snapshot.epoch.toLocaleString('en')}: diagonal ${fmt(diagonal, 2)}, ` +
      `off-diagonal ${fmt(offDiagonal, 2)} (means over the generator’s faces above).`;
    renderClaim(claim, snapshot.preset);
  }

  render();
  return store.subscribe(() => schedule(render));
}
