// The page's budgets, measured (not tested): for every preset alone in embed mode,
// the work per animation frame (training steps + decision-map chunks) and the time
// from navigation to the first curve drawn (budget 0.5 s; digits figures include
// loading dist/relu-lab-digits.js), in Debian's headless Chromium on this machine;
// then the article's frame rate with each figure in view, on a desktop window and
// on a phone (390x844, devicePixelRatio 3, touch, CPU throttled 4x through CDP's
// Emulation.setCPUThrottlingRate: a phone-class proxy; budget 50 frames/s).
// Usage: node scripts/bench-page.mjs [desktop|phone|lab|worker] (after a build; default both, then lab).
import { launch, serve, openPage, root } from '../tests/browser/harness.mjs';

const PANELS = { default: 'loss,layers,boundary', digits: 'accuracy,active', 'digits-l1': 'accuracy,active' };
const which = process.argv[2] || 'both';
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
// Training off the main thread (issue 11 section 1): the largest lab net in the page's
// worker and, forced onto the main thread (a CSP with worker-src 'none'), the same: frames/s,
// steps/s against the same wasm in node (same config, Trainer with 50 ms deadlines, records
// every `every` steps, no maps), the longest main-thread task (Chromium's trace: every
// task the page's main thread ran, drawing, style and layout included) and how long
// steps still moved after Pause. `node scripts/bench-page.mjs worker` measures only this.
async function offMainThread() {
  const { loadWasmEngine } = await import('../tests/js/wasm-load.mjs');
  const { Trainer } = await import('../web/trainer.js');
  const { FigureRun } = await import('../web/figure-run.js');
  const engine = await loadWasmEngine();
  const nodeRate = (text) => {
    const runs = [new FigureRun(engine.createRun(engine.check(text).full))];
    const trainer = new Trainer();
    const go = (ms) => {
      const t0 = performance.now(), s0 = runs[0].run.steps;
      while (performance.now() - t0 < ms) trainer.train(runs, performance.now() + 50, { every: 10, quota: 10, playing: true });
      return (runs[0].run.steps - s0) / ((performance.now() - t0) / 1000);
    };
    while (runs[0].run.steps === 0) go(100);  // the weights drawn, the step-0 record made
    go(500);  // warm-up
    const rate = go(3000);
    runs[0].dispose();
    return rate;
  };
  const forced = await serve({ root, headers: () => ({ 'content-security-policy': "worker-src 'none'" }) });
  console.log('| lab, 1280 px | mode | frames/s | steps/s | node steps/s | page/node | longest main-thread task ms | steps moved after Pause, ms |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const hash of ['depth=20&width=256', 'depth=20&width=256&panels=loss']) {
    const node = nodeRate(hash.replace(/&panels=.*/, ''));  // the config alone (panels is the figure's)
    for (const [label, base] of [['worker', server.url], ['main', forced.url]]) {
      const page = await openPage(browser, `${base}index.html#${hash}`, { width: 1280, height: 900 });
      await page.waitForFunction(() => document.querySelector('#lab').runs?.[0]?.run.steps > 0, null, { timeout: 60000 });
      await page.evaluate(() => document.querySelector('#lab').scrollIntoView());
      await page.waitForTimeout(2000);
      await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
      const r = await page.evaluate(() => new Promise((resolve) => {
        const d = document.querySelector('#lab');
        const stamps = [];
        const s0 = d.runs[0].run.steps;
        const tick = (t) => {
          stamps.push(t);
          if (t - stamps[0] < 5000) { requestAnimationFrame(tick); return; }
          const seconds = (stamps[stamps.length - 1] - stamps[0]) / 1000;
          resolve({ mode: d.mode, fps: (stamps.length - 1) / seconds, steps: (d.runs[0].run.steps - s0) / seconds });
        };
        requestAnimationFrame(tick);
      }));
      const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
      const main = trace.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain');
      const longest = Math.max(...trace.filter((e) => e.pid === main.pid && e.tid === main.tid && /(^|::)RunTask$/.test(e.name) && e.dur)
        .map((e) => e.dur / 1000));
      // Pause: the last change of the step count after pause(), over the next second.
      const pause = await page.evaluate(() => new Promise((resolve) => {
        const d = document.querySelector('#lab');
        const t0 = performance.now();
        let steps = d.runs[0].run.steps, last = t0;
        d.pause();
        const tick = (t) => {
          if (d.runs[0].run.steps !== steps) { steps = d.runs[0].run.steps; last = t; }
          if (t - t0 < 1000) requestAnimationFrame(tick); else resolve(last - t0);
        };
        requestAnimationFrame(tick);
      }));
      console.log(`| ${hash} | ${r.mode} | ${r.fps.toFixed(0)} | ${r.steps.toFixed(1)} | ${node.toFixed(1)} | ${(r.steps / node).toFixed(2)} | ` +
        `${longest.toFixed(1)} | ${pause.toFixed(0)} |`);
      if (label !== r.mode) console.log(`  expected mode ${label}, the figure says ${r.mode}`);
      if (page.errors.length) console.log(`  errors: ${page.errors.join('; ')}`);
      await page.context().close();
    }
  }
  await forced.close();
}
if (process.argv[2] === 'worker') {
  await offMainThread();
  await browser.close();
  await server.close();
  process.exit(0);
}
if (process.argv[2] === 'lab') {
  await bigLab();
  await browser.close();
  await server.close();
  process.exit(0);
}
const presets = (await import('../tests/js/wasm-load.mjs').then((m) => m.loadWasmEngine())).presets.map((p) => p.name);

