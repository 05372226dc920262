// The page's budgets, measured (not tested), in Debian's headless Chromium on this machine:
// - presets: every preset alone in embed mode, the work per animation frame (training
//   steps + decision-map chunks) and the time from navigation to the first curve drawn
//   (budget 0.5 s; digits figures include loading dist/relu-lab-digits.js);
// - desktop / phone: the article's frame rate with each figure in view, on a desktop
//   window and on a phone (390x844, devicePixelRatio 3, touch, CPU throttled 4x through
//   CDP's Emulation.setCPUThrottlingRate: a phone-class proxy; budget 50 frames/s while
//   the figure trains), and the first curve drawn for the figure in view at load;
// - lab: the full lab at its largest net (frames/s, work and redraw per frame);
// - trace: a Chromium trace (devtools.timeline) of a few seconds of one figure in view,
//   on the throttled phone page, summed per kind of main-thread work (script, style,
//   layout, paint, GC...) with the layouts JavaScript forced by reading sizes;
// - trace-load: a trace from navigation until the lab runs, each task over 50 ms split into its parts.
// - worker: the largest lab net with training in the page's worker and forced onto the main thread.
// - paint: each panel's paint in the paused lab, repainted 7 times (a network diagram's paint in slices:
//   one call per frame, each a slice of it).
// Usage: node scripts/bench-page.mjs [presets|desktop|phone|lab|worker|all] (after a build; default all)
//        node scripts/bench-page.mjs trace [figure id=lab] [seconds=3] [phone|desktop]  (TRACE_FILE=path keeps the trace)
//        node scripts/bench-page.mjs phone-ab OTHER_CHECKOUT: the phone table against another built checkout, in turn
//        node scripts/bench-page.mjs trace-load [lab settings=seed=1 | article] [desktop|phone]: the tasks over 50 ms at load
//        node scripts/bench-page.mjs paint [lab settings=depth=20&width=256] [desktop|phone]: each panel's paint, paused
//        CHECKOUT=other/built/checkout node scripts/bench-page.mjs ...: any mode, on that checkout's page and bundle
import fs from 'node:fs';
import os from 'node:os';
import { launch, serve, openPage, root } from '../tests/browser/harness.mjs';

