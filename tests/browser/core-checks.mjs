// The core browser checks, the same in every engine (tests/browser/engine-*.test.mjs
// each run them in one engine; a failure in any engine fails the suite):
//   the article loads from file:// and over http with no console errors, and every figure draws;
//   a figure embedded cross-origin under a strict CSP trains and draws;
//   a URL hash reproduces a run's records exactly;
//   the exports (CSV, JSON, chart PNG, link) work;
//   step-0 records equal the native CLI's within the wasm-vs-native tolerance, so all
//   engines agree with each other as well.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serve, fileUrl, root } from './harness.mjs';
import { launchEngine, probedCopy, probeSrc } from './engines.mjs';
import { loadWasmEngine } from '../js/wasm-load.mjs';

// The record's field names, as the engine exports them (the page's history carries the same).
const { names } = await loadWasmEngine();
const RECORD_FIELDS = names.record, LAYER_FIELDS = names.layer;

// The same strict policy as embed.test.mjs: only the script's origin and 'wasm-unsafe-eval' run.
const strictCsp = (scriptOrigin) => `default-src 'none'; script-src ${scriptOrigin} 'wasm-unsafe-eval'; ` +
  `style-src 'self'; img-src 'self' data: blob:; connect-src 'none'; frame-src ${scriptOrigin}`;

/** In the page: distinct colours drawn on each canvas of figure `id` (every 4th pixel). */
const inkPerCanvas = (id) => [...document.getElementById(id).shadowRoot.querySelectorAll('canvas')].map((c) => {
  if (!c.width) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const colours = new Set();
  for (let i = 0; i < d.length; i += 16) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  return colours.size;
});

/** In the page: the records of every run of figure `sel` as plain arrays. */
const historyOf = (sel) => document.querySelector(sel).runs.map(({ run }) => {
  const h = run.history;
  const fields = {}, layers = {};
  for (const f of Object.keys(h.fields)) fields[f] = Array.from(h.fields[f], (v) => (Number.isFinite(v) ? v : String(v)));
  for (const f of Object.keys(h.layers)) layers[f] = h.layers[f].map((s) => Array.from(s, (v) => (Number.isFinite(v) ? v : String(v))));
  return { rows: h.rows, depth: h.depth, fields, layers };
});

// Shares of units or inputs move by whole counts when an input sits at ReLU's kink in one
// build and not the other, so they are compared absolutely (as in tests/js/engine.test.mjs).
const SHARES = new Set(['acc', 'test_acc', 'path_share', 'active', 'dead', 'always_on']);
function assertClose(a, b, rel, what, share) {
  const ok = Math.abs(a - b) <= (share ? rel : rel * Math.max(Math.abs(a), Math.abs(b))) + 1e-7;
  assert.ok(ok, `${what}: ${a} vs ${b}`);
}

