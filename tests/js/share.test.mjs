// Export and share: CSV/JSON with the CLI's columns, links and snippets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordsToCsv, recordsToJson, shareLink, elementSnippet, iframeSnippet } from '../../web/share.js';
import { defaultLabUrl } from '../../web/figure-model.js';
import { appendColumns, emptyHistory } from '../../web/engine.js';
import { loadWasmEngine } from './wasm-load.mjs';

const { names } = await loadWasmEngine();  // the field names, as the engine exports them
import { parseHash } from '../../web/state.js';
import { CONFIG_KEYS } from '../../web/keys.js';

const rec = (step, loss) => [step, loss, NaN, 0.5, NaN, 0.25, 0, 0.5, 0, 0.125, 1, 2, 3, NaN, 0.5];
const history = appendColumns(emptyHistory(1, names), Float32Array.from([...rec(0, 0.75), ...rec(10, 0.5)]));

test('CSV: the CLI\'s header, one row per record, empty cells for missing values', () => {
  const csv = recordsToCsv([{ label: '', history }]);
  const [header, a, b, end] = csv.split('\n');
  assert.equal(header, 'step,loss,test_loss,acc,test_acc,path_share,diverged,active_1,dead_1,always_on_1,grad_w_1,grad_z_1,w_norm_1,alpha_1,path_share_1');
  assert.equal(a, '0,0.75,,0.5,,0.25,0,0.5,0,0.125,1,2,3,,0.5');
  assert.ok(b.startsWith('10,0.5,'));
  assert.equal(end, '');
});

test('CSV with several runs has a run column, quoted when needed', () => {
  const csv = recordsToCsv([{ label: 'act=relu', history }, { label: 'a,b', history }]);
  const lines = csv.trim().split('\n');
  assert.ok(lines[0].startsWith('run,step,'));
  assert.equal(lines.length, 5);
  assert.ok(lines[3].startsWith('"a,b",0,'));
});

test('JSON: per run, records shaped like the CLI\'s jsonl, NaN as null', () => {
  const out = JSON.parse(recordsToJson([{ label: 'x', config: { lr: '0.1' }, history }]));
  assert.equal(out[0].label, 'x');
  assert.deepEqual(out[0].config, { lr: '0.1' });
  assert.equal(out[0].records.length, 2);
  assert.deepEqual(Object.keys(out[0].records[0]), ['step', 'loss', 'test_loss', 'acc', 'test_acc', 'path_share', 'diverged', 'layers']);
  assert.equal(out[0].records[0].test_loss, null);
  assert.equal(out[0].records[0].diverged, false);
  assert.equal(out[0].records[1].layers[0].grad_z, 2);
  assert.equal(out[0].records[1].layers[0].alpha, null);
});

test('the share link carries the config, the seed and the comparison, and parses back', () => {
  const link = shareLink('https://example.org/lab/index.html#old', { preset: 'dead-relu', lr: '0.5', compare: 'act=relu,leaky',
    panels: 'dead,loss', id: 'fig', autoplay: '' });
  assert.equal(link, 'https://example.org/lab/index.html#preset=dead-relu&seed=1&lr=0.5&compare=act%3Drelu,leaky&panels=dead,loss');
  const state = parseHash(new URL(link).hash, { configKeys: CONFIG_KEYS, viewKeys: ['compare', 'panels'] });
  assert.deepEqual(state.config, { preset: 'dead-relu', seed: '1', lr: '0.5' });
  assert.equal(state.view.compare, 'act=relu,leaky');
});

