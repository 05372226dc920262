// Share, export and accessibility: the copy-link control reproduces the run, the
// downloads hold the records and the charts, one figure works by keyboard alone,
// and axe-core finds no serious or critical violations on the page or the posts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, screenshot, waitForSteps, root, openShareMenu } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve({ root }); });
after(async () => { await browser?.close(); await server?.close(); });

const openMenu = openShareMenu;
const shadowValue = (page, sel, inner) => page.evaluate(([s, i]) => document.querySelector(s).shadowRoot.querySelector(i).value, [sel, inner]);

test('"copy link" gives a URL that reproduces the exact run, seed included', async () => {
  const page = await openPage(browser, `${server.url}dist/embed-example.en.html`);
  const sel = 'relu-demo';
  await page.waitForFunction(() => document.querySelector('relu-demo').runs?.length > 0);
  await page.evaluate(() => { const d = document.querySelector('relu-demo'); d.setAttribute('seed', '5'); });
  await page.waitForFunction(() => document.querySelector('relu-demo').runs[0].config.seed === '5');
  await page.evaluate(() => document.querySelector('relu-demo').setPlaying(true));
  await waitForSteps(page, sel, 200);
  await page.evaluate(() => document.querySelector('relu-demo').setPlaying(false));
  await openMenu(page, sel);
  const link = await shadowValue(page, sel, 'input.link');
  assert.match(link, /index\.html#preset=dead-relu&seed=5&compare=lr%3D0\.01,0\.1,1&panels=dead,loss$/);
  const mine = await page.evaluate(() => document.querySelector('relu-demo').runs.map((r) => [...r.run.history.fields.loss]));

  const other = await openPage(browser, link);
  await waitForSteps(other, '#lab', 200);
  await other.evaluate(() => document.querySelector('#lab').setPlaying(false));
  const theirs = await other.evaluate(() => document.querySelector('#lab').runs.map((r) => [...r.run.history.fields.loss]));
  assert.equal(theirs.length, 3, 'the three compared runs');
  for (let i = 0; i < 3; i++) {
    const n = Math.min(mine[i].length, theirs[i].length);
    assert.ok(n >= 20);
    assert.deepEqual(theirs[i].slice(0, n), mine[i].slice(0, n), `run ${i}: bit-identical losses`);
  }
  // The embed code holds the same settings.
  // One snippet per button, each complete on its own.
  const snippet = await shadowValue(page, sel, 'textarea.snippet');
  assert.match(snippet, /^<script src="http:\/\/127\.0\.0\.1:\d+\/dist\/relu-lab\.js" charset="utf-8"><\/script>\n/);
  assert.match(snippet, /<relu-demo preset="dead-relu" compare="lr=0\.01,0\.1,1" panels="dead,loss" steps="2000" lang="en" seed="5" autoplay>\n  <a href="[^"]*index\.html#preset=dead-relu&amp;seed=5&amp;compare=[^"]*">[^<]+<\/a>\n<\/relu-demo>$/);
  assert.doesNotMatch(snippet, /<iframe/);
  const iframe = await shadowValue(page, sel, 'textarea.snippet-iframe');
  assert.match(iframe, /^<iframe src=".*index\.html#preset=dead-relu&amp;seed=5&amp;embed&amp;compare=[^"]*" title="ReLU Lab" width="100%" height="(\d+)" loading="lazy"><\/iframe>\n<script src="http:\/\/127\.0\.0\.1:\d+\/dist\/relu-lab-iframe\.js" charset="utf-8"><\/script>$/);
  assert.doesNotMatch(iframe, /<relu-demo/);
  const height = Number(iframe.match(/height="(\d+)"/)[1]);
  // As tall as the figure with its menu closed (as it shows in the iframe), plus the embed page's margins.
  const figure = await page.evaluate(() => { const d = document.querySelector('relu-demo');
    d.shadowRoot.querySelector('details.menu').open = false; return d.getBoundingClientRect().height; });
  assert.ok(height >= figure && height <= figure + 40, `iframe height ${height} for a figure ${figure} px tall`);
  await page.context().close();
  await other.context().close();
});

test('export: CSV and JSON hold every record of every run; each chart downloads as a PNG', async () => {
  const page = await openPage(browser, `${server.url}index.html#compare=act=relu,tanh&depth=2&seed=3`);
  await waitForSteps(page, '#lab', 100);
  await page.evaluate(() => document.querySelector('#lab').setPlaying(false));
  await openMenu(page, '#lab');
  const rows = await page.evaluate(() => document.querySelector('#lab').runs.map((r) => r.run.history.rows));
  const download = async (cls) => {
    const [dl] = await Promise.all([page.waitForEvent('download'),
      page.evaluate((c) => document.querySelector('#lab').shadowRoot.querySelector(`button.${c}`).click(), cls)]);
    return { name: dl.suggestedFilename(), body: fs.readFileSync(await dl.path()) };
  };
  const csv = await download('csv');
  assert.equal(csv.name, 'relu-lab-records.csv');
  const lines = csv.body.toString().trim().split('\n');
  assert.ok(lines[0].startsWith('run,step,loss,test_loss,acc,test_acc,path_share,diverged,active_1,'));
  assert.equal(lines.length, 1 + rows[0] + rows[1]);
  assert.ok(lines[1].startsWith('act=relu,0,'));
  const json = JSON.parse((await download('json')).body.toString());
  assert.deepEqual(json.map((r) => r.label), ['act=relu', 'act=tanh']);
  assert.equal(json[1].records.length, rows[1]);
  assert.equal(json[0].records[0].layers.length, 2);
  const png = await download('png-loss');
  assert.equal(png.name, 'relu-lab-loss.png');
  assert.deepEqual([...png.body.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
  const width = png.body.readUInt32BE(16), height = png.body.readUInt32BE(20);
  assert.ok(width > 200 && height > 150, `${width}x${height}`);
  const maps = await page.evaluate(() => [...document.querySelector('#lab').shadowRoot.querySelectorAll('button.png-boundary')].length);
  assert.equal(maps, 2, 'one PNG per decision map');
  await page.context().close();
});

test('keyboard only: tab to play, start and stop, step, move the activation slider; focus is visible', async () => {
  // One figure alone (the embed mode), so Tab goes through its own controls.
  const page = await openPage(browser, `${server.url}index.html#seed=1&embed&panels=loss,activation`, { reducedMotion: 'reduce' });
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
  const focused = () => page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return { tag: a.tagName, cls: a.className, outline: getComputedStyle(a).outlineStyle, width: getComputedStyle(a).outlineWidth };
  });
  // Tab from the top of the page until the lab's play button has focus.
  let f;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    f = await focused();
    if (f.cls === 'play') break;
  }
  assert.equal(f.cls, 'play', 'the play button is reachable by Tab');
  assert.notEqual(f.outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await waitForSteps(page, '#lab', 30);
  await page.keyboard.press('Space');  // pause
  await page.waitForTimeout(200);      // updates already on their way from a worker arrive
  const s1 = await page.evaluate(() => document.querySelector('#lab').runs[0].run.steps);
  await page.keyboard.press('Tab');    // to Step
  assert.equal((await focused()).cls, 'step');
  await page.keyboard.press('Enter');
  // Step trains to the next record, a multiple of every=10 (a pause can land between two; in a worker it often does).
  const next = s1 + 10 - (s1 % 10);
  await page.waitForFunction((n) => document.querySelector('#lab').runs[0].run.steps >= n, next);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => document.querySelector('#lab').runs[0].run.steps), next);
  // The activation plot is a slider: focus it and press the arrow keys.
  await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('.panel-activation canvas').focus());
  const x0 = await page.evaluate(() => document.querySelector('#lab').activationX);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const x1 = await page.evaluate(() => document.querySelector('#lab').activationX);
  assert.ok(Math.abs(x1 - (x0 - 0.2)) < 1e-9, `${x0} -> ${x1}`);
  const aria = await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('.panel-activation canvas').getAttribute('aria-valuenow'));
  assert.equal(Number(aria), x1);
  await screenshot(page, 'keyboard-focus');
  await page.context().close();
});

test('touch targets: every button and form control of a figure is at least 44 px high', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { width: 375, height: 800 });
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
  const small = await page.evaluate(() => [...document.querySelector('#lab').shadowRoot.querySelectorAll('button, select, input:not([type=range]), summary')]
    .map((e) => (e.type === 'checkbox' && e.closest('label') ? e.closest('label') : e))  // a checkbox's target is its label
    .filter((e) => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().height < 44)
    .map((e) => `${e.tagName}.${e.className}: ${e.getBoundingClientRect().height}`));
  assert.deepEqual(small, []);
  await page.context().close();
});

async function axeAudit(page) {
  await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

test('axe-core: no serious or critical violations on the page and the example posts, light and dark', async () => {
  for (const [url, scheme] of [['index.html', 'light'], ['index.html#lang=zh', 'dark'], ['dist/embed-example.html', 'light'],
    ['dist/embed-example.en.html', 'dark']]) {
    const page = await openPage(browser, `${server.url}${url}`, { colorScheme: scheme });
    await page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0));
    await page.waitForTimeout(300);
    assert.deepEqual(await axeAudit(page), [], `${url} (${scheme})`);
    await page.context().close();
  }
});
