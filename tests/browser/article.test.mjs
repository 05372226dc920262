// The article (index.html) in Chromium: every section's figure loads, runs and
// draws; figures below the fold wait; the language toggle changes every visible
// string; the live numbers in the text are the figures' own records; a 375 px
// phone gets no sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, openPage, screenshot, root } from './harness.mjs';
import { PAGE_STRINGS } from '../../web/page-strings.js';
import { STRINGS } from '../../web/i18n.js';
import { liveValue, formatLive } from '../../web/live.js';

let browser, server;
before(async () => { browser = await launch(); server = await serve({ root }); });
after(async () => { await browser?.close(); await server?.close(); });

const FIGURES = ['fig-hero', 'fig-shapes', 'fig-sparse', 'fig-two-n', 'fig-brain', 'fig-expressive', 'fig-curve', 'fig-vanishing',
  'fig-sigmoid-lr', 'fig-residual', 'fig-dead-lr', 'fig-dead-moderate', 'fig-dead-act', 'fig-born', 'fig-digits', 'lab'];
const TRAINS = new Set(['fig-hero', 'fig-sparse', 'fig-brain', 'fig-expressive', 'fig-curve', 'fig-vanishing', 'fig-sigmoid-lr',
  'fig-residual',
  'fig-dead-lr', 'fig-dead-moderate', 'fig-dead-act', 'fig-digits', 'lab']);

/** Distinct colours drawn on each canvas of a figure. */
const inkPerCanvas = (page, id) => page.evaluate((fid) => [...document.getElementById(fid).shadowRoot.querySelectorAll('canvas')]
  .map((c) => {
    if (!c.width) return 0;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 16) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return colours.size;
  }), id);

test('every section has its figure; each loads, runs (if it trains) and draws every panel', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { height: 900 });
  const ids = await page.evaluate(() => [...document.querySelectorAll('relu-demo')].map((d) => d.id));
  assert.deepEqual(ids, FIGURES);
  for (const section of ['what-relu', 'sparsity', 'two-to-the-n', 'brain', 'expressiveness', 'vanishing', 'dead-relu', 'digits',
    'your-turn', 'sources', 'embed']) {
    assert.ok(await page.$(`section#${section} h2`), `section #${section}`);
  }
  for (const id of FIGURES) {
    await page.evaluate((fid) => document.getElementById(fid).scrollIntoView({ block: 'center' }), id);
    await page.waitForFunction((fid) => document.getElementById(fid).runs?.length > 0, id);
    if (TRAINS.has(id)) {
      await page.waitForFunction((fid) => document.getElementById(fid).runs[0].run.steps >= 30, id, { timeout: 20000 });
    }
    await page.waitForTimeout(250);
    const ink = await inkPerCanvas(page, id);
    assert.ok(ink.length > 0, `${id}: canvases`);
    ink.forEach((n, i) => assert.ok(n > 8, `${id}: canvas ${i} drew only ${n} colours`));
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('figures below the fold do not run until scrolled into view', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { height: 900 });
  await page.waitForFunction(() => document.getElementById('fig-digits').runs?.length > 0);
  await page.waitForTimeout(800);
  const steps = await page.evaluate(() => ['fig-dead-lr', 'fig-digits', 'lab'].map((id) => document.getElementById(id).runs[0].run.steps));
  assert.deepEqual(steps, [0, 0, 0]);
  await page.context().close();
});

