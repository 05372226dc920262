// eng9 in the real page: points clicked onto the lab's decision map become
// data=custom; the share link reloads them into the same records (and the CLI,
// given the link's code, into the same numbers); a CSV loads whole or not at all;
// the width rows change one layer; the curve figure draws its kinks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { launch, serve, openPage, screenshot, panelColors, root, openShareMenu, REFUSED_WORKER } from './harness.mjs';

let browser, server;
// These tests drive the lab's engine run directly (reset, step, record: recordsFromReset), which
// only the main-thread runner allows: the page is served with a CSP that forbids workers (the
// worker's records are the same bit for bit: tests/browser/worker.test.mjs).
before(async () => { browser = await launch(); server = await serve({ root, headers: () => ({ 'content-security-policy': "worker-src 'none'" }) }); });
after(async () => { await browser?.close(); await server?.close(); });

const LAB = '#lab';
const shadow = (page, selector) => page.evaluateHandle(([s]) => document.querySelector('#lab').shadowRoot.querySelector(s), [selector]);

/** Clicks the lab's decision map at data coordinates (x, y) through the map's own layout. */
async function clickMap(page, x, y) {
  // A tool button or a new point rebuilds the chrome: the map's new panel has no layout until its
  // first paint (and a click before it does nothing), so wait for one.
  // The tap is dispatched in the same task that reads the canvas's place: sections above the lab
  // render as it comes into view (content-visibility) and may move it between a read and a real
  // mouse click (seen: no pointer event reached the figure).
  await page.waitForFunction(([px, py]) => {
    const lab = document.querySelector('#lab');
    const canvas = lab.shadowRoot.querySelector('.panel-boundary canvas');
    const panel = lab.panels.find((p) => p.name === 'boundary');
    const layout = panel?.layouts[0];
    if (!layout || panel.canvases[0] !== canvas) return false;
    const r = canvas.getBoundingClientRect();
    const at = { clientX: r.left + layout.xToPx(px), clientY: r.top + layout.yToPx(py), bubbles: true, composed: true, pointerId: 1 };
    canvas.dispatchEvent(new PointerEvent('pointerdown', at));
    canvas.dispatchEvent(new PointerEvent('pointerup', at));
    return true;
  }, [x, y]);
}

/** The lab's first run's records after `steps` more steps from a reset, as plain objects. */
async function recordsFromReset(page, steps) {
  return page.evaluate(async (n) => {
    const lab = document.querySelector('#lab');
    lab.pause();
    const run = lab.runs[0].run;
    run.reset();
    run.record();  // step 0's record: a reset run owes it (the trainer measures it in chunks)
    for (let i = 0; i < n; i += 10) { run.step(10); run.record(); }
    const h = run.history;
    return Array.from({ length: h.rows }, (_, i) => ({ step: h.fields.step[i], loss: h.fields.loss[i], acc: h.fields.acc[i],
      active: h.layers.active.map((l) => l[i]) }));
  }, steps);
}

