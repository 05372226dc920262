// The page's budgets, measured (not tested): for every preset alone in embed mode,
// the work per animation frame (training steps + decision-map chunks; budget 10 ms)
// and the time from navigation to the first curve drawn (budget 1 s), in Debian's
// headless Chromium on this machine. Usage: node scripts/bench-page.mjs (after a build).
import { launch, serve, openPage, root } from '../tests/browser/harness.mjs';

const PANELS = { default: 'loss,layers,boundary', digits: 'accuracy,active', 'digits-l1': 'accuracy,active' };
const browser = await launch();
const server = await serve({ root });

// The full lab at its largest net, with the network diagram and its unit maps:
// frames per second while it trains, and what a frame costs (work, redraw).
// `node scripts/bench-page.mjs lab` measures only this.
async function bigLab() {
  console.log('| lab, 1280 px | frames/s | work/frame median ms | p95 ms | redraw median ms | p95 ms | unit maps done | decision maps done |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  // "paused": no training, so the row shows what the maps alone cost (unit maps, decision map).
  for (const hash of ['depth=20&width=256', 'depth=20&width=256&panels=network', 'depth=20&width=256 paused', 'depth=2&width=8']) {
    const page = await openPage(browser, `${server.url}index.html#${hash.split(' ')[0]}`, { width: 1280, height: 900 });
    await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
    await page.evaluate((paused) => {
      const d = document.querySelector('#lab');
      d.scrollIntoView();
      if (paused) { d.removeAttribute('autoplay'); d.pause(); }
    }, hash.endsWith('paused'));
    await page.waitForTimeout(2000);
    const r = await page.evaluate(() => new Promise((resolve) => {
      const d = document.querySelector('#lab');
      const stamps = [];
      let unitMaps = 0, maps = 0, lastUnit = null, lastMap = null;
      const tick = (t) => {
        stamps.push(t);
        const r0 = d.runs[0];
        if (r0.unitMap.shown && r0.unitMap.shown !== lastUnit) { unitMaps++; lastUnit = r0.unitMap.shown; }
        if (r0.map.shown && r0.map.shown !== lastMap) { maps++; lastMap = r0.map.shown; }
        if (t - stamps[0] < 4000) { requestAnimationFrame(tick); return; }
        const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
        resolve({ fps: (stamps.length - 1) / ((stamps[stamps.length - 1] - stamps[0]) / 1000),
          work: [q(d.workTimes, 0.5), q(d.workTimes, 0.95)], draw: [q(d.drawTimes, 0.5), q(d.drawTimes, 0.95)], unitMaps, maps });
      };
      requestAnimationFrame(tick);
    }));
    console.log(`| ${hash} | ${r.fps.toFixed(0)} | ${r.work[0].toFixed(1)} | ${r.work[1].toFixed(1)} | ${r.draw[0].toFixed(1)} | ` +
      `${r.draw[1].toFixed(1)} | ${r.unitMaps} | ${r.maps} |`);
    if (page.errors.length) console.log(`  errors: ${page.errors.join('; ')}`);
    await page.context().close();
  }
}
if (process.argv[2] === 'lab') {
  await bigLab();
  await browser.close();
  await server.close();
  process.exit(0);
}
const presets = (await import('../tests/js/wasm-load.mjs').then((m) => m.loadWasmEngine())).presets.map((p) => p.name);

console.log('| preset | frames | work/frame median ms | p95 ms | max ms | first draw ms |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const preset of presets) {
  const panels = PANELS[preset] || PANELS.default;
  const page = await openPage(browser, `${server.url}index.html#embed&preset=${preset}&panels=${panels}`);
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
  await page.waitForTimeout(3000);
  const r = await page.evaluate(() => {
    const times = [...document.querySelector('#lab').workTimes].sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    const mark = performance.getEntriesByName('relu-demo:first-draw')[0];
    return { n: times.length, median: q(0.5), p95: q(0.95), max: times[times.length - 1], first: mark ? mark.startTime : NaN };
  });
  console.log(`| ${preset} | ${r.n} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.first.toFixed(0)} |`);
  if (page.errors.length) console.log(`  errors: ${page.errors.join('; ')}`);
  await page.context().close();
}

// The article with all its figures: scroll to each one and measure the frame rate
// while it (and whatever else is on screen) runs; figures out of view do no work.
console.log('\n| article, in view | frames/s | work/frame (all figures) median ms | p95 ms |');
console.log('|---|---:|---:|---:|');
const page = await openPage(browser, `${server.url}index.html`, { width: 1100, height: 900 });
await page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0));
for (const id of await page.evaluate(() => [...document.querySelectorAll('relu-demo')].map((d) => d.id))) {
  await page.evaluate((fid) => document.getElementById(fid).scrollIntoView({ block: 'center' }), id);
  await page.waitForTimeout(500);
  const r = await page.evaluate(() => new Promise((resolve) => {
    const demos = [...document.querySelectorAll('relu-demo')];
    const before = demos.map((d) => d.workTimes.length);
    const stamps = [];
    const tick = (t) => {
      stamps.push(t);
      if (t - stamps[0] < 2000) requestAnimationFrame(tick);
      else {
        // Work per frame summed over figures: the newest entries of each figure's log, aligned from the end.
        const n = stamps.length;
        const sums = Array.from({ length: n }, (_, i) => demos.reduce((s, d, k) => {
          const fresh = d.workTimes.length - before[k];
          const j = d.workTimes.length - n + i;
          return s + (fresh > 0 && j >= d.workTimes.length - fresh && j >= 0 ? d.workTimes[j] : 0);
        }, 0)).sort((a, b) => a - b);
        resolve({ fps: (n - 1) / ((stamps[n - 1] - stamps[0]) / 1000), median: sums[Math.floor(n / 2)], p95: sums[Math.floor(0.95 * n)] });
      }
    };
    requestAnimationFrame(tick);
  }));
  console.log(`| ${id} | ${r.fps.toFixed(0)} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`);
}
await page.context().close();
console.log('');
await bigLab();
await browser.close();
await server.close();
