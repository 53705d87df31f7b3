// Quality and coverage, as the shipped digit classifier reads a thousand samples: how many
// read as each digit (mode collapse shows as missing bars, marked ✗), their mean top-class
// confidence, and, for a conditional GAN, the share read as the digit asked for. Face sets
// have no classifier: the card says so (their Fréchet distance is in the next card).

import { h, fmt } from '../dom.js';
import { niceTicks, prepare } from '../charts.js';

const BAR = '#2563eb';
const MISSING = '#dc2626';

function bars(canvas, { histogram, missing, judged }) {
  const [ctx, w, hgt] = prepare(canvas);
  const pad = { left: 34, right: 8, top: 10, bottom: 22 };
  const plotW = w - pad.left - pad.right;
  const plotH = hgt - pad.top - pad.bottom;
  // Up to the tallest bar or a fifth of the samples, whichever is more: an even spread (a
  // tenth each) sits at half height.
  const { ticks } = niceTicks(0, Math.max(...histogram, Math.ceil(judged / 5), 1), 3, 1);
  const top = ticks.at(-1) < Math.max(...histogram) ? Math.max(...histogram) : ticks.at(-1);
  const slot = plotW / histogram.length;
  ctx.strokeStyle = '#e5e7eb';
  ctx.fillStyle = '#6b7280';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    const y = pad.top + plotH - (t / top) * plotH;
    ctx.beginPath();
    ctx.moveTo(pad.left, y);
    ctx.lineTo(pad.left + plotW, y);
    ctx.stroke();
    ctx.fillText(t.toLocaleString('en'), pad.left - 4, y);
  }
  // The even share, a tenth of the samples each.
  const even = pad.top + plotH - (judged / histogram.length / top) * plotH;
  ctx.setLineDash([4, 4]);
  ctx.strokeStyle = '#9ca3af';
  ctx.beginPath();
  ctx.moveTo(pad.left, even);
  ctx.lineTo(pad.left + plotW, even);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.textAlign = 'center';
  histogram.forEach((count, digit) => {
    const x = pad.left + digit * slot;
    const barH = (count / top) * plotH;
    ctx.fillStyle = BAR;
    ctx.fillRect(x + slot * 0.15, pad.top + plotH - barH, slot * 0.7, barH);
    const gone = missing.includes(digit);
    ctx.fillStyle = gone ? MISSING : '#374151';
    ctx.textBaseline = 'top';
    ctx.fillText(String(digit), x + slot / 2, pad.top + plotH + 5);
    if (gone) {
      ctx.font = 'bold 13px system-ui, sans-serif';
      ctx.textBaseline = 'bottom';
      ctx.fillText('✗', x + slot / 2, pad.top + plotH - 2);
      ctx.font = '11px system-ui, sans-serif';
    }
  });
}

export function mountHistogram() {
  const canvas = h('canvas', { class: 'metric-chart ig-histogram' });
  const readout = h('p', { class: 'readout loss-readout' });
  const note = h('p', { class: 'hint' });
  const element = h('div', {}, readout, canvas, note);
  function render(s) {
    const j = s.judgement;
    canvas.hidden = !j;
    if (!j) {
      readout.textContent = '';
      note.textContent = 'No digit classifier for faces: judge them by eye, by their nearest training frames and by the Fréchet distance (next card).';
      return;
    }
    bars(canvas, j);
    const missing = j.missing.length === 0 ? 'all ten digits drawn' : `missing: ${j.missing.join(', ')}`;
    readout.textContent = [`mean confidence ${fmt(j.meanConfidence, 2)}`, missing, j.agreement !== null && j.agreement !== undefined && `${fmt(100 * j.agreement, 0)} % as asked`]
      .filter(Boolean)
      .join(' · ');
    readout.dataset.missing = String(j.missing.length);
    note.textContent =
      `${j.judged.toLocaleString('en')} fresh samples as the shipped digit classifier reads them: how many read as each digit (the dashed line: a tenth each, as in the data). ` +
      'A generator that collapses onto a few modes leaves bars empty (✗). Mean confidence is the classifier\'s average top-class probability: blurred or strange strokes lower it.';
  }
  return { element, render };
}