test('points clicked on the map train as data=custom, and the share link reloads them into the same records', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=xor&points=40&test=0&seed=3`, { width: 1280, height: 1000 });
  await page.waitForFunction(() => document.querySelector('#lab').runs?.[0]?.run.inputs === 2);
  await page.evaluate(() => document.querySelector('#lab').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('#lab').panels?.find((p) => p.name === 'boundary')?.layouts[0]);
  // Class 1 at two places, class 0 at one, then erase the class-0 point again, then one more class 0.
  await (await shadow(page, 'button.point-class1')).click();
  await clickMap(page, 0.8, -0.8);
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.data === 'custom');
  await clickMap(page, -0.9, 0.9);
  await (await shadow(page, 'button.point-class0')).click();
  await clickMap(page, 0.05, 0.05);
  const three = await page.evaluate(() => document.querySelector('#lab').runs[0].config.custom.length / 4);
  assert.equal(three, 43, '40 xor points and 3 of mine');
  await (await shadow(page, 'button.point-erase')).click();
  await clickMap(page, 0.06, 0.04);
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.custom.length === 42 * 4);
  await (await shadow(page, 'button.point-class0')).click();
  await clickMap(page, -0.5, -1.2);
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.custom.length === 43 * 4);
  const state = await page.evaluate(() => {
    const lab = document.querySelector('#lab');
    const d = lab.runs[0].run.points(false);
    const last = lab.engine.decodePoints(lab.runs[0].config.custom);
    const n = last.label.length;
    return { n: d.label.length, hash: location.hash, tail: [last.x[n - 1], last.y[n - 1], last.label[n - 1]] };
  });
  assert.equal(state.n, 43);  // test=0: every point trains
  assert.ok(Math.abs(state.tail[0] + 0.5) < 0.02 && Math.abs(state.tail[1] + 1.2) < 0.02 && state.tail[2] === 0, state.tail.join(','));
  assert.match(state.hash, /data=custom/);
  await screenshot(page, 'own-points-lab-1280');
  // The share menu's link, opened in a new page.
  await openShareMenu(page, '#lab');
  const link = await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('input.link').value);
  assert.match(link, /data=custom/);
  assert.match(link, /custom=[A-Za-z0-9_-]{172}(&|$)/);
  const mine = await recordsFromReset(page, 50);
  const page2 = await openPage(browser, link.replace(/^.*index\.html/, `${server.url}index.html`), { width: 1280, height: 1000 });
  await page2.waitForFunction(() => document.querySelector('#lab').runs?.[0]?.config.data === 'custom');
  const theirs = await recordsFromReset(page2, 50);
  assert.deepEqual(theirs, mine, 'the link reproduces the records, bit for bit');
  // And the CLI, given the link's config, computes the same run.
  const hash = decodeURIComponent(new URL(link).hash.slice(1));
  const items = hash.split('&').filter((i) => i.includes('=') && !/^(lang|panels|embed|layout|controls|map|compare)=/.test(i));
  const cli = spawnSync(path.join(root, 'build/native/relu-lab'), ['run', ...items, '--steps', '50', '--every', '10'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const native = cli.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(native.length, mine.length);
  native.forEach((r, i) => {
    assert.equal(r.step, mine[i].step);
    assert.ok(Math.abs(r.loss - mine[i].loss) <= 1e-3 * Math.abs(r.loss) + 1e-7, `step ${r.step}: loss ${r.loss} vs ${mine[i].loss}`);
  });
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  assert.deepEqual(page2.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();
  await page2.context().close();
});

test('a CSV with a bad line changes nothing and names the line; a good one loads whole', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=circle&seed=2`, { width: 1280, height: 1000 });
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
  await page.evaluate(() => document.querySelector('#lab').scrollIntoView());
  await (await shadow(page, 'button.point-csv')).click();
  const area = await shadow(page, '.points-csv textarea');
  await area.fill('x,y,label\n0.1,0.2,1\n0.3,oops,0\n');
  await (await shadow(page, 'button.csv-load')).click();
  const note = await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('.points-note').textContent);
  assert.equal(note, 'Nothing loaded: line 3: y \'oops\' must be a number.');
  assert.equal(await page.evaluate(() => document.querySelector('#lab').runs[0].config.data), 'circle');
  const rows = ['x,y,label', ...Array.from({ length: 30 }, (_, i) => `${i * 10},${(i % 5) * 3},${i % 2}`)].join('\n');
  await (await shadow(page, '.points-csv textarea')).fill(rows);  // the message redrew the toolbar: the CSV box stays open
  await (await shadow(page, 'button.csv-load')).click();
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.data === 'custom');
  const after = await page.evaluate(() => {
    const lab = document.querySelector('#lab');
    const p = lab.engine.decodePoints(lab.runs[0].config.custom);
    return { n: p.label.length, minX: Math.min(...p.x), maxX: Math.max(...p.x),
      note: lab.shadowRoot.querySelector('.points-note').textContent };
  });
  assert.equal(after.n, 30);
  assert.ok(Math.abs(after.minX + 1) < 1e-3 && Math.abs(after.maxX - 1) < 1e-3, `${after.minX} .. ${after.maxX}`);
  assert.match(after.note, /^30 points loaded, rescaled to fit the map: \(x − 145, y − 6\) × 0\.006897\.$/);
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();
});

