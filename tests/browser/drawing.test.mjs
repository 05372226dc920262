// Drawing that costs only what shows (issue 11 §2): on a devicePixelRatio 3 screen the
// canvases' backing store is capped at 2 pixels per CSS pixel, and a panel is repainted
// only when what it shows changed (a map panel only when a new complete map exists).
// Repaints are counted by wrapping canvas.getContext, which every paint calls (sizeCanvas, then the chart).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, serve, waitForSteps, root } from './harness.mjs';

// The commit before maps were drawn from one image of their cells (a fillRect per run of cells then):
// its charts.js is the reference the new drawing must match pixel for pixel.
const FILLRECT_MAPS = '4520e48';
// Its source from git history: a clone without that commit (shallow, or an archive) skips that one test.
const fillRectCharts = (() => {
  try {
    return execFileSync('git', ['show', `${FILLRECT_MAPS}:web/charts.js`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
})();

let browser, server;
const fixtures = path.join(root, 'build/fixtures-drawing');
before(async () => {
  browser = await launch();
  fs.mkdirSync(fixtures, { recursive: true });
  fs.copyFileSync(path.join(root, 'dist/relu-lab.js'), path.join(fixtures, 'relu-lab.js'));
  fs.writeFileSync(path.join(fixtures, 'draw.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Drawing</title><script src="relu-lab.js" charset="utf-8"></script></head>
<body><relu-demo id="a" preset="lab" panels="loss,boundary" autoplay></relu-demo></body></html>`);
  for (const [dir, charts] of [['now', fs.readFileSync(path.join(root, 'web/charts.js'), 'utf8')],
    ...(fillRectCharts ? [['before', fillRectCharts]] : [])]) {
    fs.mkdirSync(path.join(fixtures, dir), { recursive: true });
    fs.writeFileSync(path.join(fixtures, dir, 'charts.js'), charts);
    fs.copyFileSync(path.join(root, 'web/palette.js'), path.join(fixtures, dir, 'palette.js'));
  }
  fs.writeFileSync(path.join(fixtures, 'maps.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body></body></html>');
  server = await serve({ root: fixtures });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function phonePage() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const get = HTMLCanvasElement.prototype.getContext;
    window.paints = new WeakMap();
    HTMLCanvasElement.prototype.getContext = function (...args) {
      window.paints.set(this, (window.paints.get(this) || 0) + 1);
      return get.apply(this, args);
    };
  });
  await page.goto(`${server.url}draw.html`);
  return page;
}

const counts = (page) => page.evaluate(() => {
  const d = document.querySelector('#a');
  const canvas = (name) => d.shadowRoot.querySelector(`.panel-${name} canvas`);
  return { loss: window.paints.get(canvas('loss')) || 0, map: window.paints.get(canvas('boundary')) || 0,
    mapStep: d.runs[0].map.shown?.step ?? -1, steps: d.runs[0].run.steps, maps: d.runs[0].map.version,
    records: d.runs[0].run.history.recorded };
});

test('at devicePixelRatio 3 the canvases hold 2 pixels per CSS pixel, not 3', async () => {
  const page = await phonePage();
  await waitForSteps(page, '#a', 20);
  const sizes = await page.evaluate(() => [...document.querySelector('#a').shadowRoot.querySelectorAll('canvas')]
    .map((c) => ({ w: c.width, css: parseFloat(c.style.width) })));
  assert.ok(sizes.length >= 2);
  for (const s of sizes) assert.equal(s.w, Math.round(2 * s.css), JSON.stringify(s));
  await page.context().close();
});

test('the map is repainted only for new complete maps; nothing is repainted when nothing changed', async () => {
  const page = await phonePage();
  await waitForSteps(page, '#a', 200);
  await page.waitForTimeout(1000);
  const during = await counts(page);
  // The map is repainted once per complete map at most (plus the first draws before one exists);
  // the curve once per frame that brought records. A small net's map completes about every frame,
  // so the two counts can be close: the rule is checked against the maps completed.
  // (A paint calls getContext twice: sizeCanvas, then the chart.)
  assert.ok(during.map <= 2 * (during.maps + 2), `map: ${during.map} getContext calls for ${during.maps} complete maps`);
  assert.ok(during.loss <= 2 * (during.records + 2), `loss: ${during.loss} getContext calls for ${during.records} records`);
  await page.evaluate(() => document.querySelector('#a').setPlaying(false));
  await page.waitForTimeout(500);  // the last map of the final weights completes
  const still = await counts(page);
  // Asked to redraw with nothing new (as a resize observer or a focus change might): no repaint.
  await page.evaluate(() => { const d = document.querySelector('#a'); for (let i = 0; i < 5; i++) { d.dirty = true; d.draw(); } });
  assert.deepEqual(await counts(page), still);
  // A hover over the loss chart does repaint it.
  await page.evaluate(() => { const d = document.querySelector('#a'); d.hover.loss = 50; d.dirty = true; d.draw(); });
  assert.ok((await counts(page)).loss > still.loss);
  await page.context().close();
});

test('a map drawn from its cells\' image is pixel for pixel the map drawn a fillRect per run of cells',
  { skip: fillRectCharts ? false : `commit ${FILLRECT_MAPS} is not in this clone's history` }, async () => {
  const context = await browser.newContext({ viewport: { width: 500, height: 500 } });
  const page = await context.newPage();
  await page.goto(`${server.url}maps.html`);
  const differences = await page.evaluate(async () => {
    const now = await import('./now/charts.js'), before = await import('./before/charts.js');
    const n = 37;  // not a divisor of the plot's pixels: cell edges fall between pixels and are rounded
    const prob = Float32Array.from({ length: n * n }, (_, i) => 0.5 + 0.5 * Math.sin((i % n) / 5) * Math.cos(i / n / 4));
    const hashes = Uint32Array.from(prob, (p) => Math.round(p * 6));
    const bits = Uint8Array.from(prob, (p) => (p > 0.5 ? 1 : 0));
    const points = { x: Float32Array.from([-0.5, 0.2, 0.9]), y: Float32Array.from([0.4, -0.3, 0.99]), label: Uint8Array.from([0, 1, 1]) };
    const base = { nx: n, ny: n, x0: -1, x1: 1, y0: -1, y1: 1, points };
    const specs = [{ mode: 'prob', values: prob, title: 'lr 0.01' }, { mode: 'prob', values: prob, discrete: true, theme: 'dark' },
      { mode: 'regions', values: prob, regions: hashes }, { mode: 'unit', values: bits, title: 'unit' },
      { mode: 'prob', values: prob, rowsDone: 20 }];
    const out = [];
    for (const dpr of [1, 2, 3, 1.75]) {
      for (const [k, spec] of specs.entries()) {
        const pixels = [now, before].map((charts) => {
          const canvas = document.createElement('canvas');
          charts.sizeCanvas(canvas, 331, 331, dpr);
          charts.heatmap(canvas, { ...base, ...spec, cacheKey: `${k}` });
          return canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        });
        let differ = 0;
        for (let i = 0; i < pixels[0].length; i++) if (pixels[0][i] !== pixels[1][i]) differ++;
        out.push({ dpr, spec: k, differ, bytes: pixels[0].length });
      }
    }
    return out;
  });
  for (const d of differences) assert.equal(d.differ, 0, `dpr ${d.dpr}, spec ${d.spec}: ${d.differ} of ${d.bytes} bytes differ`);
  await context.close();
});

test('a new complete map is drawn even when its values fill the same array as the last one', async () => {
  const page = await phonePage();
  await waitForSteps(page, '#a', 20);
  await page.evaluate(() => document.querySelector('#a').setPlaying(false));
  await page.waitForTimeout(500);  // the last map of the final weights completes and is painted
  // The map's plot on the canvas: its summed red, green and blue (the data points drawn over it are the same each time).
  const plotColour = () => page.evaluate(() => {
    const d = document.querySelector('#a');
    const canvas = d.shadowRoot.querySelector('.panel-boundary canvas');
    const { plot } = d.panels.find((p) => p.name === 'boundary').layouts[0];
    const ratio = canvas.width / parseFloat(canvas.style.width);
    const pixels = canvas.getContext('2d').getImageData(Math.ceil(plot.x * ratio), Math.ceil(plot.y * ratio),
      Math.floor(plot.w * ratio) - 1, Math.floor(plot.h * ratio) - 1).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < pixels.length; i += 4) for (let c = 0; c < 3; c++) sum[c] += pixels[i + c];
    return sum;
  });
  // A new map whose every cell is p (the same arrays, refilled in place, as an engine mirror may), with a new version.
  const newMap = (p) => page.evaluate((value) => {
    const d = document.querySelector('#a');
    const map = d.runs[0].map;
    map.shown.prob.fill(value);
    map.version = map.shown.version = map.version + 1;
    d.dirty = true;
    d.draw();
  }, p);
  await newMap(0);
  const zero = await plotColour();
  await newMap(1);
  const one = await plotColour();
  assert.notDeepEqual(one, zero, `the map of p = 1 is drawn: ${one} (p = 0: ${zero})`);
  await newMap(0);
  assert.deepEqual(await plotColour(), zero, 'and again the map of p = 0');
  await page.context().close();
});
