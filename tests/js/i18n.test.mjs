// Both languages are complete: every key of the element's and the page's string
// tables exists in English and Chinese, placeholders match, and every key the
// page's markup uses exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { STRINGS, LANGS, t, pickLang } from '../../web/i18n.js';
import { PAGE_STRINGS } from '../../web/page-strings.js';
import { PANELS } from '../../web/panels.js';
import { CONFIG_KEYS } from '../../web/keys.js';
import { root } from './wasm-load.mjs';

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

for (const [name, table] of [['element strings', STRINGS], ['page strings', PAGE_STRINGS]]) {
  test(`${name}: the same keys in every language, none empty, same placeholders`, () => {
    const en = Object.keys(table.en).sort();
    for (const lang of LANGS) {
      assert.deepEqual(Object.keys(table[lang]).sort(), en, `${lang} keys`);
      for (const key of en) {
        assert.ok(table[lang][key].trim().length > 0, `${lang}.${key} is empty`);
        assert.deepEqual(placeholders(table[lang][key]), placeholders(table.en[key]), `${lang}.${key} placeholders`);
      }
    }
  });
}

test('the Chinese tables are really Chinese (not English copies)', () => {
  for (const table of [STRINGS, PAGE_STRINGS]) {
    // A string that is only verdict spans (filled per language by page.js) has no words of its own.
    const words = (k) => table.en[k].replace(/<span class="verdict-text"[^>]*><\/span>/g, '');
    const keys = Object.keys(table.en).filter((k) => /[a-z]{4,}/i.test(words(k)) && words(k).length > 12);
    const copied = keys.filter((k) => table.zh[k] === table.en[k]);
    assert.deepEqual(copied, [], 'identical in both languages');
  }
});

test('every panel, config key and page string the code uses has a string', () => {
  for (const p of PANELS) assert.ok(STRINGS.en[`panel_${p}`], p);
  for (const k of CONFIG_KEYS) assert.ok(STRINGS.en[`key_${k}`], k);
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const used = [...html.matchAll(/data-i18n(?:-html)?="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(used.length > 3);
  for (const key of used) assert.ok(key in PAGE_STRINGS.en, `index.html uses ${key}`);
});

test('a plain-text element (data-i18n) gets no markup or entities, which it would show raw', () => {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  for (const [, key] of html.matchAll(/data-i18n="([^"]+)"/g)) {
    for (const lang of LANGS) assert.doesNotMatch(PAGE_STRINGS[lang][key], /<|&\w+;/, `${lang}.${key}: use data-i18n-html`);
  }
});

test('pickLang: the explicit choice, else the first browser language we have, else English', () => {
  assert.equal(pickLang('zh', ['en-US']), 'zh');
  assert.equal(pickLang('fr', ['zh-CN', 'en']), 'zh');
  assert.equal(pickLang(null, ['de-DE', 'en-GB']), 'en');
  assert.equal(pickLang(undefined, ['ja']), 'en');
  assert.equal(pickLang('', []), 'en');
});

test('t fills placeholders and falls back to English, then to the key', () => {
  assert.equal(t('en', 'stepCounter', { n: 42 }), 'step 42');
  assert.equal(t('zh', 'stepCounter', { n: 42 }), '第 42 步');
  assert.equal(t('xx', 'play'), 'Play');
  assert.equal(t('en', 'no_such_key'), 'no_such_key');
  assert.equal(t('en', 'stepCounter'), 'step {n}', 'a missing value leaves the placeholder visible');
});

test('index.html carries the English strings, so the page reads right before its script runs', async () => {
  const { syncHtml } = await import('../../scripts/sync-article.mjs');
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  assert.equal(syncHtml(html, PAGE_STRINGS.en), html, 'run: node scripts/sync-article.mjs');
});

test('every live number in the article names a figure on the page and a field the grammar knows', async () => {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const ids = new Set([...html.matchAll(/<relu-demo id="([^"]+)"/g)].map((m) => m[1]));
  const { liveValue } = await import('../../web/live.js');
  const { appendColumns, emptyHistory } = await import('../../web/engine.js');
  const { loadWasmEngine } = await import('./wasm-load.mjs');
  const { names } = await loadWasmEngine();
  const h = appendColumns(emptyHistory(3, names), new Float32Array(names.record.length + 3 * names.layer.length).fill(0.5));
  for (const lang of LANGS) {
    for (const text of Object.values(PAGE_STRINGS[lang])) {
      for (const m of text.matchAll(/<span class="live" data-fig="([^"]+)"(?: data-run="(\d+)")? data-field="([^"]+)" data-format="([^"]+)"><\/span>/g)) {
        assert.ok(ids.has(m[1]), `${lang}: no figure ${m[1]}`);
        assert.doesNotThrow(() => liveValue(h, m[3]), `${lang}: field ${m[3]}`);
        assert.ok(['pct', 'pct1', 'num', 'exp', 'int', 'times', 'factor'].includes(m[4]), `${lang}: format ${m[4]}`);
      }
      // Every live span has the exact form above (no typo'd attribute slipped through).
      assert.equal((text.match(/class="live"/g) || []).length,
        [...text.matchAll(/<span class="live" data-fig="[^"]+"(?: data-run="\d+")? data-field="[^"]+" data-format="[^"]+"><\/span>/g)].length);
    }
  }
});

test('the words for the link colours name the colours the diagram draws (orange-red, not red)', async () => {
  const { WEIGHT_COLORS } = await import('../../web/network-chart.js');
  const { hexToRgb } = await import('../../web/palette.js');
  const hue = (hex) => {
    const [r, g, b] = hexToRgb(hex).map((v) => v / 255);
    const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (60 * h + 360) % 360;
  };
  // Okabe-Ito's vermillion sits between red (0°) and orange (about 40°): its name is orange-red.
  const negative = hue(WEIGHT_COLORS.negative), positive = hue(WEIGHT_COLORS.positive);
  assert.ok(negative > 15 && negative < 35, `negative links' hue ${negative.toFixed(0)}°`);
  assert.ok(positive > 190 && positive < 240, `positive links' hue ${positive.toFixed(0)}°`);
  const texts = { en: [STRINGS.en.net_legend, PAGE_STRINGS.en.hero_lead], zh: [STRINGS.zh.net_legend, PAGE_STRINGS.zh.hero_lead] };
  for (const s of texts.en) {
    assert.match(s, /orange-red/, s);
    assert.doesNotMatch(s.replace(/orange-red/g, ''), /\bred\b/, s);
  }
  for (const s of texts.zh) {
    assert.match(s, /橙红/, s);
    assert.doesNotMatch(s.replace(/橙红/g, ''), /红/, s);
  }
});
