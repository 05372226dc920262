// Lazily loaded parts in the real browser: the digits data (dist/relu-lab-digits.js)
// is fetched only when a digits figure appears, from relu-lab.js's own folder, under a
// strict CSP on another origin, from file://, and a missing file is said inside the figure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serve, openPage, waitForSteps, loadText, root, openShareMenu, hasColor, REFUSED_WORKER } from './harness.mjs';

const fixtures = path.join(root, 'build/fixtures-parts');
let browser, lab, blog;

// As tests/browser/embed.test.mjs: only the script's origin and 'wasm-unsafe-eval' for scripts.
const strictCsp = (scriptOrigin) => `default-src 'none'; script-src ${scriptOrigin} 'wasm-unsafe-eval'; ` +
  `style-src 'self'; img-src 'self' data: blob:; connect-src 'none'`;

before(async () => {
  browser = await launch();
  lab = await serve({ root });
  fs.rmSync(fixtures, { recursive: true, force: true });
  fs.mkdirSync(path.join(fixtures, 'alone'), { recursive: true });
  fs.mkdirSync(path.join(fixtures, 'nowasm'), { recursive: true });
  // relu-lab.js without its parts, as a blogger who copied one file only.
  fs.copyFileSync(path.join(root, 'dist/relu-lab.js'), path.join(fixtures, 'alone/relu-lab.js'));
  // alone/ serves its own copy of the script: its CSP allows its own origin.
  // nowasm/ forbids compiling WebAssembly (no 'wasm-unsafe-eval'), as some sites do.
  blog = await serve({ root: fixtures, headers: (p) => ({
    'content-security-policy': p.startsWith('/nowasm') ? strictCsp(lab.url.slice(0, -1)).replace(" 'wasm-unsafe-eval'", '')
      : strictCsp(p.startsWith('/alone') ? "'self'" : lab.url.slice(0, -1)) }) });
});
after(async () => {
  await browser?.close();
  await lab?.close();
  await blog?.close();
});

