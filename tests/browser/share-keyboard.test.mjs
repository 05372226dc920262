// The share menu's snippets as a blogger pastes them, and keyboard and touch details
// (Chromium): the fallback inside the element shows only without the script; a script
// copied away from index.html gives no 404 link but says how to set lab-url; focus stays
// on a control across the rebuild it causes; the activation plot's focus ring is drawn;
// a vertical swipe on it scrolls; the menu shows a disclosure marker; legends and axes
// speak words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, screenshot, root, openShareMenu } from './harness.mjs';

let browser, server;
const fixtures = path.join(root, 'build/fixtures/share');
before(async () => {
  browser = await launch();
  server = await serve({ root });
  fs.mkdirSync(path.join(fixtures, 'static/js'), { recursive: true });
  // A blog that copied the script into its static folder, away from any index.html.
  fs.copyFileSync(path.join(root, 'dist/relu-lab.js'), path.join(fixtures, 'static/js/relu-lab.js'));
  // Its lazily loaded parts beside it, as the README says.
  for (const f of fs.readdirSync(path.join(root, 'dist')).filter((f) => /^relu-lab-[a-z]+\.js$/.test(f) && f !== 'relu-lab-iframe.js')) {
    fs.copyFileSync(path.join(root, 'dist', f), path.join(fixtures, 'static/js', f));
  }
});
after(async () => { await browser?.close(); await server?.close(); });

const page0 = (body, script = '../../../dist/relu-lab.js') => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Post</title></head><body><main>${body}</main>
<script src="${script}" charset="utf-8"></script></body></html>`;
const write = (name, html) => { fs.writeFileSync(path.join(fixtures, name), html); return `${server.url}build/fixtures/share/${name}`; };
const openMenu = openShareMenu;
const value = (page, sel, inner) => page.evaluate(([s, i]) => document.querySelector(s).shadowRoot.querySelector(i)?.value ?? null, [sel, inner]);

test('the element snippet, pasted into a post: one trained figure with scripts, only the fallback link without', async () => {
  const page = await openPage(browser, `${server.url}index.html#preset=dead-relu&seed=2&embed&panels=dead,loss`);
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
  await openMenu(page, '#lab');
  const snippet = await value(page, '#lab', 'textarea.snippet');
  await page.context().close();
  const url = write('pasted.html', page0(snippet.replace(/^<script[^>]*><\/script>\n/, ''), '../../../dist/relu-lab.js'));
  const post = await openPage(browser, url);
  await post.waitForFunction(() => document.querySelector('relu-demo').runs?.[0]?.run.steps >= 20, null, { timeout: 20000 });
  const shown = await post.evaluate(() => ({ figures: document.querySelectorAll('relu-demo').length,
    fallback: document.querySelector('relu-demo a').getBoundingClientRect().height }));
  assert.deepEqual(shown, { figures: 1, fallback: 0 }, 'autoplay trains it; the fallback is not shown');
  assert.deepEqual(post.errors, []);
  await post.context().close();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const bare = await context.newPage();
  await bare.goto(url);
  const link = bare.locator('relu-demo a');
  assert.ok(await link.isVisible(), 'without the script the link shows');
  assert.match(await link.getAttribute('href'), /index\.html#preset=dead-relu&seed=2/);
  await context.close();
});