if (which === 'both') console.log('| preset | frames | work/frame median ms | p95 ms | max ms | first draw ms |');
if (which === 'both') console.log('|---|---:|---:|---:|---:|---:|');
for (const preset of which === 'both' ? presets : []) {
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
async function article(label, contextOptions, throttle) {
  console.log(`\n| article (${label}), in view | frames/s | steps/s | work/frame (all figures) median ms | p95 ms |`);
  console.log('|---|---:|---:|---:|---:|');
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.goto(`${server.url}index.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0), null,
    { timeout: 60000 });
  for (const id of await page.evaluate(() => [...document.querySelectorAll('relu-demo')].map((d) => d.id))) {
    await page.evaluate((fid) => document.getElementById(fid).scrollIntoView({ block: 'center' }), id);
    await page.waitForTimeout(1000);
    const r = await page.evaluate((fid) => new Promise((resolve) => {
      const demos = [...document.querySelectorAll('relu-demo')];
      const before = demos.map((d) => d.workTimes.length);
      const mine = document.getElementById(fid);
      const steps0 = mine.runs[0].run.steps;
      const stamps = [];
      const tick = (t) => {
        stamps.push(t);
        if (t - stamps[0] < 3000) requestAnimationFrame(tick);
        else {
          // Work per frame summed over figures: the newest entries of each figure's log, aligned from the end.
          const n = stamps.length;
          const sums = Array.from({ length: n }, (_, i) => demos.reduce((s, d, k) => {
            const fresh = d.workTimes.length - before[k];
            const j = d.workTimes.length - n + i;
            return s + (fresh > 0 && j >= d.workTimes.length - fresh && j >= 0 ? d.workTimes[j] : 0);
          }, 0)).sort((a, b) => a - b);
          const seconds = (stamps[n - 1] - stamps[0]) / 1000;
          resolve({ fps: (n - 1) / seconds, steps: (mine.runs[0].run.steps - steps0) / seconds,
            median: sums[Math.floor(n / 2)], p95: sums[Math.floor(0.95 * n)] });
        }
      };
      requestAnimationFrame(tick);
    }), id);
    console.log(`| ${id} | ${r.fps.toFixed(0)} | ${r.steps.toFixed(0)} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`);
  }
  await context.close();
}

if (which !== 'phone') await article('desktop 1100x900', { viewport: { width: 1100, height: 900 } }, 1);
if (which !== 'desktop') {
  await article('phone 390x844, DPR 3, CPU 4x slower', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3,
    isMobile: true, hasTouch: true }, 4);
}
await page.context().close();
console.log('');
await bigLab();
await browser.close();
await server.close();
