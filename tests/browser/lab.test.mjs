// The full lab (index.html, last section) in a real Chromium: loads from file://
// and http without console errors, trains, draws every panel, keeps its state in
// the URL hash, reports bad settings and divergence in words, and compares runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seriesColor } from '../../web/palette.js';
import { launch, serve, openPage, screenshot, waitForSteps, panelColors, hasColor, loadText, fileUrl, root } from './harness.mjs';

const LAB = '#lab';
let browser, server;
before(async () => {
  browser = await launch();
  server = await serve({ root });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const history = (page, run = 0) => page.evaluate(([sel, i]) => {
  const h = document.querySelector(sel).runs[i].run.history;
  return { step: [...h.fields.step], loss: [...h.fields.loss], active: h.layers.active.map((s) => [...s]) };
}, [LAB, run]);

test('over http: no console errors, training advances and the loss falls on circle', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=circle&seed=3`);
  await waitForSteps(page, LAB, 600);
  const h = await history(page);
  assert.equal(h.step[0], 0);
  assert.ok(h.loss[h.loss.length - 1] < 0.6 * h.loss[0], `loss ${h.loss[0]} -> ${h.loss[h.loss.length - 1]}`);
  assert.deepEqual(page.errors, []);
  await screenshot(page, 'lab-http', { fullPage: true });
  await page.context().close();
});

test('from file:// (double-click): it loads, trains, and logs no errors', async () => {
  const page = await openPage(browser, `${fileUrl('index.html')}#seed=4`);  // a run in the hash opens at the lab
  await waitForSteps(page, LAB, 100);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every panel draws: pixels of the series colours, the heatmap classes and the region map', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=2`);
  await waitForSteps(page, LAB, 200);
  // Every panel painted to its end, the maps with a complete map in them (panels paint in turn,
  // and a network diagram over several frames): read from what each panel's signature says it shows
  // (panels.js panelSignature: '|'-separated; a run's part is 'recorded:step:map version:unit map version:points',
  // a map panel's only ':map version:unit map version:points').
  await page.waitForFunction((sel) => {
    const d = document.querySelector(sel);
    const version = (sig, k) => Number(sig?.split('|')[4]?.split(':')[k]);
    return d.runs[0].map.shown && d.panels.every((p) => p.signatures.some((sig) => (p.name === 'network' ? version(sig, 3) > 0
      : p.name === 'boundary' || p.name === 'regions' ? version(sig, 1) > 0 : Boolean(sig))));
  }, LAB, { timeout: 30000 });
  const panels = await page.evaluate((sel) => [...document.querySelector(sel).shadowRoot.querySelectorAll('.panel')]
    .map((p) => p.className.replace('panel panel-', '')), LAB);
  assert.deepEqual(panels, ['network', 'boundary', 'loss', 'accuracy', 'layers', 'regions', 'active', 'paths', 'gradients',
    'dead', 'activation']);
  for (const name of panels) {
    const { count, colors } = await panelColors(page, LAB, name);
    assert.ok(count > 20, `${name}: only ${count} colours drawn`);
    if (name === 'boundary') {
      // Both class colours (Okabe-Ito orange and blue) appear in the map or its points.
      assert.ok(hasColor(colors, '#E69F00', 40) && hasColor(colors, '#0072B2', 40), `${name}: class colours`);
    } else if (name !== 'regions') {
      assert.ok(hasColor(colors, '#0072B2', 30) || hasColor(colors, '#E69F00', 30), `${name}: a series colour`);
    }
  }
  // The region map: many distinct pastel regions for a trained relu net.
  const regions = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('.panel-regions .note').textContent, LAB);
  assert.match(regions, /\d+ regions visible/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a link copied from one page load reproduces the same records in another', async () => {
  const first = await openPage(browser, `${server.url}index.html#seed=1`);
  await first.waitForFunction((sel) => document.querySelector(sel).runs?.length > 0, LAB);
  // Change settings through the controls, as a reader would.
  await first.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const set = (key, value) => {
      const input = root.querySelector(`#c-${key}`);
      input.value = value;
      input.dispatchEvent(new Event('change'));
    };
    set('data', 'spiral'); set('depth', '3'); set('seed', '17'); set('opt', 'adam');
  }, LAB);
  await first.waitForFunction(() => location.hash.includes('seed=17') && location.hash.includes('opt=adam'));
  const link = await first.evaluate(() => location.href);
  assert.match(link, /#data=spiral&seed=17&depth=3&opt=adam/);
  await waitForSteps(first, LAB, 300);
  await first.evaluate((sel) => document.querySelector(sel).setPlaying(false), LAB);
  const a = await history(first);

  const second = await openPage(browser, link);
  await waitForSteps(second, LAB, 300);
  await second.evaluate((sel) => document.querySelector(sel).setPlaying(false), LAB);
  const b = await history(second);
  const n = Math.min(a.step.length, b.step.length);
  assert.ok(n >= 31);
  assert.deepEqual(b.step.slice(0, n), a.step.slice(0, n));
  assert.deepEqual(b.loss.slice(0, n), a.loss.slice(0, n), 'bit-identical losses');
  assert.deepEqual(b.active.map((s) => s.slice(0, n)), a.active.map((s) => s.slice(0, n)));
  await first.context().close();
  await second.context().close();
});

