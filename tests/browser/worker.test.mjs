// Training off the main thread in Chromium: over http every figure of a page trains in one
// Worker; on file:// and under a CSP that forbids workers the main-thread runner does, and
// both give the same records, maps and unit statistics bit for bit. Pause, reset, lr
// mid-run, digits, compare, and 100 add/remove cycles (one worker, its heap back to baseline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, fileUrl, root, REFUSED_WORKER } from './harness.mjs';

const fixtures = path.join(root, 'build/fixtures');
let browser, server, forced;

before(async () => {
  browser = await launch();
  server = await serve({ root });
  // The same files under a policy that forbids workers: the figures must fall back.
  forced = await serve({ root, headers: () => ({ 'content-security-policy': "worker-src 'none'" }) });
  fs.mkdirSync(fixtures, { recursive: true });
  for (const [name, html] of pages) fs.writeFileSync(path.join(fixtures, name), html);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await forced?.close();
});

/**
 * A page in build/fixtures loading dist/relu-lab.js by a relative path (so it opens over http and file://),
 * written in before(): a run of some tests alone (--test-name-pattern) still finds every page there.
 */
const pages = new Map();  // file name -> html
function fixture(name, body) {
  pages.set(name, `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>worker</title><script src="../../dist/relu-lab.js"></script></head><body>${body}</body></html>`);
  return `build/fixtures/${name}`;
}
const where = { worker: (rel) => `${server.url}${rel}`, file: (rel) => fileUrl(rel), csp: (rel) => `${forced.url}${rel}` };
const errorsOf = (page) => page.errors.filter((e) => !REFUSED_WORKER.test(e));

/** Everything numeric a figure shows, once it stopped at its `steps` limit with its maps complete. */
async function settled(page, sel = 'relu-demo') {
  await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((d) => d.runs?.length && !d.playing
    && !d.trainer.owed(d.runs) && d.runs.every((r) => r.run.steps > 0 && (!r.map.request || r.map.shown?.step === r.run.steps))), sel, { timeout: 90000 });
  return page.evaluate((s) => [...document.querySelectorAll(s)].map((d) => ({
    mode: d.mode,
    runs: d.runs.map((r) => ({
      steps: r.run.steps,
      history: JSON.stringify({ seq: r.run.history.seq, fields: r.run.history.fields, layers: r.run.history.layers }),
      map: r.map.shown ? Array.from(r.map.shown.prob) : null,
      pattern: r.map.shown?.pattern ? Array.from(r.map.shown.pattern) : null,
      stats: r.run.widths.slice(0, -1).map((_, l) => Array.from(r.run.unitStats(l)?.active ?? [])),
    })),
  })), sel);
}

const SAME = fixture('worker-same.html', `
<relu-demo id="a" data="spiral" depth="3" width="12" seed="3" every="5" steps="150" panels="loss,boundary,regions,network" autoplay></relu-demo>
<relu-demo id="b" compare="lr=0.05,0.3" depth="2" width="16" seed="2" steps="80" panels="loss,boundary" autoplay></relu-demo>
<relu-demo id="c" data="digits" depth="2" width="24" seed="4" every="10" steps="60" panels="accuracy,active" autoplay></relu-demo>`);

test('the same figures give the same records, maps and unit statistics in the worker, on file:// and under a CSP without workers', async () => {
  const results = {};
  for (const [mode, url] of Object.entries(where)) {
    const page = await openPage(browser, url(SAME), { height: 3000 });
    results[mode] = await settled(page);
    assert.deepEqual(errorsOf(page), [], mode);
    await page.context().close();
  }
  assert.deepEqual(results.worker.map((f) => f.mode), ['worker', 'worker', 'worker']);
  assert.deepEqual(results.file.map((f) => f.mode), ['main', 'main', 'main']);
  assert.deepEqual(results.csp.map((f) => f.mode), ['main', 'main', 'main']);
  const strip = (figs) => figs.map((f) => f.runs);
  assert.equal(results.worker[0].runs[0].steps, 150);
  assert.equal(results.worker[1].runs.length, 2, 'compare: two runs');
  assert.ok(results.worker[2].runs[0].history.length > 100, 'digits trained');
  assert.deepEqual(strip(results.worker), strip(results.file), 'worker = file://');
  assert.deepEqual(strip(results.worker), strip(results.csp), 'worker = main thread over http');
});

const CYCLES = fixture('worker-cycles.html', '<relu-demo id="keep" depth="2" width="8" steps="20" autoplay></relu-demo>');
const LIVE = fixture('worker-live.html', '<relu-demo id="a" depth="2" width="16" seed="5" every="4" speed="1"></relu-demo>');

