// Node tests for web/network-chart.js's unit maps: the one image of every unit's map is
// written through a 32-bit view with each cell's colour computed once; its pixels must be
// exactly those of colouring every pixel from its own cell (the straightforward way), at
// every devicePixelRatio, for inputs, live, dead and always-on units and the output.
// And a deep diagram painted in slices over many frames makes exactly the calls of one paint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkChart, networkSlices, networkLayout, drawnUnits } from '../../web/network-chart.js';
import { SlicedPaint } from '../../web/draw-turns.js';
import { probColor } from '../../web/charts.js';
import { themeColors, hexToRgb } from '../../web/palette.js';

/** A 2D context that keeps the ImageData put on it; every other call does nothing. */
function fakeCanvas(width, height, ratio) {
  const puts = [];
  const ctx = new Proxy({
    getTransform: () => ({ a: ratio }),
    createImageData: (w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) }),
    putImageData: (image, x, y) => puts.push({ image, x, y }),
    measureText: () => ({ width: 10 }),
  }, { get: (target, key) => (key in target ? target[key] : () => {}), set: () => true });
  return { canvas: { width: Math.round(width * ratio), height: Math.round(height * ratio), getContext: () => ctx }, puts };
}

/** The unit-map image the straightforward way: every pixel's colour from its cell, one channel at a time. */
function reference(spec, layout, ratio, W, H) {
  const n = spec.mapN;
  const on = spec.theme === 'dark' ? [86, 180, 233] : [0, 114, 178];
  const off = spec.theme === 'dark' ? [42, 42, 42] : [238, 238, 238];
  const dead = spec.theme === 'dark' ? [90, 90, 90] : [170, 170, 170];
  const tiles = spec.columns.flatMap((column, ci) => layout.columns[ci].nodes.map((node, i) => ({ node, map: column.maps[i],
    kind: column.kind, status: column.status[i] || '' }))).filter((t) => t.map && t.map.length === n * n);
  const x0 = Math.floor(Math.min(...tiles.map((t) => t.node.x)) * ratio);
  const y0 = Math.floor(Math.min(...tiles.map((t) => t.node.y)) * ratio);
  const x1 = Math.min(W, Math.ceil((Math.max(...tiles.map((t) => t.node.x)) + layout.node) * ratio));
  const y1 = Math.min(H, Math.ceil((Math.max(...tiles.map((t) => t.node.y)) + layout.node) * ratio));
  const iw = x1 - x0, data = new Uint8ClampedArray(4 * iw * (y1 - y0));
  const bg = hexToRgb(themeColors(spec.theme).background);
  for (let o = 0; o < data.length; o += 4) data.set([...bg, 255], o);
  const side = Math.round(layout.node * ratio);
  for (const t of tiles) {
    const tx = Math.round(t.node.x * ratio) - x0, ty = Math.round(t.node.y * ratio) - y0;
    for (let py = 0; py < side; py++) {
      for (let px = 0; px < side; px++) {
        const v = t.map[Math.min(n - 1, Math.floor((py * n) / side)) * n + Math.min(n - 1, Math.floor((px * n) / side))];
        const rgb = t.kind !== 'hidden' ? probColor(v, spec.theme) : t.status === 'dead' ? dead : v ? on : off;
        const o = 4 * ((ty + py) * iw + tx + px);
        if (ty + py < 0 || tx + px < 0 || tx + px >= iw || o + 3 >= data.length) continue;
        data.set([...rgb, 255], o);
      }
    }
  }
  return { data, x: x0, y: y0, width: iw, height: y1 - y0 };
}

