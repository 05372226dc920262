// Long-task benchmark (not a test): the heavy configurations of issue 10 item 7 in the
// full lab, each for a few seconds of play, with a PerformanceObserver on long tasks
// (main-thread tasks over 50 ms, the budget of DESIGN.md). Prints per configuration
// the steps reached, the long tasks seen and the longest one, and whether the figure
// said it trains slowly; then what the longest tasks were made of.
// Usage: [MAIN_THREAD=1] node scripts/bench-longtasks.mjs [seconds=8] [config ...] (after a build).
//
// Attribution: once the lab has its runs, the script wraps the methods a frame calls
// (the element's rebuild, work and draw; the engine's createRun; a run's train,
// recordSome and grid; a map's work) with timers, then rebuilds the runs (a new seed)
// so their creation is timed too. Each long task is then split into the calls that ran
// inside it, with the multiply-adds each engine call asked for (from the net's widths
// and the engine's chunk sizes): which call, how long, how much work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, serve, openPage, root } from '../tests/browser/harness.mjs';

const seconds = Number(process.argv[2] || 8);
// Every panel of the full lab (as index.html gives them), network diagram and unit maps included.
const labPanels = fs.readFileSync(path.join(root, 'index.html'), 'utf8').match(/id="lab"[^>]*panels="([^"]+)"/)[1];
const CONFIGS = (process.argv.length > 3 ? process.argv.slice(3) : [
  'depth=20&width=256&points=5000&batch=5000',
  // Six different 20 x 256 runs (six equal values would be one run: a compare list drops duplicates).
  'compare=lr=0.01,0.02,0.05,0.1,0.2,0.5&depth=20&width=256&points=5000',
  'depth=20&width=256&points=5000',
  'depth=20&width=256',
  'data=digits&depth=20&width=256&batch=1797',
  'act=linear&lr=10&points=5000',
  'seed=1',  // the default lab, for comparison
]).map((c) => (/(^|&)panels=/.test(c) ? c : `${c}&panels=${labPanels}`));

// Runs in the page: wraps the calls of one frame with timers (window.spans).
function instrument() {
  const d = document.querySelector('#lab');
  const spans = window.spans = [];
  const forwardMacs = (run) => {  // multiply-adds of one sample's forward pass
    let macs = 0, fanIn = run.inputs;
    for (const w of run.widths) { macs += fanIn * w; fanIn = w; }
    return macs;
  };
  const wrap = (obj, name, label, work) => {
    const f = obj[name];
    if (typeof f !== 'function' || f.timed) return;
    obj[name] = function timed(...args) {
      const before = work?.before?.call(this, args);
      const t0 = performance.now();
      try {
        return f.apply(this, args);
      } finally {
        const t1 = performance.now();
        spans.push({ label, start: t0, ms: t1 - t0, macs: work ? work.after.call(this, args, before) : 0 });
      }
    };
    obj[name].timed = true;
  };
  const element = Object.getPrototypeOf(d);
  wrap(element, 'rebuild', 'element.rebuild');
  wrap(element, 'work', 'element.work');
  wrap(element, 'draw', 'element.draw');
  wrap(Object.getPrototypeOf(d.engine), 'createRun', 'engine.createRun');
  const run = Object.getPrototypeOf(d.runs[0].run);
  // 3 x the forward pass per sample: forward, the weights' gradient, the error carried back.
  wrap(run, 'train', 'run.train', { before() { return this.chunksRun; },
    after(args, c0) { return (this.chunksRun - c0) * this.lab.stepChunk() * 3 * forwardMacs(this); } });
  wrap(run, 'recordSome', 'run.recordSome', { after(args) {
    return Math.min(args[0], 1e6) * this.lab.recordChunk() * 3 * forwardMacs(this); } });  // at most: the last chunk may be short
  wrap(run, 'grid', 'run.grid', { after(args) { return args[4] * forwardMacs(this); } });
  wrap(run, 'freeze', 'run.freeze');
  wrap(run, 'unitStats', 'run.unitStats');
  wrap(run, 'weightsBetween', 'run.weightsBetween');
  wrap(Object.getPrototypeOf(d.runs[0].map), 'work', 'map.work');
}

