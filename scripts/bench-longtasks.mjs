// Long-task benchmark (not a test): the heavy configurations of issue 10 item 7 in the
// full lab, each for a few seconds of play, with a PerformanceObserver on long tasks
// (main-thread tasks over 50 ms, the budget of DESIGN.md). Prints per configuration
// the steps reached, the long tasks seen and the longest one, and whether the figure
// said it trains slowly. Usage: node scripts/bench-longtasks.mjs [seconds=8] (after a build).
import { launch, serve, openPage, root } from '../tests/browser/harness.mjs';

const seconds = Number(process.argv[2] || 8);
const CONFIGS = [
  'depth=20&width=256&points=5000&batch=5000',
  'compare=depth=20,20,20,20,20,20&width=256&points=5000',
  'depth=20&width=256&points=5000',
  'act=linear&lr=10&points=5000',
  'seed=1',  // the default lab, for comparison
];

const browser = await launch();
const server = await serve({ root });
import os from 'node:os';
console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
console.log('| configuration | longest ms until the first run | steps | long tasks while playing | longest ms | slow note |');
console.log('|---|---:|---:|---:|---:|---|');
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
  const start = await page.evaluate(() => performance.now());
  await page.waitForTimeout(seconds * 1000);
  const r = await page.evaluate((t0) => {
    const d = document.querySelector('#lab');
    const tasks = window.longTasks.filter((e) => e.start >= t0);
    const before = window.longTasks.filter((e) => e.start < t0);
    return { steps: d.runs[0].run.steps, n: tasks.length, max: Math.max(0, ...tasks.map((e) => e.ms)),
      load: Math.max(0, ...before.map((e) => e.ms)),
      slow: /slow/.test(d.shadowRoot.querySelector('.status').textContent) };
  }, start);
  console.log(`| \`${config}\` | ${r.load.toFixed(0)} | ${r.steps} | ${r.n} | ${r.max.toFixed(0)} | ${r.slow ? 'yes' : 'no'} |`);
  if (page.errors.length) console.log(`  errors: ${page.errors.join('; ')}`);
  await page.context().close();
}
await browser.close();
await server.close();