const PANELS = { default: 'loss,layers,boundary', digits: 'accuracy,active', 'digits-l1': 'accuracy,active' };
const which = process.argv[2] || 'all';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1100, height: 900 } };
const THROTTLE = 4;
const browser = await launch();
// CHECKOUT=path serves another built checkout instead of this one (the same modes, for A/B runs).
const CHECKOUT = process.env.CHECKOUT || '';
const server = await serve({ root: CHECKOUT || root });
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load average ${load()} on ${os.cpus().length} cores, ${new Date().toISOString().slice(11, 16)} UTC`);

async function newPage(contextOptions, throttle = 1) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  page.cdp = await context.newCDPSession(page);
  if (throttle > 1) await page.cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return page;
}

// In the page: frames per second over `ms`, and per frame what the figures did (work and
// redraw, summed over every figure that ran in that frame), the longest frame, steps/s of `id`.
function measureFrames([id, ms]) {
  return new Promise((resolve) => {
    const demos = [...document.querySelectorAll('relu-demo')];
    const mine = document.getElementById(id);
    // Each figure logs its work and redraw per frame (capped logs): count what is pushed from now on.
    const total = { work: 0, draw: 0 };
    const tap = (log, key) => { log.push = function push(v) { total[key] += v; return Array.prototype.push.call(this, v); }; };
    for (const d of demos) { tap(d.workTimes, 'work'); tap(d.drawTimes, 'draw'); }
    const steps0 = mine.runs[0].run.steps;
    const stamps = [];
    const tick = (t) => {
      stamps.push(t);
      if (t - stamps[0] < ms) { requestAnimationFrame(tick); return; }
      for (const d of demos) { delete d.workTimes.push; delete d.drawTimes.push; }
      const n = stamps.length;
      const seconds = (stamps[n - 1] - stamps[0]) / 1000;
      const periods = stamps.slice(1).map((s, i) => s - stamps[i]).sort((a, b) => a - b);
      resolve({ fps: (n - 1) / seconds, steps: (mine.runs[0].run.steps - steps0) / seconds,
        work: total.work / (n - 1), draw: total.draw / (n - 1), p95: periods[Math.floor(0.95 * periods.length)],
        longest: periods[periods.length - 1], running: demos.filter((d) => d.visible && d.playing).length });
    };
    requestAnimationFrame(tick);
  });
}

// The first curve drawn, per figure (relu-demo.js marks it with the figure's id): ms after navigation.
const firstDraws = (page) => page.evaluate(() => Object.fromEntries(performance.getEntriesByName('relu-demo:first-draw')
  .map((m) => [m.detail?.id || '?', m.startTime])));

async function presets() {
  const names = (await import('../tests/js/wasm-load.mjs').then((m) => m.loadWasmEngine())).presets.map((p) => p.name);
  console.log('\n| preset (embed, 1100 px) | frames | work/frame median ms | p95 ms | max ms | first curve ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const preset of names) {
    const page = await newPage(DESKTOP);
    await page.goto(`${server.url}index.html#embed&preset=${preset}&panels=${PANELS[preset] || PANELS.default}`);
    await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
    await page.waitForTimeout(3000);
    const r = await page.evaluate(() => {
      const times = [...document.querySelector('#lab').workTimes].sort((a, b) => a - b);
      const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
      return { n: times.length, median: q(0.5), p95: q(0.95), max: times[times.length - 1] };
    });
    const first = (await firstDraws(page)).lab;
    console.log(`| ${preset} | ${r.n} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${first?.toFixed(0) ?? '–'} |`);
    if (page.errors.length) console.log(`  errors: ${page.errors.join('; ')}`);
    await page.context().close();
  }
}

// The article with all its figures: the first curve drawn at load for the figure in view,
// then each figure scrolled into view in turn (only figures in view run), frames/s while it runs.
async function article(label, contextOptions, throttle) {
  const page = await newPage(contextOptions, throttle);
  await page.goto(`${server.url}index.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0), null,
    { timeout: 120000 });
  const firsts = await firstDraws(page);
  const earliest = Object.entries(firsts).sort((a, b) => a[1] - b[1])[0];
  console.log(`\n${label}: first curve drawn ${earliest ? `${earliest[1].toFixed(0)} ms after navigation (${earliest[0]})` : 'never'}`);
  console.log(`\n| article (${label}), in view | frames/s | p95 frame ms | longest frame ms | steps/s | work/frame ms | redraw/frame ms | figures running |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const id of await page.evaluate(() => [...document.querySelectorAll('relu-demo')].map((d) => d.id))) {
    await page.evaluate((fid) => document.getElementById(fid).scrollIntoView({ block: 'center' }), id);
    await page.waitForTimeout(1500);  // autoplay starts, the first paints of the figures now in view are done
    const r = await page.evaluate(measureFrames, [id, 3000]);
    console.log(`| ${id}${r.steps > 0 ? '' : ' (not training)'} | ${r.fps.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.longest.toFixed(0)} | ` +
      `${r.steps.toFixed(0)} | ${r.work.toFixed(1)} | ${r.draw.toFixed(1)} | ${r.running} |`);
  }
  if (page.errors.length) console.log(`  errors: ${page.errors.join('; ')}`);
  await page.context().close();
}

