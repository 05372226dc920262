// Node tests for web/charts.js and web/palette.js: the pure helpers with
// hand-computed values, and every drawing function against a recording fake
// 2D context (no browser). Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  niceTicks, logTicks, formatNumber, decimate, extent, regionColor, probColor, PROB_STRENGTH,
  sizeCanvas, lineChart, layerChart, heatmap, activationPlot, cellTable, contourSegments,
} from '../../web/charts.js';
import { seriesColor, classColor, themeColors, hexToRgb, OKABE_ITO } from '../../web/palette.js';

// ------------------------------------------------------------ fake canvas

/**
 * A minimal CanvasRenderingContext2D stand-in that records every call with the
 * styles in force at that moment. Only real 2D-context methods exist, so a
 * misspelt call in charts.js throws here as it would in a browser.
 */
class FakeContext {
  constructor() {
    this.calls = [];
    this.fillStyle = '#000'; this.strokeStyle = '#000'; this.lineWidth = 1;
    this.font = ''; this.textAlign = 'start'; this.textBaseline = 'alphabetic';
    this.transform = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };
    this.dash = [];
    this.stack = [];
  }
  record(op, args) {
    this.calls.push({ op, args, fillStyle: this.fillStyle, strokeStyle: this.strokeStyle, lineWidth: this.lineWidth, dash: this.dash });
  }
  save() { this.stack.push({ ...this.transform }); this.record('save', []); }
  restore() { this.transform = this.stack.pop(); this.record('restore', []); }
  setTransform(a, b, c, d, e, f) { this.transform = { a, b, c, d, e, f }; this.record('setTransform', [a, b, c, d, e, f]); }
  getTransform() { return { ...this.transform }; }
  setLineDash(d) { this.dash = [...d]; }
  measureText(text) { return { width: String(text).length * 6 }; }
}
// An ImageData as the 2D context makes one, and the calls that move images (recorded, the last put kept).
FakeContext.prototype.createImageData = (w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) });
FakeContext.prototype.putImageData = function (data, x, y) { this.put = data; this.record('putImageData', [data, x, y]); };
FakeContext.prototype.drawImage = function (...args) { this.record('drawImage', args); };
for (const op of ['fillRect', 'strokeRect', 'clearRect', 'beginPath', 'closePath', 'moveTo', 'lineTo',
  'rect', 'arc', 'fill', 'stroke', 'clip', 'fillText', 'translate', 'scale', 'rotate']) {
  FakeContext.prototype[op] = function (...args) { this.record(op, args); };
}

function fakeCanvas(cssW = 400, cssH = 250, dpr = 2) {
  const ctx = new FakeContext();
  const canvas = { width: 300, height: 150, style: {}, getContext: (kind) => (kind === '2d' ? ctx : null),
    ownerDocument: { createElement: () => fakeCanvas(1, 1, 1).canvas } };  // a scratch canvas (heatmap's cell image)
  sizeCanvas(canvas, cssW, cssH, dpr);
  ctx.calls.length = 0;
  return { canvas, ctx };
}

const texts = (ctx) => ctx.calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);

/** The path ops (moveTo/lineTo/arc) of every path stroked or filled in `color`. */
function pathsIn(ctx, color, kind = 'stroke') {
  const paths = [];
  let current = [];
  for (const c of ctx.calls) {
    if (c.op === 'beginPath') current = [];
    else if (['moveTo', 'lineTo', 'arc'].includes(c.op)) current.push(c);
    else if (c.op === kind && (kind === 'stroke' ? c.strokeStyle : c.fillStyle) === color) paths.push(current);
  }
  return paths;
}

const allCoordsFinite = (ctx) => ctx.calls
  .filter((c) => ['moveTo', 'lineTo', 'arc', 'fillRect', 'fillText'].includes(c.op))
  .every((c) => c.args.slice(c.op === 'fillText' ? 1 : 0, c.op === 'arc' ? 3 : undefined).every(Number.isFinite));

// ---------------------------------------------------------- pure helpers

test('niceTicks uses 1-2-5 steps and covers the range', () => {
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(-3.7, 12.2, 5), [-5, 0, 5, 10, 15]);
  assert.deepEqual(niceTicks(0.1, 0.35, 5), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  assert.deepEqual(niceTicks(0, 1000, 4), [0, 500, 1000]);
  assert.deepEqual(niceTicks(1, 0, 5), [0, 0.2, 0.4, 0.6, 0.8, 1], 'reversed bounds');
  assert.deepEqual(niceTicks(3, 3, 5), [3]);
  assert.deepEqual(niceTicks(NaN, 1, 5), []);
  for (const [lo, hi] of [[0.013, 0.987], [-1e-5, 3e-5], [7, 7000], [-250, -3]]) {
    const t = niceTicks(lo, hi, 6);
    assert.ok(t[0] <= lo && t[t.length - 1] >= hi, `covers [${lo}, ${hi}]: ${t}`);
    const step = t[1] - t[0];
    const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
    assert.ok([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6), `step ${step} is 1, 2 or 5 × 10^k`);
  }
});