test('the share link keeps the decision map\'s toggles (map=test,discrete)', () => {
  const link = shareLink('https://example.org/index.html', { data: 'xor', panels: 'boundary', map: 'test,discrete' });
  assert.equal(link, 'https://example.org/index.html#data=xor&seed=1&panels=boundary&map=test,discrete');
  const frame = iframeSnippet('https://example.org/index.html', { data: 'xor', map: 'discrete' });
  assert.match(frame, /#data=xor&amp;seed=1&amp;embed&amp;map=discrete"/);
});

test('element snippet: complete on its own, with autoplay and a fallback link (or the title); attributes escaped', () => {
  const s = elementSnippet('https://h/dist/relu-lab.js', { preset: 'two-n', panels: 'paths', id: 'x', title: 'a"b' },
    { link: 'https://h/index.html#preset=two-n&seed=1', title: 'Paths <halve>' });
  assert.equal(s, '<script src="https://h/dist/relu-lab.js" charset="utf-8"></script>\n' +
    '<relu-demo preset="two-n" panels="paths" title="a&quot;b" autoplay>\n' +
    '  <a href="https://h/index.html#preset=two-n&amp;seed=1">Paths &lt;halve&gt;</a>\n</relu-demo>');
  assert.equal((s.match(/<relu-demo/g) || []).length, 1, 'one figure');
  const bare = elementSnippet('relu-lab.js', { preset: 'lab', autoplay: '' }, { title: 'ReLU Lab' });
  assert.equal(bare, '<script src="relu-lab.js" charset="utf-8"></script>\n<relu-demo preset="lab" autoplay>\n  ReLU Lab\n</relu-demo>');
});

test('iframe snippet: the lab in embed mode, the height given, and the resizer script', () => {
  const f = iframeSnippet('https://h/index.html', { preset: 'two-n', seed: '4' },
    { height: 612.4, resizerUrl: 'https://h/dist/relu-lab-iframe.js' });
  assert.equal(f, '<iframe src="https://h/index.html#preset=two-n&amp;seed=4&amp;embed" title="ReLU Lab" width="100%" height="613" ' +
    'loading="lazy"></iframe>\n<script src="https://h/dist/relu-lab-iframe.js" charset="utf-8"></script>');
});

test('the lab page: index.html beside the script\'s dist/ folder; anywhere else no lab is known (null), not a 404', () => {
  assert.equal(defaultLabUrl('https://h/x/dist/relu-lab.js'), 'https://h/x/index.html');
  assert.equal(defaultLabUrl('file:///home/me/relu-lab/dist/relu-lab.js'), 'file:///home/me/relu-lab/index.html');
  assert.equal(defaultLabUrl('https://blog.example/static/js/relu-lab.js'), null);
  assert.equal(defaultLabUrl('https://cdn.example/relu-lab.js'), null);
  assert.equal(defaultLabUrl(''), null);
});

test('lab-url: only http(s) and relative URLs reach links and snippets', async () => {
  const { checkLabUrl } = await import('../../web/share.js');
  for (const ok of ['https://example.org/relu/index.html', 'http://127.0.0.1:8000/', 'index.html', '../lab/', '/relu/', '//cdn.example.org/x.html', '?a=1']) {
    assert.equal(checkLabUrl(ok), '', ok);
  }
  for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', 'data:text/html,<script>1</script>',
    'vbscript:x', 'file:///etc/passwd', 'blob:https://a/b']) {
    assert.match(checkLabUrl(bad), /^lab-url='.*': only http\(s\) and relative URLs are accepted$/s, JSON.stringify(bad));
  }
  assert.equal(checkLabUrl('java\nscript:x'), "lab-url='java\\nscript:x': only http(s) and relative URLs are accepted");
  const attrs = { preset: 'lab', 'lab-url': 'javascript:alert(1)' };
  assert.throws(() => shareLink('javascript:alert(1)', attrs), /only http\(s\)/);
  assert.throws(() => iframeSnippet('javascript:alert(1)', attrs), /only http\(s\)/);
  // The default lab beside a script opened from disk is a file: URL, and the menu must work there.
  assert.match(shareLink('file:///home/me/relu-lab/index.html', { preset: 'lab' }), /^file:\/\/\/home\/me\/relu-lab\/index\.html#preset=lab/);
  const snippet = elementSnippet('relu-lab.js', attrs);
  assert.doesNotMatch(snippet, /javascript/);
  assert.match(elementSnippet('relu-lab.js', { preset: 'lab', 'lab-url': 'https://e.org/' }), /lab-url="https:\/\/e.org\/"/);
});

test('exports say when a long run\'s history was thinned, and keep the CLI\'s columns', async () => {
  const { HISTORY_RECENT, HISTORY_OLDER, HISTORY_SLACK } = await import('../../web/history.js');
  const n = HISTORY_RECENT + HISTORY_OLDER + HISTORY_SLACK + 1;
  const flat = Float32Array.from(Array.from({ length: n }, (_, i) => rec(i * 10, 0.5)).flat());
  const long = appendColumns(emptyHistory(1, names), flat);
  assert.ok(long.stride > 1);
  const csv = recordsToCsv([{ label: '', history: long }]).split('\n');
  assert.match(csv[0], /^# thinned: \d+ of 1251 records kept \(all of the last 500; before them one in every 2,/);
  assert.ok(csv[1].startsWith('step,loss,'));
  const json = JSON.parse(recordsToJson([{ label: 'x', config: {}, history: long }]));
  assert.match(json[0].thinned, /^thinned: /);
  assert.equal(json[0].records.length, long.rows);
  // A short run: no note, the header first.
  assert.ok(recordsToCsv([{ label: '', history }]).startsWith('step,'));
  assert.equal(JSON.parse(recordsToJson([{ label: '', config: {}, history }]))[0].thinned, false);
});

test('lab-url: markup posing as a relative URL is refused', async () => {
  const { checkLabUrl } = await import('../../web/share.js');
  assert.match(checkLabUrl('x"><img src=x onerror=alert(1)>'), /only http\(s\) and relative URLs/);
  assert.match(checkLabUrl('index.html onclick=x'), /only http\(s\)/);
  assert.equal(checkLabUrl('lab/index.html?x=1#y'), '');
});