// The full lab at its largest net, with the network diagram and its unit maps:
// frames per second while it trains, and what a frame costs (work, redraw).
async function bigLab() {
  console.log('\n| lab, 1280 px | frames/s | work/frame median ms | p95 ms | redraw median ms | p95 ms | unit maps done | decision maps done |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  // "paused": no training, so the row shows what the maps alone cost (unit maps, decision map).
  for (const hash of ['depth=20&width=256', 'depth=20&width=256&panels=network', 'depth=20&width=256 paused', 'depth=2&width=8']) {
    const page = await newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}index.html#${hash.split(' ')[0]}`);
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
// training chunks still ran after Pause. `node scripts/bench-page.mjs worker` measures only this.
async function offMainThread() {
  // Where the page's worker spent its time so far (EngineWorker.timeSpent), or null (main thread, or a checkout without it).
  const workerTime = (page) => page.evaluate(() => document.querySelector('#lab').trainer.link?.timeSpent?.() ?? null);
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
  const forced = await serve({ root: CHECKOUT || root, headers: () => ({ 'content-security-policy': "worker-src 'none'" }) });
  // The longest task twice: its wall time, and its thread (CPU) time, which leaves out the time
  // the main thread waited for a core (on a loaded machine, most of a long task's wall time).
  console.log('| lab, 1280 px | mode | frames/s | steps/s | node steps/s | page/node | longest main-thread task ms | its CPU ms | tasks over 16 ms CPU | training after Pause, ms |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const hash of ['depth=20&width=256', 'depth=20&width=256&panels=loss']) {
    const node = nodeRate(hash.replace(/&panels=.*/, ''));  // the config alone (panels is the figure's)
    for (const [label, base] of [['worker', server.url], ['main', forced.url]]) {
      const page = await openPage(browser, `${base}index.html#${hash}`, { width: 1280, height: 900 });
      await page.waitForFunction(() => document.querySelector('#lab').runs?.[0]?.run.steps > 0, null, { timeout: 60000 });
      await page.evaluate(() => document.querySelector('#lab').scrollIntoView());
      await page.waitForTimeout(2000);
      await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
      const spentBefore = await workerTime(page);
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
      const spentAfter = await workerTime(page);
      const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
      const main = trace.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain');
      const tasks = trace.filter((e) => e.pid === main.pid && e.tid === main.tid && /(^|::)RunTask$/.test(e.name) && e.dur);
      const top = tasks.reduce((a, e) => (e.dur > a.dur ? e : a), { dur: 0 });
      const longest = top.dur / 1000, longestCpu = (top.tdur ?? NaN) / 1000;
      const overCpu = new Set(tasks.filter((e) => e.tdur > 16e3).map((e) => e.ts)).size;  // nested RunTasks share a start
      // Pause: the last training chunk seen after pause(), over the next second (a 20 x 256 step is
      // many chunks, cpp/lab.hpp: the chunk count moves where the step count would not).
      const pause = await page.evaluate(() => new Promise((resolve) => {
        const d = document.querySelector('#lab');
        const chunks = () => d.runs.reduce((s, r) => s + r.run.chunksRun, 0);
        const t0 = performance.now();
        let seen = chunks(), last = t0;
        d.pause();
        const tick = (t) => {
          if (chunks() !== seen) { seen = chunks(); last = t; }
          if (t - t0 < 1000) requestAnimationFrame(tick); else resolve(last - t0);
        };
        requestAnimationFrame(tick);
      }));
      console.log(`| ${hash} | ${r.mode} | ${r.fps.toFixed(0)} | ${r.steps.toFixed(1)} | ${node.toFixed(1)} | ${(r.steps / node).toFixed(2)} | ` +
        `${longest.toFixed(1)} | ${longestCpu.toFixed(1)} | ${overCpu} | ${pause.toFixed(0)} |`);
      if (spentAfter) {
        const ms = Object.fromEntries(Object.keys(spentAfter).map((k) => [k, spentAfter[k] - spentBefore[k]]));
        const total = Object.values(ms).reduce((a, b) => a + b, 0);
        console.log(`  the worker's time over those 5 s: ${Object.entries(ms).map(([k, v]) => `${k} ${(100 * v / total).toFixed(0)}%`).join(', ')}`);
      }
      if (label !== r.mode) console.log(`  expected mode ${label}, the figure says ${r.mode}`);
      if (page.errors.length) console.log(`  errors: ${page.errors.join('; ')}`);
      await page.context().close();
    }
  }
  await forced.close();
}
// Main-thread time of a trace, per kind of work: each event's self time (its duration less
// the events nested in it), summed by name, on the page's renderer main thread. A Layout or
// UpdateLayoutTree inside a script call is one JavaScript forced (it read a size after a change).
export function summarizeTrace(events) {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'FireAnimationFrame'));
  if (!main) return null;
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && (e.ph === 'X' || e.ph === 'B' || e.ph === 'E'));
  // B/E pairs become complete events.
  const complete = [], open = [];
  for (const e of mine.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X') complete.push(e);
    else if (e.ph === 'B') open.push(e);
    else { const b = open.pop(); if (b) complete.push({ ...b, ph: 'X', dur: e.ts - b.ts }); }
  }
  complete.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map(), forced = new Map();
  const stack = [];
  const SCRIPT = new Set(['FunctionCall', 'FireAnimationFrame', 'EvaluateScript', 'v8.callFunction', 'TimerFire', 'EventDispatch']);
  let frames = 0, t0 = Infinity, t1 = 0;
  for (const e of complete) {
    const dur = e.dur || 0;
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) || 0) - dur);
    self.set(e.name, (self.get(e.name) || 0) + dur);
    if ((e.name === 'Layout' || e.name === 'UpdateLayoutTree') && stack.some((s) => SCRIPT.has(s.name))) {
      const f = forced.get(e.name) || { n: 0, ms: 0 };
      f.n++; f.ms += dur / 1000;
      forced.set(e.name, f);
    }
    if (e.name === 'FireAnimationFrame') frames++;
    t0 = Math.min(t0, e.ts); t1 = Math.max(t1, e.ts + dur);
    stack.push(e);
  }
  const seconds = (t1 - t0) / 1e6;
  const rows = [...self].map(([name, us]) => ({ name, ms: us / 1000 })).filter((r) => r.ms > 0).sort((a, b) => b.ms - a.ms);
  // Tasks over 50 ms (RunTask is the scheduler's top-level task), each split into the self time of what ran inside.
  const long = complete.filter((e) => e.name === 'RunTask' && e.dur > 50e3).map((task) => {
    const inside = complete.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const parts = new Map();
    const stack2 = [task];
    parts.set('RunTask', task.dur);
    for (const e of inside) {
      while (stack2[stack2.length - 1].ts + stack2[stack2.length - 1].dur <= e.ts) stack2.pop();
      const parent = stack2[stack2.length - 1];
      parts.set(parent.name, (parts.get(parent.name) || 0) - e.dur);
      parts.set(e.name, (parts.get(e.name) || 0) + e.dur);
      stack2.push(e);
    }
    const url = inside.find((e) => e.args?.data?.url)?.args.data.url || '';
    return { start: (task.ts - t0) / 1000, ms: task.dur / 1000, url: url.slice(url.lastIndexOf('/') + 1),
      parts: [...parts].map(([name, us]) => ({ name, ms: us / 1000 })).filter((p) => p.ms >= 1).sort((a, b) => b.ms - a.ms) };
  });
  const longest = Math.max(0, ...complete.filter((e) => e.name === 'RunTask').map((e) => e.dur / 1000));
  return { seconds, frames, rows, forced, long, longest };
}

