// The element's languages: which tables are here, how a figure picks one, and {placeholders}.
// The strings themselves are in web/strings-en.js and web/strings-zh.js (a node test fails if
// a key is missing in either). Not here: the article's prose (web/page-strings.js, index.html).
import { EN } from './strings-en.js';
import { ZH } from './strings-zh.js';

export const LANGS = ['en', 'zh'];

// What a figure can say before the rest of its language has arrived (the loading messages).
export const BOOT_KEYS = ['loading', 'loadFailed', 'loadingPart', 'partFailed', 'languageFailed'];

// Tables by language. In the bundle, zh starts as its BOOT_KEYS only and addStrings puts in
// the rest when relu-lab-zh.js has loaded; in node (tests, scripts) the tables are whole.
export const STRINGS = { en: EN, zh: { ...ZH } };

/** Puts a language's table in (the payload of its part, relu-lab-LANG.js). */
export function addStrings(lang, table) {
  if (LANGS.includes(lang) && lang !== 'en') STRINGS[lang] = { ...STRINGS[lang], ...table };
}

/** Whether every string of `lang` is here (English always is; a part may still be loading). */
export function hasStrings(lang) {
  const table = STRINGS[lang];
  return Boolean(table) && Object.keys(table).length >= Object.keys(EN).length;
}

/** 'zh' or 'en': the explicit choice if valid, else the first browser language we have. */
export function pickLang(explicit, browserLanguages = []) {
  if (LANGS.includes(explicit)) return explicit;
  for (const l of browserLanguages) {
    const base = String(l).toLowerCase().split('-')[0];
    if (LANGS.includes(base)) return base;
  }
  return 'en';
}

/** The string for key in lang with {name} placeholders filled; falls back to English. */
export function t(lang, key, vars = {}) {
  const table = STRINGS[lang] || STRINGS.en;
  const text = table[key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}
