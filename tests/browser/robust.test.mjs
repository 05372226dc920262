// Issue 10, page and element: each repro of the issue, in Chromium. A link that froze
// the page, a divergence record that was lost, numbers made up from NaN outputs, one
// bad value that discarded a whole link, a figure that restarted when moved, stale or
// missing messages, a lab-url that reached the snippets, and an alert box 85,038
// characters long.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, root, waitForSteps, openShareMenu } from './harness.mjs';

const LAB = '#lab';
const fixtures = path.join(root, 'build/fixtures');
let browser, server;
before(async () => {
  browser = await launch();
  server = await serve({ root });
  fs.mkdirSync(fixtures, { recursive: true });
});
after(async () => { await browser?.close(); await server?.close(); });

async function pageWith(body, options) {
  const name = `robust-${Math.random().toString(36).slice(2)}.html`;
  fs.writeFileSync(path.join(fixtures, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="/dist/relu-lab.js" charset="utf-8"></script></head><body>${body}</body></html>`);
  return openPage(browser, `${server.url}build/fixtures/${name}`, options);
}
const ready = (page, sel = LAB) => page.waitForFunction((s) => document.querySelector(s).runs?.length > 0, sel);
const alertOf = (page, sel = LAB) => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.alert').textContent, sel);
const statusOf = (page, sel = LAB) => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.status').textContent, sel);
const panelNames = (page, sel = LAB) => page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('.panel')]
  .map((p) => p.className.replace('panel panel-', '')), sel);

/** Resolves with how long the page took to answer, or rejects if it did not within ms (a frozen page). */
async function answersWithin(page, ms) {
  const t0 = Date.now();
  await Promise.race([
    page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r()))),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
  return Date.now() - t0;
}

// ---------------------------------------------------------------- item 1

test('item 1: a link listing one panel 100 times answers at once, shows it once and says why', async () => {
  const panels = Array(100).fill('regions').join(',');
  const page = await openPage(browser, `${server.url}index.html#seed=1&panels=${panels}`);
  await ready(page);
  for (let i = 0; i < 5; i++) await answersWithin(page, 5000);
  assert.deepEqual(await panelNames(page), ['regions']);
  assert.match(await alertOf(page), /panels: 'regions' is listed 100 times; each is used once/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('item 1: controls and compare lists are de-duplicated and capped, with the key, the value and the limit', async () => {
  const controls = Array(50).fill('lr').join(',');
  const page = await pageWith(`<relu-demo id="a" preset="lab" controls="${controls},seed" compare="lr=${Array(20).fill('0.1').join(',')},1"></relu-demo>`);
  await ready(page, '#a');
  const state = await page.evaluate(() => {
    const d = document.querySelector('#a');
    return { runs: d.runs.map((r) => r.label), controls: [...d.shadowRoot.querySelectorAll('.controls select, .controls input')].map((i) => i.id) };
  });
  assert.deepEqual(state.runs, ['lr=0.1', 'lr=1']);
  assert.deepEqual(state.controls, ['c-lr', 'c-seed']);  // as listed, once each
  const alert = await alertOf(page, '#a');
  assert.match(alert, /controls: 'lr' is listed 50 times; each is used once/);
  assert.match(alert, /compare: '0\.1' is listed 20 times; each is used once/);
  // More different values than can be compared: refused, with the limit.
  await page.evaluate(() => document.querySelector('#a').setAttribute('compare', 'seed=1,2,3,4,5,6,7'));
  await page.waitForFunction(() => /1 to 6 different values/.test(document.querySelector('#a').shadowRoot.querySelector('.alert').textContent));
  await page.context().close();
});

// ---------------------------------------------------------------- item 11 (page side)

test('item 11: 10,000 copies of an unknown key give one short message, not 85,038 characters', async () => {
  const page = await openPage(browser, `${server.url}index.html#${Array(10000).fill('a=1').join('&')}`);
  await ready(page);
  const box = await page.evaluate(() => ({ text: document.querySelector('#hash-errors').textContent,
    hidden: document.querySelector('#hash-errors').hidden }));
  assert.equal(box.hidden, false);
  assert.ok(box.text.length < 300, `${box.text.length} characters: ${box.text.slice(0, 300)}`);
  assert.match(box.text, /the link has 10000 settings: only the first 200 are read; unknown key 'a' \(×200\)/);
  assert.ok((await alertOf(page)).length < 1000);
  await page.context().close();
});

test('item 11: a value with control characters or 10 KB is quoted escaped and cut in the figure\'s alert', async () => {
  const page = await pageWith(`<relu-demo id="a" preset="lab" panels="loss,${'x'.repeat(10000)}" band="a&#10;b"></relu-demo>`);
  await ready(page, '#a');
  const alert = await alertOf(page, '#a');
  assert.ok(alert.length < 600, `${alert.length} characters`);
  assert.match(alert, /panels: unknown 'x{40}…' \(10000 characters\)/);
  assert.match(alert, /band='a\\nb'/);
  assert.doesNotMatch(alert, /\n/);
  await page.context().close();
});

// ---------------------------------------------------------------- item 6

const SPIRAL = 'data=spiral&depth=3&seed=17&lr=1e999';
const configOf = (page) => page.evaluate((s) => {
  const c = document.querySelector(s).runs[0].config;
  return { data: c.data, depth: c.depth, seed: c.seed, lr: c.lr };
}, LAB);

test('item 6: one bad value keeps every other key of the link, names the refused one, and leaves the address alone', async () => {
  const page = await openPage(browser, `${server.url}index.html#${SPIRAL}`);
  await waitForSteps(page, LAB, 20);
  assert.deepEqual(await configOf(page), { data: 'spiral', depth: '3', seed: '17', lr: '0.1' });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => location.hash), `#${SPIRAL}`);
  const alert = await alertOf(page);
  assert.match(alert, /lr=1e999/);
  assert.match(alert, /lr=0\.1 is used instead/);
  assert.doesNotMatch(alert, /keeps its previous settings/);
  await page.context().close();
});

test('item 6: the same link through hashchange gives the same run and the same message', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=2&lr=0.5`);
  await waitForSteps(page, LAB, 20);
  const loadAlert = await (async () => {
    const p = await openPage(browser, `${server.url}index.html#${SPIRAL}`);
    await ready(p);
    const a = await alertOf(p);
    await p.context().close();
    return a;
  })();
  await page.evaluate((h) => { location.hash = h; }, `#${SPIRAL}`);
  await page.waitForFunction((s) => document.querySelector(s).runs[0].config.data === 'spiral', LAB);
  assert.deepEqual(await configOf(page), { data: 'spiral', depth: '3', seed: '17', lr: '0.1' });
  assert.equal(await alertOf(page), loadAlert);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => location.hash), `#${SPIRAL}`);
  await page.context().close();
});