test('the language toggle changes every string of the page and the figures', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { height: 900 });
  await page.waitForFunction(() => document.getElementById('lab').runs?.length > 0);
  await page.click('[data-set-lang="zh"]');
  // The figures' Chinese strings are a part (relu-lab-zh.js), loaded on this first switch: the figures follow once it is in.
  await page.waitForFunction((zh) => [...document.querySelectorAll('relu-demo')].every((d) =>
    !d.runs.length || [zh.play, zh.pause].includes(d.shadowRoot.querySelector('button.play')?.textContent)), STRINGS.zh);
  const state = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    hash: location.hash,
    texts: [...document.querySelectorAll('[data-i18n]')].map((n) => [n.dataset.i18n, n.textContent]),
    // Verdict spans hold the sentence their rule picked: compared on their own, emptied in the paragraph.
    htmlKeys: [...document.querySelectorAll('[data-i18n-html]')].map((n) => {
      const copy = n.cloneNode(true);
      for (const v of copy.querySelectorAll('.verdict-text')) { v.replaceChildren(); v.removeAttribute('data-shown'); v.removeAttribute('data-case'); }
      return [n.dataset.i18nHtml, copy.innerHTML];
    }),
    verdicts: [...document.querySelectorAll('.verdict-text')].map((v) => [v.dataset.rule, v.dataset.case, v.innerHTML]),
    figureLangs: [...document.querySelectorAll('relu-demo')].map((d) => d.getAttribute('lang')),
    play: document.getElementById('fig-sparse').shadowRoot.querySelector('button.play').textContent,
    title: document.getElementById('lab').shadowRoot.querySelector('.panel-loss .title').textContent,
    docTitle: document.title,
  }));
  assert.equal(state.lang, 'zh-CN');
  assert.match(state.hash, /lang=zh/);
  for (const [key, text] of state.texts) assert.equal(text, PAGE_STRINGS.zh[key], key);
  // Live numbers and verdict sentences are filled from the figures (verdicts.test.mjs checks those): strip them.
  const strip = (html) => html.replace(/<span class="live[^"]*"[^>]*>[^<]*<\/span>/g, '<live>')
    .replace(/<span class="verdict-text" data-fig="([^"]+)" data-rule="([^"]+)"[^>]*>[^<]*<\/span>/g, '<verdict $1 $2>');
  for (const [key, html] of state.htmlKeys) assert.equal(strip(html), strip(PAGE_STRINGS.zh[key]), key);
  assert.ok(state.verdicts.length > 20);
  for (const [rule, c, html] of state.verdicts) {
    const key = c === 'pending' ? 'verdict__pending' : `${rule}__${c}`;
    assert.equal(strip(html), strip(PAGE_STRINGS.zh[key]), `${rule}: ${c}`);
  }
  assert.ok(state.figureLangs.every((l) => l === 'zh'));
  assert.ok([STRINGS.zh.play, STRINGS.zh.pause].includes(state.play));
  assert.equal(state.title, STRINGS.zh.panel_loss);
  assert.equal(state.docTitle, PAGE_STRINGS.zh.title);
  // A section link keeps the language and reports nothing.
  await page.click('a[href="#vanishing"]');
  await page.waitForTimeout(200);
  const after = await page.evaluate(() => ({ lang: document.documentElement.lang, alert: document.getElementById('hash-errors').hidden }));
  assert.deepEqual(after, { lang: 'zh-CN', alert: true });
  await screenshot(page, 'article-zh');
  await page.context().close();
});

test('the live numbers in the text are the figures\' own records', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { height: 900 });
  // Let every figure run a little, then stop them all and compare.
  for (const id of FIGURES) {
    await page.evaluate((fid) => document.getElementById(fid).scrollIntoView({ block: 'center' }), id);
    await page.waitForTimeout(600);
  }
  await page.evaluate(() => { for (const d of document.querySelectorAll('relu-demo')) d.setPlaying(false); });
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('relu-record')));
  await page.waitForTimeout(500);
  const spans = await page.evaluate(() => [...document.querySelectorAll('.live[data-fig]')].map((s) => ({
    fig: s.dataset.fig, run: Number(s.dataset.run || 0), field: s.dataset.field, format: s.dataset.format, text: s.textContent,
  })));
  assert.ok(spans.length >= 30, `${spans.length} live numbers`);
  const histories = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('relu-demo')].map((d) => [d.id,
    d.runs.map((r) => {
      const h = r.run.history;
      // The born-dead table (born.* fields) as plain data: its shares per depth x width cell.
      const born = r.born && { depths: r.born.depths, widths: r.born.widths, done: r.born.done,
        shares: Object.fromEntries(r.born.depths.flatMap((dd) => r.born.widths.map((w) => [`${dd}x${w}`, r.born.share(dd, w)]))) };
      return { rows: h.rows, depth: h.depth, names: h.names, fields: Object.fromEntries(Object.entries(h.fields).map(([k, v]) => [k, [...v]])),
        layers: Object.fromEntries(Object.entries(h.layers).map(([k, v]) => [k, v.map((s) => [...s])])), born };
    })])));
  for (const s of spans) {
    const h = histories[s.fig][s.run];
    const born = h.born && { ...h.born, share: (dd, w) => h.born.shares[`${dd}x${w}`] };
    const expected = formatLive(liveValue(h, s.field, { born }), s.format);
    // An undefined value shows a dash with its reason in words: '– (no record yet)'.
    if (expected === '–') assert.match(s.text, /^–( \(.+\))?$/, `${s.fig} run ${s.run} ${s.field}`);
    else assert.equal(s.text, expected, `${s.fig} run ${s.run} ${s.field}`);
    assert.notEqual(s.text, '?', `${s.fig} ${s.field} failed`);
  }
  // Those that have run show numbers, not dashes.
  assert.ok(spans.filter((s) => !s.text.startsWith('–')).length >= spans.length - 2);
  await page.context().close();
});

