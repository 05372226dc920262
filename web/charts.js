// Pure drawing functions for ReLU Lab: plain arrays in, pixels on a <canvas> out
// (line charts over time, per-layer charts, decision-boundary heatmaps, f and f',
// tables of shares such as the born-dead grid).
// Not for state, timing or the network: the caller owns those and redraws.
// All drawing happens in CSS pixels; sizeCanvas scales the context for the screen.

import { seriesColor, classColor, themeColors, hexToRgb, OKABE_ITO } from './palette.js';

const FONT = '12px system-ui, sans-serif';
const TITLE_FONT = 'bold 12px system-ui, sans-serif';
const ROW = 16;        // height of one text row (title, legend, readout), CSS px
const PX_LIMIT = 1e6;  // canvas ignores non-finite coordinates; keep huge ones finite

// ---------------------------------------------------------------- pure helpers

/** Round-trip a computed value through 12 significant digits (0.6000000000000001 -> 0.6). */
const clean = (v) => parseFloat(v.toPrecision(12));

/** Ticks at a 1-2-5 step, about `count` intervals, first <= min and last >= max. */
export function niceTicks(min, max, count = 5) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min > max) [min, max] = [max, min];
  if (min === max) return [min];
  const raw = (max - min) / (count >= 1 ? count : 5);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const r = raw / magnitude;  // in [1, 10); the tolerance absorbs 2.0000000000000004
  const step = magnitude * (r <= 1 + 1e-9 ? 1 : r <= 2 + 1e-9 ? 2 : r <= 5 + 1e-9 ? 5 : 10);
  // Integer multiples of the step, so rounding errors do not accumulate.
  const i0 = Math.floor(min / step + 1e-9), i1 = Math.ceil(max / step - 1e-9);
  const ticks = [];
  for (let i = i0; i <= i1 && ticks.length < 1000; i++) ticks.push(clean(i * step));
  return ticks;
}

/** Powers of ten covering [min, max] (both must be > 0); every k-th decade when there are many. */
export function logTicks(min, max, maxTicks = 10) {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min > max) [min, max] = [max, min];
  let e0 = Math.floor(Math.log10(min) + 1e-9), e1 = Math.ceil(Math.log10(max) - 1e-9);
  if (e1 === e0) e1 += 1;  // a single decade still needs two ends
  const every = Math.max(1, Math.ceil((e1 - e0) / Math.max(1, maxTicks - 1)));
  e0 = Math.floor(e0 / every) * every;
  const ticks = [];
  for (let e = e0; e < e1 + every; e += every) ticks.push(Number(`1e${e}`));  // parsed, so exact
  return ticks;
}

/** Short label for a number: '0.5', '0.333', '1.23e-4', '12345', '1.23e5'; NaN -> '–'. */
export function formatNumber(v, digits = 3) {
  if (typeof v !== 'number' || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) {
    // '1.20e-4' -> '1.2e-4': drop trailing zeros and the '+' of the exponent.
    const [mant, exp] = v.toExponential(digits - 1).split('e');
    return `${mant.includes('.') ? mant.replace(/\.?0+$/, '') : mant}e${Number(exp)}`;
  }
  if (a >= 10 ** digits) return String(Math.round(v));
  return String(Number(v.toPrecision(digits)));
}

/** Label of a log-axis tick 10^e: plain near 1, '1e-3' style otherwise. */
function formatPowerOfTen(v) {
  const e = Math.round(Math.log10(v));
  return e >= -2 && e <= 3 ? String(Number(`1e${e}`)) : `1e${e}`;
}

/**
 * [min, max] over the finite values of several arrays (or of one array);
 * with {log: true} values <= 0 are ignored too. null when nothing is left.
 */
export function extent(arrays, { log = false } = {}) {
  const list = arrays.length && typeof arrays[0] === 'number' ? [arrays] : Array.from(arrays);
  let lo = Infinity, hi = -Infinity;
  for (const arr of list) {
    if (!arr) continue;
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * Fewer points, same picture: when points outnumber pixel columns, keep only the
 * lowest and highest point of each run of points in one column (in their
 * original order), so spikes survive. Any run of NaN/±Infinity becomes one NaN
 * point, so the gap survives too. Returns plain arrays {x, y}.
 */
export function decimate(x, y, pixelWidth, xToPx) {
  const n = Math.min(x.length, y.length);
  if (n <= pixelWidth) return { x: Array.from(x).slice(0, n), y: Array.from(y).slice(0, n) };
  const outX = [], outY = [];
  let column = null, iMin = -1, iMax = -1;
  const flush = () => {
    if (iMin < 0) return;
    const a = Math.min(iMin, iMax), b = Math.max(iMin, iMax);
    outX.push(x[a]); outY.push(y[a]);
    if (b !== a) { outX.push(x[b]); outY.push(y[b]); }
    iMin = iMax = -1;
  };
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      flush(); column = null;
      if (!(outY.length && Number.isNaN(outY[outY.length - 1]))) { outX.push(x[i]); outY.push(NaN); }
      continue;
    }
    const c = Math.floor(xToPx(x[i]));
    if (c !== column) { flush(); column = c; }
    if (iMin < 0 || y[i] < y[iMin]) iMin = i;
    if (iMax < 0 || y[i] > y[iMax]) iMax = i;
  }
  flush();
  return { x: outX, y: outY };
}

