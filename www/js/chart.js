// A small line chart on a canvas: one value per epoch for each series. When there are more
// epochs than pixels, each pixel column shows the mean of its epochs as the line and their
// range as a faint band, so a long run costs one pass over the data and no more ink.

const PAD = { left: 44, right: 24, top: 12, bottom: 30 };
const FONT = '12px system-ui, sans-serif';

function niceStep(range, count) {
  const raw = range / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const n = raw / magnitude;
  return (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * magnitude;
}

// 0, step, 2·step, ... up to `max`, or past it when `cover` (so the data fits under the top).
function ticks(max, count, { integer = false, cover = false } = {}) {
  const step = integer ? Math.max(1, Math.round(niceStep(max, count))) : niceStep(max, count);
  const last = (cover ? Math.ceil(max / step - 1e-9) : Math.floor(max / step + 1e-9)) * step;
  const out = [];
  for (let i = 0; i * step <= last + step * 1e-9; i++) out.push(i * step);
  return out;
}

// Per column: [mean, min, max] of a series over its share of the epochs.
function columnsOf(value, length, columns) {
  const out = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * length) / columns));
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = from; i < to; i++) {
      const v = value(i);
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    out.push([sum / (to - from), min, max]);
  }
  return out;
}

/**
 * Draws `series` ([{value(i), colour}]) over epochs 1..length, with dashed horizontal lines
 * at `guides` ([y, ...]) and `empty` as the text when there is nothing yet.
 */
export function drawChart(canvas, { length, series, guides = [], empty = '' }) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  if (plotW <= 0 || plotH <= 0) return;

  const columns = Math.min(length, Math.floor(plotW));
  const data = series.map((s) => columnsOf(s.value, length, columns));
  let top = Math.max(...guides, 0);
  for (const cols of data) for (const [, , max] of cols) if (Number.isFinite(max)) top = Math.max(top, max);
  const yTicks = ticks(top * 1.05, 5, { cover: true });
  const yMax = yTicks.at(-1);
  const xMax = Math.max(length, 1);
  const x = (epoch) => PAD.left + (epoch / xMax) * plotW;
  const y = (v) => PAD.top + plotH - (v / yMax) * plotH;

  // Grid and axes.
  ctx.strokeStyle = '#e5e7eb';
  ctx.fillStyle = '#6b7280';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yTicks) {
    ctx.beginPath();
    ctx.moveTo(PAD.left, Math.round(y(t)) + 0.5);
    ctx.lineTo(PAD.left + plotW, Math.round(y(t)) + 0.5);
    ctx.stroke();
    ctx.fillText(String(+t.toFixed(2)), PAD.left - 6, y(t));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks(xMax, 5, { integer: true })) {
    ctx.fillText(t.toLocaleString('en'), x(t), PAD.top + plotH + 6);
  }
  ctx.fillText('epoch', PAD.left + plotW / 2, PAD.top + plotH + 18);

  ctx.setLineDash([4, 4]);
  ctx.strokeStyle = '#9ca3af';
  for (const g of guides) {
    ctx.beginPath();
    ctx.moveTo(PAD.left, y(g));
    ctx.lineTo(PAD.left + plotW, y(g));
    ctx.stroke();
  }
  ctx.setLineDash([]);

  if (length === 0) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(empty, PAD.left + plotW / 2, PAD.top + plotH * 0.25);
  } else {
    const cx = (c) => x(((c + 0.5) / columns) * length);
    drawSeries(ctx, series, data, { columns, length, cx, y });
  }
}

// Each series as its line, over a band of the range when columns hold several epochs.
function drawSeries(ctx, series, data, { columns, length, cx, y }) {
  series.forEach((s, k) => {
    const cols = data[k];
    if (length > columns) {
      ctx.globalAlpha = 0.18;
      ctx.fillStyle = s.colour;
      ctx.beginPath();
      cols.forEach(([, , max], c) => ctx.lineTo(cx(c), y(max)));
      for (let c = columns - 1; c >= 0; c--) ctx.lineTo(cx(c), y(cols[c][1]));
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 1.75;
    ctx.beginPath();
    cols.forEach(([mean], c) => ctx.lineTo(cx(c), y(mean)));
    ctx.stroke();
    if (columns === 1) {
      ctx.fillStyle = s.colour;
      ctx.beginPath();
      ctx.arc(cx(0), y(cols[0][0]), 3, 0, 2 * Math.PI);
      ctx.fill();
    }
  });
}

