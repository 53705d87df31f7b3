// Generation (THEORY.md §6): random z ~ N(0, I) through the decoder, for this run and its
// twin of the other kind, side by side, with the shipped digit classifier's verdict. Only
// the VAE is trained so that the prior's samples land on images.

import { h, fmt } from '../dom.js';
import { pictures, scaleFor } from './pictures.js';

function column(g, s, mosaic) {
  pictures(mosaic, g.samples, s.width, s.height, scaleFor(s.width));
  const verdict = g.verdict
    ? h('p', { class: 'verdict', 'data-verdict': g.variational ? 'vae' : 'ae' },
        h('strong', {}, `Spread over the digits: ${fmt(g.verdict.classSpread, 2)} nats`),
        ` (real digits ≈ 2.3, all ten alike: ln 10 = 2.30); mean top-class confidence ${fmt(g.verdict.meanConfidence, 3)}, over 200 samples.`)
    : h('p', { class: 'hint' }, 'No digit classifier for this set: judge the faces by eye.');
  return h(
    'div',
    { class: 'generation', 'data-kind': g.variational ? 'vae' : 'ae' },
    h('h4', {}, g.variational ? 'VAE' : 'Autoencoder', h('span', { class: 'hint' }, ` · iteration ${g.iteration.toLocaleString('en')}`)),
    mosaic,
    verdict,
  );
}

export function mountGeneration() {
  const body = h('div', { class: 'generation-pair' });
  const hint = h('p', { class: 'hint' });
  // One mosaic per kind, kept across snapshots: its canvases are repainted, not rebuilt.
  const mosaics = { vae: h('div', { class: 'mosaic' }), ae: h('div', { class: 'mosaic' }) };
  const element = h('div', {}, body, hint);
  function render(s) {
    const pair = [s.generation, s.twin].filter(Boolean).sort((a, b) => Number(a.variational) - Number(b.variational));
    body.replaceChildren(...pair.map((g) => column(g, s, mosaics[g.variational ? 'vae' : 'ae'])));
    hint.textContent = s.twin
      ? 'Both models train on the same batches; z is the same for both. The autoencoder\'s codes sit wherever training put them, so N(0, I) mostly decodes to a few digits: the classifier can be just as sure of each sample (confidence alone does not tell the two apart), but the samples cover fewer digits. The spread, the entropy of the digits the classifier sees, is the measure that shows the VAE\'s prior covering the data.'
      : 'Tick "twin" to train the other kind (VAE ↔ autoencoder) alongside and compare their samples.';
  }
  return { element, render };
}