/** Mix the bits of a 32-bit integer (MurmurHash3's finaliser) so near hashes get far colours. */
function mix32(h) {
  h = (h ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hslToRgb(hue, s, l) {
  const k = (n) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return [channel(0), channel(8), channel(4)];
}

/** A pastel [r, g, b] for a linear-region hash: deterministic, so a region keeps its colour between frames. */
export function regionColor(hash) {
  const m = mix32(Number(hash) >>> 0);
  const hue = ((m & 1023) / 1024) * 360;
  const sat = 0.45 + (((m >>> 10) & 1023) / 1024) * 0.4;
  const light = 0.72 + (((m >>> 20) & 1023) / 1024) * 0.14;
  return hslToRgb(hue, sat, light);
}

// The colours probColor mixes, parsed once per theme: a map paints thousands of cells a frame.
const PROB_ENDS = new Map();
function probEnds(theme) {
  const key = theme === 'dark' ? 'dark' : 'light';
  if (!PROB_ENDS.has(key)) {
    PROB_ENDS.set(key, { neutral: hexToRgb(themeColors(key).neutral), ends: [0, 1].map((k) => hexToRgb(classColor(k, key))) });
  }
  return PROB_ENDS.get(key);
}

/** Colour for P(class 1) = p: class 0 colour at 0, the theme's neutral at 0.5, class 1 colour at 1. */
export function probColor(p, theme) {
  const { neutral, ends } = probEnds(theme);
  if (!Number.isFinite(p)) return [...neutral];
  const q = Math.min(1, Math.max(0, p));
  const end = ends[q < 0.5 ? 0 : 1];
  // 0 = undecided, PROB_STRENGTH = certain: a tint, not the full class colour, so
  // the data points (drawn in the full class colours) stay visible on top.
  const t = PROB_STRENGTH * Math.abs(2 * q - 1);
  return neutral.map((c, i) => Math.round(c + (end[i] - c) * t));
}

export const PROB_STRENGTH = 0.55;

const rgbString = ([r, g, b]) => `rgb(${r},${g},${b})`;

/**
 * The `level` contour of a grid of values (row 0 at the top), by marching squares
 * over the cell centres: segments [c1, r1, c2, r2, ...] in cell units (the centre of
 * cell (r, c) is (c + 0.5, r + 0.5)), each crossing placed by linear interpolation.
 * A saddle (corners alternating) is split by the mean of its four corners.
 */
export function contourSegments(values, nx, ny, level = 0.5) {
  const out = [];
  // Nothing allocated per cell (a 100 x 100 map is 10,000 cells, painted several times a second), only per crossing.
  for (let r = 0; r + 1 < ny; r++) {
    for (let c = 0; c + 1 < nx; c++) {
      const i = r * nx + c;
      const tl = values[i], tr = values[i + 1], br = values[i + nx + 1], bl = values[i + nx];
      if (!(Number.isFinite(tl) && Number.isFinite(tr) && Number.isFinite(br) && Number.isFinite(bl))) continue;
      const code = (tl >= level ? 8 : 0) | (tr >= level ? 4 : 0) | (br >= level ? 2 : 0) | (bl >= level ? 1 : 0);
      if (code === 0 || code === 15) continue;
      const centreHigh = (tl + tr + br + bl) / 4 >= level;
      const seg = (a, b) => pushSegment(out, a, b, c + 0.5, r + 0.5, tl, tr, br, bl, level);
      switch (code) {
        case 1: case 14: seg(LEFT, BOTTOM); break;
        case 2: case 13: seg(BOTTOM, RIGHT); break;
        case 3: case 12: seg(LEFT, RIGHT); break;
        case 4: case 11: seg(TOP, RIGHT); break;
        case 6: case 9: seg(TOP, BOTTOM); break;
        case 7: case 8: seg(LEFT, TOP); break;
        case 5: if (centreHigh) { seg(LEFT, TOP); seg(BOTTOM, RIGHT); } else { seg(LEFT, BOTTOM); seg(TOP, RIGHT); } break;
        case 10: if (centreHigh) { seg(LEFT, BOTTOM); seg(TOP, RIGHT); } else { seg(LEFT, TOP); seg(BOTTOM, RIGHT); } break;
        default: break;
      }
    }
  }
  return out;
}

// The four edges of a marching-squares cell, and where the contour crosses one (cell units).
const TOP = 0, RIGHT = 1, BOTTOM = 2, LEFT = 3;
const crossing = (a, b, level) => (Math.abs(b - a) < 1e-12 ? 0.5 : (level - a) / (b - a));
function edgeX(e, x, tl, tr, bl, br, level) {
  return e === TOP ? x + crossing(tl, tr, level) : e === RIGHT ? x + 1 : e === BOTTOM ? x + crossing(bl, br, level) : x;
}
function edgeY(e, y, tl, tr, bl, br, level) {
  return e === TOP ? y : e === RIGHT ? y + crossing(tr, br, level) : e === BOTTOM ? y + 1 : y + crossing(tl, bl, level);
}
function pushSegment(out, a, b, x, y, tl, tr, br, bl, level) {
  out.push(edgeX(a, x, tl, tr, bl, br, level), edgeY(a, y, tl, tr, bl, br, level),
    edgeX(b, x, tl, tr, bl, br, level), edgeY(b, y, tl, tr, bl, br, level));
}

// ------------------------------------------------------------- canvas plumbing

// A unit's map: on in the theme's blue, off in a neutral grey (network-chart.js: dead in a darker grey).
export const unitRgb = (theme) => (theme === 'dark' ? { on: [86, 180, 233], off: [42, 42, 42], dead: [90, 90, 90] }
  : { on: [0, 114, 178], off: [238, 238, 238], dead: [170, 170, 170] });

// [r, g, b] as one opaque pixel of an ImageData seen through a Uint32Array (the machine's byte order).
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
export const packRgb = LITTLE_ENDIAN ? ([r, g, b]) => ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0
  : ([r, g, b]) => ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;

/** Backing store = CSS size × devicePixelRatio, so lines stay sharp; null for a hidden (0-wide) canvas. */
export function sizeCanvas(canvas, cssWidth, cssHeight, dpr = 1) {
  if (!(cssWidth > 0) || !(cssHeight > 0)) return null;
  const ratio = dpr > 0 ? dpr : 1;
  const w = Math.round(cssWidth * ratio), h = Math.round(cssHeight * ratio);
  // Assigning width clears the canvas even when unchanged, so only assign on change.
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  // Pin the displayed size; otherwise a caller that measures the canvas itself
  // would read the larger backing size back and grow it on every resize.
  // Written only when it changes: a style write, even of the same value, can cost a style recalc.
  if (canvas.style) {
    const cw = `${cssWidth}px`, ch = `${cssHeight}px`;
    if (canvas.style.width !== cw) canvas.style.width = cw;
    if (canvas.style.height !== ch) canvas.style.height = ch;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);  // set, not scale: repeated calls must not compound
  return ctx;
}

/** Backing pixels per CSS pixel of a context sizeCanvas scaled (1 if it cannot tell). */
export const backingRatio = (ctx) => ctx.getTransform?.().a || 1;

/** The context and its size in CSS pixels (the scale that sizeCanvas set tells us the ratio). */
function begin(canvas, theme) {
  if (!canvas || !(canvas.width > 0) || !(canvas.height > 0)) return null;
  const ctx = canvas.getContext('2d');
  const ratio = backingRatio(ctx);
  const colors = themeColors(theme);
  const w = canvas.width / ratio, h = canvas.height / ratio;
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, w, h);
  ctx.font = FONT;
  return { ctx, w, h, colors, ratio };
}

/** Linear or log10 map between a data interval and a pixel interval, with its inverse. */
function scale([d0, d1], p0, p1, log) {
  const f = log ? Math.log10 : (v) => v;
  const a = f(d0), k = (p1 - p0) / (f(d1) - a || 1);
  const toPx = (v) => Math.max(-PX_LIMIT, Math.min(PX_LIMIT, p0 + (f(v) - a) * k));
  const fromPx = (px) => { const u = a + (px - p0) / k; return log ? 10 ** u : u; };
  return { toPx, fromPx };
}

/** A share in [0, 1] as a percent label: 0.25 -> '25%', 0.125 -> '12.5%'. */
/** A share as a whole percent ('43%'), '–' if it is not a number (yet). */
export const percent = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : '–');