test('logTicks gives powers of ten covering the range, and nothing for nonpositive input', () => {
  assert.deepEqual(logTicks(1e-3, 10), [1e-3, 1e-2, 0.1, 1, 10]);
  assert.deepEqual(logTicks(0.002, 0.5), [1e-3, 1e-2, 0.1, 1]);
  assert.deepEqual(logTicks(0.3, 0.5), [0.1, 1], 'inside one decade: its two ends');
  assert.deepEqual(logTicks(0, 10), []);
  assert.deepEqual(logTicks(-1, 10), []);
  const wide = logTicks(1e-30, 1);
  assert.ok(wide.length <= 11 && wide[0] <= 1e-30 && wide[wide.length - 1] >= 1, `thinned: ${wide}`);
  for (const v of wide) assert.equal(v, Number(`1e${Math.round(Math.log10(v))}`), `${v} is a power of ten`);
});

test('formatNumber is compact and never prints NaN', () => {
  const cases = [
    [0.000123, '1.23e-4'], [0.0001, '1e-4'], [0.001, '0.001'], [0.5, '0.5'], [1 / 3, '0.333'],
    [0.1 + 0.2, '0.3'], [200 / 3, '66.7'], [1234.5, '1235'], [12345, '12345'], [123456, '1.23e5'],
    [-2.5, '-2.5'], [-0.000456, '-4.56e-4'], [0, '0'], [-0, '0'], [NaN, '–'], [undefined, '–'],
    [Infinity, '∞'], [-Infinity, '-∞'],
  ];
  for (const [v, want] of cases) assert.equal(formatNumber(v), want, `formatNumber(${v})`);
});

test('decimate keeps the lowest and highest point of each pixel column, in order', () => {
  const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
  // Two columns: x 0..4 -> column 0, x 5..9 -> column 1.
  const d = decimate(x, y, 2, (v) => v * 0.2);
  assert.deepEqual(d, { x: [1, 4, 5, 6], y: [1, 5, 9, 2] });

  // Random data: per column, the extremes survive and at most 2 points remain.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const n = 5000, cols = 50;
  const rx = Float32Array.from({ length: n }, (_, i) => i);
  const ry = Float32Array.from({ length: n }, () => rand() * 10 - 5);
  const toPx = (v) => (v / n) * cols;
  const r = decimate(rx, ry, cols, toPx);
  assert.ok(r.x.length <= 2 * cols);
  for (let c = 0; c < cols; c++) {
    const inCol = (xs, ys) => ys.filter((_, i) => Math.floor(toPx(xs[i])) === c);
    const before = inCol(Array.from(rx), Array.from(ry)), after = inCol(r.x, r.y);
    assert.equal(Math.min(...after), Math.min(...before));
    assert.equal(Math.max(...after), Math.max(...before));
  }
});

test('decimate keeps NaN/Infinity gaps as one NaN and copies short input unchanged', () => {
  const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const y = [0, 1, 2, 3, 4, NaN, Infinity, 7, 8, 9];
  const d = decimate(x, y, 2, (v) => v * 0.2);
  const gap = d.y.findIndex(Number.isNaN);
  assert.ok(gap > 0, 'a gap marker is kept');
  assert.equal(d.y.filter(Number.isNaN).length, 1, 'the run of two bad values becomes one gap');
  assert.ok(d.x.slice(0, gap).every((v) => v < 5) && d.x.slice(gap + 1).every((v) => v > 6));
  assert.deepEqual(decimate([0, 1, 2], [5, NaN, 7], 100, (v) => v), { x: [0, 1, 2], y: [5, NaN, 7] });
});

test('extent ignores NaN and Infinity, and nonpositive values on a log axis', () => {
  assert.deepEqual(extent([[1, NaN, 3], new Float32Array([Infinity, -2, 0])]), [-2, 3]);
  assert.deepEqual(extent([[1, NaN, 3], new Float32Array([Infinity, -2, 0])], { log: true }), [1, 3]);
  assert.deepEqual(extent([0.5, -1, 2]), [-1, 2], 'a single array works too');
  assert.equal(extent([[NaN], [0, -3]], { log: true }), null);
  assert.equal(extent([]), null);
});

