// The one chart module: canvas drawings every experiment's views share. A line chart over
// iterations with its own y range (values can be negative, e.g. V(D, G)) or a log scale,
// and, for a series with more iterations than pixels, its mean per pixel column over a faint
// band of its range (so a long run costs one pass over the data and no more ink); colour maps.

const PAD = { left: 48, right: 12, top: 10, bottom: 26 };

/** Sizes the canvas to its CSS box at the screen's pixel ratio; returns [ctx, w, h]. */
export function prepare(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || canvas.width;
  const h = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  return [ctx, w, h];
}

/** Round ticks (1, 2 or 5 × 10^k apart) covering [lo, hi], about `count` of them. */
export function niceTicks(lo, hi, count = 4, least = 0) {
  const raw = Math.max((hi - lo) / count, least, 1e-12);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(least, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9)));
  const ticks = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(+t.toPrecision(12));
  return { ticks, step };
}

/** A tick's text: as many decimals as the step needs, exponents for the very small or large. */
export function tickLabel(v, step) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  let text;
  if (a < 1e-3 || a >= 1e5) {
    const digits = Math.max(0, Math.floor(Math.log10(a)) - Math.floor(Math.log10(step) + 1e-9));
    text = v.toExponential(Math.min(digits, 3)).replace(/\.?0+e/, 'e').replace('e+', 'e');
  } else {
    text = v.toFixed(Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9))));
  }
  return text.replaceAll('-', '−');
}

/**
 * `value(i)` for iterations 1..length, as at most `columns` points: each the mean over its
 * column's iterations, with the band of their range (`[[x, min, max]]`) when a column holds
 * several. Spread into a `lineChart` series.
 */