test('item 6: a refused live value keeps the run going, and the message says what it keeps', async () => {
  const page = await pageWith('<relu-demo id="a" preset="lab" lr="0.05" autoplay></relu-demo>');
  await waitForSteps(page, '#a', 50);
  await page.evaluate(() => document.querySelector('#a').setAttribute('lr', '1e999'));
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.alert').textContent !== '');
  const before = await page.evaluate(() => document.querySelector('#a').runs[0].run.steps);
  await waitForSteps(page, '#a', before + 50);
  const alert = await alertOf(page, '#a');
  assert.match(alert, /lr=1e999/);
  assert.match(alert, /keeps lr=0\.05/);
  await page.context().close();
});

// ---------------------------------------------------------------- item 9

test('item 9: moving a figure in the DOM does not restart it', async () => {
  const page = await pageWith('<div id="one"><relu-demo id="a" preset="lab" every="10" autoplay></relu-demo></div><div id="two"></div>');
  const before = await waitForSteps(page, '#a', 300);
  const after = await page.evaluate(async () => {
    const d = document.querySelector('#a');
    const run = d.runs[0].run;
    document.querySelector('#two').append(d);
    await new Promise((r) => setTimeout(r, 100));
    return { steps: d.runs[0].run.steps, same: d.runs[0].run === run };
  });
  assert.equal(after.same, true, 'the same run object');
  assert.ok(after.steps >= before, `step ${before} -> ${after.steps}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('item 9: after a bad hash, going to a section clears the old message; #lang=xx is reported', async () => {
  const page = await openPage(browser, `${server.url}index.html#bogus=1`);
  await ready(page);
  assert.equal(await page.evaluate(() => document.querySelector('#hash-errors').hidden), false);
  await page.evaluate(() => { location.hash = '#sparsity'; });
  await page.waitForFunction(() => document.querySelector('#hash-errors').hidden);
  assert.equal(await page.evaluate(() => document.querySelector('#hash-errors').textContent), '');

  await page.evaluate(() => { location.hash = '#lang=xx&seed=3'; });
  await page.waitForFunction(() => !document.querySelector('#hash-errors').hidden);
  assert.match(await page.evaluate(() => document.querySelector('#hash-errors').textContent),
    /lang='xx': the languages are en, zh/);
  await page.context().close();
});

test('item 9: an element with lang="xx" says so', async () => {
  const page = await pageWith('<relu-demo id="a" preset="lab" lang="xx"></relu-demo>');
  await ready(page, '#a');
  assert.match(await alertOf(page, '#a'), /lang='xx': the languages are en, zh/);
  await page.context().close();
});

test('item 9: a javascript: lab-url never reaches the share link or the snippets', async () => {
  const page = await pageWith('<relu-demo id="a" preset="lab" lab-url="javascript:alert(document.domain)"></relu-demo>');
  await ready(page, '#a');
  assert.match(await alertOf(page, '#a'), /lab-url='javascript:alert\(document\.domain\)': only http\(s\) and relative URLs are accepted/);
  await openShareMenu(page, '#a');
  const menu = await page.evaluate(() => {
    const root = document.querySelector('#a').shadowRoot;
    return { link: root.querySelector('input.link').value, snippet: root.querySelector('textarea.snippet').value };
  });
  assert.doesNotMatch(menu.link, /javascript/i);
  assert.doesNotMatch(menu.snippet, /javascript/i);
  assert.match(menu.link, /^http:\/\/127\.0\.0\.1:\d+\/index\.html#preset=lab&seed=1$/);
  await page.context().close();
});

// ---------------------------------------------------------------- items 2, 3, 5

const DIVERGING = ['act=linear&lr=10', 'act=softplus&lr=10&opt=momentum&loss=mse', 'act=linear&lr=10&points=5000'];

async function divergedLab(config, seed) {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    window.divergedEvents = [];
    document.addEventListener('relu-diverged', (e) => window.divergedEvents.push(e.detail));
  });
  await page.goto(`${server.url}index.html#${config}&seed=${seed}`);
  await page.waitForFunction((s) => {
    const d = document.querySelector(s);
    return d.runs?.[0]?.run.diverged && !d.playing;
  }, LAB, { timeout: 30000 });
  return page;
}