test('the width rows: + doubles one layer, + layer adds one, and the net has those widths', async () => {
  const page = await openPage(browser, `${server.url}index.html#width=8&depth=2`, { width: 1280, height: 1000 });
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
  const plus = await page.evaluateHandle(() => document.querySelector('#lab').shadowRoot.querySelectorAll('.widths .layer-row')[1].querySelectorAll('button')[1]);
  await plus.click();
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].run.widths.join() === '8,16,1');
  const add = await page.evaluateHandle(() => [...document.querySelector('#lab').shadowRoot.querySelectorAll('.widths button')].find((b) => b.textContent === '+ layer'));
  await add.click();
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].run.widths.join() === '8,16,16,1');
  assert.match(await page.evaluate(() => location.hash), /depth=3&width=8,16,16/);
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();
});

test('the curve figure draws the data, the fitted curves and a dot per kink', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { width: 1280, height: 1000 });
  // Scrolled to once it is built: the figures above it grow as they are built, and only a
  // link's target is held in view meanwhile (page.js holdInView), not a script's scroll.
  await page.waitForFunction(() => document.getElementById('fig-curve').runs?.length === 2);
  await page.evaluate(() => document.getElementById('fig-curve').scrollIntoView({ block: 'center' }));
  await page.waitForFunction(() => document.getElementById('fig-curve').runs?.[1]?.run.steps >= 1500, null, { timeout: 30000 });
  await page.waitForTimeout(300);
  const info = await page.evaluate(() => {
    const fig = document.getElementById('fig-curve');
    const canvas = fig.shadowRoot.querySelector('.panel-curve canvas');
    const panel = fig.panels.find((p) => p.name === 'curve');
    const layout = panel.layouts[0];
    const relu = fig.runs[1].curve;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    // The pixel at each kink on the relu curve has the relu series' colour (orange), not the background.
    const inside = Array.from(relu.kinks).filter((k) => k > -1 && k < 1);
    const at = (k) => {
      let i = 0;
      while (relu.x[i + 1] < k) i++;
      const y = relu.y[i] + (relu.y[i + 1] - relu.y[i]) * (k - relu.x[i]) / (relu.x[i + 1] - relu.x[i]);
      const o = 4 * (Math.round(layout.yToPx(y) * ratio) * canvas.width + Math.round(layout.xToPx(k) * ratio));
      return Array.from(pixels.slice(o, o + 3));
    };
    return { inside: inside.length, pieces: relu.pieces, linear: fig.runs[0].curve.pieces, pixels: inside.map(at),
      note: panel.note.textContent };
  });
  assert.ok(info.inside >= 3, `${info.inside} kinks inside`);
  assert.equal(info.pieces, info.inside + 1);
  assert.equal(info.linear, 1);
  for (const [r, g, b] of info.pixels) assert.ok(r > 180 && g > 60 && g < 140 && b < 60, `kink dot ${r},${g},${b}`);
  // Run labels in words, as every panel writes them (panels.js runWords): "activation relu", not "act=relu".
  assert.match(info.note, new RegExp(`activation relu: ${info.inside} kinks inside \\[−1, 1\\], ${info.pieces} linear pieces`));
  assert.match(info.note, /activation linear: no kinks: one straight line/);
  await page.evaluate(() => document.getElementById('fig-curve').scrollIntoView({ block: 'start' }));
  await screenshot(page, 'curve-figure-1280');
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();
});