function post(name, scriptSrc, body) {
  fs.writeFileSync(path.join(fixtures, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>A blog post</title><script src="${scriptSrc}" charset="utf-8"></script>
</head><body><main>${body}</main></body></html>`);
}

/** The URLs the page requested, as they happen. */
function requests(page) {
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  return seen;
}

test('strict CSP, other origin: the digits load only when a digits figure appears, and it trains', async () => {
  post('digits-later.html', `${lab.url}dist/relu-lab.js`, '<relu-demo id="a" preset="lab" autoplay></relu-demo>');
  const page = await openPage(browser, null);
  const seen = requests(page);
  await page.goto(`${blog.url}digits-later.html`);
  await waitForSteps(page, '#a', 30);
  assert.equal(seen.filter((u) => u.includes('relu-lab-digits.js')).length, 0, 'no digits figure: no digits script');
  await page.evaluate(() => {
    const d = document.createElement('relu-demo');
    d.id = 'd';
    d.setAttribute('preset', 'digits');
    d.setAttribute('panels', 'loss,accuracy');
    d.setAttribute('autoplay', '');
    document.querySelector('main').append(d);
  });
  await waitForSteps(page, '#d', 20);
  assert.deepEqual(seen.filter((u) => u.includes('relu-lab-digits.js')), [`${lab.url}dist/relu-lab-digits.js`]);
  const acc = await page.evaluate(() => document.querySelector('#d').runs[0].run.latest().acc);
  assert.ok(acc > 0.1 && acc <= 1, `accuracy ${acc}`);
  assert.equal(await page.evaluate(() => document.head.querySelectorAll('script').length), 1, 'the part\'s tag is gone');
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);  // no blob: worker here: the page's thread trains
  await page.context().close();
});

test('from file://: a digits figure loads its data from the script\'s folder and trains', async () => {
  const dir = path.join(fixtures, 'file');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'post.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Offline</title>
<script src="${pathToFileURL(path.join(root, 'dist/relu-lab.js')).href}" charset="utf-8"></script></head>
<body><relu-demo id="d" preset="digits" panels="loss" autoplay></relu-demo></body></html>`);
  const page = await openPage(browser, pathToFileURL(path.join(dir, 'post.html')).href);
  await waitForSteps(page, '#d', 20);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('relu-lab.js copied without relu-lab-digits.js: the digits figure says which file is missing; others run', async () => {
  post('alone/post.html', 'relu-lab.js', '<relu-demo id="a" preset="lab" autoplay></relu-demo><relu-demo id="d" preset="digits"></relu-demo>');
  const page = await openPage(browser, `${blog.url}alone/post.html`);
  await waitForSteps(page, '#a', 20);
  await page.waitForFunction(() => /relu-lab-digits\.js/.test(document.querySelector('#d').shadowRoot.querySelector('.status').textContent));
  const { status } = await loadText(page, '#d');
  assert.match(status, /The digits data failed to load: could not load http:\/\/127\.0\.0\.1:\d+\/alone\/relu-lab-digits\.js: keep relu-lab-digits\.js in the same folder as relu-lab\.js/);
  assert.ok(page.errors.every((e) => /relu-lab-digits\.js|404|Failed to load resource/.test(e)), page.errors.join('\n'));
  await page.context().close();
});

// The Chinese strings are a part too (dist/relu-lab-zh.js): a zh figure waits for them
// (no English flash), an English page never asks for them, a missing file is said.
import { ZH } from '../../web/strings-zh.js';
import { EN } from '../../web/strings-en.js';

test('strict CSP, other origin: relu-lab-zh.js loads once, for Chinese figures only, before they show a word', async () => {
  post('zh-later.html', `${lab.url}dist/relu-lab.js`, '<relu-demo id="a" preset="lab" lang="en" autoplay></relu-demo>');
  const page = await openPage(browser, null);
  const seen = requests(page);
  await page.goto(`${blog.url}zh-later.html`);
  await waitForSteps(page, '#a', 10);
  assert.equal(seen.filter((u) => u.includes('relu-lab-zh.js')).length, 0, 'English only: no Chinese script');
  // Two Chinese figures at once, and the English one switched to Chinese: one request.
  const words = await page.evaluate(() => new Promise((resolve) => {
    const main = document.querySelector('main');
    for (const id of ['z1', 'z2']) {
      const d = document.createElement('relu-demo');
      d.id = id;
      d.setAttribute('lang', 'zh');
      d.setAttribute('panels', 'loss');
      main.append(d);
    }
    document.querySelector('#a').setAttribute('lang', 'zh');
    // The first words each figure shows once it has runs: every one in Chinese.
    const check = () => {
      const ds = [...document.querySelectorAll('relu-demo')];
      if (ds.every((d) => d.runs.length && d.shadowRoot.querySelector('.transport .play'))) {
        resolve(ds.map((d) => [d.shadowRoot.querySelector('.transport .play').textContent,
          d.shadowRoot.querySelector('.panel-loss .title').textContent]));
      } else requestAnimationFrame(check);
    };
    check();
  }));
  for (const [play, title] of words) {
    assert.ok([ZH.play, ZH.pause].includes(play), play);
    assert.equal(title, ZH.panel_loss);
  }
  assert.deepEqual(seen.filter((u) => u.includes('relu-lab-zh.js')), [`${lab.url}dist/relu-lab-zh.js`]);
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();
});

test('relu-lab.js copied without relu-lab-zh.js: a Chinese figure runs in English and says, in Chinese, which file is missing', async () => {
  post('alone/zh.html', 'relu-lab.js', '<relu-demo id="z" lang="zh" preset="lab" autoplay></relu-demo>');
  const page = await openPage(browser, `${blog.url}alone/zh.html`);
  await waitForSteps(page, '#z', 10);
  const { play, alert } = await page.evaluate(() => {
    const root = document.querySelector('#z').shadowRoot;
    return { play: root.querySelector('.transport .play').textContent, alert: root.querySelector('.alert').textContent };
  });
  assert.ok([EN.play, EN.pause].includes(play), play);
  assert.ok(alert.startsWith(ZH.languageFailed.split('{')[0]), alert);
  assert.match(alert, /alone\/relu-lab-zh\.js/);
  assert.ok(page.errors.every((e) => /relu-lab-zh\.js|404|Failed to load resource/.test(e)), page.errors.join('\n'));
  await page.context().close();
});

test('the share menu\'s contents are relu-lab-share.js: loaded when a menu first opens, once; without the file the menu says so', async () => {
  post('share.html', `${lab.url}dist/relu-lab.js`, '<relu-demo id="a" preset="lab"></relu-demo><relu-demo id="b" preset="lab"></relu-demo>');
  const page = await openPage(browser, null);
  const seen = requests(page);
  await page.goto(`${blog.url}share.html`);
  await waitForSteps(page, '#b', 0);
  assert.equal(seen.filter((u) => u.includes('relu-lab-share.js')).length, 0, 'no menu opened: no share script');
  await openShareMenu(page, '#a');
  await openShareMenu(page, '#b');
  assert.deepEqual(seen.filter((u) => u.includes('relu-lab-share.js')), [`${lab.url}dist/relu-lab-share.js`]);
  const link = await page.evaluate(() => document.querySelector('#b').shadowRoot.querySelector('input.link').value);
  assert.match(link, /index\.html#preset=lab&seed=1$/);
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();

  post('alone/share.html', 'relu-lab.js', '<relu-demo id="a" preset="lab"></relu-demo>');
  const alone = await openPage(browser, `${blog.url}alone/share.html`);
  await waitForSteps(alone, '#a', 0);
  const text = await alone.evaluate(() => new Promise((resolve) => {
    const root = document.querySelector('#a').shadowRoot;
    root.querySelector('details.menu').open = true;
    const check = () => { const p = root.querySelector('.menu-body [role=alert]'); if (p) resolve(p.textContent); else setTimeout(check, 20); };
    check();
  }));
  assert.match(text, /^The menu could not load: could not load http:\/\/127\.0\.0\.1:\d+\/alone\/relu-lab-share\.js: keep relu-lab-share\.js in the same folder as relu-lab\.js$/);
  await alone.context().close();
});

test('a page whose CSP forbids WebAssembly: the figure says the engine failed to load, and does not load forever', async () => {
  post('nowasm/post.html', `${lab.url}dist/relu-lab.js`, '<relu-demo id="a" preset="lab"></relu-demo>');
  const page = await openPage(browser, `${blog.url}nowasm/post.html`);
  await page.waitForFunction(() => /^The engine failed to load: /.test(document.querySelector('#a').shadowRoot.querySelector('.status').textContent),
    null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => document.querySelector('#a').runs.length), 0);
  await page.context().close();
});

test('the points editor is relu-lab-points.js: loaded only for a figure that offers custom points; without the file the figure says so', async () => {
  post('points.html', `${lab.url}dist/relu-lab.js`, '<relu-demo id="a" preset="lab" panels="boundary"></relu-demo>');
  const page = await openPage(browser, null);
  const seen = requests(page);
  await page.goto(`${blog.url}points.html`);
  await waitForSteps(page, '#a', 0);
  assert.equal(seen.filter((u) => u.includes('relu-lab-points.js')).length, 0, 'no custom control: no points script');
  await page.evaluate(() => document.querySelector('#a').setAttribute('controls', 'custom'));
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelectorAll('.points-tools button').length === 5);
  assert.deepEqual(seen.filter((u) => u.includes('relu-lab-points.js')), [`${lab.url}dist/relu-lab-points.js`]);
  // The editor works: a click on the map adds a point (a draft until there are enough).
  await page.evaluate(() => document.querySelector('#a').shadowRoot.querySelector('.points-tools button.point-clear').click());
  await page.waitForFunction(() => document.querySelector('#a').draft?.length === 0);
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();

  post('alone/points.html', 'relu-lab.js', '<relu-demo id="a" preset="lab" panels="boundary" controls="custom"></relu-demo>');
  const alone = await openPage(browser, `${blog.url}alone/points.html`);
  await alone.waitForFunction(() => /points editor could not load/.test(document.querySelector('#a').shadowRoot.querySelector('.alert').textContent));
  // Both missing parts are said together, and a rebuild (here a new seed) does not take the
  // editor's message away while its load is retried (it once vanished until the retry failed).
  const texts = await alone.evaluate(() => new Promise((resolve) => {
    const figure = document.querySelector('#a');
    const alert = figure.shadowRoot.querySelector('.alert');
    const seen = [alert.textContent];
    new MutationObserver(() => seen.push(alert.textContent)).observe(alert, { childList: true, characterData: true, subtree: true });
    figure.setAttribute('seed', '2');
    const until = performance.now() + 1500;
    const check = () => (figure.runs[0]?.config.seed === '2' && performance.now() > until ? resolve(seen) : setTimeout(check, 50));
    check();
  }));
  for (const text of texts) {
    assert.match(text, /The points editor could not load: could not load http:\/\/127\.0\.0\.1:\d+\/alone\/relu-lab-points\.js: keep relu-lab-points\.js in the same folder as relu-lab\.js/);
    assert.match(text, /The controls could not load: could not load http:\/\/127\.0\.0\.1:\d+\/alone\/relu-lab-controls\.js/);
  }
  await alone.context().close();
});

// The network diagram's drawing is a part too (dist/relu-lab-network.js, web/code-parts.js): a
// figure that shows the network panel is built once the part is in, so the panel never appears
// without its drawing; a figure without it never asks; a missing file is said in the panel.
import { WEIGHT_COLORS } from '../../web/network-chart.js';

/** In the page: for every figure, whether part `part` had run when `selector` first matched in it. */
function watchPanels([part, selector]) {
  window.partSeen = false;
  window.panelFirst = {};
  self.addEventListener('relu-lab-part', (e) => { if (e.detail?.name === part) window.partSeen = true; });
  const watch = (d) => new MutationObserver(() => {
    if (!(d.id in window.panelFirst) && d.shadowRoot.querySelector(selector)) window.panelFirst[d.id] = window.partSeen;
  }).observe(d.shadowRoot, { childList: true, subtree: true });
  for (const d of document.querySelectorAll('relu-demo')) watch(d);
  window.watchFigure = watch;
}

/**
 * In the page: the distinct colours of a panel's canvas, read from a copy on a scratch canvas (read
 * once each), so polling never makes Chromium warn about repeated readbacks of the figure's canvas.
 */
function canvasColours([sel, name]) {
  const canvas = document.querySelector(sel).shadowRoot.querySelector(`.panel-${name} canvas`);
  if (!canvas || !(canvas.width > 0)) return [];
  const scratch = document.createElement('canvas');
  scratch.width = canvas.width;
  scratch.height = canvas.height;
  const g = scratch.getContext('2d');
  g.drawImage(canvas, 0, 0);
  const d = g.getImageData(0, 0, scratch.width, scratch.height).data;
  const colours = new Map();
  for (let p = 0; p < d.length; p += 4) {
    const key = `${d[p]},${d[p + 1]},${d[p + 2]}`;
    colours.set(key, (colours.get(key) || 0) + 1);
  }
  return [...colours.entries()].filter(([, n]) => n >= 3);
}

async function diagramDrawn(page, sel) {
  await page.waitForFunction((s) => document.querySelector(s).runs.length
    && document.querySelector(s).runs[0].run.history.rows > 0 && document.querySelector(s).shadowRoot.querySelector('.panel-network canvas')?.width > 0, sel);
  // Both signs of weight among the links: the diagram itself, not an empty canvas.
  for (let tries = 0; tries < 400; tries++) {
    const colours = await page.evaluate(canvasColours, [sel, 'network']);
    if (hasColor(colours, WEIGHT_COLORS.positive, 40) && hasColor(colours, WEIGHT_COLORS.negative, 40)) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`${sel}: no links of both signs in the network diagram`);
}

test('strict CSP, other origin: relu-lab-network.js loads once, only for figures that show the network, before their panel appears', async () => {
  post('network.html', `${lab.url}dist/relu-lab.js`, '<relu-demo id="a" preset="lab" panels="loss,boundary" autoplay></relu-demo>');
  const page = await openPage(browser, null);
  const seen = requests(page);
  await page.goto(`${blog.url}network.html`);
  await waitForSteps(page, '#a', 10);
  assert.equal(seen.filter((u) => u.includes('relu-lab-network.js')).length, 0, 'no network panel: no network script');
  await page.evaluate(watchPanels, ['network', '.panel-network']);
  // A new figure with the diagram, and the first one switched to show it: one request.
  await page.evaluate(() => {
    const d = document.createElement('relu-demo');
    d.id = 'n';
    d.setAttribute('panels', 'network,boundary');
    d.setAttribute('depth', '2');
    d.setAttribute('width', '6');
    d.setAttribute('autoplay', '');
    window.watchFigure(d);
    document.querySelector('main').append(d);
    document.querySelector('#a').setAttribute('panels', 'network,loss');
  });
  await diagramDrawn(page, '#n');
  await diagramDrawn(page, '#a');
  assert.deepEqual(await page.evaluate(() => window.panelFirst), { n: true, a: true }, 'a network panel only once its drawing is in');
  assert.deepEqual(seen.filter((u) => u.includes('relu-lab-network.js')), [`${lab.url}dist/relu-lab-network.js`]);
  assert.equal(await page.evaluate(() => document.head.querySelectorAll('script').length), 1, 'the part\'s tag is gone');
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();
});

test('from file://: a figure with the network diagram loads relu-lab-network.js from the script\'s folder and draws it', async () => {
  const dir = path.join(fixtures, 'file');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'network.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Offline</title>
<script src="${pathToFileURL(path.join(root, 'dist/relu-lab.js')).href}" charset="utf-8"></script></head>
<body><relu-demo id="n" panels="network" depth="2" width="6" autoplay></relu-demo></body></html>`);
  const page = await openPage(browser, pathToFileURL(path.join(dir, 'network.html')).href);
  await diagramDrawn(page, '#n');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('relu-lab.js copied without relu-lab-network.js: the network panel says which file is missing; the other panels draw', async () => {
  post('alone/network.html', 'relu-lab.js', '<relu-demo id="n" panels="network,loss" autoplay></relu-demo>');
  const page = await openPage(browser, `${blog.url}alone/network.html`);
  await waitForSteps(page, '#n', 20);
  await page.waitForFunction(() => /relu-lab-network\.js/.test(document.querySelector('#n').shadowRoot.querySelector('.panel-network .note')?.textContent));
  const note = await page.evaluate(() => document.querySelector('#n').shadowRoot.querySelector('.panel-network .note').textContent);
  assert.match(note, /^This panel could not load: could not load http:\/\/127\.0\.0\.1:\d+\/alone\/relu-lab-network\.js: keep relu-lab-network\.js in the same folder as relu-lab\.js$/);
  await page.waitForFunction(() => document.querySelector('#n').shadowRoot.querySelector('.panel-loss canvas')?.width > 0);
  assert.ok((await page.evaluate(canvasColours, ['#n', 'loss'])).length > 2, 'the loss curve is drawn');
  assert.ok(page.errors.every((e) => /relu-lab-network\.js|404|Failed to load resource/.test(e)), page.errors.join('\n'));
  await page.context().close();
});

// The same for the charts few figures show (dist/relu-lab-charts.js): the activation, curve and born-dead panels.
test('strict CSP, other origin: relu-lab-charts.js loads once, for the activation, curve and born panels, before they appear; without it the panel says so', async () => {
  post('charts.html', `${lab.url}dist/relu-lab.js`, '<relu-demo id="a" preset="lab" panels="loss,boundary" autoplay></relu-demo>');
  const page = await openPage(browser, null);
  const seen = requests(page);
  await page.goto(`${blog.url}charts.html`);
  await waitForSteps(page, '#a', 10);
  assert.equal(seen.filter((u) => u.includes('relu-lab-charts.js')).length, 0, 'no such panel: no charts script');
  await page.evaluate(watchPanels, ['charts', '.panel-activation']);
  await page.evaluate(() => {
    const main = document.querySelector('main');
    for (const [id, attrs] of [['f', { panels: 'activation', act: 'gelu' }], ['c', { panels: 'curve', preset: 'curve', autoplay: '' }],
      ['b', { panels: 'born', preset: 'born-dead' }]]) {
      const d = document.createElement('relu-demo');
      d.id = id;
      for (const [k, v] of Object.entries(attrs)) d.setAttribute(k, v);
      window.watchFigure(d);
      main.append(d);
    }
  });
  for (const [id, panel] of [['f', 'activation'], ['c', 'curve'], ['b', 'born']]) {
    // A figure out of view does no work (the last one ends below a 1400 px window once the others have grown).
    await page.evaluate((sel) => document.querySelector(sel).scrollIntoView(), `#${id}`);
    await page.waitForFunction(([sel, name]) => document.querySelector(sel).shadowRoot.querySelector(`.panel-${name} canvas`)?.width > 0,
      [`#${id}`, panel]);
    // Axes, labels and the chart's own colours: drawn, not blank.
    for (let tries = 0; (await page.evaluate(canvasColours, [`#${id}`, panel])).length <= 3; tries++) {
      assert.ok(tries < 400, `#${id}: the ${panel} chart is not drawn`);
      await page.waitForTimeout(50);
    }
  }
  assert.deepEqual(await page.evaluate(() => window.panelFirst), { f: true }, 'the activation panel only once its drawing is in');
  assert.deepEqual(seen.filter((u) => u.includes('relu-lab-charts.js')), [`${lab.url}dist/relu-lab-charts.js`]);
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();

  post('alone/charts.html', 'relu-lab.js', '<relu-demo id="f" panels="activation,loss"></relu-demo>');
  const alone = await openPage(browser, `${blog.url}alone/charts.html`);
  await alone.waitForFunction(() => /relu-lab-charts\.js/.test(document.querySelector('#f').shadowRoot.querySelector('.panel-activation .note')?.textContent));
  const note = await alone.evaluate(() => document.querySelector('#f').shadowRoot.querySelector('.panel-activation .note').textContent);
  assert.match(note, /^This panel could not load: could not load http:\/\/127\.0\.0\.1:\d+\/alone\/relu-lab-charts\.js: keep relu-lab-charts\.js in the same folder as relu-lab\.js$/);
  await alone.context().close();
});

