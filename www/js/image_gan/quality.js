// The measures over iterations, one row per snapshot: the Fréchet distance between samples
// and real images (in the digit classifier's hidden features, an "FID" for digits, or in a
// face set's top principal components), and, for a conditional GAN, the agreement: the share
// of samples the classifier reads as the digit asked for.

import { h, fmt } from '../dom.js';
import { lineChart } from '../charts.js';

export function mountFrechet() {
  const canvas = h('canvas', { class: 'metric-chart' });
  const readout = h('p', { class: 'readout loss-readout' });
  const note = h('p', { class: 'hint' });
  const element = h('div', {}, readout, canvas, note);
  function render(s) {
    const m = s.measures;
    lineChart(canvas, { series: [{ points: m.map((r) => [r.iteration, r.frechet]), colour: '#2563eb' }], zero: true });
    const last = m.at(-1);
    readout.textContent = last ? `${fmt(last.frechet, 2)} at iteration ${last.iteration.toLocaleString('en')}` : '';
    note.textContent = s.judgement
      ? 'Fréchet distance between Gaussians fitted to real digits and to samples, in the digit classifier\'s hidden features (an "FID" for digits): 0 when they match in mean and spread. Measured at each snapshot.'
      : "Fréchet distance between Gaussians fitted to real frames and to samples, in the set's 16 top principal components: 0 when they match in mean and spread. Measured at each snapshot.";
  }
  return { element, render };
}

export function mountAgreement() {
  const canvas = h('canvas', { class: 'metric-chart' });
  const readout = h('p', { class: 'readout loss-readout' });
  const note = h('p', { class: 'hint' });
  const element = h('div', {}, readout, canvas, note);
  function render(s) {
    const rows = s.measures.filter((r) => r.agreement !== null && r.agreement !== undefined);
    canvas.hidden = !s.config.conditional;
    if (!s.config.conditional) {
      readout.textContent = '';
      note.textContent = 'Turn on "conditional" (a digit set) to ask G for a digit: this card then shows how often the classifier reads the digit asked for.';
      return;
    }
    lineChart(canvas, {
      series: [{ points: rows.map((r) => [r.iteration, r.agreement]), colour: '#15803d' }],
      guides: [
        { y: 0.1, text: 'chance' },
        { y: 1, text: '' },
      ],
      zero: true,
    });
    const last = rows.at(-1);
    readout.textContent = last ? `${fmt(100 * last.agreement, 0)} % read as asked` : '';
    note.textContent = s.config.mismatchedPairs
      ? 'The share of samples the classifier reads as the digit G was asked for (a tenth by chance). D also learns that a real image with a wrong label is fake (the note\'s third pair), so it checks the pairing: turn that off to compare.'
      : 'The share of samples the classifier reads as the digit G was asked for (a tenth by chance). Wrong-label pairs are off: D judges the picture and the label only through real and fake pairs; turn them on to compare.';
  }
  return { element, render };
}
