// Embedding in someone else's page: a strict CSP, another origin, two figures and
// the script twice, memory after 100 add/remove cycles, the iframe's height,
// pausing offscreen and in hidden tabs, reduced motion, live attribute changes,
// and a bad attribute that stays inside its figure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, screenshot, waitForSteps, root, REFUSED_WORKER } from './harness.mjs';

const fixtures = path.join(root, 'build/fixtures');
let browser, lab, blog;  // the lab's server (script and page), and a "blog" on another origin

// Only the script's origin and 'wasm-unsafe-eval' for scripts; no inline scripts or styles.
const strictCsp = (scriptOrigin) => `default-src 'none'; script-src ${scriptOrigin} 'wasm-unsafe-eval'; ` +
  `style-src 'self'; img-src 'self' data: blob:; connect-src 'none'; frame-src ${scriptOrigin}`;

before(async () => {
  browser = await launch();
  lab = await serve({ root });
  fs.mkdirSync(fixtures, { recursive: true });
  blog = await serve({ root: fixtures, headers: (p) => (p.startsWith('/cspw') ? { 'content-security-policy': `${strictCsp(lab.url.slice(0, -1))}; worker-src blob:` }
    : p.startsWith('/csp') ? { 'content-security-policy': strictCsp(lab.url.slice(0, -1)) } : {}) });
});
after(async () => {
  await browser?.close();
  await lab?.close();
  await blog?.close();
});