// From navigation until the lab (embed mode, the given settings) has its runs and 1 s more: every task over 50 ms.
// `article` instead of settings: the whole article, until every figure has its runs; the first curve is the earliest.
async function traceLoad(hash, device) {
  const page = await newPage(device === 'phone' ? PHONE : DESKTOP, device === 'phone' ? THROTTLE : 1);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] });
  const article = hash === 'article';
  await page.goto(`${server.url}index.html${article ? '' : `#embed&${hash}`}`);
  await page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0), null, { timeout: 120000 });
  await page.waitForTimeout(1000);
  const buffer = await browser.stopTracing();
  const summary = summarizeTrace(JSON.parse(buffer.toString()).traceEvents);
  const draws = await firstDraws(page);
  const [firstId, first] = article ? Object.entries(draws).sort((a, b) => a[1] - b[1])[0] || [] : ['lab', draws.lab];
  console.log(`\nload of ${article ? 'the article' : `#embed&${hash}`} (${device}${CHECKOUT ? `, ${CHECKOUT}` : ''}): first curve drawn ` +
    `${first?.toFixed(0) ?? '–'} ms after navigation${article && firstId ? ` (${firstId})` : ''}; ` +
    `longest main-thread task ${summary?.longest.toFixed(0) ?? '–'} ms; tasks over 50 ms:`);
  for (const t of summary?.long || []) {
    console.log(`  ${t.ms.toFixed(0)} ms at +${t.start.toFixed(0)} ms${t.url ? ` (${t.url})` : ''}: ` +
      t.parts.slice(0, 8).map((p) => `${p.name} ${p.ms.toFixed(0)}`).join(', '));
  }
  await page.context().close();
}