export function formatPercent(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  return `${Number((100 * v).toPrecision(3))}%`;
}

/** Y domain and ticks: the caller's bounds if given, else nice ticks around the data. */
function yAxis(dataExtent, { logY, yMin, yMax, yPercent }, count) {
  const okMin = Number.isFinite(yMin) && (!logY || yMin > 0);
  const okMax = Number.isFinite(yMax) && (!logY || yMax > 0);
  let [lo, hi] = dataExtent || (logY ? [0.1, 1] : [0, 1]);
  if (okMin) lo = yMin;
  if (okMax) hi = yMax;
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) [lo, hi] = logY ? [lo / 10, hi * 10] : lo === 0 ? [0, 1] : [lo - Math.abs(lo) / 10, hi + Math.abs(hi) / 10];
  let ticks = logY ? logTicks(lo, hi) : niceTicks(lo, hi, count);
  // Without explicit bounds the axis snaps out to the outer ticks; with them, ticks stay inside.
  if (!okMin && ticks.length) lo = ticks[0];
  if (!okMax && ticks.length) hi = ticks[ticks.length - 1];
  const tol = logY ? 1e-9 : 1e-9 * (hi - lo);
  ticks = ticks.filter((v) => (logY ? v >= lo * (1 - tol) && v <= hi * (1 + tol) : v >= lo - tol && v <= hi + tol));
  return { domain: [lo, hi], ticks, format: yPercent ? formatPercent : logY ? formatPowerOfTen : formatNumber };
}

/** Values of a line whose point is invalid on this axis (NaN, ±Inf, and <= 0 on a log axis) become NaN. */
function usable(y, logY) {
  return logY ? Array.from(y, (v) => (v > 0 ? v : NaN)) : y;
}

/** Stroke a polyline, lifting the pen at every NaN; a lone point between gaps becomes a dot. */
function strokeLine(ctx, xs, ys, xToPx, yToPx, color, width, dash) {
  const lone = [];
  let run = 0;
  ctx.beginPath();
  for (let i = 0; i <= xs.length; i++) {
    const ok = i < xs.length && Number.isFinite(xs[i]) && Number.isFinite(ys[i]);
    if (!ok) { if (run === 1) lone.push(i - 1); run = 0; continue; }
    const px = xToPx(xs[i]), py = yToPx(ys[i]);
    if (run === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    run++;
  }
  ctx.strokeStyle = color; ctx.lineWidth = width; ctx.setLineDash(dash ? [5, 4] : []);
  ctx.stroke();
  ctx.setLineDash([]);
  if (lone.length) dots(ctx, lone.map((i) => xToPx(xs[i])), lone.map((i) => yToPx(ys[i])), color, width + 1);
}

/** Filled circles in one path (moveTo first, or arcs would be joined by lines). */
function dots(ctx, pxs, pys, color, radius, outline) {
  ctx.beginPath();
  for (let i = 0; i < pxs.length; i++) {
    ctx.moveTo(pxs[i] + radius, pys[i]);
    ctx.arc(pxs[i], pys[i], radius, 0, 2 * Math.PI);
  }
  // The rim first, twice as wide, then the fill over it: the rim shows only around the
  // union of the dots. Stroked last, the rim of one dot would cross a neighbour's fill, and
  // two training points close together would look like a ring (a test point's mark).
  if (outline) { ctx.strokeStyle = outline; ctx.lineWidth = 2; ctx.stroke(); }
  ctx.fillStyle = color; ctx.fill();
}

/** A small box of text rows (with optional colour swatches) next to pixel x, kept inside the plot. */
function readoutBox(ctx, plot, colors, atPx, rows) {
  const width = 12 + Math.max(...rows.map((r) => ctx.measureText(r.text).width + (r.color ? 14 : 0)));
  const height = 6 + rows.length * ROW;
  let x = atPx + 8;
  if (x + width > plot.x + plot.w) x = atPx - 8 - width;
  x = Math.max(plot.x, x);
  const y = plot.y + 4;
  ctx.fillStyle = colors.boxBackground; ctx.fillRect(x, y, width, height);
  ctx.strokeStyle = colors.boxBorder; ctx.lineWidth = 1; ctx.strokeRect(x, y, width, height);
  ctx.textAlign = 'left'; ctx.textBaseline = 'middle';
  rows.forEach((r, i) => {
    const cy = y + 3 + ROW * (i + 0.5);
    let tx = x + 6;
    if (r.color) { ctx.fillStyle = r.color; ctx.fillRect(tx, cy - 4, 8, 8); tx += 14; }
    ctx.fillStyle = colors.text; ctx.fillText(r.text, tx, cy);
  });
}

/** Legend entries (swatch + label) wrapped into rows; returns the number of rows used. */
function legendRows(ctx, entries, width) {
  const rows = [[]];
  let used = 0;
  for (const e of entries) {
    const w = 22 + ctx.measureText(e.label).width + 14;
    if (used + w > width && rows[rows.length - 1].length) { rows.push([]); used = 0; }
    rows[rows.length - 1].push({ ...e, offset: used });
    used += w;
  }
  return entries.length ? rows : [];
}

function drawLegend(ctx, rows, x0, y0, colors) {
  ctx.textAlign = 'left'; ctx.textBaseline = 'middle';
  rows.forEach((row, r) => row.forEach((e) => {
    const x = x0 + e.offset, y = y0 + ROW * (r + 0.5);
    ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 18, y);
    ctx.strokeStyle = e.color; ctx.lineWidth = 2; ctx.setLineDash(e.dash ? [5, 4] : []);
    ctx.stroke(); ctx.setLineDash([]);
    ctx.fillStyle = colors.text; ctx.fillText(e.label, x + 22, y);
  }));
}