function writeFixture(name, body, { scripts = 1 } = {}) {
  const script = `<script src="${lab.url}dist/relu-lab.js" charset="utf-8"></script>\n`.repeat(scripts);
  fs.writeFileSync(path.join(fixtures, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>A blog post</title>${script}</head><body><main>${body}</main></body></html>`);
  return `${blog.url}${name}`;
}

test('under a strict CSP, from another origin: the figure trains and draws, no console errors', async () => {
  const url = writeFixture('csp-post.html', '<h1>Post</h1><relu-demo id="a" preset="sparse" autoplay></relu-demo>');
  const page = await openPage(browser, url);
  const steps = await waitForSteps(page, '#a', 100);
  assert.ok(steps >= 100);
  const drawn = await page.evaluate(() => {
    const canvas = document.querySelector('#a').shadowRoot.querySelector('canvas');
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
    return ink;
  });
  assert.ok(drawn > 500, `pixels drawn: ${drawn}`);
  // The policy allows scripts from the lab's origin only: no blob: worker, so the figure trains on
  // the page's thread; Chromium's report of the refused worker is the one console line.
  assert.equal(await page.evaluate(() => document.querySelector('#a').mode), 'main');
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await screenshot(page, 'embed-strict-csp');
  await page.context().close();
});

test('under a CSP that allows blob: workers, a figure from another origin trains in the worker, no console errors', async () => {
  const page = await openPage(browser, writeFixture('cspw-post.html', '<relu-demo id="a" preset="sparse" autoplay></relu-demo>'));
  assert.ok(await waitForSteps(page, '#a', 100) >= 100);
  assert.equal(await page.evaluate(() => document.querySelector('#a').mode), 'worker');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('two figures share one wasm instance; including the script twice is harmless', async () => {
  const url = writeFixture('two.html', '<relu-demo id="a" preset="lab" autoplay></relu-demo><relu-demo id="b" preset="expressive" autoplay></relu-demo>', { scripts: 2 });
  const page = await openPage(browser, url);
  await waitForSteps(page, '#a', 50);
  await waitForSteps(page, '#b', 50);
  const shared = await page.evaluate(() => document.querySelector('#a').engine === document.querySelector('#b').engine);
  assert.ok(shared, 'one engine object');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('removing a figure frees its memory: the wasm heap is back to baseline after 100 add/remove cycles', async () => {
  const url = writeFixture('churn.html', '<relu-demo id="keep" preset="lab"></relu-demo>');
  const page = await openPage(browser, url);
  await page.waitForFunction(() => document.querySelector('#keep').runs?.length > 0);
  const heap = await page.evaluate(async () => {
    const engine = document.querySelector('#keep').engine;
    const cycle = async () => {
      const d = document.createElement('relu-demo');
      d.setAttribute('preset', 'vanishing');
      d.setAttribute('compare', 'act=relu,tanh');
      document.body.append(d);
      while (!d.runs?.length) await new Promise((r) => setTimeout(r, 1));
      d.stepOnce();
      d.remove();
    };
    await cycle();  // the first cycle may grow allocator bookkeeping once
    const baseline = engine.heapInUse();
    for (let i = 0; i < 100; i++) await cycle();
    return { baseline, after: engine.heapInUse() };
  });
  assert.ok(heap.baseline > 0);
  assert.equal(heap.after, heap.baseline, `heap in use: ${heap.baseline} -> ${heap.after} bytes`);
  await page.context().close();
});

test('the iframe embed shows one figure and the parent fits its height', async () => {
  fs.writeFileSync(path.join(fixtures, 'iframe.html'), `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="${lab.url}dist/relu-lab-iframe.js"></script></head><body>
<iframe id="f" src="${lab.url}index.html#preset=two-n&embed&panels=paths" width="600" height="100"></iframe></body></html>`);
  const page = await openPage(browser, `${blog.url}iframe.html`);
  await page.waitForFunction(() => Number(document.querySelector('#f').height) > 300, null, { timeout: 20000 });
  const frame = page.frame({ url: /index\.html/ });
  const inner = await frame.evaluate(() => ({
    figures: document.querySelectorAll('relu-demo').length,
    sections: document.querySelectorAll('section').length,
    height: Math.ceil(document.documentElement.getBoundingClientRect().height),
  }));
  assert.deepEqual([inner.figures, inner.sections], [1, 0]);
  const outer = Number(await page.evaluate(() => document.querySelector('#f').height));
  assert.ok(Math.abs(outer - inner.height) <= 2, `iframe ${outer}px, content ${inner.height}px`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a figure below the fold waits until scrolled into view, and pauses when scrolled away', async () => {
  const url = writeFixture('fold.html', '<div style="height:3000px"></div><relu-demo id="a" preset="lab" autoplay></relu-demo>' +
    '<div style="height:3000px"></div>');
  const page = await openPage(browser, url, { height: 600 });
  await page.waitForFunction(() => document.querySelector('#a').runs?.length > 0);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.querySelector('#a').runs[0].run.steps), 0, 'offscreen: no steps');
  await page.evaluate(() => document.querySelector('#a').scrollIntoView());
  await waitForSteps(page, '#a', 50);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  const s1 = await page.evaluate(() => document.querySelector('#a').runs[0].run.steps);
  await page.waitForTimeout(500);
  const s2 = await page.evaluate(() => document.querySelector('#a').runs[0].run.steps);
  assert.equal(s2, s1, 'scrolled away: paused');
  await page.context().close();
});

test('a hidden tab stops training; showing it again resumes', async () => {
  const url = writeFixture('hidden.html', '<relu-demo id="a" preset="lab" autoplay></relu-demo>');
  const page = await openPage(browser, url);
  await waitForSteps(page, '#a', 20);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForTimeout(200);
  const s1 = await page.evaluate(() => document.querySelector('#a').runs[0].run.steps);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.querySelector('#a').runs[0].run.steps), s1);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await waitForSteps(page, '#a', s1 + 20);
  await page.context().close();
});

test('with prefers-reduced-motion, autoplay does not start; play still works', async () => {
  const url = writeFixture('reduced.html', '<relu-demo id="a" preset="lab" autoplay></relu-demo>');
  const page = await openPage(browser, url, { reducedMotion: 'reduce' });
  await page.waitForFunction(() => document.querySelector('#a').runs?.length > 0);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.querySelector('#a').runs[0].run.steps), 0);
  await page.evaluate(() => document.querySelector('#a').shadowRoot.querySelector('button.play').click());
  await waitForSteps(page, '#a', 10);
  await page.context().close();
});

test('attributes changed after load: the figure follows; a bad one shows a message inside it only', async () => {
  const url = writeFixture('attrs.html', '<p id="text">Some prose.</p><relu-demo id="a" preset="lab"></relu-demo><relu-demo id="b" preset="lab"></relu-demo>');
  const page = await openPage(browser, url);
  await page.waitForFunction(() => document.querySelector('#a').runs?.length > 0 && document.querySelector('#b').runs?.length > 0);
  await page.evaluate(() => { const a = document.querySelector('#a'); a.setAttribute('depth', '5'); a.setAttribute('act', 'tanh'); });
  await page.waitForFunction(() => document.querySelector('#a').runs[0].run.depth === 5);
  assert.equal(await page.evaluate(() => document.querySelector('#a').runs[0].config.act), 'tanh');
  await page.evaluate(() => document.querySelector('#a').setAttribute('width', '9999'));
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.alert').textContent.length > 0);
  const state = await page.evaluate(() => ({
    alert: document.querySelector('#a').shadowRoot.querySelector('.alert').textContent,
    depth: document.querySelector('#a').runs[0].run.depth,
    other: document.querySelector('#b').shadowRoot.querySelector('.alert').textContent,
    text: document.querySelector('#text').textContent,
  }));
  assert.match(state.alert, /width=9999: units per hidden layer must be a whole number in \[1, 256\]/);
  assert.equal(state.depth, 5, 'the previous run is kept');
  assert.equal(state.other, '');
  assert.equal(state.text, 'Some prose.');
  // The live keys change mid-run without a reset.
  await page.evaluate(() => { const a = document.querySelector('#a'); a.removeAttribute('width'); });
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.alert').textContent === '');
  await page.evaluate(() => document.querySelector('#a').stepOnce());
  await page.waitForFunction(() => document.querySelector('#a').runs[0].run.steps === 10);  // over frames
  await page.evaluate(() => document.querySelector('#a').setAttribute('lr', '0.5'));
  const after = await page.evaluate(() => ({ steps: document.querySelector('#a').runs[0].run.steps, lr: document.querySelector('#a').runs[0].config.lr }));
  assert.deepEqual(after, { steps: 10, lr: '0.5' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the example blog posts (Chinese and English) load their figures with no errors', async () => {
  for (const name of ['embed-example.html', 'embed-example.en.html']) {
    const page = await openPage(browser, `${lab.url}dist/${name}`);
    await page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0));
    await page.evaluate(() => document.querySelector('relu-demo').shadowRoot.querySelector('button.play').click());
    await waitForSteps(page, 'relu-demo', 30);
    await page.waitForFunction(() => Number(document.querySelector('iframe').height) !== 640, null, { timeout: 20000 });
    assert.deepEqual(page.errors, []);
    await screenshot(page, name.replace('.html', ''), { fullPage: true });
    await page.context().close();
  }
});
