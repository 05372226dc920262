// The Chinese tables speak the glossary's language (docs/glossary.tsv): each term's
// Chinese form is used, and none of the calques or false friends it lists appears
// (常开 means "normally open", i.e. off, to an electrical engineer; ratios are written
// 约缩小为原来的 1/3.4, never 缩小 ×3.4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { STRINGS } from '../../web/i18n.js';
import { PAGE_STRINGS } from '../../web/page-strings.js';
import { root } from './wasm-load.mjs';

/** The glossary's rows: {term, zh, en, avoid}. */
export function readGlossary(text) {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const [header, ...rows] = lines.map((l) => l.split('\t'));
  assert.deepEqual(header, ['term', 'zh', 'en', 'avoid']);
  return rows.map((cells, i) => {
    assert.equal(cells.length, 4, `glossary row ${i + 1}: four tab-separated cells`);
    return Object.fromEntries(header.map((h, j) => [h, cells[j].trim()]));
  });
}

const glossary = readGlossary(fs.readFileSync(path.join(root, 'docs/glossary.tsv'), 'utf8'));
const zhText = [...Object.values(PAGE_STRINGS.zh), ...Object.values(STRINGS.zh)].join('\n');

test('the glossary has the terms the issue names', () => {
  const zh = new Map(glossary.map((r) => [r.term, r]));
  assert.equal(zh.get('always-on unit').avoid, '常开');
  assert.equal(zh.get('data point').zh, '样本');
  assert.equal(zh.get('weighted input').zh, '加权输入');
  assert.equal(zh.get('variance').avoid, '信号的功率');
  assert.equal(zh.get('coefficient').avoid, '强度');
});

test('the Chinese tables use every glossary term', () => {
  const missing = glossary.filter((r) => !zhText.includes(r.zh)).map((r) => `${r.term}: ${r.zh}`);
  assert.deepEqual(missing, []);
});

test('the Chinese tables contain none of the calques the glossary lists, and no 缩小 × / 增大 ×', () => {
  const avoid = [...glossary.map((r) => r.avoid).filter((a) => a !== '-'), '缩小 ×', '增大 ×', '缩小×', '增大×'];
  const found = [];
  for (const [name, table] of [['page', PAGE_STRINGS.zh], ['element', STRINGS.zh]]) {
    for (const [key, text] of Object.entries(table)) {
      for (const a of avoid) if (text.includes(a)) found.push(`${name}.${key}: ${a}`);
    }
  }
  assert.deepEqual(found, []);
});

test('a ratio in a Chinese sentence is never a "×" live number after a verb of change', () => {
  // 缩小/增大 followed by a times-formatted live span would print 缩小 ×3.4.
  const bad = Object.entries(PAGE_STRINGS.zh).filter(([, t]) => /(缩小|增大|变化)[^。，]{0,4}<span class="live"[^>]*data-format="times"/.test(t));
  assert.deepEqual(bad.map(([k]) => k), []);
});