test('Pause stops the worker, reset starts over with the same numbers, and lr mid-run gives what the main thread gives', async () => {
  const results = {};
  for (const mode of ['worker', 'file']) {
    const page = await openPage(browser, where[mode](LIVE));
    await page.waitForFunction(() => document.querySelector('#a').runs?.length);
    // Play, then Pause: the step count stops (and stays) where Pause found it.
    const paused = await page.evaluate(() => new Promise((resolve) => {
      const d = document.querySelector('#a');
      d.play();
      const check = () => {
        if (d.runs[0].run.steps < 12) { requestAnimationFrame(check); return; }
        d.pause();
        setTimeout(() => {
          const at = d.runs[0].run.steps;
          setTimeout(() => resolve({ at, later: d.runs[0].run.steps, mode: d.mode }), 500);
        }, 100);
      };
      check();
    }));
    assert.equal(paused.mode, mode === 'worker' ? 'worker' : 'main');
    assert.equal(paused.later, paused.at, 'no steps after Pause');
    // Reset, then 40 steps (the step limit), lr=0.3, 40 more: the same in both modes.
    await page.evaluate(() => {
      const d = document.querySelector('#a');
      d.reset();
      d.setAttribute('steps', '40');
      d.setAttribute('speed', '8');
      d.play();
    });
    await page.waitForFunction(() => { const d = document.querySelector('#a'); return d.runs[0].run.steps === 40 && !d.playing && !d.trainer.owed(d.runs); });
    await page.evaluate(() => {
      const d = document.querySelector('#a');
      d.setAttribute('lr', '0.3');
      d.setAttribute('steps', '80');
      d.play();
    });
    results[mode] = await settled(page);
    assert.equal(results[mode][0].runs[0].steps, 80);
    assert.match(await page.evaluate(() => document.querySelector('#a').runs[0].run.text), /lr=0.3/);
    assert.deepEqual(errorsOf(page), []);
    await page.context().close();
  }
  assert.deepEqual(results.worker[0].runs, results.file[0].runs);
});

test('100 figures added and removed: one worker for the page, its engine heap back to baseline', async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    window.workersMade = 0;
    const Original = window.Worker;
    window.Worker = class extends Original { constructor(...args) { super(...args); window.workersMade++; } };
  });
  await page.goto(where.worker(CYCLES));
  await settled(page, '#keep');
  const r = await page.evaluate(async () => {
    const keep = document.querySelector('#keep');
    const link = keep.trainer.link;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const cycle = async (i, full = false) => {
      const d = document.createElement('relu-demo');
      d.setAttribute('depth', String(1 + (i % 3)));
      d.setAttribute('width', '32');
      if (full) d.setAttribute('steps', '30');
      d.setAttribute('autoplay', '');
      document.body.append(d);
      const done = () => d.runs?.[0]?.run.steps > 0 && (!full || (!d.playing && !d.trainer.owed(d.runs)
        && d.runs.every((r) => !r.map.request || r.map.shown?.step === r.run.steps)));
      await new Promise((resolve) => {
        const wait = () => (done() ? resolve() : setTimeout(wait, 5));
        wait();
      });
      d.remove();
    };
    // One figure of each size first, trained to its limit with its maps drawn: whatever the
    // engine sets up once for a size (scratch grown to the largest product done, the allocator's
    // own bookkeeping) is then in place before the baseline, whichever code paths the figures
    // below reach before they are removed. What must not grow is anything per figure.
    for (let i = 0; i < 3; i++) await cycle(i, true);
    await settle();
    const baseline = await link.heapInUse();
    for (let i = 0; i < 100; i++) await cycle(i);
    await settle();
    return { baseline, after: await link.heapInUse(), workers: window.workersMade, mode: keep.mode, runs: link.runs.size, figures: link.figures.size };
  });
  assert.equal(r.mode, 'worker');
  assert.equal(r.workers, 1);
  assert.equal(r.runs, 1, 'only the kept figure\'s run is mirrored');
  assert.equal(r.figures, 1, 'removed figures are forgotten');
  assert.equal(r.after, r.baseline);
  assert.deepEqual(errorsOf(page), []);
  await page.context().close();
});

const LOST = fixture('worker-lost.html', '<relu-demo id="a" depth="2" width="16" seed="6" every="3" speed="1" steps="30" panels="loss,boundary" autoplay></relu-demo>');

test('a worker that dies mid-run: the figure goes on on the main thread with the records it would have had, and says so', async () => {
  const results = {};
  for (const mode of ['worker', 'file']) {
    const page = await openPage(browser, where[mode](LOST));
    // To step 30 (the limit), lr=0.3 there (a live key the replay must apply where the worker did), then on to 90.
    await page.waitForFunction(() => { const d = document.querySelector('#a'); return d.runs?.[0]?.run.steps === 30 && !d.playing && !d.trainer.owed(d.runs); });
    await page.evaluate(() => {
      const d = document.querySelector('#a');
      d.setAttribute('lr', '0.3');
      d.setAttribute('steps', '90');
      d.play();
    });
    if (mode === 'worker') {
      // The worker is terminated mid-run (nothing tells the page): its last records are the page's.
      await page.waitForFunction(() => document.querySelector('#a').runs[0].run.steps >= 45);
      const at = await page.evaluate(() => {
        const d = document.querySelector('#a');
        d.trainer.link.worker.terminate();
        return d.runs[0].run.steps;
      });
      assert.ok(at < 90, `terminated mid-run (at step ${at})`);
      await page.waitForFunction(() => document.querySelector('#a').mode === 'main', null, { timeout: 60000 });
      // Its status says so (in English here; the same key in strings-zh.js).
      await page.waitForFunction(() => /training goes on here/.test(document.querySelector('#a').shadowRoot.querySelector('.status').textContent));
      // A figure added now trains on the main thread too.
      const added = await page.evaluate(() => new Promise((resolve) => {
        const d = document.createElement('relu-demo');
        d.setAttribute('steps', '5');
        d.setAttribute('autoplay', '');
        document.body.append(d);
        const wait = () => (d.runs?.[0]?.run.steps >= 5 ? resolve(d.mode) : setTimeout(wait, 20));
        wait();
      }));
      assert.equal(added, 'main');
    }
    results[mode] = await settled(page, '#a');
    assert.equal(results[mode][0].runs[0].steps, 90);
    assert.equal(results[mode][0].mode, 'main');
    assert.deepEqual(errorsOf(page).filter((e) => !/the worker stopped/.test(e)), [], mode);
    await page.context().close();
  }
  assert.deepEqual(results.worker[0].runs, results.file[0].runs);
});