// And a figure's controls (dist/relu-lab-controls.js): a figure without controls never asks for them.
test('strict CSP, other origin: relu-lab-controls.js loads once, for figures with controls, before they show; without it the figure says so and runs', async () => {
  post('controls.html', `${lab.url}dist/relu-lab.js`, '<relu-demo id="a" preset="lab" panels="loss" autoplay></relu-demo>');
  const page = await openPage(browser, null);
  const seen = requests(page);
  await page.goto(`${blog.url}controls.html`);
  await waitForSteps(page, '#a', 10);
  assert.equal(seen.filter((u) => u.includes('relu-lab-controls.js')).length, 0, 'no controls: no controls script');
  await page.evaluate(watchPanels, ['controls', '.controls select, .controls input']);
  await page.evaluate(() => {
    const d = document.createElement('relu-demo');
    d.id = 'c';
    d.setAttribute('panels', 'loss');
    d.setAttribute('controls', 'act,lr');
    window.watchFigure(d);
    document.querySelector('main').append(d);
    document.querySelector('#a').setAttribute('controls', 'depth');
  });
  await page.waitForFunction(() => ['#a', '#c'].every((s) => document.querySelector(s).shadowRoot.querySelectorAll('.controls select, .controls input').length > 0));
  assert.deepEqual(await page.evaluate(() => window.panelFirst), { a: true, c: true }, 'controls only once their code is in');
  // They work: choosing an activation sets the attribute, and the figure follows.
  await page.evaluate(() => {
    const select = document.querySelector('#c').shadowRoot.querySelector('.controls select#c-act');
    select.value = 'tanh';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('#c').getAttribute('act') === 'tanh' && document.querySelector('#c').runs[0]?.config.act === 'tanh');
  assert.deepEqual(seen.filter((u) => u.includes('relu-lab-controls.js')), [`${lab.url}dist/relu-lab-controls.js`]);
  assert.deepEqual(page.errors.filter((e) => !REFUSED_WORKER.test(e)), []);
  await page.context().close();

  post('alone/controls.html', 'relu-lab.js', '<relu-demo id="c" panels="loss" controls="lr" autoplay></relu-demo>');
  const alone = await openPage(browser, `${blog.url}alone/controls.html`);
  await waitForSteps(alone, '#c', 10);
  await alone.waitForFunction(() => /relu-lab-controls\.js/.test(document.querySelector('#c').shadowRoot.querySelector('.alert').textContent));
  const text = await alone.evaluate(() => document.querySelector('#c').shadowRoot.querySelector('.alert').textContent);
  assert.match(text, /^The controls could not load: could not load http:\/\/127\.0\.0\.1:\d+\/alone\/relu-lab-controls\.js: keep relu-lab-controls\.js in the same folder as relu-lab\.js$/);
  await alone.context().close();
});