// Each panel's paint in the lab, paused (nothing else running), every panel repainted 7 times:
// the fastest and the median paint per panel (the fastest is the work itself, without the
// waits for a core of a loaded machine), and the figure's longest redraw in one frame.
async function paintCosts(hash, device) {
  const page = await newPage(device === 'phone' ? PHONE : { viewport: { width: 1280, height: 900 } }, device === 'phone' ? THROTTLE : 1);
  await page.goto(`${server.url}index.html#${hash}`);
  await page.waitForFunction(() => document.querySelector('#lab').runs?.[0]?.run.steps > 0, null, { timeout: 120000 });
  await page.evaluate(() => document.querySelector('#lab').setPlaying(false));
  await page.waitForFunction(() => {
    const d = document.querySelector('#lab');
    return !d.trainer.owed(d.runs) && !d.trainer.mapsBehind(d.runs) && d.runs.every((r) => r.map.shown || !r.map.available);
  }, null, { timeout: 120000 });
  const r = await page.evaluate(async () => {
    const d = document.querySelector('#lab');
    const n0 = d.panels.map((p) => p.drawTimes.length);
    const frames = [];
    for (let pass = 0; pass < 7; pass++) {
      d.panels.forEach((p) => { p.signatures = []; });
      d.redraw();
      await new Promise((resolve) => {
        const tick = () => {
          frames.push(d.drawTimes[d.drawTimes.length - 1]);
          if (!d.dirty) resolve(); else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    }
    const q = (a, f) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor(f * (s.length - 1))] : NaN; };
    return { panels: d.panels.map((p, i) => {
      const t = p.drawTimes.slice(n0[i] - p.drawTimes.length);
      return { name: p.name, calls: t.length, min: q(t, 0), median: q(t, 0.5) };
    }), frameMedian: q(frames, 0.5), frameMax: q(frames, 1) };
  });
  console.log(`\npaint of each panel, #${hash} paused (${device}${device === 'phone' ? `, CPU ${THROTTLE}x slower` : ''}${CHECKOUT ? `, ${CHECKOUT}` : ''}), ` +
    `7 repaints: fastest / median ms per paint call (calls); redraw per frame median ${r.frameMedian.toFixed(1)}, longest ${r.frameMax.toFixed(1)} ms`);
  console.log(`  ${r.panels.map((p) => `${p.name} ${p.min.toFixed(1)} / ${p.median.toFixed(1)} (${p.calls})`).join(', ')}`);
  await page.context().close();
}

async function trace(id = 'lab', seconds = 3, device = 'phone') {
  const page = await newPage(device === 'phone' ? PHONE : DESKTOP, device === 'phone' ? THROTTLE : 1);
  await page.goto(`${server.url}index.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0), null,
    { timeout: 120000 });
  await page.evaluate((fid) => document.getElementById(fid).scrollIntoView({ block: 'center' }), id);
  await page.waitForTimeout(1500);
  const measured = page.evaluate(measureFrames, [id, seconds * 1000]);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', ...(process.env.TRACE_FILE ? ['disabled-by-default-devtools.timeline.invalidationTracking', 'disabled-by-default-devtools.timeline.stack'] : [])] });
  const r = await measured;
  const buffer = await browser.stopTracing();
  if (process.env.TRACE_FILE) fs.writeFileSync(process.env.TRACE_FILE, buffer);  // for chrome://tracing or DevTools
  const summary = summarizeTrace(JSON.parse(buffer.toString()).traceEvents);
  console.log(`\ntrace of ${id} in view (${device}${device === 'phone' ? `, CPU ${THROTTLE}x slower` : ''}): ${r.fps.toFixed(0)} frames/s, ` +
    `work ${r.work.toFixed(1)} ms and redraw ${r.draw.toFixed(1)} ms per frame (the figures' own timers)`);
  if (!summary) { console.log('  no main thread found in the trace'); return; }
  console.log(`main thread over ${summary.seconds.toFixed(2)} s, ${summary.frames} animation frames; self time per event, ms per frame:`);
  for (const row of summary.rows.slice(0, 18)) console.log(`  ${row.name}: ${(row.ms / summary.frames).toFixed(2)} (${row.ms.toFixed(0)} ms in all)`);
  for (const [name, f] of summary.forced) console.log(`  forced by script: ${name} ${f.n} times, ${f.ms.toFixed(0)} ms in all`);
  await page.context().close();
}

// This checkout (A) against another built checkout (B, e.g. main), one figure at a time in turn:
// both article pages are open, the one not measured is frozen (CDP Page.setWebLifecycleState), so
// the two see the same machine load. frames/s of A and B per figure, and their ratio.
async function articleAB(otherRoot, label, contextOptions, throttle) {
  const other = await serve({ root: otherRoot });
  const pages = [];
  for (const url of [server.url, other.url]) {
    const page = await newPage(contextOptions, throttle);
    await page.goto(`${url}index.html`);
    await page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0), null,
      { timeout: 120000 });
    await page.cdp.send('Page.enable');
    await page.cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    pages.push(page);
  }
  console.log(`\n| article (${label}), in view | A frames/s | B frames/s | A/B | A redraw/frame ms | B redraw/frame ms | A steps/s | B steps/s |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const id of await pages[0].evaluate(() => [...document.querySelectorAll('relu-demo')].map((d) => d.id))) {
    const r = [];
    for (const page of pages) {
      await page.cdp.send('Page.setWebLifecycleState', { state: 'active' });
      await page.evaluate((fid) => document.getElementById(fid).scrollIntoView({ block: 'center' }), id);
      await page.waitForTimeout(1500);
      r.push(await page.evaluate(measureFrames, [id, 3000]));
      await page.cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    }
    const [a, b] = r;
    console.log(`| ${id}${a.steps > 0 ? '' : ' (not training)'} | ${a.fps.toFixed(0)} | ${b.fps.toFixed(0)} | ${(a.fps / b.fps).toFixed(2)} | ` +
      `${a.draw.toFixed(1)} | ${b.draw.toFixed(1)} | ${a.steps.toFixed(0)} | ${b.steps.toFixed(0)} |`);
  }
  for (const page of pages) await page.context().close();
  await other.close();
}

if (which === 'worker') {
  await offMainThread();
} else if (which === 'phone-ab') {
  await articleAB(process.argv[3], `phone 390x844, DPR 3, CPU ${THROTTLE}x slower; A: this checkout, B: ${process.argv[3]}`, PHONE, THROTTLE);
} else if (which === 'trace-load') {
  await traceLoad(process.argv[3] || 'seed=1', process.argv[4] || 'desktop');
} else if (which === 'paint') {
  await paintCosts(process.argv[3] || 'depth=20&width=256', process.argv[4] || 'desktop');
} else if (which === 'trace') {
  await trace(process.argv[3] || 'lab', Number(process.argv[4] || 3), process.argv[5] || 'phone');
} else {
  if (which === 'all' || which === 'presets') await presets();
  if (which === 'all' || which === 'desktop') await article('desktop 1100x900', DESKTOP, 1);
  if (which === 'all' || which === 'phone') await article(`phone 390x844, DPR 3, CPU ${THROTTLE}x slower`, PHONE, THROTTLE);
  if (which === 'all' || which === 'lab') await bigLab();
}
console.log(`\nload average ${load()}`);
await browser.close();
await server.close();
