// The README's React 19 and Vue 3 snippets, bundled by esbuild with the real frameworks
// (pinned dev dependencies) and run in Chromium: the framework renders <relu-demo> with
// string attributes, a boolean autoplay and lang, and its event handler receives
// relu-record events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { launch, serve, openPage, root } from './harness.mjs';

const out = path.join(root, 'build/frameworks');
let browser, server;
before(async () => {
  fs.mkdirSync(out, { recursive: true });
  // The lazily loaded parts beside the app's bundle, as the README's npm section says (lang="zh" needs relu-lab-zh.js).
  for (const f of fs.readdirSync(path.join(root, 'dist')).filter((f) => /^relu-lab-[a-z]+\.js$/.test(f) && f !== 'relu-lab-iframe.js')) {
    fs.copyFileSync(path.join(root, 'dist', f), path.join(out, f));
  }
  browser = await launch();
  server = await serve({ root: out });
});
after(async () => { await browser?.close(); await server?.close(); });

async function bundle(name, contents, loader) {
  await esbuild.build({
    stdin: { contents, loader, resolveDir: root, sourcefile: `${name}.${loader}` },
    bundle: true, format: 'iife', target: 'es2020', minify: true, charset: 'utf8', jsx: 'automatic', logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    outfile: path.join(out, `${name}.js`),
  });
  fs.writeFileSync(path.join(out, `${name}.html`), '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">' +
    `<title>${name}</title></head><body><div id="app"></div><script src="${name}.js" charset="utf-8"></script></body></html>`);
  return `${server.url}${name}.html`;
}

async function check(url) {
  const page = await openPage(browser, url);
  await page.waitForFunction(() => Number(document.querySelector('#loss')?.textContent) > 0 &&
    document.querySelector('relu-demo').runs?.[0]?.run.steps >= 20, null, { timeout: 30000 });
  const state = await page.evaluate(() => {
    const d = document.querySelector('relu-demo');
    return { runs: d.runs.length, lang: d.getAttribute('lang'), play: d.shadowRoot.querySelector('button.play').textContent,
      autoplay: d.hasAttribute('autoplay') };
  });
  assert.deepEqual(page.errors, []);
  await page.context().close();
  return state;
}

test('React 19: <relu-demo> with attributes, autoplay, lang and an onrelu-record handler', async () => {
  const url = await bundle('react', `import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import './dist/relu-lab.js';
function DeadReluFigure() {
  const [loss, setLoss] = useState('');
  return <>
    <relu-demo preset="dead-relu" compare="lr=0.01,1" panels="dead,loss" lang="zh" autoplay=""
               onrelu-record={(e) => setLoss(String(e.detail.record.loss))} />
    <output id="loss">{loss}</output>
  </>;
}
createRoot(document.getElementById('app')).render(<DeadReluFigure />);`, 'jsx');
  const state = await check(url);
  assert.deepEqual(state, { runs: 2, lang: 'zh', play: '暂停', autoplay: true });
});

test('Vue 3: <relu-demo> as a custom element with attributes, autoplay, lang and @relu-record', async () => {
  const url = await bundle('vue', `import { createApp, ref } from 'vue/dist/vue.esm-bundler.js';
import './dist/relu-lab.js';
const app = createApp({
  setup() {
    const loss = ref('');
    return { loss, onRecord: (e) => { loss.value = String(e.detail.record.loss); } };
  },
  template: '<relu-demo preset="dead-relu" compare="lr=0.01,1" panels="dead,loss" lang="zh" autoplay @relu-record="onRecord"></relu-demo>' +
    '<output id="loss">{{ loss }}</output>',
});
app.config.compilerOptions.isCustomElement = (tag) => tag === 'relu-demo';
app.mount('#app');`, 'js');
  const state = await check(url);
  assert.deepEqual(state, { runs: 2, lang: 'zh', play: '暂停', autoplay: true });
});