// --------------------------------------------------------- the shared XY chart

/**
 * Axes, grid, band, lines, legend and hover readout for one XY chart.
 * lines: [{x, y, color, dash, label, width, dots}]; hooks.under / hooks.over
 * draw extra marks below / above the lines with the final layout.
 */
function xyChart(frame, opts, hooks = {}) {
  const { ctx, w, h, colors } = frame;
  const logY = !!opts.logY;
  const lines = opts.lines.map((l) => ({ ...l, y: usable(l.y, logY) }));

  const legend = legendRows(ctx, lines.filter((l) => l.label), w - 20);
  const top = 6 + (opts.title ? ROW : 0) + legend.length * ROW + (opts.yLabel ? ROW : 0) + 4;
  const bottom = 20 + (opts.xLabel ? ROW : 0);
  const approxH = Math.max(20, h - top - bottom);
  const y = yAxis(extent(lines.map((l) => l.y), { log: logY }), opts, Math.max(2, Math.round(approxH / 40)));
  const left = 10 + Math.max(16, ...y.ticks.map((t) => ctx.measureText(y.format(t)).width));
  const plot = { x: left, y: top, w: Math.max(1, w - left - 14), h: Math.max(1, h - top - bottom) };

  let xDomain = opts.xDomain || extent(lines.map((l) => l.x)) || [0, 1];
  if (xDomain[0] === xDomain[1]) xDomain = [xDomain[0], xDomain[0] + 1];
  const xs = scale(xDomain, plot.x, plot.x + plot.w, false);
  const ys = scale(y.domain, plot.y + plot.h, plot.y, logY);
  const layout = {
    plot, xDomain, yDomain: y.domain,
    xToPx: xs.toPx, pxToX: xs.fromPx, yToPx: ys.toPx, pxToY: ys.fromPx,
  };
  const xTicks = (opts.xTicks || niceTicks(xDomain[0], xDomain[1], Math.max(2, Math.round(plot.w / 80))))
    .filter((t) => t >= xDomain[0] - 1e-9 * Math.abs(xDomain[1] - xDomain[0]) && t <= xDomain[1] + 1e-9 * Math.abs(xDomain[1] - xDomain[0]));

  // Grid first, so data sits on top of it.
  ctx.beginPath();
  for (const t of y.ticks) { const py = Math.round(ys.toPx(t)) + 0.5; ctx.moveTo(plot.x, py); ctx.lineTo(plot.x + plot.w, py); }
  for (const t of xTicks) { const px = Math.round(xs.toPx(t)) + 0.5; ctx.moveTo(px, plot.y); ctx.lineTo(px, plot.y + plot.h); }
  ctx.strokeStyle = colors.grid; ctx.lineWidth = 1; ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(plot.x + 0.5, plot.y); ctx.lineTo(plot.x + 0.5, plot.y + plot.h + 0.5); ctx.lineTo(plot.x + plot.w, plot.y + plot.h + 0.5);
  ctx.strokeStyle = colors.axis; ctx.stroke();

  ctx.fillStyle = colors.mutedText;
  ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
  for (const t of y.ticks) ctx.fillText(y.format(t), plot.x - 5, ys.toPx(t));
  ctx.textAlign = 'center'; ctx.textBaseline = 'top';
  for (const t of xTicks) ctx.fillText((opts.xFormat || formatNumber)(t), xs.toPx(t), plot.y + plot.h + 5);
  if (opts.xLabel) { ctx.textBaseline = 'bottom'; ctx.fillText(opts.xLabel, plot.x + plot.w / 2, h - 2); }
  // The y label sits above the axis, right of the tick labels, so the two never overlap.
  if (opts.yLabel) { ctx.textAlign = 'left'; ctx.textBaseline = 'bottom'; ctx.fillText(opts.yLabel, plot.x, plot.y - 7); }

  // Everything inside the plot is clipped, so huge or out-of-range values cannot paint the margins.
  ctx.save();
  ctx.beginPath(); ctx.rect(plot.x, plot.y, plot.w, plot.h); ctx.clip();
  if (opts.band) drawBand(ctx, opts.band, layout, colors, logY);
  if (hooks.under) hooks.under(ctx, layout, colors);
  for (const l of lines) {
    const d = decimate(l.x, l.y, plot.w, xs.toPx);
    strokeLine(ctx, d.x, d.y, xs.toPx, ys.toPx, l.color, l.width || 2, l.dash);
    if (l.dots) {
      const ok = [...d.x.keys()].filter((i) => Number.isFinite(d.x[i]) && Number.isFinite(d.y[i]));
      dots(ctx, ok.map((i) => xs.toPx(d.x[i])), ok.map((i) => ys.toPx(d.y[i])), l.color, 3);
    }
  }
  ctx.restore();
  if (hooks.over) hooks.over(ctx, layout, colors);
  if (Number.isFinite(opts.hoverX)) drawHover(ctx, lines, opts.hoverX, layout, colors, opts.xLabel, opts.yPercent ? formatPercent : formatNumber);

  let ty = 6;
  if (opts.title) {
    ctx.font = TITLE_FONT; ctx.fillStyle = colors.text; ctx.textAlign = 'left'; ctx.textBaseline = 'middle';
    ctx.fillText(opts.title, 10, ty + ROW / 2); ctx.font = FONT; ty += ROW;
  }
  drawLegend(ctx, legend, 10, ty, colors);
  return layout;
}