test('a script copied away from index.html: no link to a 404, the menu says how to set lab-url; with lab-url the link works', async () => {
  const url = write('selfhosted.html', page0('<relu-demo id="a" preset="lab"></relu-demo><relu-demo id="b" preset="lab" lab-url="../../../index.html"></relu-demo>',
    'static/js/relu-lab.js'));
  const page = await openPage(browser, url);
  await page.waitForFunction(() => ['#a', '#b'].every((s) => document.querySelector(s).runs?.length > 0));
  await openMenu(page, '#a');
  const a = await page.evaluate(() => { const r = document.querySelector('#a').shadowRoot;
    return { link: r.querySelector('input.link'), iframe: r.querySelector('textarea.snippet-iframe'),
      note: r.querySelector('.no-lab')?.textContent, snippet: r.querySelector('textarea.snippet').value }; });
  assert.deepEqual([a.link, a.iframe], [null, null]);
  assert.match(a.note, /set lab-url="https:\/\/your-site\/relu-lab\/index\.html"/);
  assert.match(a.snippet, /<relu-demo preset="lab" seed="1" autoplay>\n {2}ReLU Lab: lab\n<\/relu-demo>/);
  await openMenu(page, '#b');
  const link = await value(page, '#b', 'input.link');
  assert.match(link, /\/index\.html#preset=lab&seed=1$/);
  const status = await page.evaluate(async (u) => (await fetch(u)).status, link);
  assert.equal(status, 200);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('focus stays on the control that changed: New seed twice, a select arrowed two steps, a slider', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=1&embed&controls=act,depth&panels=loss,activation`);
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
  const active = () => page.evaluate(() => { const a = document.querySelector('#lab').shadowRoot.activeElement;
    return a ? a.id || a.className : null; });
  await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('button.newSeed').focus());
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.seed === '2');
  assert.equal(await active(), 'newSeed');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.seed === '3');
  assert.equal(await active(), 'newSeed');
  await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('#c-act').focus());
  const choices = await page.evaluate(() => [...document.querySelector('#lab').shadowRoot.querySelectorAll('#c-act option')].map((o) => o.value));
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((v) => document.querySelector('#lab').runs[0].config.act === v, choices[1]);
  assert.equal(await active(), 'c-act');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((v) => document.querySelector('#lab').runs[0].config.act === v, choices[2]);
  assert.equal(await active(), 'c-act');
  await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('#c-depth').focus());
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].run.depth === 3);
  assert.equal(await active(), 'c-depth');
  await page.context().close();
});

test('the activation plot: its focus ring is drawn (not clipped), a vertical swipe scrolls (pan-y); the menu has a marker', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=1&embed&panels=activation`, { reducedMotion: 'reduce' });
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length > 0);
  const canvas = page.locator('#lab .panel-activation canvas');
  await page.evaluate(() => document.querySelector('#lab').shadowRoot.querySelector('button.step').focus());
  // Tab to the plot (focus-visible comes from the keyboard).
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.querySelector('#lab').shadowRoot.activeElement?.tagName === 'CANVAS')) break;
  }
  const style = await page.evaluate(() => { const c = document.querySelector('#lab').shadowRoot.querySelector('.panel-activation canvas');
    const s = getComputedStyle(c); return { touch: s.touchAction, outline: s.outlineStyle, focused: c.matches(':focus-visible') }; });
  assert.deepEqual(style, { touch: 'pan-y', outline: 'solid', focused: true });
  // The ring's orange (#E69F00) along the canvas's edge, in a screenshot of the canvas alone.
  const png = await canvas.screenshot();
  const ring = await page.evaluate(async (bytes) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(bytes)], { type: 'image/png' }));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height); const x = c.getContext('2d'); x.drawImage(bitmap, 0, 0);
    const d = x.getImageData(0, 0, bitmap.width, 3).data;  // the top edge
    let orange = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 230) < 30 && Math.abs(d[i + 1] - 159) < 30 && d[i + 2] < 60) orange++;
    return { orange, width: bitmap.width };
  }, [...png]);
  assert.ok(ring.orange > ring.width, `ring pixels on the top edge: ${ring.orange} of ${3 * ring.width}`);
  await screenshot(page, 'activation-focus-ring');
  const marker = async () => page.evaluate(() => { const s = getComputedStyle(document.querySelector('#lab').shadowRoot.querySelector('.menu summary'), '::before');
    return { content: s.content, transform: s.transform }; });
  const closed = await marker();
  assert.equal(closed.content, '"▸"');
  await openMenu(page, '#lab');
  const open = await marker();
  assert.notEqual(open.transform, closed.transform, 'turned while open');
  await page.context().close();
});

test('legends and axes in words: "learning rate 0.01", not "lr=0.01"; every y axis says what it measures', async () => {
  const page = await openPage(browser, `${server.url}index.html#preset=dead-relu&compare=lr=0.01,0.1&embed&panels=loss,accuracy,active,dead,layers,gradients,paths`);
  await page.waitForFunction(() => document.querySelector('#lab').runs?.length === 2);
  const drawn = await page.evaluate(async () => {
    const texts = new Map();
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      const panel = this.canvas.closest?.('.panel')?.className.replace('panel panel-', '') || this.canvas.getRootNode()?.host?.id;
      const key = [...document.querySelector('#lab').shadowRoot.querySelectorAll('.panel')].find((p) => p.contains(this.canvas))
        ?.className.replace('panel panel-', '') || panel || '?';
      if (!texts.has(key)) texts.set(key, []);
      texts.get(key).push(String(text));
      return fill.call(this, text, ...rest);
    };
    const d = document.querySelector('#lab');
    d.stepOnce();
    await new Promise((r) => setTimeout(r, 500));
    CanvasRenderingContext2D.prototype.fillText = fill;
    return Object.fromEntries(texts);
  });
  const Y = { loss: 'loss (lower is better)', accuracy: 'accuracy (share correct)', active: 'share of units active', dead: 'share of units dead',
    layers: 'share of units, after the last step', gradients: 'gradient norm (log scale)', paths: 'share (log scale)' };
  for (const [panel, label] of Object.entries(Y)) {
    assert.ok(drawn[panel], `${panel} drew text`);
    assert.ok(drawn[panel].includes(label), `${panel}: y axis "${label}" in ${drawn[panel].join(' | ')}`);
    assert.ok(!drawn[panel].some((t) => /\blr=/.test(t)), `${panel}: no config syntax in ${drawn[panel].join(' | ')}`);
  }
  assert.ok(drawn.loss.includes('learning rate 0.01') && drawn.loss.includes('learning rate 0.1'));
  await page.context().close();
});