const short = (c) => c.replace(`&panels=${labPanels}`, '');  // the table names a config by what differs
const browser = await launch();
// MAIN_THREAD=1: the page's CSP forbids workers (worker-src 'none'), so figures train on the main
// thread (the fallback), where the engine's calls are in the page's tasks and can be attributed.
const mainThread = process.env.MAIN_THREAD === '1';
const server = await serve({ root, headers: mainThread ? () => ({ 'content-security-policy': "worker-src 'none'" }) : undefined });
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load average ${load()} on ${os.cpus().length} cores; ${seconds} s per configuration`);
console.log('| configuration | longest ms until the first run | steps | long tasks while playing | longest ms | slow note |');
console.log('|---|---:|---:|---:|---:|---|');
const details = [];
for (const config of CONFIGS) {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  // Embed mode: the lab alone, so the article's other figures do not add their own tasks.
  await page.goto(`${server.url}index.html#embed&${config}`);
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0, null, { timeout: 120000 });
  // Tasks before the lab's first run: compiling the wasm and the first layout, and creating the runs.
  const start = await page.evaluate(instrument);
  const t0 = await page.evaluate(() => {
    const d = document.querySelector('#lab');
    const seed = Number(d.runs[0].config.seed);
    d.setAttribute('seed', String(seed + 1));  // new runs, created by the timed methods
    d.play();
    return performance.now();
  });
  await page.waitForTimeout(seconds * 1000);
  const r = await page.evaluate((from) => {
    const d = document.querySelector('#lab');
    const tasks = window.longTasks.filter((e) => e.start >= from);
    const before = window.longTasks.filter((e) => e.start < from);
    // The calls inside each of the three longest tasks: per label the time and the largest single call.
    const longest = [...tasks].sort((a, b) => b.ms - a.ms).slice(0, 3).map((task) => {
      const inside = window.spans.filter((s) => s.start >= task.start - 1 && s.start + s.ms <= task.start + task.ms + 1);
      const by = new Map();
      for (const s of inside) {
        const g = by.get(s.label) || { label: s.label, calls: 0, ms: 0, max: 0, maxMacs: 0, macs: 0 };
        g.calls++; g.ms += s.ms; g.macs += s.macs;
        if (s.ms > g.max) { g.max = s.ms; g.maxMacs = s.macs; }
        by.set(s.label, g);
      }
      return { ms: task.ms, calls: [...by.values()].sort((a, b) => b.ms - a.ms) };
    });
    // Every timed call of each kind while playing: how long one call takes (median, p95, max) and its work.
    const kinds = new Map();
    for (const s of window.spans) {
      if (!kinds.has(s.label)) kinds.set(s.label, []);
      kinds.get(s.label).push(s);
    }
    const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
    const calls = [...kinds].map(([label, list]) => {
      const ms = list.map((s) => s.ms).sort((a, b) => a - b);
      return { label, n: list.length, p50: q(ms, 0.5), p95: q(ms, 0.95), max: ms[ms.length - 1],
        macs: Math.max(...list.map((s) => s.macs)) };
    });
    const panels = d.panels.filter((p) => p.drawTimes.length).map((p) => {
      const ms = [...p.drawTimes].sort((a, b) => a - b);
      return `${p.name} ${ms.length}, ${q(ms, 0.5).toFixed(1)} / ${ms[ms.length - 1].toFixed(0)}`;
    });
    return { steps: d.runs[0].run.steps, n: tasks.length, panels, max: Math.max(0, ...tasks.map((e) => e.ms)),
      load: Math.max(0, ...before.map((e) => e.ms)), longest, calls,
      slow: /slow|慢/.test(d.shadowRoot.querySelector('.status').textContent) };
  }, t0);
  console.log(`| \`${short(config)}\` | ${r.load.toFixed(0)} | ${r.steps} | ${r.n} | ${r.max.toFixed(0)} | ${r.slow ? 'yes' : 'no'} |`);
  details.push({ config, longest: r.longest, calls: r.calls, panels: r.panels });
  if (page.errors.length) console.log(`  errors: ${page.errors.join('; ')}`);
  await page.context().close();
}
console.log(`\nWhat the longest tasks (after the runs were created anew) were made of; load average ${load()}:`);
const M = (x) => (x >= 1e9 ? `${(x / 1e9).toFixed(2)} G` : x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : `${Math.round(x)}`);
for (const { config, longest, calls, panels } of details) try {
  console.log(`- \`${short(config)}\`: calls (count, median / p95 / max ms, most MACs of one call): ` +
    calls.filter((c) => c.max >= 1).map((c) => `${c.label} ${c.n}, ${c.p50.toFixed(1)} / ${c.p95.toFixed(1)} / ${c.max.toFixed(0)}` +
      (c.macs ? `, ${M(c.macs)}` : '')).join('; '));
  console.log(`  - panel redraws (count, median / max ms): ${panels.join('; ')}`);
  for (const task of longest) {
    const parts = task.calls.slice(0, 6).map((g) => `${g.label} ${g.ms.toFixed(0)} ms in ${g.calls} call${g.calls > 1 ? 's' : ''}` +
      ` (longest ${g.max.toFixed(0)} ms${g.maxMacs ? `, ${M(g.maxMacs)} MACs` : ''})`);
    console.log(`  - ${task.ms.toFixed(0)} ms: ${parts.join('; ') || 'no timed call (browser work: layout, GC, compiling)'}`);
  }
} catch (err) {
  console.log(`- \`${short(config)}\`: ${err.message}`);
}
await browser.close();
await server.close();
