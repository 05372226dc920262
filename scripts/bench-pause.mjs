// Bounded work in the page, measured (not tested): the lab with the heaviest accepted
// settings in Debian's headless Chromium. For each: the long tasks (over 50 ms) from load
// until every step-0 record is in (measured in chunks, not at creation), then while
// playing, and how long Pause takes to stop the chunks. Wall-clock times on a shared
// machine: read them with the load average. Usage: node scripts/bench-pause.mjs [seconds].
import { launch, serve, openPage, root } from '../tests/browser/harness.mjs';

const seconds = Number(process.argv[2] || 10);
const cases = [
  'depth=20&width=256&points=5000&batch=5000',
  // Six different 20 x 256 runs (six equal values would be one run: a compare list drops duplicates).
  'compare=lr=0.01,0.02,0.05,0.1,0.2,0.5&depth=20&width=256&points=5000',
  'data=digits&points=1797&depth=20&width=256&batch=1797',
];
const browser = await launch();
const server = await serve({ root });
console.log(`| lab settings | tasks > 50 ms at load | longest at load ms | tasks > 50 ms in ${seconds} s of play | longest ms | steps | Pause took ms |`);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const hash of cases) {
  const page = await openPage(browser, `${server.url}index.html#${hash}`, { height: 900 });
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
    document.getElementById('lab').scrollIntoView({ block: 'center' });
  });
  await page.waitForFunction(() => {
    const d = document.getElementById('lab');
    return d.runs?.length && d.runs.every((r) => r.run.history.rows > 0);
  }, null, { timeout: 600000 });
  const load = await page.evaluate(() => window.longTasks.splice(0));
  await page.evaluate(() => document.getElementById('lab').setPlaying(true));
  await page.waitForTimeout(seconds * 1000);
  const pause = await page.evaluate(() => new Promise((resolve) => {
    const d = document.getElementById('lab');
    const t0 = performance.now();
    // Pause as a click does, between tasks: then watch until no chunk runs any more.
    setTimeout(() => {
      const clicked = performance.now();
      d.setPlaying(false);
      const chunks = () => d.runs.reduce((s, r) => s + r.run.chunksRun, 0);
      let last = chunks();
      let lastChange = performance.now();
      const watch = () => {
        const now = chunks();
        if (now !== last) { last = now; lastChange = performance.now(); }
        if (performance.now() - clicked > 1000) resolve({ ms: Math.max(0, lastChange - clicked), steps: d.runs[0].run.steps, t0 });
        else requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    }, 0);
  }));
  const play = await page.evaluate(() => window.longTasks.splice(0));
  const max = (a) => (a.length ? Math.max(...a) : 0).toFixed(0);
  console.log(`| ${hash} | ${load.length} | ${max(load)} | ${play.length} | ${max(play)} | ${pause.steps} | ${pause.ms.toFixed(0)} |`);
  if (page.errors.length) console.log(`  errors: ${page.errors.join('; ')}`);
  await page.context().close();
}
await browser.close();
await server.close();
