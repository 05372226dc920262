// Soak benchmark (not a test): one figure recording at every step, as fast as it
// can train, for several minutes; prints once a minute the records made and held,
// the JS heap after a forced garbage collection, the engine's wasm heap in use, and
// the frame rate. Memory and frame rate should stay flat (history.js thins old
// records). Usage: node scripts/soak.mjs [minutes=5] (after scripts/build.sh web).
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, root } from '../tests/browser/harness.mjs';

const minutes = Number(process.argv[2] || 5);
const fixtures = path.join(root, 'build/fixtures');
fs.mkdirSync(fixtures, { recursive: true });
fs.writeFileSync(path.join(fixtures, 'soak.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="/dist/relu-lab.js" charset="utf-8"></script></head><body>
<relu-demo id="a" every="1" speed="100000" points="10" panels="loss,layers,boundary" autoplay></relu-demo></body></html>`);

const browser = await launch();
const server = await serve({ root });
const page = await openPage(browser, `${server.url}build/fixtures/soak.html`);
const cdp = await page.context().newCDPSession(page);
await page.waitForFunction(() => document.querySelector('#a').runs?.length > 0);

// Frames counted by the page itself, so the rate is what a reader would see.
await page.evaluate(() => {
  window.soakFrames = 0;
  const tick = () => { window.soakFrames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});

async function sample() {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return page.evaluate((jsHeap) => {
    const d = document.querySelector('#a');
    const h = d.runs[0].run.history;
    return { steps: d.runs[0].run.steps, recorded: h.recorded, held: h.rows, stride: h.stride,
      jsHeapMB: jsHeap / 2 ** 20, engineMB: d.engine.heapInUse() / 2 ** 20, frames: window.soakFrames, t: performance.now() };
  }, usedSize);
}

console.log('| minute | steps | records made | records held | stride | JS heap after GC MB | engine heap MB | frames/s |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
let last = await sample();
const row = (m, s, fps) => console.log(`| ${m} | ${s.steps} | ${s.recorded} | ${s.held} | ${s.stride} | ${s.jsHeapMB.toFixed(1)} | ` +
  `${s.engineMB.toFixed(1)} | ${fps} |`);
row(0, last, '–');
for (let m = 1; m <= minutes; m++) {
  await page.waitForTimeout(60_000);
  const now = await sample();
  const fps = ((now.frames - last.frames) / ((now.t - last.t) / 1000)).toFixed(0);
  row(m, now, fps);
  last = now;
}
if (page.errors.length) console.log(`page errors: ${page.errors.join('; ')}`);
await browser.close();
await server.close();