async function download(page, cls) {
  await openShareMenu(page, LAB);
  const [dl] = await Promise.all([page.waitForEvent('download'),
    page.evaluate(([s, c]) => document.querySelector(s).shadowRoot.querySelector(`button.${c}`).click(), [LAB, cls])]);
  return fs.readFileSync(await dl.path()).toString();
}

for (const config of DIVERGING) {
  test(`item 2: ${config}: the divergence record completes after play stops, fires relu-diverged, and ends the exports`, async () => {
    for (const seed of [1, 2, 3]) {
      const page = await divergedLab(config, seed);
      await page.waitForFunction(() => window.divergedEvents.length > 0, null, { timeout: 10000 });
      const state = await page.evaluate((s) => {
        const d = document.querySelector(s);
        const h = d.runs[0].run.history;
        return { steps: d.runs[0].run.steps, lastStep: h.fields.step[h.rows - 1], lastDiverged: h.fields.diverged[h.rows - 1],
          event: window.divergedEvents[0], events: window.divergedEvents.length };
      }, LAB);
      assert.equal(state.lastDiverged, 1, `seed ${seed}: the history ends with the diverged record`);
      assert.equal(state.lastStep, state.steps);
      assert.deepEqual([state.event.step, state.events], [state.steps, 1], 'one relu-diverged event, at the divergence step');
      const csv = (await download(page, 'csv')).trim().split('\n');
      const header = csv[0].split(',');
      const last = csv.at(-1).split(',');
      assert.equal(last[0], String(state.steps));
      assert.equal(last[header.indexOf('diverged')], '1');
      const json = JSON.parse(await download(page, 'json'));
      assert.deepEqual([json[0].records.at(-1).step, json[0].records.at(-1).diverged], [state.steps, true]);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  });
}

test('item 3: every statistic of a diverged net is blank in CSV, null in JSON, a dash in the page', async () => {
  for (const config of DIVERGING) {
    const page = await divergedLab(config, 1);
    await page.waitForFunction(() => window.divergedEvents.length > 0, null, { timeout: 10000 });
    await page.waitForTimeout(200);  // the summaries of the last frame
    const csv = (await download(page, 'csv')).trim().split('\n');
    const header = csv[0].split(',');
    const last = csv.at(-1).split(',');
    for (const [i, name] of header.entries()) {
      if (name !== 'step' && name !== 'diverged') assert.equal(last[i], '', `${config}: ${name} of a diverged net is blank`);
    }
    const rec = JSON.parse(await download(page, 'json'))[0].records.at(-1);
    for (const [k, v] of Object.entries(rec)) if (k !== 'step' && k !== 'diverged' && k !== 'layers') assert.equal(v, null, k);
    for (const layer of rec.layers) for (const [k, v] of Object.entries(layer)) assert.equal(v, null, `layer ${k}`);
    const texts = await page.evaluate((s) => {
      const root = document.querySelector(s).shadowRoot;
      const text = (sel) => root.querySelector(sel).textContent;
      return { acc: text('.panel-accuracy .summary'), loss: text('.panel-loss .summary'), layers: text('.panel-layers .summary'),
        regions: text('.panel-regions .note'), regionsSummary: text('.panel-regions .summary') };
    }, LAB);
    assert.match(texts.acc, /training accuracy –, test accuracy –/);
    assert.match(texts.loss, /training loss –, test loss –/);
    assert.doesNotMatch(texts.layers, /\d%/);
    assert.doesNotMatch(texts.regions, /\d+ regions? visible/);
    assert.match(texts.regions, /not numbers/);
    assert.doesNotMatch(texts.regionsSummary, /into \d+ linear regions/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('item 5: after divergence, the advice works: lowering lr starts the run again, and Play trains', async () => {
  const page = await divergedLab('act=linear&lr=10', 1);
  const advice = await statusOf(page);
  assert.match(advice, /Training diverged at step \d+/);
  assert.match(advice, /lower lr/);
  await page.evaluate((s) => {
    const input = document.querySelector(s).shadowRoot.querySelector('#c-lr');
    input.value = '0.01';
    input.dispatchEvent(new Event('change'));
  }, LAB);
  await page.waitForFunction((s) => !document.querySelector(s).runs[0].run.diverged, LAB);
  await page.evaluate((s) => document.querySelector(s).setPlaying(true), LAB);
  const steps = await waitForSteps(page, LAB, 100);
  assert.ok(steps >= 100);
  const state = await page.evaluate((s) => ({ lr: document.querySelector(s).runs[0].config.lr,
    status: document.querySelector(s).shadowRoot.querySelector('.status').textContent }), LAB);
  assert.equal(state.lr, '0.01');
  assert.doesNotMatch(state.status, /diverged/);
  await page.context().close();
});

// ---------------------------------------------------------------- item 7 (words)

test('item 7: a configuration that will train slowly says so in words', async () => {
  const page = await openPage(browser, `${server.url}index.html#depth=20&width=256&points=5000&batch=5000`);
  await ready(page);
  // Before any step is timed: the engine's work counts, in words (4000 samples a step, 5000 a record).
  assert.match(await statusOf(page), /^Heavy settings: each training step is 15000 million multiply-adds and each record 19000 million\./);
  // Then the measured rate, once play has gone on for a while.
  await page.waitForFunction((s) => /steps? per second/.test(document.querySelector(s).shadowRoot.querySelector('.status').textContent), LAB,
    { timeout: 30000 });
  assert.match(await statusOf(page), /slowly/);
  await page.context().close();
});