test('the unit maps\' image is, pixel for pixel, each pixel coloured from its own cell (every ratio, both themes)', () => {
  const n = 16;
  let seed = 7;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  const bits = () => Uint8Array.from({ length: n * n }, () => (random() < 0.5 ? 1 : 0));
  const probs = () => Float32Array.from({ length: n * n }, (_, i) => (i === 5 ? NaN : random()));
  const hidden = drawnUnits(20);
  const columns = [
    { kind: 'input', count: 2, drawn: [0, 1], maps: [probs(), probs()], status: ['', ''] },
    { kind: 'hidden', count: 20, drawn: hidden, maps: hidden.map((_, i) => (i === 3 ? null : bits())),
      status: hidden.map((_, i) => (i === 1 ? 'dead' : i === 2 ? 'on' : '')) },
    { kind: 'output', count: 1, drawn: [0], maps: [probs()], status: [''] },
  ];
  for (const theme of ['light', 'dark']) {
    for (const ratio of [1, 2, 3, 1.5]) {
      const layout = networkLayout(columns, 300);
      const spec = { theme, layout, columns, links: [], mapN: n, labels: ['in', 'h', 'out'], moreText: (k) => `+${k}`, selected: null };
      const { canvas, puts } = fakeCanvas(layout.width, layout.height, ratio);
      networkChart(canvas, spec);
      const want = reference(spec, layout, ratio, canvas.width, canvas.height);
      // One image per column of units, each inside the box of every tile; put together on the
      // background (what the canvas holds under them), they must be the reference image.
      assert.equal(puts.length, 3);
      const iw = want.width;
      const got = new Uint8ClampedArray(want.data.length);
      const bg = [...hexToRgb(themeColors(theme).background), 255];
      for (let o = 0; o < got.length; o += 4) got.set(bg, o);
      for (const { image, x, y } of puts) {
        assert.ok(x >= want.x && y >= want.y && x + image.width <= want.x + iw && y + image.height <= want.y + want.height,
          `${theme} ratio ${ratio}: an image outside the box`);
        for (let row = 0; row < image.height; row++) {
          got.set(image.data.subarray(4 * row * image.width, 4 * (row + 1) * image.width), 4 * ((y - want.y + row) * iw + x - want.x));
        }
      }
      const first = got.findIndex((v, i) => v !== want.data[i]);
      assert.equal(first, -1, `${theme} ratio ${ratio}: first differing byte ${first}`);
    }
  }
});

/** A 2D context that logs every call (an image as its bytes' hash) and every property set, in order. */
function recordingCanvas(width, height, ratio) {
  const log = [];
  const hash = (data) => { let h = 2166136261; for (const v of data) h = Math.imul(h ^ v, 16777619); return h >>> 0; };
  const ctx = new Proxy({
    getTransform: () => ({ a: ratio }),
    createImageData: (w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) }),
    putImageData: (image, x, y) => log.push(['putImageData', image.width, image.height, hash(image.data), x, y]),
    measureText: () => ({ width: 10 }),
  }, {
    get: (target, key) => (key in target ? target[key] : (...args) => log.push([key, ...args])),
    set: (_, key, value) => { log.push(['set', key, value]); return true; },
  });
  return { canvas: { width: Math.round(width * ratio), height: Math.round(height * ratio), getContext: () => ctx }, log };
}

test('a 20 x 256 diagram painted in slices, one a frame, makes exactly the calls of one paint, in order', () => {
  const n = 16;
  let seed = 11;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  const hidden = drawnUnits(256);
  const columns = [{ kind: 'input', count: 2, drawn: [0, 1], maps: [0, 1].map(() => Float32Array.from({ length: n * n }, random)),
    status: ['', ''] }];
  for (let l = 0; l < 20; l++) {
    columns.push({ kind: 'hidden', count: 256, drawn: hidden, maps: hidden.map(() => Uint8Array.from({ length: n * n }, () => (random() < 0.5 ? 1 : 0))),
      status: hidden.map(() => (random() < 0.1 ? 'dead' : random() < 0.1 ? 'on' : '')) });
  }
  columns.push({ kind: 'output', count: 1, drawn: [0], maps: [Float32Array.from({ length: n * n }, random)], status: [''] });
  const links = columns.slice(1).map((c, l) => Float32Array.from({ length: c.drawn.length * columns[l].drawn.length }, () => random() - 0.5));
  const layout = networkLayout(columns, 900);
  const spec = { theme: 'light', layout, columns, links, mapN: n, labels: columns.map((_, k) => `c${k}`), moreText: (k) => `+${k}`,
    selected: { column: 3, index: 2 } };
  const whole = recordingCanvas(layout.width, layout.height, 2);
  assert.equal(networkChart(whole.canvas, spec), layout);

  const sliced = recordingCanvas(layout.width, layout.height, 2);
  const clock = { t: 0 };
  let shown = 0;
  const job = new SlicedPaint(networkSlices(sliced.canvas, spec), () => { shown++; return layout; }, () => (clock.t += 1));
  let frames = 0;
  while (!job.run(0.5)) {  // each frame's budget is spent by its first slice
    frames++;
    assert.equal(shown, 0, 'shown before its last slice ran');
  }
  assert.equal(shown, 1);
  assert.equal(job.result, layout);
  assert.ok(frames >= 10, `${frames} frames: a 20-layer diagram is cut into at least 10 slices`);
  assert.ok(whole.log.length > 1000);
  assert.deepEqual(sliced.log, whole.log);
  assert.equal(job.run(0.5), true, 'a finished paint stays finished');
  assert.equal(shown, 1);
});