test('on a 375 px phone: no sideways scrolling, figures fit, controls large enough to touch', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { width: 375, height: 812 });
  for (const id of FIGURES) {
    await page.evaluate((fid) => document.getElementById(fid).scrollIntoView({ block: 'center' }), id);
    await page.waitForTimeout(200);
  }
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    widest: Math.max(...[...document.querySelectorAll('relu-demo')].flatMap((d) => [...d.shadowRoot.querySelectorAll('canvas')]
      .map((c) => c.getBoundingClientRect().right))),
    small: [...document.querySelectorAll('relu-demo')].flatMap((d) => [...d.shadowRoot.querySelectorAll('button, select, input:not([type=range]), summary')]
      // A checkbox's touch target is its label.
      .map((e) => (e.type === 'checkbox' && e.closest('label') ? e.closest('label') : e))
      .filter((e) => { const r = e.getBoundingClientRect(); return r.height > 0 && r.height < 44; }).map((e) => `${d.id} ${e.tagName}`)),
  }));
  assert.ok(m.scroll <= m.client, `page ${m.scroll}px wide in a ${m.client}px screen`);
  assert.ok(m.widest <= m.client, `a canvas reaches ${m.widest}px`);
  assert.deepEqual(m.small, []);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'article-phone-375', { fullPage: true });
  await page.context().close();
});

test('every preset: the page\'s own wasm records at steps 0 and 50 match the native CLI', async () => {
  const { spawnSync } = await import('node:child_process');
  const path = await import('node:path');
  const page = await openPage(browser, `${server.url}index.html`, { height: 900 });
  await page.waitForFunction(() => document.getElementById('fig-shapes').engine);
  const presets = await page.evaluate(() => document.getElementById('fig-shapes').engine.presets.map((p) => p.name));
  assert.ok(presets.length >= 13);
  const inPage = await page.evaluate(async (names) => {
    const engine = document.getElementById('fig-shapes').engine;
    await engine.prepare(['digits']);  // as the digits figure does (web/parts.js)
    return Object.fromEntries(names.map((name) => {
      const run = engine.createRun(`preset=${name}`);
      run.record();
      while (run.steps < 50 && !run.diverged) { run.step(Math.min(10, 50 - run.steps)); run.record(); }
      const h = run.history;
      const rows = Array.from({ length: h.rows }, (_, i) => ({ step: h.fields.step[i], loss: h.fields.loss[i],
        acc: h.fields.acc[i], active: h.layers.active.map((s) => s[i]), grad_z: h.layers.grad_z.map((s) => s[i]) }));
      run.dispose();
      return [name, rows];
    }));
  }, presets);
  const chaotic = new Set(['dead-relu', 'dead-leaky', 'dead-prelu']);  // see tests/js/engine.test.mjs
  for (const name of presets) {
    const out = spawnSync(path.join(root, 'build/native/relu-lab'), ['run', `preset=${name}`, '--steps', '50', '--every', '10'],
      { encoding: 'utf8' });
    const native = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const mine = inPage[name];
    assert.equal(mine.length, native.length, `${name}: records`);
    for (const [i, n] of native.entries()) {
      if (n.step !== 0 && n.step !== 50 && !n.diverged) continue;
      const rel = n.step === 0 ? 1e-5 : chaotic.has(name) ? 1e-2 : 1e-3;
      const near = (a, b, share) => (a === null || Number.isNaN(b) ? (a === null && Number.isNaN(b))
        : Math.abs(a - b) <= (share ? rel : rel * Math.max(Math.abs(a), Math.abs(b))) + 1e-7);
      assert.equal(mine[i].step, n.step);
      assert.ok(near(n.loss, mine[i].loss, false), `${name} step ${n.step} loss ${n.loss} vs ${mine[i].loss}`);
      assert.ok(near(n.acc, mine[i].acc, true), `${name} step ${n.step} acc`);
      n.layers.forEach((l, k) => {
        assert.ok(near(l.active, mine[i].active[k], true), `${name} step ${n.step} layer ${k + 1} active`);
        assert.ok(near(l.grad_z, mine[i].grad_z[k], false), `${name} step ${n.step} layer ${k + 1} grad_z`);
      });
    }
  }
  await page.context().close();
});
