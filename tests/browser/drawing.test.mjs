// Drawing that costs only what shows (issue 11 §2): on a devicePixelRatio 3 screen the
// canvases' backing store is capped at 2 pixels per CSS pixel, and a panel is repainted
// only when what it shows changed (a map panel only when a new complete map exists).
// Repaints are counted by wrapping canvas.getContext, which every paint calls (sizeCanvas, then the chart).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, waitForSteps, root } from './harness.mjs';

let browser, server;
const fixtures = path.join(root, 'build/fixtures-drawing');
before(async () => {
  browser = await launch();
  fs.mkdirSync(fixtures, { recursive: true });
  fs.copyFileSync(path.join(root, 'dist/relu-lab.js'), path.join(fixtures, 'relu-lab.js'));
  fs.writeFileSync(path.join(fixtures, 'draw.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Drawing</title><script src="relu-lab.js" charset="utf-8"></script></head>
<body><relu-demo id="a" preset="lab" panels="loss,boundary" autoplay></relu-demo></body></html>`);
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
