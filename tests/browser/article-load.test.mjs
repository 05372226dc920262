// The article's load (index.html) in Chromium: the figures in view are built first, a link
// to a section lands on it while the sections out of view are not laid out (page.css), and
// the English markup is left as written at load (page.js rewrites it only for a language change).
// CHECKOUT=other/built/checkout serves that checkout's page instead (to see these fail on main).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, openPage, root } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve({ root: process.env.CHECKOUT || root }); });
after(async () => { await browser?.close(); await server?.close(); });

const allBuilt = (page) => page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0),
  null, { timeout: 60000 });

/** The article at `hash`, with `init` run in the page before any of its own scripts. */
async function load(hash, { width = 1280, height = 900, init = null } = {}) {
  const page = await openPage(browser, null, { width, height });
  if (init) await page.addInitScript(init);
  await page.goto(`${server.url}index.html${hash}`);
  await allBuilt(page);
  return page;
}

test('the figures in view are built before those out of view', async () => {
  // Each figure says relu-config once its first runs are in: the order they were built in.
  const page = await load('#dead-relu', { init: () => {
    window.builtOrder = [];
    document.addEventListener('relu-config', (e) => { if (!window.builtOrder.includes(e.target.id)) window.builtOrder.push(e.target.id); });
  } });
  const { order, inView } = await page.evaluate(() => ({ order: window.builtOrder,
    inView: [...document.querySelectorAll('#dead-relu relu-demo')].filter((d) => d.getBoundingClientRect().top < innerHeight).map((d) => d.id) }));
  assert.ok(inView.length > 0, 'a figure of #dead-relu is in view');
  assert.equal(order.length, 16);
  assert.ok(inView.includes(order[0]), `built first: ${order[0]} (in view: ${inView.join(', ')}); order ${order.join(', ')}`);
  await page.context().close();
});

test('the task that defines <relu-demo> starts no figure: each starts loading in a task of its own', async () => {
  // customElements.define connects the article's 16 figures at once, in its own task: what each
  // then reads and asks for (its attributes, its code parts) must wait for the figure's own turn.
  const page = await load('', { init: () => {
    const define = customElements.define.bind(customElements);
    customElements.define = (name, ...rest) => {
      define(name, ...rest);
      if (name !== 'relu-demo') return;
      const demos = [...document.querySelectorAll('relu-demo')];
      window.inDefineTask = { figures: demos.length, started: demos.filter((d) => d.viewCache).length,
        partsAsked: document.querySelectorAll('script[src*="relu-lab-"]').length,
        loadingShown: demos.filter((d) => d.shadowRoot.querySelector('.status').textContent.length > 0).length };
    };
  } });
  const seen = await page.evaluate(() => window.inDefineTask);
  assert.equal(seen.figures, 16);
  assert.equal(seen.started, 0, `${seen.started} figures read their settings in the define task`);
  assert.equal(seen.partsAsked, 0, `${seen.partsAsked} parts asked for in the define task`);
  assert.equal(seen.loadingShown, 16, 'each says it is loading at once');
  await page.context().close();
});

test('the sections far out of view are not rendered at load (content-visibility), the first screen and the lab are', async () => {
  const page = await load('');
  const rendered = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('main > section')]
    .map((s) => [s.id, s.firstElementChild.checkVisibility({ contentVisibilityAuto: true })])));
  assert.equal(rendered['first-look'], true);
  assert.equal(rendered['your-turn'], true, 'the lab breaks out of the column: never contained');
  for (const id of ['vanishing', 'dead-relu', 'digits', 'sources']) assert.equal(rendered[id], false, `#${id} rendered at the top of the page`);
  await page.context().close();
});

test('the space above each section\'s heading is the heading\'s own margin, as without containment', async () => {
  const page = await load('');
  const { gaps, margin } = await page.evaluate(async () => {
    const out = {};
    for (const s of document.querySelectorAll('main > section:not(.hero)')) {  // the hero: under the masthead, no heading
      s.scrollIntoView();  // rendered, at its real size
      await new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); });
      const before = s.previousElementSibling.lastElementChild || s.previousElementSibling;
      out[s.id] = s.querySelector('h2').getBoundingClientRect().top - before.getBoundingClientRect().bottom;
    }
    return { gaps: out, margin: parseFloat(getComputedStyle(document.querySelector('#your-turn h2')).marginTop) };
  });
  for (const [id, gap] of Object.entries(gaps)) assert.ok(Math.abs(gap - margin) < 1.5, `#${id}: ${gap} px above its heading, not ${margin}`);
  await page.context().close();
});

for (const [width, height] of [[1280, 900], [375, 812]]) {
  test(`a section link lands on its section at ${width} px, and stays there while the figures load`, async () => {
    for (const id of ['sparsity', 'vanishing', 'digits', 'misconceptions']) {
      const page = await load(`#${id}`, { width, height });
      await page.waitForTimeout(1000);  // the figures in view have grown to their height
      const top = await page.evaluate((sid) => document.getElementById(sid).getBoundingClientRect().top, id);
      assert.ok(Math.abs(top) < 2, `#${id} at ${width} px: its top is ${top} px from the top of the screen`);
      await page.context().close();
    }
  });
}

/** Each [data-i18n] / [data-i18n-html] element's markup, its live numbers and judging sentences left out (they follow the figures). */
const articleText = (page) => page.evaluate(() => [...document.querySelectorAll('[data-i18n], [data-i18n-html]')].map((node) => {
  const copy = node.cloneNode(true);
  for (const span of copy.querySelectorAll('.live, .verdict-text')) span.replaceChildren();
  return copy.innerHTML.replace(/ data-(shown|case)="[^"]*"| class="live( undefined)?"/g, '');
}));

test('the English markup is not rewritten at load, and reads the same as after a round trip through Chinese', async () => {
  // Every change to the article's text once it is parsed ('interactive' comes before the
  // deferred scripts run), live numbers and judging sentences aside.
  const page = await load('', { init: () => {
    window.textChanges = 0;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        if (node?.closest('[data-i18n], [data-i18n-html]') && !node.closest('.live, .verdict-text')) window.textChanges++;
      }
    });
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') observer.observe(document, { childList: true, characterData: true, subtree: true });
    });
  } });
  await page.waitForTimeout(1500);  // the live numbers' first refreshes
  assert.equal(await page.evaluate(() => window.textChanges), 0, 'text rewritten at load');
  const english = await articleText(page);
  await page.click('[data-set-lang="zh"]');
  const chinese = await articleText(page);
  assert.notDeepEqual(chinese, english);
  await page.click('[data-set-lang="en"]');
  assert.deepEqual(await articleText(page), english);
  await page.click('[data-set-lang="zh"]');
  assert.deepEqual(await articleText(page), chinese);
  await page.context().close();
});
