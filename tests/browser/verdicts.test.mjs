// The article's judging sentences follow the figures in the real page: change a
// setting with the figure's own control (the init of section 6, Play in section 3,
// the language) and the sentence beside the number changes with it. Screenshots of
// the changed sections at 1280 px and 375 px, in English and Chinese, land in
// build/screenshots/verdict-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, shotsDir, root } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve({ root }); });
after(async () => { await browser?.close(); await server?.close(); });

/** The case and text of a verdict span (by rule) once its figure has records. */
const verdictOf = (page, rule) => page.evaluate((r) => {
  const span = document.querySelector(`.verdict-text[data-rule="${r}"]`);
  return { case: span.dataset.case, text: span.textContent };
}, rule);
const waitForCase = (page, rule, cases, timeout = 20000) => page.waitForFunction(([r, cs]) => {
  const span = document.querySelector(`.verdict-text[data-rule="${r}"]`);
  return span && cs.includes(span.dataset.case);
}, [rule, cases], { timeout });

async function showSection(page, figureId) {
  await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: 'center' }), figureId);
  await page.waitForFunction((id) => document.getElementById(id).runs?.length > 0, figureId);
}

test('§6: switching the init from He to Xavier to small changes the sentence, and its number agrees', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { width: 1280, height: 900 });
  await showSection(page, 'fig-vanishing');
  await waitForCase(page, 'vanishing_relu', ['flat']);
  let relu = await verdictOf(page, 'vanishing_relu');
  assert.match(relu.text, /flat/);
  assert.match(relu.text, /×1\.4/, 'seed 1, He: last ÷ first = ×1.4');
  assert.equal((await verdictOf(page, 'vanishing_sigmoid')).case, 'below_bound');
  assert.equal((await verdictOf(page, 'vanishing_tanh')).case, 'flat');  // seed 1: ×0.51, at the band's edge

  await page.locator('#fig-vanishing #c-init').selectOption('xavier');
  await waitForCase(page, 'vanishing_relu', ['shrinks']);
  relu = await verdictOf(page, 'vanishing_relu');
  assert.doesNotMatch(relu.text, /flat/, 'never "flat" beside ×31');
  assert.match(relu.text, /×31/);
  assert.equal((await verdictOf(page, 'vanishing_sigmoid')).case, 'near_bound');
  assert.equal((await verdictOf(page, 'vanishing_verdict')).case, 'relu_shrinks');
  await shot(page, 'vanishing', 'verdict-vanishing-xavier-1280');

  await page.locator('#fig-vanishing #c-init').selectOption('small');
  await waitForCase(page, 'vanishing_relu', ['vanishes']);
  relu = await verdictOf(page, 'vanishing_relu');
  assert.match(relu.text, /×5\.2·10¹²/, 'scientific form, not a 13-digit number');
  const sigmoid = await verdictOf(page, 'vanishing_sigmoid');
  assert.equal(sigmoid.case, 'above_bound');
  assert.doesNotMatch(sigmoid.text, /not far from|close to/, '×73 is not "close to 4"');
  assert.equal((await verdictOf(page, 'vanishing_verdict')).case, 'all_vanish');
  // Trained with the small init, ReLU's gradients are exactly zero: the sentence says why its line is gone.
  await page.waitForFunction(() => document.getElementById('fig-vanishing').runs[0].run.steps >= 60, null, { timeout: 20000 });
  await waitForCase(page, 'vanishing_relu_now', ['zero']);
  assert.match((await verdictOf(page, 'vanishing_relu_now')).text, /exactly zero/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('§6 in Chinese: ratios the Chinese way, and the sentence follows the init too', async () => {
  const page = await openPage(browser, `${server.url}index.html#lang=zh`, { width: 375, height: 800 });
  await showSection(page, 'fig-vanishing');
  await waitForCase(page, 'vanishing_relu', ['flat']);
  await page.locator('#fig-vanishing #c-init').selectOption('xavier');
  await waitForCase(page, 'vanishing_relu', ['shrinks']);
  const relu = await verdictOf(page, 'vanishing_relu');
  assert.match(relu.text, /约缩小为原来的 1\/1\.5/);
  assert.doesNotMatch(relu.text, /×/);
  await shot(page, 'vanishing', 'verdict-vanishing-xavier-zh-375');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no sideways scrolling: ${width}px`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('§3: after Play the text says the charts have left step 0, and Reset brings them back', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { width: 1280, height: 900 });
  await showSection(page, 'fig-two-n');
  await waitForCase(page, 'two_n_step', ['step0']);
  assert.equal((await verdictOf(page, 'two_n_active')).case, 'flat');
  await page.locator('#fig-two-n button.play').click();
  await page.waitForFunction(() => document.getElementById('fig-two-n').runs[0].run.steps >= 20);
  await page.locator('#fig-two-n button.play').click();  // pause
  await waitForCase(page, 'two_n_step', ['trained']);
  const text = (await verdictOf(page, 'two_n_step')).text;
  // The charts show the latest record, so the sentence names its step.
  const steps = await page.evaluate(() => document.getElementById('fig-two-n').runs[0].run.history.fields.step.at(-1));
  assert.ok(steps >= 20);
  await page.waitForFunction((n) => document.querySelector('.verdict-text[data-rule="two_n_step"]').textContent.includes(`step ${n},`), steps);
  assert.match(text, /still read step 0/);
  await shot(page, 'two-to-the-n', 'verdict-two-n-played-1280');
  await page.locator('#fig-two-n button.reset').click();
  await waitForCase(page, 'two_n_step', ['step0']);
  await page.locator('#fig-two-n #c-init').selectOption('zero');
  await waitForCase(page, 'two_n_active', ['all_off']);
  assert.equal((await verdictOf(page, 'two_n_verdict')).case, 'all_off');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('§2 and §7 in both languages at 1280 and 375 px: the verdict sentences are filled, never a raw key', async () => {
  for (const [lang, width] of [['en', 1280], ['zh', 1280], ['en', 375], ['zh', 375]]) {
    const page = await openPage(browser, `${server.url}index.html#lang=${lang}`, { width, height: 900 });
    for (const [section, fig] of [['sparsity', 'fig-sparse'], ['dead-relu', 'fig-dead-moderate']]) {
      await showSection(page, fig);
      await page.waitForFunction((id) => document.getElementById(id).runs[0].run.steps >= 200, fig, { timeout: 30000 });
      await page.waitForTimeout(400);
      const empty = await page.evaluate((s) => [...document.querySelectorAll(`#${s} .verdict-text`)]
        .filter((v) => !v.textContent.trim() || /__/.test(v.textContent)).map((v) => v.dataset.rule), section);
      assert.deepEqual(empty, [], `${lang} ${section}`);
      await shot(page, section, `verdict-${section}-${lang}-${width}`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('§5: the region map of the linear net says it is one region, in words; the ReLU net\'s counts its pieces', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { width: 1280, height: 900 });
  await showSection(page, 'fig-expressive');
  await page.waitForFunction(() => /regions visible/.test(document.getElementById('fig-expressive').shadowRoot.querySelector('.panel-regions .note')?.textContent || ''), null, { timeout: 20000 });
  const note = await page.evaluate(() => document.getElementById('fig-expressive').shadowRoot.querySelector('.panel-regions .note').textContent);
  assert.match(note, /act=linear: one linear region/);
  assert.doesNotMatch(note, /act=linear: \d+ regions/);
  assert.match(note, /act=relu: \d+ regions visible/);
  assert.equal((await verdictOf(page, 'expressive_data')).case, 'xor');
  assert.match((await verdictOf(page, 'expressive_data')).text, /75%/);
  await page.locator('#fig-expressive #c-data').selectOption('circle');
  await waitForCase(page, 'expressive_data', ['circle']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** A screenshot of one section of the article (build/screenshots/NAME.png). */
async function shot(page, sectionId, name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.locator(`section#${sectionId}`).screenshot({ path: path.join(shotsDir, `${name}.png`) });
}