/** Registers the core checks for one engine ('chromium', 'firefox' or 'webkit'). */
export function coreChecks(engine) {
  let tab, lab, blog;
  const fixtures = path.join(root, 'build/fixtures', engine);
  before(async () => {
    tab = await launchEngine(engine);
    lab = await serve({ root });
    fs.mkdirSync(fixtures, { recursive: true });
    blog = await serve({ root: fixtures, headers: (p) => (p.startsWith('/csp') ? { 'content-security-policy': strictCsp(lab.url.slice(0, -1)) } : {}) });
  });
  after(async () => {
    await tab?.close();
    await lab?.close();
    await blog?.close();
  });

  const noErrors = async (where, expected = () => false) =>
    assert.deepEqual((await tab.errors()).filter((e) => !expected(e)), [], `${engine}, ${where}: console errors`);

  test(`${engine}: the article loads from file:// with no console errors, and every figure draws`, async () => {
    await tab.goto(fileUrl(probedCopy('index.html')));
    const figures = await tab.waitFor(() => {
      const all = [...document.querySelectorAll('relu-demo')];
      return all.length > 0 && all.map((d) => ({ id: d.id, autoplay: d.hasAttribute('autoplay') }));
    }, null, { what: 'the figures' });
    assert.ok(figures.length >= 10, `${figures.length} figures`);
    // Sections out of view skip rendering (page.css) only where scrolling is anchored: in WebKit a
    // section above the screen taking its real height moved a figure just scrolled to out of view.
    assert.deepEqual(await tab.evaluate(() => (CSS.supports('overflow-anchor', 'auto') ? []
      : [...document.querySelectorAll('main > section')].filter((s) => getComputedStyle(s).contentVisibility === 'auto').map((s) => s.id))), []);
    for (const { id, autoplay } of figures) {
      await tab.evaluate((fid) => document.getElementById(fid).scrollIntoView({ block: 'center' }), id);
      await tab.waitFor((fid) => document.getElementById(fid).runs?.length > 0, id, { what: `${id} to start` });
      if (autoplay) {
        await tab.waitFor((fid) => document.getElementById(fid).runs[0].run.steps >= 10, id, { what: `${id} to train 10 steps` });
      }
      // Panels of a new figure are painted in turns within each frame's drawing budget (web/draw-turns.js):
      // wait until every canvas has drawn, however many frames that takes in this browser.
      await tab.waitFor((fid) => [...document.getElementById(fid).shadowRoot.querySelectorAll('canvas')].every((c) => {
        if (!c.width) return false;
        // Read through a scratch canvas made for readbacks (polling the figure's own would make Chromium warn).
        const scratch = document.createElement('canvas');
        scratch.width = c.width;
        scratch.height = c.height;
        const g = scratch.getContext('2d', { willReadFrequently: true });
        g.drawImage(c, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        const colours = new Set();
        for (let i = 0; i < d.length; i += 16) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        return colours.size > 8;
      }), id, { what: `${id} to paint every panel`, timeout: 30000 }).catch(() => {});  // the assertion below names the canvas
      const ink = await tab.evaluate(inkPerCanvas, id);
      assert.ok(ink.length > 0, `${id}: no canvas`);
      ink.forEach((n, i) => assert.ok(n > 8, `${engine}, ${id}: canvas ${i} drew only ${n} colours`));
    }
    await tab.shot('article-file');
    await noErrors('file://');
  });

  test(`${engine}: over http, a URL hash reproduces a run's records exactly`, async () => {
    const url = `${lab.url}${probedCopy('index.html')}#data=spiral&seed=17&depth=3&opt=adam`;
    const runOnce = async () => {
      await tab.goto(url);
      await tab.waitFor(() => document.querySelector('#lab')?.runs?.[0]?.run.steps >= 150, null, { what: 'the lab to train 150 steps' });
      await tab.evaluate(() => document.querySelector('#lab').setPlaying(false));
      const [h] = await tab.evaluate(historyOf, '#lab');
      await noErrors('http');
      return h;
    };
    const a = await runOnce();
    const b = await runOnce();
    const n = Math.min(a.rows, b.rows);
    assert.ok(n >= 16, `${n} records`);
    assert.equal(a.depth, 3);
    assert.deepEqual(b.fields.step.slice(0, n), a.fields.step.slice(0, n));
    for (const f of RECORD_FIELDS) assert.deepEqual(b.fields[f].slice(0, n), a.fields[f].slice(0, n), `${engine}: ${f}, bit for bit`);
    for (const f of LAYER_FIELDS) assert.deepEqual(b.layers[f].map((s) => s.slice(0, n)), a.layers[f].map((s) => s.slice(0, n)), f);
  });

  test(`${engine}: cross-origin under a strict CSP, the embedded figure trains and draws`, async () => {
    fs.writeFileSync(path.join(fixtures, 'csp-post.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script src="${probeSrc(lab.url)}"></script><link rel="icon" href="data:,"><title>A blog post</title>
<script src="${lab.url}dist/relu-lab.js" charset="utf-8"></script></head>
<body><main><h1>Post</h1><relu-demo id="a" preset="sparse" autoplay></relu-demo></main></body></html>`);
    await tab.goto(`${blog.url}csp-post.html`);
    await tab.waitFor(() => document.querySelector('#a').runs?.[0]?.run.steps >= 50, null, { what: '50 steps' });
    await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const ink = await tab.evaluate(inkPerCanvas, 'a');
    ink.forEach((n, i) => assert.ok(n > 8, `canvas ${i} drew only ${n} colours`));
    await tab.shot('strict-csp');
    // This policy lists only script origins, so the blob: worker is refused (the browser reports it) and the
    // figure trains on the page's thread (web/worker-client.js): that one report is the policy at work.
    await noErrors('strict CSP', (e) => /worker/i.test(e) && /content.security.policy|csp|worker-src/i.test(e));
  });

  test(`${engine}: exports: CSV and JSON hold every record, a chart and the whole figure download as PNG, the link reproduces the settings`, async () => {
    await tab.goto(`${lab.url}${probedCopy('index.html')}#compare=act=relu,tanh&depth=2&seed=3`);
    await tab.waitFor(() => document.querySelector('#lab')?.runs?.[0]?.run.steps >= 30, null, { what: '30 steps' });
    await tab.evaluate(() => document.querySelector('#lab').setPlaying(false));
    // Paused, the figure still finishes the record it owes (training ends on a record):
    // export after that, so the files and the rows counted below are of the same history.
    await tab.waitFor(() => { const d = document.querySelector('#lab'); return !d.trainer.owed(d.runs); }, null, { what: 'owed records done' });
    // A download is an <a download> clicked by the figure; catch it there and read its blob,
    // since the three drivers have no common way to receive downloads.
    const out = await tab.evaluate(async () => {
      const d = document.querySelector('#lab');
      d.shadowRoot.querySelector('details.menu').open = true;
      const caught = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () { if (this.download) caught.push({ name: this.download, href: this.href }); else click.call(this); };
      const take = async (cls) => {
        caught.length = 0;
        // The menu fills when it opens (its toggle event comes a task later).
        for (let i = 0; i < 100 && !d.shadowRoot.querySelector(`button.${cls}`); i++) await new Promise((r) => setTimeout(r, 20));
        d.shadowRoot.querySelector(`button.${cls}`).click();
        for (let i = 0; i < 1000 && !caught.length; i++) await new Promise((r) => setTimeout(r, 20));  // toBlob, the recorder part: async
        const { name, href } = caught[0];
        const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
        return { name, text: new TextDecoder().decode(bytes), head: Array.from(bytes.subarray(0, 24)) };
      };
      try {
        return { csv: await take('csv'), json: await take('json'), png: await take('png-loss'), figure: await take('save-image'),
          panelsWidth: d.shadowRoot.querySelector('.panels').getBoundingClientRect().width,
          rows: d.runs.map((r) => r.run.history.rows), link: d.shadowRoot.querySelector('input.link').value };
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
    });
    assert.equal(out.csv.name, 'relu-lab-records.csv');
    const lines = out.csv.text.trim().split('\n');
    assert.ok(lines[0].startsWith(`run,${RECORD_FIELDS.join(',')},`), lines[0]);
    assert.equal(lines.length, 1 + out.rows[0] + out.rows[1]);
    assert.ok(lines[1].startsWith('act=relu,0,'));
    const json = JSON.parse(out.json.text);
    assert.deepEqual(json.map((r) => r.label), ['act=relu', 'act=tanh']);
    assert.equal(json[1].records.length, out.rows[1]);
    assert.equal(out.png.name, 'relu-lab-loss.png');
    assert.deepEqual(out.png.head.slice(1, 4), [0x50, 0x4e, 0x47], 'PNG signature');
    const be32 = (b, i) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
    assert.ok(be32(out.png.head, 16) > 200 && be32(out.png.head, 20) > 150, 'PNG size');
    // The whole figure as one PNG at 2x (the recorder, a lazily loaded part): twice the panels' width and its margins.
    assert.equal(out.figure.name, 'relu-lab-figure.png');
    assert.deepEqual(out.figure.head.slice(1, 4), [0x50, 0x4e, 0x47]);
    assert.ok(Math.abs(be32(out.figure.head, 16) - 2 * (out.panelsWidth + 32)) <= 2, `${be32(out.figure.head, 16)} px for ${out.panelsWidth}`);
    assert.match(out.link, /index\.html#.*compare=act%3Drelu,tanh/);
    assert.match(out.link, /seed=3/);
    await noErrors('exports');
  });

  test(`${engine}: the same seed gives the native CLI's step-0 records (within 1e-5), so every engine agrees`, async () => {
    const configs = ['preset=dead-relu', 'data=spiral&depth=3&width=16&act=tanh&seed=7', 'preset=vanishing&act=sigmoid', 'preset=digits'];
    const attrs = (text) => text.split('&').map((kv) => kv.split('=')).map(([k, v]) => `${k}="${v}"`).join(' ');
    fs.writeFileSync(path.join(fixtures, 'step0.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script src="${probeSrc(lab.url)}"></script><link rel="icon" href="data:,"><title>Step 0</title>
<script src="${lab.url}dist/relu-lab.js" charset="utf-8"></script></head><body>
${configs.map((c, i) => `<relu-demo id="f${i}" ${attrs(c)} panels="loss"></relu-demo>`).join('\n')}</body></html>`);
    await tab.goto(`${blog.url}step0.html`);
    const cli = path.join(root, 'build/native/relu-lab');
    for (let i = 0; i < configs.length; i++) {
      await tab.evaluate((id) => document.getElementById(id).scrollIntoView(), `f${i}`);
      await tab.waitFor((id) => document.getElementById(id).runs?.[0]?.run.history.rows >= 1, `f${i}`, { what: `f${i}'s step-0 record` });
      const [h] = await tab.evaluate(historyOf, `#f${i}`);
      const r = spawnSync(cli, ['run', ...configs[i].split('&'), '--steps', '0'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const native = JSON.parse(r.stdout.trim().split('\n')[0]);
      assert.equal(h.fields.step[0], 0);
      for (const f of RECORD_FIELDS) {
        if (f === 'step' || f === 'diverged') assert.equal(Number(h.fields[f][0]), Number(native[f]), `${configs[i]} ${f}`);
        else assertClose(h.fields[f][0], native[f], 1e-5, `${engine}, ${configs[i]}, ${f}`, SHARES.has(f));
      }
      assert.equal(h.depth, native.layers.length);
      for (let l = 0; l < h.depth; l++) {
        for (const f of LAYER_FIELDS) {
          const v = h.layers[f][l][0], n = native.layers[l][f];
          if (typeof v === 'string' || n === null) assert.equal(String(v), String(n ?? NaN), `${configs[i]} layer ${l + 1} ${f}`);
          else assertClose(v, n, 1e-5, `${engine}, ${configs[i]}, layer ${l + 1} ${f}`, SHARES.has(f));
        }
      }
    }
    await noErrors('step 0');
  });
}
