// Small canvas drawings shared by the game's views: a line chart over iterations with its
// own y range (values can be negative, e.g. V(D, G)) or a log scale, and colour maps.

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

const label = (v) => {
  const a = Math.abs(v);
  const text = a !== 0 && (a < 0.01 || a >= 1e4) ? v.toExponential(0) : String(+v.toFixed(2));
  return text.replace('-', '−');
};

/**
 * Lines over x (iterations): `series` = [{points: [[x, y]], colour, name, dash}], dashed `guides`
 * = [{y, text}], `log` for a log10 y axis.
 */
export function lineChart(canvas, { series, guides = [], log = false, empty = 'no data yet' }) {
  const [ctx, w, h] = prepare(canvas);
  const plotW = w - PAD.left - PAD.right;
  const plotH = h - PAD.top - PAD.bottom;
  const tf = (v) => (log ? Math.log10(Math.max(v, 1e-12)) : v);
  const all = series.flatMap((s) => s.points.filter(([, y]) => Number.isFinite(y) && (!log || y > 0)));
  ctx.fillStyle = '#6b7280';
  if (all.length === 0) {
    ctx.textAlign = 'center';
    ctx.fillText(empty, w / 2, h / 2);
    return;
  }
  let [y0, y1] = [Infinity, -Infinity];
  for (const [, y] of all) [y0, y1] = [Math.min(y0, tf(y)), Math.max(y1, tf(y))];
  for (const g of guides) [y0, y1] = [Math.min(y0, tf(g.y)), Math.max(y1, tf(g.y))];
  if (y1 - y0 < 1e-9) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const margin = 0.06 * (y1 - y0);
  [y0, y1] = [y0 - margin, y1 + margin];
  const xs = all.map(([x]) => x);
  const [x0, x1] = [Math.min(...xs), Math.max(Math.max(...xs), Math.min(...xs) + 1)];
  const X = (x) => PAD.left + ((x - x0) / (x1 - x0)) * plotW;
  const Y = (v) => PAD.top + plotH - ((tf(v) - y0) / (y1 - y0)) * plotH;

  ctx.strokeStyle = '#e5e7eb';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let i = 0; i <= 4; i++) {
    const t = y0 + ((y1 - y0) * i) / 4;
    const py = PAD.top + plotH - (plotH * i) / 4;
    ctx.beginPath();
    ctx.moveTo(PAD.left, py);
    ctx.lineTo(PAD.left + plotW, py);
    ctx.stroke();
    ctx.fillText(label(log ? 10 ** t : t), PAD.left - 4, py);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let i = 0; i <= 4; i++) {
    const t = x0 + ((x1 - x0) * i) / 4;
    ctx.fillText(Math.round(t).toLocaleString('en'), X(t), PAD.top + plotH + 4);
  }
  ctx.fillText('iteration', PAD.left + plotW / 2, PAD.top + plotH + 14);

  ctx.setLineDash([4, 4]);
  for (const g of guides) {
    ctx.strokeStyle = '#9ca3af';
    ctx.beginPath();
    ctx.moveTo(PAD.left, Y(g.y));
    ctx.lineTo(PAD.left + plotW, Y(g.y));
    ctx.stroke();
    if (g.text) {
      ctx.fillStyle = '#6b7280';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText(g.text, PAD.left + 4, Y(g.y) - 2);
    }
  }
  ctx.setLineDash([]);
  for (const s of series) {
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