export function perColumn(length, columns, value) {
  const n = Math.max(1, Math.min(length, Math.floor(columns)));
  const points = [];
  const band = [];
  for (let c = 0; c < n && length > 0; c++) {
    const from = Math.floor((c * length) / n);
    const to = Math.max(from + 1, Math.floor(((c + 1) * length) / n));
    let [sum, min, max] = [0, Infinity, -Infinity];
    for (let i = from; i < to; i++) {
      const v = value(i);
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const x = (from + to + 1) / 2; // the middle of iterations from + 1 … to
    points.push([x, sum / (to - from)]);
    if (to - from > 1) band.push([x, min, max]);
  }
  return { points, band };
}

/**
 * Lines over x (iterations): `series` = [{points: [[x, y]], colour, name, dash, band:
 * [[x, lo, hi]]}], dashed `guides` = [{y, text}], `log` for a log10 y axis, `zero` to keep
 * 0 in the y range and start the x axis there, `xLabel` under the x axis.
 */
export function lineChart(canvas, { series, guides = [], log = false, zero = false, xLabel = 'iteration', empty = 'no data yet' }) {
  const [ctx, w, h] = prepare(canvas);
  const plotH = h - PAD.top - PAD.bottom;
  const tf = (v) => (log ? Math.log10(Math.max(v, 1e-12)) : v);
  const all = series.flatMap((s) => [
    ...s.points.filter(([, y]) => Number.isFinite(y) && (!log || y > 0)),
    ...(s.band ?? []).flatMap(([x, lo, hi]) => [[x, lo], [x, hi]]).filter(([, y]) => Number.isFinite(y) && (!log || y > 0)),
  ]);
  ctx.fillStyle = '#6b7280';
  if (all.length === 0) {
    ctx.textAlign = 'center';
    ctx.fillText(empty, w / 2, h / 2);
    return;
  }
  let [y0, y1] = [Infinity, -Infinity];
  for (const [, y] of all) [y0, y1] = [Math.min(y0, tf(y)), Math.max(y1, tf(y))];
  for (const g of guides) [y0, y1] = [Math.min(y0, tf(g.y)), Math.max(y1, tf(g.y))];
  if (zero && !log) [y0, y1] = [Math.min(y0, 0), Math.max(y1, 0)];
  if (y1 - y0 < 1e-9) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const margin = 0.06 * (y1 - y0);
  [y0, y1] = [y0 - margin, y1 + margin];
  // y ticks: round values (whole decades on a log axis), labelled by the step they need.
  const linear = (lo, hi, at = (t) => t) => {
    const { ticks, step } = niceTicks(lo, hi, 5);
    return ticks.filter((t) => !log || t > 0).map((t) => [at(t), tickLabel(t, step)]);
  };
  const decades = niceTicks(y0, y1, 4, 1).ticks;
  const yTicks = !log
    ? linear(y0, y1)
    : decades.length >= 2
      ? decades.map((k) => [k, tickLabel(10 ** k, 10 ** k)])
      : linear(10 ** y0, 10 ** y1, Math.log10); // less than a decade: round values inside it
  // The left margin fits the widest label, so that none is clipped.
  const left = Math.max(PAD.left, 8 + Math.max(...yTicks.map(([, text]) => ctx.measureText(text).width)));
  const plotW = w - left - PAD.right;
  const xs = all.map(([x]) => x);
  const first = zero ? Math.min(0, ...xs) : Math.min(...xs);
  const [x0, x1] = [first, Math.max(Math.max(...xs), first + 1)];
  const X = (x) => left + ((x - x0) / (x1 - x0)) * plotW;
  const Y = (v) => PAD.top + plotH - ((tf(v) - y0) / (y1 - y0)) * plotH;

  ctx.strokeStyle = '#e5e7eb';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const [t, text] of yTicks) {
    const py = PAD.top + plotH - ((t - y0) / (y1 - y0)) * plotH;
    ctx.beginPath();
    ctx.moveTo(left, py);
    ctx.lineTo(left + plotW, py);
    ctx.stroke();
    ctx.fillText(text, left - 4, py);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  // Whole iterations at round steps (0, 100, 200; not 1, 126, 251).
  for (const t of niceTicks(x0, x1, 4, 1).ticks) {
    // Kept inside the canvas: the last tick's label (1,000) would lose its end to the edge.
    const text = t.toLocaleString('en');
    const half = ctx.measureText(text).width / 2;
    ctx.fillText(text, Math.min(X(t), w - half - 1), PAD.top + plotH + 4);
  }
  ctx.fillText(xLabel, left + plotW / 2, PAD.top + plotH + 14);

  ctx.setLineDash([4, 4]);
  for (const g of guides) {
    ctx.strokeStyle = '#9ca3af';
    ctx.beginPath();
    ctx.moveTo(left, Y(g.y));
    ctx.lineTo(left + plotW, Y(g.y));
    ctx.stroke();
    if (g.text) {
      ctx.fillStyle = '#6b7280';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText(g.text, left + 4, Y(g.y) - 2);
    }
  }
  ctx.setLineDash([]);
  for (const s of series) {
    if (s.band?.length > 1) {
      ctx.globalAlpha = 0.18;
      ctx.fillStyle = s.colour;
      ctx.beginPath();
      s.band.forEach(([x, , hi]) => ctx.lineTo(X(x), Y(hi)));
      for (let k = s.band.length - 1; k >= 0; k--) ctx.lineTo(X(s.band[k][0]), Y(s.band[k][1]));
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 1.6;
    ctx.setLineDash(s.dash ?? []);
    ctx.beginPath();
    let started = false;
    for (const [x, y] of s.points) {
      if (!Number.isFinite(y) || (log && y <= 0)) continue;
      if (started) ctx.lineTo(X(x), Y(y));
      else ctx.moveTo(X(x), Y(y));
      started = true;
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

/** Blue (0) – white (½) – orange (1): D's verdict, fake to real. */
export function probabilityColour(p) {
  const t = Math.min(1, Math.max(0, p));
  const a = [59, 130, 246];
  const b = [255, 255, 255];
  const c = [249, 115, 22];
  const mix = (u, v, k) => u.map((x, i) => Math.round(x + (v[i] - x) * k));
  return t < 0.5 ? mix(a, b, t * 2) : mix(b, c, (t - 0.5) * 2);
}