test('the lab fits a curve: data=curve puts the curve panel centre stage in the map\'s place, with its kinks and pieces', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=curve&seed=1&lang=en`, { width: 1280, height: 1000 });
  await page.waitForFunction(() => document.querySelector('#lab').runs?.[0]?.run.steps >= 300, null, { timeout: 30000 });
  await page.evaluate(() => document.querySelector('#lab').pause());
  await page.waitForTimeout(400);
  const info = await page.evaluate(() => {
    const root = document.querySelector('#lab').shadowRoot;
    const stage = root.querySelector('.stage');
    return { staged: [...stage.querySelectorAll('figure.panel')].map((f) => f.className), boundary: !!root.querySelector('.panel-boundary'),
      regions: !!root.querySelector('.panel-regions'), accuracy: !!root.querySelector('.panel-accuracy'),
      summary: root.querySelector('.view-panels summary').textContent, note: root.querySelector('.panel-curve .note')?.textContent,
      width: root.querySelector('.panel-curve canvas')?.getBoundingClientRect().width };
  });
  assert.deepEqual(info.staged, ['panel panel-network', 'panel panel-curve']);
  assert.equal(info.boundary, false, 'no plane: no decision map');
  assert.equal(info.regions, false);
  assert.equal(info.accuracy, false, 'no classes: no accuracy chart');
  assert.match(info.summary, /Panels \(9 shown\)/, 'the panels menu counts what is shown');
  assert.match(info.note, /\d+ kinks inside \[−1, 1\], \d+ linear pieces/);
  assert.ok(info.width >= 400, `curve ${info.width} px wide`);
  const colors = await panelColors(page, '#lab', 'curve');
  assert.ok(colors.count > 20, 'the curve panel drew');
  await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('.stage').scrollIntoView());
  await screenshot(page, 'lab-curve-1280');
  // Back to a plane: the map returns and the curve panel goes.
  await page.evaluate(() => { location.hash = '#data=circle&seed=1'; });
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.data === 'circle');
  const back = await page.evaluate(() => {
    const root = document.querySelector('#lab').shadowRoot;
    return { boundary: !!root.querySelector('.stage .panel-boundary'), curve: !!root.querySelector('.panel-curve') };
  });
  assert.deepEqual(back, { boundary: true, curve: false });
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();
});

test('a curve fit with a width list, set by the lab\'s own controls, travels in the share link: the same records, bit for bit', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=curve&seed=4`, { width: 1280, height: 1000 });
  await page.waitForFunction(() => document.querySelector('#lab').runs?.[0]?.config.data === 'curve');
  await page.evaluate(() => {
    const select = document.querySelector('#lab').shadowRoot.querySelector('#c-target');
    select.value = 'abs';
    select.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.target === 'abs');
  const less = await page.evaluateHandle(() => document.querySelector('#lab').shadowRoot.querySelectorAll('.widths .layer-row')[1].querySelectorAll('button')[0]);
  await less.click();  // layer 2: 8 -> 4
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].run.widths.join() === '8,4,1');
  await openShareMenu(page, '#lab');
  const link = await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('input.link').value);
  assert.match(link, /data=curve&target=abs/);
  assert.match(link, /width=8,4/);
  const mine = await recordsFromReset(page, 100);
  const page2 = await openPage(browser, link.replace(/^.*index\.html/, `${server.url}index.html`), { width: 1280, height: 1000 });
  await page2.waitForFunction(() => document.querySelector('#lab').runs?.[0]?.config.target === 'abs');
  assert.equal(await page2.evaluate(() => document.querySelector('#lab').runs[0].run.widths.join()), '8,4,1');
  const theirs = await recordsFromReset(page2, 100);
  assert.deepEqual(theirs, mine, 'the link reproduces the records, bit for bit');
  assert.deepEqual([...page.errors, ...page2.errors].filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();
  await page2.context().close();
});
