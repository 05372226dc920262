// Copies the English strings of web/page-strings.js into index.html, so the page
// reads right before its script runs (and without JavaScript). Run after editing
// the strings: node scripts/sync-article.mjs. A node test checks they agree.
// A judging sentence (a verdict span) gets the text of its rule's typical case, the
// one the figure's default settings give; page.js replaces it with the case the live
// numbers pick as soon as the figure records.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_STRINGS } from '../web/page-strings.js';
import { RULES, caseKey } from '../web/verdicts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const escapeText = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A string with each empty verdict span filled with its rule's typical case from `table`. */
export function fillVerdicts(text, table) {
  return text.replace(/(<span class="verdict-text" data-fig="[^"]+" data-rule="([^"]+)">)(<\/span>)/g,
    (whole, open, rule, close) => (RULES[rule] ? `${open}${table[caseKey(rule, RULES[rule].typical)] ?? ''}${close}` : whole));
}

/** index.html with every data-i18n / data-i18n-html element's content set from `table`. */
export function syncHtml(html, table) {
  return html.replace(/<(\w+)([^>]*?\sdata-i18n(-html)?="([^"]+)"[^>]*)>([\s\S]*?)<\/\1>/g,
    (whole, tag, attrs, isHtml, key) => (key in table
      ? `<${tag}${attrs}>${isHtml ? fillVerdicts(table[key], table) : escapeText(table[key])}</${tag}>`
      : whole));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.join(root, 'index.html');
  const before = fs.readFileSync(file, 'utf8');
  const after = syncHtml(before, PAGE_STRINGS.en);
  fs.writeFileSync(file, after);
  console.log(before === after ? 'index.html already in sync' : 'index.html updated from PAGE_STRINGS.en');
}