/** A shaded horizontal band between y0 and y1 (e.g. "brain activity 1–15%"), label at its left. */
function drawBand(ctx, band, layout, colors, logY) {
  const { plot, yToPx } = layout;
  const clampY = (v) => (logY && !(v > 0) ? layout.yDomain[0] : v);
  const a = yToPx(clampY(band.y0)), b = yToPx(clampY(band.y1));
  if (!Number.isFinite(a) || !Number.isFinite(b)) return;
  ctx.fillStyle = band.color || colors.band;
  ctx.fillRect(plot.x, Math.min(a, b), plot.w, Math.abs(a - b));
  if (band.label) {
    ctx.fillStyle = colors.mutedText; ctx.textAlign = 'left'; ctx.textBaseline = 'bottom';
    ctx.fillText(band.label, plot.x + 6, Math.min(a, b) - 2);
  }
}

/** Index of the finite point of (x, y) nearest to x = target; -1 if none. */
function nearestIndex(x, y, target) {
  let best = -1, bestD = Infinity;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = Math.abs(x[i] - target);
    if (d < bestD && Number.isFinite(y[i])) { best = i; bestD = d; }
  }
  return best;
}

/** Vertical rule at the data x nearest the pointer, and each series' value there. */
function drawHover(ctx, lines, hoverX, layout, colors, xLabel, formatY) {
  const { plot, xToPx, xDomain } = layout;
  if (hoverX < xDomain[0] || hoverX > xDomain[1] || !lines.length) return;
  const first = lines.find((l) => nearestIndex(l.x, l.y, hoverX) >= 0);
  const snapX = first ? first.x[nearestIndex(first.x, first.y, hoverX)] : hoverX;
  const px = Math.round(xToPx(snapX)) + 0.5;
  ctx.beginPath(); ctx.moveTo(px, plot.y); ctx.lineTo(px, plot.y + plot.h);
  ctx.strokeStyle = colors.axis; ctx.lineWidth = 1; ctx.stroke();
  const rows = [{ text: `${xLabel || 'x'} = ${formatNumber(snapX)}` }];
  lines.forEach((l, k) => {
    const i = nearestIndex(l.x, l.y, hoverX);
    rows.push({ text: `${l.label || `#${k + 1}`}: ${formatY(i >= 0 ? l.y[i] : NaN)}`, color: l.color });
  });
  readoutBox(ctx, plot, colors, px, rows);
}

// ------------------------------------------------------------ public charts

/** Curves over time (loss, active fraction, ...). Returns the layout, or null for a 0-sized canvas. */
export function lineChart(canvas, spec) {
  const frame = begin(canvas, spec.theme);
  if (!frame) return null;
  const lines = (spec.series || []).map((s, i) => ({
    x: s.x, y: s.y, label: s.label, dash: !!s.dash, color: s.color || seriesColor(i, spec.theme),
  }));
  for (const r of spec.refLines || []) {
    lines.push({ x: r.x, y: r.y, label: r.label, dash: r.dash !== false, color: r.color || frame.colors.reference, width: 1.5 });
  }
  return xyChart(frame, { ...spec, lines });
}

/** Values per hidden layer 1..L, as lines with a dot per layer; `ref` is a dashed reference (e.g. 2^-N). */
export function layerChart(canvas, spec) {
  const frame = begin(canvas, spec.theme);
  if (!frame) return null;
  const L = Math.max(1, Math.trunc(spec.layers) || 1);
  const layerX = Array.from({ length: L }, (_, i) => i + 1);
  const lines = (spec.series || []).map((s, i) => ({
    x: layerX, y: Array.from(layerX, (_, j) => s.values[j]), label: s.label, dots: true, dash: !!s.dash,
    color: s.color || seriesColor(i, spec.theme),
  }));
  if (spec.ref) {
    lines.push({ x: layerX, y: Array.from(layerX, (_, j) => spec.ref.values[j]), label: spec.ref.label,
      dash: true, dots: true, color: spec.ref.color || frame.colors.reference, width: 1.5 });
  }
  // Layers are whole numbers: tick every layer when few, else nice integer steps.
  const xTicks = L <= 12 ? layerX : niceTicks(1, L, 8).filter((t) => t >= 1 && Number.isInteger(t));
  return xyChart(frame, { ...spec, lines, xDomain: [0.5, L + 0.5], xTicks, xLabel: spec.xLabel ?? 'layer' });
}

/** f and f' of one activation over xs; optional dragged x with its values, optional shade over x < 0. */
export function activationPlot(canvas, spec) {
  const frame = begin(canvas, spec.theme);
  if (!frame) return null;
  const { xs, f, df } = spec;
  const lines = [
    { x: xs, y: f, label: spec.labelF, color: seriesColor(0, spec.theme), width: 2.5 },
    { x: xs, y: df, label: spec.labelDF, color: seriesColor(1, spec.theme), dash: true },
  ];
  const under = (ctx, { plot, xToPx, yToPx, xDomain, yDomain }, colors) => {
    const x0 = xToPx(0), y0 = yToPx(0);
    if (spec.shadeNegative && xDomain[0] < 0) {
      // ReLU's "one-sided inhibition": every input left of 0 gives the same output.
      ctx.fillStyle = colors.shade;
      ctx.fillRect(plot.x, plot.y, Math.min(x0, plot.x + plot.w) - plot.x, plot.h);
    }
    ctx.beginPath();
    if (xDomain[0] <= 0 && xDomain[1] >= 0) { ctx.moveTo(x0, plot.y); ctx.lineTo(x0, plot.y + plot.h); }
    if (yDomain[0] <= 0 && yDomain[1] >= 0) { ctx.moveTo(plot.x, y0); ctx.lineTo(plot.x + plot.w, y0); }
    ctx.strokeStyle = colors.axis; ctx.lineWidth = 1; ctx.stroke();
  };
  const over = (ctx, layout, colors) => {
    if (!(spec.x >= layout.xDomain[0] && spec.x <= layout.xDomain[1])) return;
    // Exact values from the core are best (fx, dfx); otherwise interpolate f, which is
    // continuous, but take f' at the nearest sample: interpolating across ReLU's kink
    // would invent a slope of 0.5 that the function never has.
    const fx = Number.isFinite(spec.fx) ? spec.fx : interpolate(xs, f, spec.x);
    const k = nearestIndex(xs, df, spec.x);
    const dfx = Number.isFinite(spec.dfx) ? spec.dfx : k >= 0 ? df[k] : NaN;
    const px = layout.xToPx(spec.x);
    ctx.beginPath(); ctx.moveTo(px, layout.plot.y); ctx.lineTo(px, layout.plot.y + layout.plot.h);
    ctx.strokeStyle = colors.mutedText; ctx.lineWidth = 1; ctx.stroke();
    lines.forEach((l, i) => {
      const v = i === 0 ? fx : dfx;
      if (Number.isFinite(v)) dots(ctx, [px], [layout.yToPx(v)], l.color, 4, colors.background);
    });
    readoutBox(ctx, layout.plot, colors, px, [
      { text: `x = ${formatNumber(spec.x)}` },
      { text: `${spec.labelF || 'f(x)'} = ${formatNumber(fx)}`, color: lines[0].color },
      { text: `${spec.labelDF || "f'(x)"} = ${formatNumber(dfx)}`, color: lines[1].color },
    ]);
  };
  return xyChart(frame, { ...spec, lines, xDomain: extent(xs) || [-1, 1] }, { under, over });
}

/** Linear interpolation of y(x) at t over increasing xs; NaN outside. */
/**
 * Curve fitting (data=curve): the data as grey dots, each run's fitted curve, and on it
 * a dot per first-layer kink (where that unit's z crosses 0) with a tick on the x axis.
 * curves: [{x, y, label, color, kinks}]; points: {x, y} (the training data).
 * The caller computes everything (the engine's kinks); this only draws.
 */
export function curveChart(canvas, spec) {
  const frame = begin(canvas, spec.theme);
  if (!frame) return null;
  const curves = spec.curves || [];
  const lines = curves.map((c, i) => ({ x: c.x, y: c.y, label: c.label, color: c.color || seriesColor(i, spec.theme), width: 2.5 }));
  const pts = spec.points || { x: [], y: [] };
  const yr = extent([pts.y, ...curves.map((c) => c.y)]) || [-1, 1];
  const pad = 0.05 * (yr[1] - yr[0] || 1);
  const under = (ctx, layout, colors) => {
    const n = Math.min(pts.x.length, pts.y.length);
    const idx = [...Array(n).keys()].filter((i) => Number.isFinite(pts.x[i]) && Number.isFinite(pts.y[i]));
    dots(ctx, idx.map((i) => layout.xToPx(pts.x[i])), idx.map((i) => layout.yToPx(pts.y[i])), colors.mutedText, 2);
  };
  const over = (ctx, layout, colors) => {
    const { plot, xToPx, yToPx, xDomain } = layout;
    curves.forEach((c, i) => {
      const inside = Array.from(c.kinks || []).filter((k) => k > xDomain[0] && k < xDomain[1]);
      const color = lines[i].color;
      dots(ctx, inside.map(xToPx), inside.map((k) => yToPx(interpolate(c.x, c.y, k))), color, 4, colors.background);
      ctx.beginPath();
      for (const k of inside) { const px = Math.round(xToPx(k)) + 0.5; ctx.moveTo(px, plot.y + plot.h - 8 - 6 * i); ctx.lineTo(px, plot.y + plot.h - 6 * i); }
      ctx.strokeStyle = color; ctx.lineWidth = 2; ctx.stroke();
    });
  };
  return xyChart(frame, { ...spec, lines, xDomain: spec.xDomain || [-1, 1], yMin: yr[0] - pad, yMax: yr[1] + pad },
    { under, over });
}

function interpolate(xs, ys, t) {
  for (let i = 1; i < xs.length; i++) {
    if (xs[i - 1] <= t && t <= xs[i]) {
      const u = xs[i] === xs[i - 1] ? 0 : (t - xs[i - 1]) / (xs[i] - xs[i - 1]);
      return ys[i - 1] + u * (ys[i] - ys[i - 1]);
    }
  }
  return NaN;
}

// canvas -> the image of its last map's cells and what it shows (its key): see cellImage.
const cellImages = new WeakMap();

/**
 * The heatmap's cells as an image at the canvas's backing scale: {image, x, y} (backing pixels),
 * or null if no row is done. Cell edges fall on whole backing pixels (rounded): cells that met at
 * a fractional pixel would each be anti-aliased there and leave a faint seam. One pixel row per
 * row of cells is written, the others copied: a 100 x 100 map costs a few ms even on a phone,
 * where a fillRect per run of cells cost 20 ms. With spec.cacheKey (what names these values:
 * the map's version, never the array, which a caller may refill), a repaint of the same map
 * at the same size reuses the image: one drawImage.
 */
function cellImage(canvas, ratio, spec, plot, rows) {
  const { nx, ny, mode, theme } = spec;
  const edges = (start, size, count) => Array.from({ length: count + 1 }, (_, k) => Math.round((start + k * size) * ratio));
  const xs = edges(plot.x, plot.w / nx, nx), ys = edges(plot.y, plot.h / ny, rows);
  const w = xs[nx] - xs[0], h = ys[rows] - ys[0];
  if (!(w * h > 0)) return null;  // no row done, or no room
  const key = spec.cacheKey && [spec.cacheKey, mode, spec.discrete, theme, xs[0], ys[0], w, h].join('|');
  const kept = cellImages.get(canvas);
  if (key && kept?.key === key) return kept;
  const image = kept?.image ?? canvas.ownerDocument.createElement('canvas');
  image.width = w; image.height = h;
  const context = image.getContext('2d');
  const data = context.createImageData(w, h);
  const pixels = new Uint32Array(data.data.buffer);
  const unit = unitRgb(theme);
  // Each value's colour made once: a map has few regions, and probabilities repeat (0 and 1 at the edges).
  const colors = new Map();
  const colorOf = (v) => colors.get(v) ?? colors.set(v, packRgb(mode === 'regions' ? regionColor(v)
    : mode === 'unit' ? (v ? unit.on : unit.off) : probColor(spec.discrete && Number.isFinite(v) ? (v >= 0.5 ? 1 : 0) : v, theme))).get(v);
  const values = mode === 'regions' ? spec.regions : spec.values;
  for (let r = 0; r < rows; r++) {
    const first = (ys[r] - ys[0]) * w;
    for (let c = 0; c < nx; c++) pixels.fill(colorOf(values[r * nx + c]), first + xs[c] - xs[0], first + xs[c + 1] - xs[0]);
    for (let y = ys[r] + 1; y < ys[r + 1]; y++) pixels.copyWithin((y - ys[0]) * w, first, first + w);
  }
  context.putImageData(data, 0, 0);
  const made = { key, image, x: xs[0], y: ys[0] };
  cellImages.set(canvas, made);
  return made;
}

/**
 * Decision boundary over [x0, x1] × [y0, y1] on an nx × ny grid.
 * Layout: values[r * nx + c] is cell (row r, column c); row 0 is the TOP row
 * (y near y1), like an image, so rows computed in chunks fill in top-down.
 * Cell (r, c) covers x in [x0 + c·dx, x0 + (c+1)·dx], y in [y1 − (r+1)·dy, y1 − r·dy].
 * Only rows < rowsDone are painted. mode 'prob': values = P(class 1);
 * mode 'regions': regions = one hash per cell (same hash = same linear region).
 * cacheKey (optional): names the cells (values, nx, ny, rowsDone); a repaint with the same key keeps their image (cellImage).
 * Returns the layout plus regionCount (distinct hashes among painted cells) in 'regions' mode.
 */
export function heatmap(canvas, spec) {
  const frame = begin(canvas, spec.theme);
  if (!frame) return null;
  const { ctx, w, h, colors } = frame;
  const { nx, ny, x0, x1, y0, y1 } = spec;
  // Equal units on both axes, so a circle looks like a circle.
  if (!(nx > 0 && ny > 0 && x1 > x0 && y1 > y0)) return null;  // nothing sensible to draw
  const left = 34, top = 8 + (spec.title ? ROW : 0), bottom = 22, availW = w - left - 8;
  const unit = Math.max(0, Math.min(availW / (x1 - x0), (h - top - bottom) / (y1 - y0)));
  const plot = { x: 0, y: top, w: unit * (x1 - x0), h: unit * (y1 - y0) };
  plot.x = left + Math.max(0, (availW - plot.w) / 2);
  const xs = scale([x0, x1], plot.x, plot.x + plot.w, false);
  const ys = scale([y0, y1], plot.y + plot.h, plot.y, false);
  const layout = { plot, xToPx: xs.toPx, pxToX: xs.fromPx, yToPx: ys.toPx, pxToY: ys.fromPx };

  const rows = Math.max(0, Math.min(ny, Number.isFinite(spec.rowsDone) ? spec.rowsDone : ny));
  const cellW = plot.w / nx, cellH = plot.h / ny;
  ctx.save();
  ctx.beginPath(); ctx.rect(plot.x, plot.y, plot.w, plot.h); ctx.clip();
  const cells = cellImage(canvas, frame.ratio, spec, plot, rows);
  if (cells) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);  // pixel for pixel: the image was made at the canvas's backing scale
    ctx.drawImage(cells.image, cells.x, cells.y);
    ctx.restore();
  }
  // The 0.5 line of the class-1 probability: where the network's decision flips.
  if (spec.mode !== 'unit' && spec.contour !== false && spec.values && rows === ny) {  // a unit's cells are 0/1, not probabilities
    const segs = contourSegments(spec.values, nx, ny, 0.5);
    if (segs.length) {
      ctx.beginPath();
      for (let i = 0; i < segs.length; i += 4) {
        ctx.moveTo(plot.x + segs[i] * cellW, plot.y + segs[i + 1] * cellH);
        ctx.lineTo(plot.x + segs[i + 2] * cellW, plot.y + segs[i + 3] * cellH);
      }
      ctx.strokeStyle = colors.text; ctx.lineWidth = 1.5; ctx.lineCap = 'round';
      ctx.stroke();
      ctx.lineCap = 'butt';
    }
    layout.contourSegments = segs.length / 4;
  }
  const byClass = (pts, draw) => {
    for (const k of [...new Set(Array.from(pts.label))].sort((a, b) => a - b)) {
      const idx = [...Array(Math.min(pts.x.length, pts.y.length, pts.label.length)).keys()]
        .filter((i) => pts.label[i] === k && Number.isFinite(pts.x[i]) && Number.isFinite(pts.y[i]));
      draw(k, idx.map((i) => xs.toPx(pts.x[i])), idx.map((i) => ys.toPx(pts.y[i])));
    }
  };
  // Training points: small filled dots; test points: rings of the class colour (not trained on).
  if (spec.points) byClass(spec.points, (k, px, py) => dots(ctx, px, py, classColor(k, spec.theme), 2.5, colors.pointOutline));
  if (spec.testPoints) {
    byClass(spec.testPoints, (k, px, py) => {
      ctx.beginPath();
      for (let i = 0; i < px.length; i++) { ctx.moveTo(px[i] + 3, py[i]); ctx.arc(px[i], py[i], 3, 0, 2 * Math.PI); }
      ctx.strokeStyle = colors.pointOutline; ctx.lineWidth = 3; ctx.stroke();
      ctx.strokeStyle = classColor(k, spec.theme); ctx.lineWidth = 1.5; ctx.stroke();
    });
  }
  ctx.restore();

  ctx.strokeStyle = colors.axis; ctx.lineWidth = 1;
  ctx.strokeRect(plot.x, plot.y, plot.w, plot.h);
  ctx.fillStyle = colors.mutedText;
  ctx.textAlign = 'center'; ctx.textBaseline = 'top';
  for (const t of niceTicks(x0, x1, 4).filter((t) => t >= x0 && t <= x1)) ctx.fillText(formatNumber(t), xs.toPx(t), plot.y + plot.h + 4);
  ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
  for (const t of niceTicks(y0, y1, 4).filter((t) => t >= y0 && t <= y1)) ctx.fillText(formatNumber(t), plot.x - 4, ys.toPx(t));
  if (spec.title) {
    ctx.font = TITLE_FONT; ctx.fillStyle = colors.text; ctx.textAlign = 'left'; ctx.textBaseline = 'middle';
    ctx.fillText(spec.title, plot.x, 8 + ROW / 2); ctx.font = FONT;
  }
  if (spec.mode === 'regions') layout.regionCount = new Set(spec.regions?.slice(0, rows * nx)).size;  // no map yet: none
  return layout;
}

