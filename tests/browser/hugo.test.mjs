// The Hugo recipe of the README, built with Debian's hugo and opened in Chromium: the
// shipped shortcode (integrations/hugo/layouts/shortcodes/relu-demo.html) copied into a
// small site writes one <script> per page and one working figure per call; raw HTML in
// Markdown needs goldmark's unsafe setting (without it Hugo drops the tag); with scripts
// off, the fallback link to the site's copy of the lab shows instead, and that link works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, screenshot, root } from './harness.mjs';

const site = path.join(root, 'build/hugo-site');
let browser, server;

function write(rel, text) {
  fs.mkdirSync(path.dirname(path.join(site, rel)), { recursive: true });
  fs.writeFileSync(path.join(site, rel), text);
}

function buildSite({ unsafe }) {
  fs.rmSync(site, { recursive: true, force: true });
  write('hugo.toml', `baseURL = "/"
title = "A blog"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[params.reluLab]
  labURL = "lab/index.html"
[markup.goldmark.renderer]
  unsafe = ${unsafe}
`);
  // A stand-in for the blog's theme: just enough layout to render a post.
  const layout = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{ .Title }}</title></head>' +
    '<body><main>{{ .Content }}</main></body></html>\n';
  write('layouts/_default/single.html', layout);
  write('layouts/_default/list.html', layout);
  // The recipe: the shortcode into layouts/shortcodes/, the script into static/js/, and a copy of the lab.
  write('layouts/shortcodes/relu-demo.html', fs.readFileSync(path.join(root, 'integrations/hugo/layouts/shortcodes/relu-demo.html'), 'utf8'));
  // The script and its lazily loaded parts (relu-lab-digits.js, relu-lab-recorder.js) side by side.
  const scripts = fs.readdirSync(path.join(root, 'dist')).filter((f) => /^relu-lab(-[a-z]+)?\.js$/.test(f) && f !== 'relu-lab-iframe.js');
  for (const file of scripts) write(`static/js/${file}`, fs.readFileSync(path.join(root, 'dist', file)));
  for (const file of ['index.html', ...scripts.map((f) => `dist/${f}`), 'dist/page.js', 'web/page.css']) {
    write(`static/lab/${file}`, fs.readFileSync(path.join(root, file)));
  }
  write('content/posts/dead.md', `---
title: "Dead ReLUs"
---
A post with two figures.

{{< relu-demo preset="dead-relu" compare="lr=0.01,1" panels="dead,loss" autoplay="true" alt="dead units for two learning rates" >}}

And a second one, which waits for play:

{{< relu-demo preset="lab" seed="3" panels="loss" autoplay="false" >}}
`);
  write('content/posts/raw.md', `---
title: "Raw HTML"
---
<script src="/js/relu-lab.js" charset="utf-8"></script>
<relu-demo preset="sparse" panels="active" autoplay></relu-demo>
`);
  const r = spawnSync('hugo', ['--source', site, '--destination', path.join(site, 'public'), '--quiet'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `hugo: ${r.stdout}${r.stderr}`);
  return (rel) => fs.readFileSync(path.join(site, 'public', rel), 'utf8');
}

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('without goldmark\'s unsafe setting Hugo drops raw HTML; the shortcode works either way', () => {
  const read = buildSite({ unsafe: false });
  assert.doesNotMatch(read('posts/raw/index.html'), /<relu-demo/);
  assert.match(read('posts/raw/index.html'), /raw HTML omitted/);
  assert.equal((read('posts/dead/index.html').match(/<relu-demo /g) || []).length, 2);
});

test('Hugo site: one script per page, the shortcode\'s figures train (autoplay) or wait, raw HTML works with unsafe', async () => {
  const read = buildSite({ unsafe: true });
  const html = read('posts/dead/index.html');
  assert.equal((html.match(/<script src="\/js\/relu-lab\.js"/g) || []).length, 1, 'the script once, before the first figure');
  assert.match(html, /<relu-demo autoplay compare="lr=0.01,1" panels="dead,loss" preset="dead-relu" lab-url="\/lab\/index.html">/);
  assert.match(html, /<relu-demo panels="loss" preset="lab" seed="3" lab-url="\/lab\/index.html">/, 'autoplay="false" leaves it out');
  server = await serve({ root: path.join(site, 'public') });
  const page = await openPage(browser, `${server.url}posts/dead/`);
  await page.waitForFunction(() => document.querySelectorAll('relu-demo')[0].runs?.[1]?.run.steps >= 50, null, { timeout: 30000 });
  const state = await page.evaluate(() => [...document.querySelectorAll('relu-demo')].map((d) => ({
    runs: d.runs.length, steps: d.runs[0].run.steps,
    // The fallback link is in the light DOM, which the shadow root (no slot) does not show.
    fallbackShown: [...d.children].some((c) => c.getBoundingClientRect().height > 0),
  })));
  assert.deepEqual(state.map((s) => [s.runs, s.fallbackShown]), [[2, false], [1, false]]);
  assert.equal(state[1].steps, 0, 'the figure without autoplay waits');
  assert.deepEqual(page.errors, []);
  await screenshot(page, 'hugo-post');
  await page.context().close();

  const raw = await openPage(browser, `${server.url}posts/raw/`);
  await raw.waitForFunction(() => document.querySelector('relu-demo').runs?.[0]?.run.steps >= 20, null, { timeout: 30000 });
  assert.deepEqual(raw.errors, []);
  await raw.context().close();
});

test('with scripts off, the shortcode\'s fallback link shows, and it opens the site\'s lab with the figure\'s settings', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}posts/dead/`);
  const link = page.locator('relu-demo a').first();
  assert.ok(await link.isVisible());
  assert.equal(await link.textContent(), 'ReLU Lab: dead units for two learning rates');
  const href = await link.getAttribute('href');
  assert.equal(href, '/lab/index.html#compare=lr%3D0.01%2C1&panels=dead%2Closs&preset=dead-relu');
  await context.close();

  const lab = await openPage(browser, new URL(href, server.url).href);
  await lab.waitForFunction(() => document.querySelector('#lab')?.runs?.length === 2, null, { timeout: 30000 });
  const labels = await lab.evaluate(() => document.querySelector('#lab').runs.map((r) => r.label));
  assert.deepEqual(labels, ['lr=0.01', 'lr=1']);
  assert.deepEqual(lab.errors, []);
  await lab.context().close();
});