test('bad values in the hash show a message, and the page still trains', async () => {
  const page = await openPage(browser, `${server.url}index.html#lr=-3&depth=2&bogus=1`);
  await waitForSteps(page, LAB, 100);
  const pageAlert = await page.textContent('#hash-errors');
  assert.match(pageAlert, /unknown key 'bogus'/);
  const { alert } = await loadText(page, LAB);
  assert.match(alert, /lr=-3: learning rate must be a number in \[1e-6, 10\]/);
  await screenshot(page, 'lab-bad-hash');
  await page.context().close();
});

test('editing the hash back removes a comparison and restores the markup\'s view', async () => {
  const page = await openPage(browser, `${server.url}index.html#compare=lr=0.01,0.1&seed=1`);
  await page.waitForFunction((sel) => document.querySelector(sel).runs?.length === 2, LAB);
  await page.evaluate(() => { location.hash = '#seed=2'; });
  await page.waitForFunction((sel) => document.querySelector(sel).runs?.length === 1, LAB);
  const state = await page.evaluate((sel) => ({ compare: document.querySelector(sel).getAttribute('compare'),
    seed: document.querySelector(sel).runs[0].config.seed, hash: location.hash }), LAB);
  assert.deepEqual(state, { compare: null, seed: '2', hash: '#seed=2' });
  await page.context().close();
});

test('lr=10 on a linear net diverges: the figure says so in words, and reset recovers', async () => {
  const page = await openPage(browser, `${server.url}index.html#act=linear&depth=4&width=16&lr=10`);
  await page.waitForFunction((sel) => document.querySelector(sel).runs?.[0]?.run.diverged, LAB, { timeout: 20000 });
  await page.waitForTimeout(100);
  const { status } = await loadText(page, LAB);
  assert.match(status, /Training diverged at step \d+/);
  await screenshot(page, 'lab-diverged');
  await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('button.reset').click(), LAB);
  const after = await page.evaluate((sel) => {
    const d = document.querySelector(sel);
    return { steps: d.runs[0].run.steps, diverged: d.runs[0].run.diverged, status: d.shadowRoot.querySelector('.status').textContent };
  }, LAB);
  assert.equal(after.diverged, false);
  assert.ok(after.steps < 20, `reset to step 0, then a few frames: ${after.steps}`);
  assert.doesNotMatch(after.status, /diverged/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('compare draws one series per run, each in its own colour, and one decision map per run', async () => {
  const page = await openPage(browser, `${server.url}index.html#compare=act=relu,sigmoid,tanh&depth=3`);
  await waitForSteps(page, LAB, 200);
  await page.waitForTimeout(300);
  const labels = await page.evaluate((sel) => document.querySelector(sel).runs.map((r) => r.label), LAB);
  assert.deepEqual(labels, ['act=relu', 'act=sigmoid', 'act=tanh']);
  const { colors } = await panelColors(page, LAB, 'loss');
  for (const i of [0, 1, 2]) assert.ok(hasColor(colors, seriesColor(i, 'light'), 20), `loss series ${i}`);
  const maps = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll('.panel-boundary canvas').length, LAB);
  assert.equal(maps, 3);
  // The compared key's control cannot show three values at once: it is disabled and says why.
  const act = await page.evaluate((sel) => { const i = document.querySelector(sel).shadowRoot.querySelector('#c-act');
    return { disabled: i.disabled, title: i.title }; }, LAB);
  assert.deepEqual(act, { disabled: true, title: 'Compared in this figure: relu, sigmoid, tanh' });
  await screenshot(page, 'lab-compare', { fullPage: true });
  await page.context().close();
});
