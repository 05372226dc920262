// The page around the figures (index.html): the language toggle, and the full
// lab's state kept in the URL hash so a copied link reproduces the run.
// Not here: anything a figure does (relu-demo.js) or computes (the engine).
import { parseHash, formatHash } from './state.js';
import { pickLang } from './i18n.js';
import { CONFIG_KEYS } from './keys.js';
import { PAGE_STRINGS } from './page-strings.js';

const PAGE_VIEW_KEYS = ['lang', 'panels', 'compare'];
const keys = { configKeys: CONFIG_KEYS, viewKeys: PAGE_VIEW_KEYS };

function currentLang() {
  const state = parseHash(location.hash, keys);
  return pickLang(state.view.lang || document.documentElement.dataset.lang, navigator.languages || []);
}

/** Fills every [data-i18n] element from the page's string table. */
function applyLanguage(lang) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.documentElement.dataset.lang = lang;
  const table = PAGE_STRINGS[lang];
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const text = table[node.dataset.i18n];
    if (text !== undefined) node.textContent = text;
  }
  for (const node of document.querySelectorAll('[data-i18n-html]')) {
    const html = table[node.dataset.i18nHtml];
    if (html !== undefined) node.innerHTML = html;  // our own strings: links and emphasis only
  }
  for (const demo of document.querySelectorAll('relu-demo')) demo.setAttribute('lang', lang);
  for (const button of document.querySelectorAll('[data-set-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.setLang === lang));
  }
  document.title = table.title;
}

/** Applies the hash to the lab: config keys become attributes, the rest view settings. */
function applyHash(lab, errorBox) {
  const state = parseHash(location.hash, keys);
  for (const key of CONFIG_KEYS) {
    if (key in state.config) lab.setAttribute(key, state.config[key]);
    else if (key !== 'seed' || lab.hasAttribute('seed')) lab.removeAttribute(key);
  }
  for (const key of ['panels', 'compare']) {
    if (state.view[key]) lab.setAttribute(key, state.view[key]);
  }
  errorBox.textContent = state.errors.length ? `${PAGE_STRINGS[currentLang()].hashErrors} ${state.errors.join('; ')}` : '';
  errorBox.hidden = !state.errors.length;
}

/** The engine's canonical text of the lab's config -> the hash (seed always included). */
function writeHash(lab, configTextFromEngine) {
  const config = {};
  for (const item of configTextFromEngine.split('&').filter(Boolean)) {
    const eq = item.indexOf('=');
    config[item.slice(0, eq)] = item.slice(eq + 1);
  }
  config.seed ??= lab.getAttribute('seed') || '1';
  const view = { lang: parseHash(location.hash, keys).view.lang };
  for (const key of ['panels', 'compare']) if (lab.hasAttribute(key) && parseHash(location.hash, keys).view[key]) view[key] = lab.getAttribute(key);
  const hash = formatHash({ config, view }, keys);
  if (hash !== location.hash && !(hash === '#' && !location.hash)) history.replaceState(null, '', hash === '#' ? location.pathname + location.search : hash);
}

function main() {
  applyLanguage(currentLang());
  for (const button of document.querySelectorAll('[data-set-lang]')) {
    button.addEventListener('click', () => {
      const state = parseHash(location.hash, keys);
      state.view.lang = button.dataset.setLang;
      history.replaceState(null, '', formatHash(state, keys));
      applyLanguage(button.dataset.setLang);
    });
  }
  const lab = document.getElementById('lab');
  const errorBox = document.getElementById('hash-errors');
  if (!lab) return;
  applyHash(lab, errorBox);
  lab.addEventListener('relu-config', (e) => writeHash(lab, e.detail.text));
  window.addEventListener('hashchange', () => { applyHash(lab, errorBox); applyLanguage(currentLang()); });
}

main();
