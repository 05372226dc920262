// The page's budgets, measured (not tested): for every preset alone in embed mode,
// the work per animation frame (training steps + decision-map chunks; budget 10 ms)
// and the time from navigation to the first curve drawn (budget 1 s), in Debian's
// headless Chromium on this machine. Usage: node scripts/bench-page.mjs (after a build).
import { launch, serve, openPage, root } from '../tests/browser/harness.mjs';

const PANELS = { default: 'loss,layers,boundary', digits: 'accuracy,active', 'digits-l1': 'accuracy,active' };
const browser = await launch();
const server = await serve({ root });
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
await browser.close();
await server.close();