test('regionColor is deterministic, pastel, and distinct across 100 hashes', () => {
  const hashes = [...Array(50).keys(), ...Array.from({ length: 50 }, (_, i) => ((i + 1) * 2654435761) >>> 0)];
  assert.equal(new Set(hashes).size, 100);
  const seen = new Set();
  for (const h of hashes) {
    const c = regionColor(h);
    assert.deepEqual(regionColor(h), c, 'same hash, same colour');
    assert.ok(c.every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
    assert.ok((c[0] + c[1] + c[2]) / 3 > 150, `pastel (light): ${c}`);
    seen.add(c.join(','));
  }
  assert.equal(seen.size, 100);
});

test('probColor runs class 0 tint -> neutral -> class 1 tint', () => {
  const tint = (hex) => hexToRgb(hex).map((c) => Math.round(255 + (c - 255) * PROB_STRENGTH));
  assert.deepEqual(probColor(0, 'light'), tint(classColor(0)));
  assert.deepEqual(probColor(1, 'light'), tint(classColor(1)));
  assert.deepEqual(probColor(0.5, 'light'), [255, 255, 255]);
  assert.deepEqual(probColor(0.5, 'dark'), hexToRgb(themeColors('dark').neutral));
  assert.deepEqual(probColor(-3, 'light'), probColor(0, 'light'), 'clamped');
  assert.deepEqual(probColor(NaN, 'light'), [255, 255, 255]);
  // Halfway to certain: halfway between white and the class colour.
  const blue = hexToRgb(classColor(1));
  assert.deepEqual(probColor(0.75, 'light'), blue.map((c) => Math.round(255 + (c - 255) * PROB_STRENGTH / 2)));
});

test('palette: Okabe–Ito series colours, distinct classes, both themes', () => {
  const light = Array.from({ length: 8 }, (_, i) => seriesColor(i, 'light'));
  assert.equal(new Set(light).size, 8);
  for (const c of light) assert.ok(Object.values(OKABE_ITO).includes(c));
  assert.equal(seriesColor(8, 'light'), seriesColor(0, 'light'), 'cycles');
  assert.ok(!Array.from({ length: 8 }, (_, i) => seriesColor(i, 'dark')).includes('#000000'), 'no black on dark');
  assert.notEqual(classColor(0), classColor(1));
  for (const t of ['light', 'dark']) {
    for (const k of ['background', 'axis', 'grid', 'text']) assert.equal(typeof themeColors(t)[k], 'string');
  }
  assert.notEqual(themeColors('dark').background, themeColors('light').background);
});

// ---------------------------------------------------------- drawing

test('sizeCanvas sets the backing store to CSS size × dpr and scales without compounding', () => {
  const { canvas, ctx } = fakeCanvas(10, 10, 1);
  assert.equal(sizeCanvas(canvas, 0, 100, 2), null);
  assert.equal(sizeCanvas(canvas, 300, 150, 2), ctx);
  assert.deepEqual([canvas.width, canvas.height], [600, 300]);
  assert.deepEqual([canvas.style.width, canvas.style.height], ['300px', '150px']);
  sizeCanvas(canvas, 300, 150, 2);
  assert.equal(ctx.getTransform().a, 2, 'a second call does not make it 4');
  assert.equal(ctx.getTransform().d, 2);
});

test('lineChart breaks the line at NaN and Infinity (a moveTo after each gap)', () => {
  const { canvas, ctx } = fakeCanvas();
  const layout = lineChart(canvas, {
    series: [{ label: 'loss', x: [0, 1, 2, 3, 4, 5, 6], y: [1, 2, NaN, 4, 5, Infinity, 3], color: '#123456' }],
  });
  const [path] = pathsIn(ctx, '#123456');
  // Segments x 0–1 and 3–4; the lone point at x = 6 only gets a moveTo here (and a dot below).
  assert.deepEqual(path.map((c) => c.op), ['moveTo', 'lineTo', 'moveTo', 'lineTo', 'moveTo']);
  assert.ok(Math.abs(path[2].args[0] - layout.xToPx(3)) < 1e-9, 'the line restarts at x = 3');
  const [dot] = pathsIn(ctx, '#123456', 'fill');
  assert.ok(Math.abs(dot.find((c) => c.op === 'arc').args[0] - layout.xToPx(6)) < 1e-9, 'lone point at x = 6');
  assert.ok(allCoordsFinite(ctx));
});

test('lineChart legend names every series and reference line; layout maps both ways', () => {
  const { canvas, ctx } = fakeCanvas();
  const layout = lineChart(canvas, {
    series: [{ label: 'relu', x: [0, 10, 20], y: [0.5, 0.4, 0.45] }, { label: 'sigmoid', x: [0, 10, 20], y: [0.9, 0.8, 0.7] }],
    refLines: [{ label: '2^-N', x: [0, 20], y: [0.5, 0.25], dash: true }],
    xLabel: 'step', yLabel: 'active', title: 'Sparsity',
  });
  for (const label of ['relu', 'sigmoid', '2^-N', 'step', 'active', 'Sparsity']) assert.ok(texts(ctx).includes(label), label);
  assert.ok(layout.plot.w > 0 && layout.plot.h > 0 && layout.plot.x + layout.plot.w <= 400);
  for (const v of [0, 3.3, 17, 20]) assert.ok(Math.abs(layout.pxToX(layout.xToPx(v)) - v) < 1e-9);
  for (const v of [0.4, 0.55]) assert.ok(Math.abs(layout.pxToY(layout.yToPx(v)) - v) < 1e-9);
  assert.ok(layout.yToPx(0.9) < layout.yToPx(0.4), 'larger values are higher up');
  const dashed = ctx.calls.find((c) => c.op === 'stroke' && c.dash.length);
  assert.ok(dashed, 'the reference line is dashed');
});

test('lineChart on a log axis skips nonpositive values and labels powers of ten', () => {
  const { canvas, ctx } = fakeCanvas();
  const layout = lineChart(canvas, {
    series: [{ label: 'grad', x: [0, 1, 2, 3, 4, 5], y: [0, -1, 1e-3, 1e-1, NaN, 10], color: '#0000AA' }],
    logY: true,
  });
  const [path] = pathsIn(ctx, '#0000AA');
  assert.deepEqual(path.map((c) => c.op), ['moveTo', 'lineTo', 'moveTo']);
  assert.ok(Math.abs(path[0].args[0] - layout.xToPx(2)) < 1e-9, 'starts at the first positive value');
  assert.ok(texts(ctx).includes('1e-3') && texts(ctx).includes('10'));
  assert.ok(allCoordsFinite(ctx));
  assert.ok(Math.abs(layout.pxToY(layout.yToPx(1e-3)) / 1e-3 - 1) < 1e-9, 'log scale inverts');
  // Nothing positive at all: still no throw.
  assert.doesNotThrow(() => lineChart(canvas, { series: [{ label: 'z', x: [0, 1], y: [0, 0] }], logY: true }));
});

test('lineChart decimates when points outnumber pixel columns, keeping the spike', () => {
  const { canvas, ctx } = fakeCanvas(200, 120, 1);
  const n = 20000;
  const x = Float32Array.from({ length: n }, (_, i) => i);
  const y = Float32Array.from({ length: n }, (_, i) => (i === 12345 ? 50 : Math.sin(i / 100)));
  const layout = lineChart(canvas, { series: [{ label: 's', x, y, color: '#00AA00' }] });
  const [path] = pathsIn(ctx, '#00AA00');
  assert.ok(path.length <= 2 * layout.plot.w + 2, `${path.length} vertices for ${layout.plot.w} px`);
  const top = Math.min(...path.map((c) => c.args[1]));
  assert.ok(Math.abs(top - layout.yToPx(50)) < 1e-9, 'the single spike is still drawn');
});

test('lineChart draws the band and a hover readout with each series value at the nearest x', () => {
  const { canvas, ctx } = fakeCanvas();
  const layout = lineChart(canvas, {
    series: [{ label: 'active', x: [0, 1, 2, 3], y: [0.5, 0.25, 0.123, 0.75] },
      { label: 'dead', x: [0, 1, 2, 3], y: [0, 0.01, 0.02, 0.03] }],
    yMin: 0, yMax: 1, xLabel: 'step',
    band: { y0: 0.01, y1: 0.15, label: 'brain 1–15%', color: '#ABCDEF' },
    hoverX: 2.2,
  });
  const band = ctx.calls.find((c) => c.op === 'fillRect' && c.fillStyle === '#ABCDEF');
  assert.ok(band, 'band painted');
  assert.ok(Math.abs(band.args[1] - layout.yToPx(0.15)) < 1e-9 && Math.abs(band.args[3] - (layout.yToPx(0.01) - layout.yToPx(0.15))) < 1e-9);
  const t = texts(ctx);
  assert.ok(t.includes('brain 1–15%'));
  assert.ok(t.includes('step = 2') && t.includes('active: 0.123') && t.includes('dead: 0.02'), t.join(' | '));
  assert.deepEqual(layout.yDomain, [0, 1], 'explicit bounds are kept');
  // Away from the data: no readout.
  const other = fakeCanvas();
  lineChart(other.canvas, { series: [{ label: 'a', x: [0, 1], y: [1, 2] }], hoverX: 7 });
  assert.ok(!texts(other.ctx).some((s) => s.startsWith('x =')));
});

test('drawing on a zero-sized canvas returns null instead of throwing', () => {
  const canvas = { width: 0, height: 0, getContext: () => new FakeContext() };
  assert.equal(lineChart(canvas, { series: [] }), null);
  assert.equal(layerChart(canvas, { layers: 3, series: [] }), null);
  assert.equal(heatmap(canvas, { nx: 2, ny: 2, values: new Float32Array(4), x0: 0, x1: 1, y0: 0, y1: 1, mode: 'prob' }), null);
  assert.equal(activationPlot(canvas, { xs: [0], f: [0], df: [0] }), null);
});

test('layerChart draws a dot per layer, x ticks 1..L, a dashed reference; log skips zeros', () => {
  const { canvas, ctx } = fakeCanvas();
  const layout = layerChart(canvas, {
    layers: 4,
    series: [{ label: 'active', values: [0.5, 0.49, 0.51, 0.5], color: '#AA0000' }],
    ref: { label: 'open paths 2^-N', values: [0.5, 0.25, 0.125, 0.0625] },
    yMin: 0, yMax: 1, theme: 'dark',
  });
  const dotsPath = pathsIn(ctx, '#AA0000', 'fill')[0];
  assert.equal(dotsPath.filter((c) => c.op === 'arc').length, 4);
  dotsPath.filter((c) => c.op === 'arc').forEach((c, i) => assert.ok(Math.abs(c.args[0] - layout.xToPx(i + 1)) < 1e-9));
  const t = texts(ctx);
  for (const s of ['1', '2', '3', '4', 'layer', 'active', 'open paths 2^-N']) assert.ok(t.includes(s), s);
  assert.equal(ctx.calls[0].fillStyle, themeColors('dark').background, 'dark background first');

  const log = fakeCanvas();
  layerChart(log.canvas, { layers: 3, series: [{ label: 'grad', values: [1e-2, 0, 1e-4], color: '#00BB00' }], logY: true });
  assert.equal(pathsIn(log.ctx, '#00BB00', 'fill')[0].filter((c) => c.op === 'arc').length, 2);
  assert.ok(allCoordsFinite(log.ctx));
});

/**
 * The heatmap's cells as drawn: the image drawImage put on the canvas (at backing pixel x, y, with
 * the identity transform), read as colour(px, py) in the canvas's backing pixels ('rgb(r,g,b)', or
 * null outside the image or where it is transparent).
 */
function cellImageOf(ctx) {
  const draw = ctx.calls.find((c) => c.op === 'drawImage');
  if (!draw) return null;
  const [image, x, y] = draw.args;
  const data = image.getContext('2d').put;
  const colour = (px, py) => {
    const i = px - x, j = py - y;
    if (i < 0 || j < 0 || i >= data.width || j >= data.height) return null;
    const [r, g, b, a] = data.data.subarray(4 * (j * data.width + i), 4 * (j * data.width + i) + 4);
    return a ? `rgb(${r},${g},${b})` : null;
  };
  return { image, x, y, width: data.width, height: data.height, colour };
}

/** Cell (r, c)'s colour at its centre, from the image (layout: heatmap's, dpr: the canvas's ratio). */
const cellColour = (cells, layout, dpr, nx, ny, r, c) => cells.colour(
  Math.floor((layout.plot.x + (c + 0.5) * layout.plot.w / nx) * dpr), Math.floor((layout.plot.y + (r + 0.5) * layout.plot.h / ny) * dpr));

test('heatmap cells meet on whole backing pixels: each edge rounded to a pixel, every pixel one cell\'s (no seams)', () => {
  for (const dpr of [1, 2, 3]) {
    const { canvas, ctx } = fakeCanvas(317, 317, dpr);
    const nx = 7, ny = 7;
    const values = Float32Array.from({ length: nx * ny }, (_, i) => (i % 2));  // a new colour every cell
    const layout = heatmap(canvas, { nx, ny, values, x0: -1, x1: 1, y0: -1, y1: 1, mode: 'prob' });
    const cells = cellImageOf(ctx);
    const edge = (start, size, k) => Math.round((start + k * size) * dpr);
    assert.equal(cells.x, edge(layout.plot.x, 0, 0));
    assert.equal(cells.width, edge(layout.plot.x, layout.plot.w / nx, nx) - cells.x);
    assert.equal(cells.height, edge(layout.plot.y, layout.plot.h / ny, ny) - cells.y);
    const colours = [0, 1].map((p) => `rgb(${probColor(p, 'light').join(',')})`);
    for (let r = 0; r < ny; r++) {
      const y0 = edge(layout.plot.y, layout.plot.h / ny, r), y1 = edge(layout.plot.y, layout.plot.h / ny, r + 1);
      for (let c = 0; c < nx; c++) {
        const x0 = edge(layout.plot.x, layout.plot.w / nx, c), x1 = edge(layout.plot.x, layout.plot.w / nx, c + 1);
        // A cell's first and last pixel, both ways: its colour, from edge to edge.
        for (const [px, py] of [[x0, y0], [x1 - 1, y0], [x0, y1 - 1], [x1 - 1, y1 - 1]]) {
          assert.equal(cells.colour(px, py), colours[(r * nx + c) % 2], `dpr ${dpr}, cell ${r},${c} at ${px},${py}`);
        }
      }
    }
  }
});

test('heatmap paints only rows < rowsDone, row 0 at the top, with the probability colours', () => {
  const { canvas, ctx } = fakeCanvas(300, 300, 1);
  const nx = 4, ny = 5;
  const values = Float32Array.from({ length: nx * ny }, (_, i) => (i % nx) / (nx - 1));  // 0, 1/3, 2/3, 1 per row
  const layout = heatmap(canvas, { nx, ny, values, x0: -1, x1: 1, y0: -1, y1: 1, mode: 'prob', rowsDone: 3 });
  const cells = cellImageOf(ctx);
  assert.equal(cells.y, Math.round(layout.plot.y), 'row 0 is the top row');
  assert.equal(cells.height, Math.round(layout.plot.y + 3 * layout.plot.h / ny) - cells.y, 'three rows, no more');
  assert.equal(cellColour(cells, layout, 1, nx, ny, 0, 0), `rgb(${probColor(0, 'light').join(',')})`, 'p = 0 is the class 0 tint');
  assert.equal(cellColour(cells, layout, 1, nx, ny, 2, 3), `rgb(${probColor(1, 'light').join(',')})`, 'p = 1 is the class 1 tint');
  assert.equal(layout.regionCount, undefined);
  assert.ok(Math.abs(layout.pxToX(layout.xToPx(0.3)) - 0.3) < 1e-9);
  assert.ok(Math.abs(layout.plot.w - layout.plot.h) < 1e-9, 'equal units on a square domain');
  assert.equal(heatmap(fakeCanvas(300, 300, 1).canvas, { nx, ny, values, x0: -1, x1: 1, y0: -1, y1: 1, mode: 'prob', rowsDone: 0 })
    .plot.w, layout.plot.w, 'no row done: the frame and axes alone');
});

test('heatmap regions mode counts distinct hashes, colours each region; points are outlined circles', () => {
  const { canvas, ctx } = fakeCanvas(300, 300, 1);
  const nx = 3, ny = 3;
  const regions = Uint32Array.from([7, 7, 7, 7, 9, 9, 11, 11, 11]);
  const points = { x: Float32Array.from([-0.5, 0.5, 0]), y: Float32Array.from([0.5, -0.5, 0]), label: Uint8Array.from([0, 1, 1]) };
  const layout = heatmap(canvas, { nx, ny, regions, x0: -1, x1: 1, y0: -1, y1: 1, mode: 'regions', points });
  assert.equal(layout.regionCount, 3);
  const cells = cellImageOf(ctx);
  regions.forEach((hash, i) => assert.equal(cellColour(cells, layout, 1, nx, ny, Math.floor(i / nx), i % nx),
    `rgb(${regionColor(hash).join(',')})`, `cell ${i}`));
  const class1 = pathsIn(ctx, classColor(1), 'fill')[0];
  assert.equal(class1.filter((c) => c.op === 'arc').length, 2);
  assert.equal(pathsIn(ctx, classColor(0), 'fill')[0].filter((c) => c.op === 'arc').length, 1);
  assert.ok(ctx.calls.some((c) => c.op === 'stroke' && c.strokeStyle === themeColors('light').pointOutline), 'outlined');
  const arc0 = pathsIn(ctx, classColor(0), 'fill')[0].find((c) => c.op === 'arc');
  assert.ok(Math.abs(arc0.args[0] - layout.xToPx(-0.5)) < 1e-9 && Math.abs(arc0.args[1] - layout.yToPx(0.5)) < 1e-9);
  assert.ok(layout.yToPx(0.5) < layout.yToPx(-0.5), 'y grows upwards');
  const drawn = ctx.calls.map((c) => c.op);
  assert.ok(drawn.indexOf('drawImage') < drawn.indexOf('arc'), 'the points over the cells');

  const partial = fakeCanvas(300, 300, 1);
  assert.equal(heatmap(partial.canvas, { nx, ny, regions, x0: -1, x1: 1, y0: -1, y1: 1, mode: 'regions', rowsDone: 1 }).regionCount, 1);
  // Before the first map (the regions panel's first paint): no hashes, no regions, no error.
  assert.equal(heatmap(fakeCanvas(300, 300, 1).canvas, { nx: 1, ny: 1, x0: -1, x1: 1, y0: -1, y1: 1, mode: 'regions', rowsDone: 0 })
    .regionCount, 0);
});

test('heatmap with a cacheKey makes the cells\' image once per key: a repaint of the same map is one drawImage', () => {
  const { canvas, ctx } = fakeCanvas(300, 300, 2);
  const nx = 4, ny = 4;
  const values = new Float32Array(nx * ny).fill(0);
  const spec = { nx, ny, values, x0: -1, x1: 1, y0: -1, y1: 1, mode: 'prob', cacheKey: '1.1' };
  const layout = heatmap(canvas, spec);
  const first = cellImageOf(ctx);
  const made = () => first.image.getContext('2d').calls.filter((c) => c.op === 'putImageData').length;
  assert.equal(made(), 1);
  ctx.calls.length = 0;
  heatmap(canvas, spec);  // e.g. the reader moved a point: the same map under new points
  assert.equal(made(), 1, 'the same key: the image kept');
  assert.equal(cellImageOf(ctx).image, first.image, 'and drawn again');
  // The caller refills the same array in place for a new map: the key, not the array, says it is new.
  values.fill(1);
  ctx.calls.length = 0;
  heatmap(canvas, { ...spec, cacheKey: '1.2' });
  assert.equal(made(), 2, 'a new key: a new image');
  assert.equal(cellColour(cellImageOf(ctx), layout, 2, nx, ny, 1, 1), `rgb(${probColor(1, 'light').join(',')})`, 'showing the new map');
  ctx.calls.length = 0;
  heatmap(canvas, { ...spec, cacheKey: '1.2', theme: 'dark' });
  assert.equal(made(), 3, 'the same map in another theme: new colours');
  heatmap(canvas, { ...spec, cacheKey: undefined });
  heatmap(canvas, { ...spec, cacheKey: undefined });
  assert.equal(made(), 5, 'without a key: made at every paint');
});

test('activationPlot shades x < 0 and reads out f and f\' at the dragged x (relu\'(0) = 0)', () => {
  const { canvas, ctx } = fakeCanvas();
  const xs = Float32Array.from({ length: 9 }, (_, i) => -2 + i * 0.5);
  const f = xs.map((v) => Math.max(0, v));
  const df = xs.map((v) => (v > 0 ? 1 : 0));
  const layout = activationPlot(canvas, { xs, f, df, x: 0, labelF: 'relu(x)', labelDF: "relu'(x)", shadeNegative: true });
  const shade = ctx.calls.find((c) => c.op === 'fillRect' && c.fillStyle === themeColors('light').shade);
  assert.ok(shade, 'x < 0 is shaded');
  assert.equal(shade.args[0], layout.plot.x);
  assert.ok(Math.abs(shade.args[0] + shade.args[2] - layout.xToPx(0)) < 1e-9, 'the shade ends at x = 0');
  const t = texts(ctx);
  assert.ok(t.includes('x = 0') && t.includes('relu(x) = 0') && t.includes("relu'(x) = 0"), t.join(' | '));

  // Between samples f is interpolated, f' is the nearest sample (never an invented 0.5).
  const between = fakeCanvas();
  activationPlot(between.canvas, { xs, f, df, x: 0.3, labelF: 'f', labelDF: 'df' });
  assert.ok(texts(between.ctx).includes('f = 0.3') && texts(between.ctx).includes('df = 1'));
  // Exact values from the core win.
  const exact = fakeCanvas();
  activationPlot(exact.canvas, { xs, f, df, x: 0.3, fx: 0.3, dfx: 1, labelF: 'f', labelDF: 'df' });
  assert.ok(texts(exact.ctx).includes('df = 1'));
});

test('cellTable writes each measured share as a percent with its count, tints by share, leaves NaN blank', () => {
  for (const theme of ['light', 'dark']) {
    const { canvas, ctx } = fakeCanvas(400, 220, 1);
    const layout = cellTable(canvas, { rows: [2, 10], cols: [2, 4, 8], values: [0, 0.5, NaN, 1, 0.575, 0.025],
      counts: ['0/40', '20/40', '?', '40/40', '23/40', '1/40'], rowLabel: 'depth', colLabel: 'width', theme });
    const t = texts(ctx);
    for (const s of ['0%', '50%', '100%', '58%', '3%', '23/40', '40/40', 'depth', 'width', '2', '10', '8']) {
      assert.ok(t.includes(s), `${theme}: '${s}' written`);
    }
    assert.ok(!t.includes('?'), 'an unmeasured cell shows nothing');
    const box = layout.cell(1, 0);  // depth 10, width 2: share 1, the full tint
    const fill = ctx.calls.find((c) => c.op === 'fillRect' && c.args[0] === box.x && c.args[1] === box.y);
    const hot = hexToRgb(OKABE_ITO.vermillion), neutral = hexToRgb(themeColors(theme).neutral);
    assert.equal(fill.fillStyle, `rgb(${neutral.map((n, i) => Math.round(n + (hot[i] - n) * 0.85)).join(',')})`);
    const blank = layout.cell(0, 2);
    assert.ok(!ctx.calls.some((c) => c.op === 'fillRect' && c.args[0] === blank.x && c.args[1] === blank.y), 'NaN not filled');
    assert.ok(allCoordsFinite(ctx));
  }
  assert.equal(cellTable(fakeCanvas().canvas, { rows: [], cols: [1], values: [] }), null);
});

test('contourSegments: the 0.5 line between cell centres, placed by linear interpolation', () => {
  assert.deepEqual(contourSegments(Float32Array.from([0, 1, 0, 1]), 2, 2), [1, 0.5, 1, 1.5], 'a vertical line halfway');
  const seg = contourSegments(Float32Array.from([0.1, 0.7, 0.1, 0.7]), 2, 2);
  assert.ok(Math.abs(seg[0] - (0.5 + 0.4 / 0.6)) < 1e-6 && Math.abs(seg[2] - seg[0]) < 1e-12, seg.join(','));
  assert.deepEqual(contourSegments(new Float32Array(9).fill(0.7), 3, 3), [], 'no crossing, no line');
  // A diagonal: only the top-left corner is below.
  assert.deepEqual(contourSegments(Float32Array.from([0, 1, 1, 1]), 2, 2), [0.5, 1, 1, 0.5]);
});

test('heatmap draws the 0.5 contour, rings for test points, discrete colours and unit maps', () => {
  const { canvas, ctx } = fakeCanvas(300, 300, 1);
  const nx = 4, ny = 4;
  const values = Float32Array.from({ length: 16 }, (_, i) => (i % 4) / 3);
  const testPoints = { x: Float32Array.from([0.2]), y: Float32Array.from([0.2]), label: Uint8Array.from([1]) };
  const layout = heatmap(canvas, { nx, ny, values, x0: -1, x1: 1, y0: -1, y1: 1, mode: 'prob', testPoints, discrete: true });
  assert.equal(layout.contourSegments, 3, 'one segment per row gap');
  const cells = cellImageOf(ctx);
  assert.equal(cellColour(cells, layout, 1, nx, ny, 0, 1), `rgb(${probColor(0, 'light').join(',')})`, 'discrete: p = 1/3 as class 0');
  assert.equal(cellColour(cells, layout, 1, nx, ny, 0, 2), `rgb(${probColor(1, 'light').join(',')})`, 'discrete: p = 2/3 as class 1');
  assert.ok(ctx.calls.some((c) => c.op === 'stroke' && c.strokeStyle === classColor(1) && c.lineWidth === 1.5), 'a ring');
  const unit = fakeCanvas(300, 300, 1);
  const l2 = heatmap(unit.canvas, { nx: 2, ny: 1, values: Uint8Array.from([1, 0]), x0: -1, x1: 1, y0: -1, y1: 1, mode: 'unit' });
  assert.equal(l2.contourSegments, undefined, 'no contour on a unit map');
  const unitCells = cellImageOf(unit.ctx);
  assert.deepEqual([0, 1].map((c) => cellColour(unitCells, l2, 1, 2, 1, 0, c)), ['rgb(0,114,178)', 'rgb(238,238,238)']);
});

test('share charts label their y axis in percent (yPercent), others in plain numbers', async () => {
  const { formatPercent } = await import('../../web/charts.js');
  assert.equal(formatPercent(0.25), '25%');
  assert.equal(formatPercent(0.125), '12.5%');
  assert.equal(formatPercent(1), '100%');
  assert.equal(formatPercent(NaN), '–');
  const share = fakeCanvas();
  lineChart(share.canvas, { series: [{ x: [0, 100], y: [0.2, 0.6] }], yMin: 0, yMax: 1, yPercent: true });
  assert.ok(texts(share.ctx).includes('0%') && texts(share.ctx).includes('100%'), texts(share.ctx).join(' '));
  assert.ok(!texts(share.ctx).includes('0.5'));
  const plain = fakeCanvas();
  lineChart(plain.canvas, { series: [{ x: [0, 100], y: [0.2, 0.6] }], yMin: 0, yMax: 1 });
  assert.ok(texts(plain.ctx).includes('1') && !texts(plain.ctx).includes('100%'));
});

test('the panels that show shares (accuracy, active, dead, layers) ask for percent axes', async () => {
  const fs = await import('node:fs');
  const src = fs.readFileSync(new URL('../../web/panels.js', import.meta.url), 'utf8');
  for (const panel of ['accuracy', 'active', 'dead', 'layers']) {
    const body = src.slice(src.indexOf(`case '${panel}'`), src.indexOf('case ', src.indexOf(`case '${panel}'`) + 6));
    assert.match(body, /yPercent: true/, panel);
  }
});

test('contourSegments gives exactly the segments of the plain marching squares (every case, saddles, NaN cells)', () => {
  // The straightforward version (corner arrays and an edge point per side for every cell) as the reference.
  const reference = (values, nx, ny, level) => {
    const out = [];
    const cross = (a, b) => (Math.abs(b - a) < 1e-12 ? 0.5 : (level - a) / (b - a));
    for (let r = 0; r + 1 < ny; r++) {
      for (let c = 0; c + 1 < nx; c++) {
        const at = (rr, cc) => values[rr * nx + cc];
        const tl = at(r, c), tr = at(r, c + 1), br = at(r + 1, c + 1), bl = at(r + 1, c);
        if (![tl, tr, br, bl].every(Number.isFinite)) continue;
        const code = (tl >= level ? 8 : 0) | (tr >= level ? 4 : 0) | (br >= level ? 2 : 0) | (bl >= level ? 1 : 0);
        if (code === 0 || code === 15) continue;
        const x = c + 0.5, y = r + 0.5;
        const top = [x + cross(tl, tr), y], right = [x + 1, y + cross(tr, br)];
        const bottom = [x + cross(bl, br), y + 1], left = [x, y + cross(tl, bl)];
        const seg = (a, b) => out.push(a[0], a[1], b[0], b[1]);
        const high = (tl + tr + br + bl) / 4 >= level;
        const table = { 1: [[left, bottom]], 14: [[left, bottom]], 2: [[bottom, right]], 13: [[bottom, right]], 3: [[left, right]],
          12: [[left, right]], 4: [[top, right]], 11: [[top, right]], 6: [[top, bottom]], 9: [[top, bottom]], 7: [[left, top]],
          8: [[left, top]], 5: high ? [[left, top], [bottom, right]] : [[left, bottom], [top, right]],
          10: high ? [[left, bottom], [top, right]] : [[left, top], [bottom, right]] };
        for (const [a, b] of table[code]) seg(a, b);
      }
    }
    return out;
  };
  let seed = 3;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (const [nx, ny] of [[2, 2], [7, 5], [40, 40]]) {
    for (let k = 0; k < 20; k++) {
      // Values near the level, exact ties, equal neighbours (the 1e-12 guard) and NaN cells.
      const values = Float32Array.from({ length: nx * ny }, () => {
        const u = random();
        return u < 0.05 ? NaN : u < 0.1 ? 0.5 : u < 0.15 ? 0.25 : random();
      });
      assert.deepEqual(contourSegments(values, nx, ny, 0.5), reference(values, nx, ny, 0.5));
    }
  }
});