/**
 * A table of shares in [0, 1]: one row per rows[r], one column per cols[c], each cell
 * tinted by its share (the theme's neutral at 0, vermillion at 1) with the share written
 * in it as a percent and, below, `counts[i]` (e.g. '23/40') when given. NaN = not yet
 * measured: the cell stays blank. values are row-major. Labels: rowLabel down the side,
 * colLabel across the top. Returns the layout: {plot, cell(r, c) -> {x, y, w, h}}.
 */
export function cellTable(canvas, spec) {
  const frame = begin(canvas, spec.theme);
  if (!frame) return null;
  const { ctx, w, h, colors } = frame;
  const { rows, cols, values } = spec;
  if (!rows.length || !cols.length) return null;
  const top = 2 * ROW + 4 + (spec.title ? ROW : 0), left = 2 * ROW + 24, bottom = 4;
  const plot = { x: left, y: top, w: Math.max(0, w - left - 8), h: Math.max(0, h - top - bottom) };
  const cw = plot.w / cols.length, ch = plot.h / rows.length;
  const neutral = hexToRgb(colors.neutral), hot = hexToRgb(OKABE_ITO.vermillion);
  const cell = (r, c) => ({ x: plot.x + c * cw, y: plot.y + r * ch, w: cw, h: ch });
  ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < cols.length; c++) {
      const v = values[r * cols.length + c], box = cell(r, c);
      if (Number.isFinite(v)) {
        const t = Math.min(1, Math.max(0, v));
        ctx.fillStyle = rgbString(neutral.map((n, i) => Math.round(n + (hot[i] - n) * 0.85 * t)));
        ctx.fillRect(box.x, box.y, box.w, box.h);
        // Dark text on light cells, light text on the strong ones (and on the dark theme's neutral).
        const light = t > 0.55 || spec.theme === 'dark';
        ctx.fillStyle = light ? '#FFFFFF' : '#222222';
        const count = spec.counts ? spec.counts[r * cols.length + c] : '';
        ctx.font = TITLE_FONT;
        // clean(): 23/40 is 57.49999... in binary; written as 58%, as a reader rounds 57.5.
        ctx.fillText(`${Math.round(clean(100 * t))}%`, box.x + box.w / 2, box.y + box.h / 2 - (count && ch > 30 ? 6 : 0));
        if (count && ch > 30) {
          ctx.font = FONT;
          ctx.fillText(count, box.x + box.w / 2, box.y + box.h / 2 + 8);
        }
      }
      ctx.strokeStyle = colors.grid; ctx.lineWidth = 1;
      ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1);
    }
  }
  ctx.font = FONT; ctx.fillStyle = colors.mutedText;
  for (let c = 0; c < cols.length; c++) ctx.fillText(String(cols[c]), plot.x + (c + 0.5) * cw, top - ROW / 2 - 2);
  ctx.textAlign = 'right';
  for (let r = 0; r < rows.length; r++) ctx.fillText(String(rows[r]), left - 6, plot.y + (r + 0.5) * ch);
  ctx.fillStyle = colors.text; ctx.textAlign = 'center';
  if (spec.colLabel) ctx.fillText(spec.colLabel, plot.x + plot.w / 2, top - ROW * 1.5 - 2);
  if (spec.rowLabel) {
    ctx.save();
    ctx.translate(ROW / 2 + 2, plot.y + plot.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(spec.rowLabel, 0, 0);
    ctx.restore();
  }
  if (spec.title) {
    ctx.font = TITLE_FONT; ctx.textAlign = 'left';
    ctx.fillText(spec.title, plot.x, ROW / 2 + 2); ctx.font = FONT;
  }
  return { plot, cell };
}
