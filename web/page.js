// The page around the figures (index.html): the language toggle, the live numbers
// in the text, the full lab's state in the URL hash (so a copied link reproduces
// the run), and the one-figure embed mode (#embed&preset=...).
// Not here: anything a figure does (relu-demo.js) or computes (the engine).
import { parseHash, formatHash, parseConfigText, capMessages, viewValueErrors } from './state.js';
import { pickLang, LANGS } from './i18n.js';
import { CONFIG_KEYS } from './keys.js';
import { PAGE_STRINGS } from './page-strings.js';
import { liveValue, formatLive, undefinedReason } from './live.js';
import { pickCase, caseKey } from './verdicts.js';

const VIEW_KEYS = ['lang', 'embed', 'panels', 'compare', 'controls', 'map'];
const LAB_VIEW_KEYS = ['panels', 'compare', 'controls', 'map'];  // the lab's view attributes a link sets
const keys = { configKeys: CONFIG_KEYS, viewKeys: VIEW_KEYS };
const LIVE_INTERVAL_MS = 250;  // the text follows the figures at a readable pace
const TEXT_REFRESH_MS = 1000;  // and catches up at least this often (unchanged sentences are left alone)
const HOLD_IN_VIEW_MS = 10000;  // how long a shared link keeps the lab in view while the article above lays out

/** A hash like '#sparsity' is a link to a section, not settings. */
const isAnchor = (hash) => /^#[\w-]+$/.test(hash) && !VIEW_KEYS.includes(hash.slice(1)) && !!document.getElementById(hash.slice(1));
const readHash = () => parseHash(isAnchor(location.hash) ? '' : location.hash, keys);
// The language: from the hash, else the one chosen on this page load, else the browser's.
const langNow = () => pickLang(readHash().view.lang || document.documentElement.dataset.lang, navigator.languages || []);

/** Fills every [data-i18n] element from the page's string table, then the live numbers in it. */
function applyLanguage(lang) {
  // The markup is already in English (scripts/sync-article.mjs writes the table into it): on
  // the first English load, rewriting every paragraph would only make the browser lay out the
  // whole article again, in the middle of its load.
  const unchanged = lang === 'en' && (document.documentElement.dataset.lang || 'en') === 'en';
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.documentElement.dataset.lang = lang;
  const table = PAGE_STRINGS[lang];
  for (const node of unchanged ? [] : document.querySelectorAll('[data-i18n]')) {
    if (table[node.dataset.i18n] !== undefined) node.textContent = table[node.dataset.i18n];
  }
  for (const node of unchanged ? [] : document.querySelectorAll('[data-i18n-html]')) {
    // Our own strings (links, emphasis, live-number spans), never user input.
    if (table[node.dataset.i18nHtml] !== undefined) node.innerHTML = table[node.dataset.i18nHtml];
  }
  for (const demo of document.querySelectorAll('relu-demo')) demo.setAttribute('lang', lang);
  for (const button of document.querySelectorAll('[data-set-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.setLang === lang));
  }
  document.title = table.title;
  updateText();
}

/** A figure's runs as the verdict rules read them: [{history, config}]. */
function figureRuns(figure) {
  return (figure?.runs || []).map((r) => ({ history: r.run.history, config: r.config, born: r.born }));
}

/** The judging sentences (verdicts.js rules), then the live numbers in them and around them. */
function updateText() {
  updateVerdicts();
  updateLiveNumbers();
}

/** Every verdict span shows the sentence its rule picks from its figure's numbers, in the page's language. */
export function updateVerdicts(root = document) {
  const lang = document.documentElement.dataset.lang || 'en';
  for (const span of root.querySelectorAll('.verdict-text[data-fig][data-rule]')) {
    let key;
    try {
      key = caseKey(span.dataset.rule, pickCase(span.dataset.rule, figureRuns(document.getElementById(span.dataset.fig))));
    } catch (err) {
      console.error(`verdict ${span.dataset.fig}/${span.dataset.rule}: ${err.message}`);
      continue;
    }
    const shown = `${lang}:${key}`;
    if (span.dataset.shown === shown) continue;  // same sentence: only its live numbers may change
    span.dataset.shown = shown;
    span.dataset.case = key.split('__')[1];
    span.innerHTML = PAGE_STRINGS[lang][key] ?? '';  // our own strings (live spans, emphasis), never user input
  }
}

/** Every live span shows its figure's current value (see live.js for the field grammar), or a dash and why. */
export function updateLiveNumbers(root = document) {
  const table = PAGE_STRINGS[document.documentElement.dataset.lang || 'en'];
  for (const span of root.querySelectorAll('.live[data-fig]')) {
    const figure = document.getElementById(span.dataset.fig);
    const run = figure?.runs?.[Number(span.dataset.run || 0)];
    let text = '–', why = '';
    try {
      if (run) {
        const value = liveValue(run.run.history, span.dataset.field, { born: run.born });
        text = formatLive(value, span.dataset.format);
        if (!Number.isFinite(value)) why = table[undefinedReason(run.run.history, span.dataset.field)];
      } else {
        why = table.undef_pending;
      }
    } catch (err) {
      text = '?';
      console.error(`live number ${span.dataset.fig}/${span.dataset.field}: ${err.message}`);
    }
    // The dash says why in words, right after it (a tooltip alone would hide it from phones).
    if (why) text = `– (${why})`;
    if (span.textContent !== text) span.textContent = text;
    span.classList.toggle('undefined', !!why);
  }
}

/** The hash -> the lab's attributes. Config keys are the state; bad values are reported, not applied.
 *  View keys missing from the hash go back to what the markup said (`markup`). */
function applyHashToLab(lab, errorBox, markup) {
  const state = readHash();
  for (const key of CONFIG_KEYS) {
    if (key in state.config) lab.setAttribute(key, state.config[key]);
    else if (lab.hasAttribute(key)) lab.removeAttribute(key);
  }
  for (const key of LAB_VIEW_KEYS) {
    const value = state.view[key] ?? markup[key];
    if (value === null || value === undefined) lab.removeAttribute(key);
    else if (lab.getAttribute(key) !== value) lab.setAttribute(key, value);
  }
  showHashErrors(errorBox, [...state.errors, ...viewValueErrors(state.view, { langs: LANGS })]);
}

/** The link's problems, each once and at most a few (a hostile link must not fill the page). */
function showHashErrors(errorBox, errors) {
  const strings = PAGE_STRINGS[langNow()];
  const { shown, more } = capMessages(errors);
  const tail = more ? ` ${strings.hashErrorsMore.replace('{n}', more)}` : '';
  errorBox.textContent = shown.length ? `${strings.hashErrors} ${shown.join('; ')}${tail}` : '';
  errorBox.hidden = shown.length === 0;
}

/** The engine's canonical config text -> the hash; the seed is always written, view keys are kept. */
function writeHashFromLab(configText) {
  if (isAnchor(location.hash)) history.replaceState(null, '', location.pathname + location.search);
  const config = parseConfigText(configText);
  config.seed ??= '1';
  const hash = formatHash({ config, view: readHash().view }, keys);
  if (hash !== location.hash) history.replaceState(null, '', hash);
}

/** #embed: only one figure, no article, and its height reported to the parent page. */
function setupEmbed(state) {
  document.documentElement.classList.add('embed');
  const lab = document.getElementById('lab');
  const main = document.querySelector('main');
  main.replaceChildren(document.getElementById('hash-errors'), lab);
  for (const node of document.querySelectorAll('header, footer, nav')) node.remove();
  lab.removeAttribute('controls');
  lab.setAttribute('panels', state.view.panels || 'loss,layers,boundary');
  if (state.view.controls) lab.setAttribute('controls', state.view.controls);
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (window.parent !== window) window.parent.postMessage({ type: 'relu-lab:height', height, id: state.view.embed }, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
  report();
}

/**
 * Scrolls to `target` and keeps it there while the figures above it grow into their
 * full height as they start. Chromium and Firefox keep the view steady by themselves
 * (CSS scroll anchoring); WebKit (Safari) has none, so a shared link would open above
 * the lab, which then waits offscreen. Stops at the reader's first scroll, key or tap.
 */
function holdInView(target) {
  const INPUTS = ['wheel', 'touchstart', 'keydown', 'mousedown'];
  const observer = new ResizeObserver(() => target.scrollIntoView());
  const stop = () => {
    observer.disconnect();
    for (const type of INPUTS) window.removeEventListener(type, stop, true);
  };
  for (const type of INPUTS) window.addEventListener(type, stop, { capture: true, passive: true });
  observer.observe(document.body);  // its first callback scrolls, once laid out
  setTimeout(stop, HOLD_IN_VIEW_MS);
}

function main() {
  const state = readHash();
  if (state.view.embed) setupEmbed(state);
  applyLanguage(langNow());
  for (const button of document.querySelectorAll('[data-set-lang]')) {
    button.addEventListener('click', () => {
      const next = readHash();
      next.view.lang = button.dataset.setLang;
      history.replaceState(null, '', formatHash(next, keys));
      applyLanguage(button.dataset.setLang);
    });
  }
  // Live numbers: refreshed a few times a second while any figure records.
  let liveQueued = false;
  const queueLive = () => {
    if (liveQueued) return;
    liveQueued = true;
    setTimeout(() => { liveQueued = false; updateText(); }, LIVE_INTERVAL_MS);
  };
  document.addEventListener('relu-record', queueLive);
  document.addEventListener('relu-born', queueLive);  // born-dead tables fill without training
  document.addEventListener('relu-config', () => setTimeout(updateText, 0));
  // Reset and New seed start over without a new record event: a calm refresh catches them.
  setInterval(() => { if (!document.hidden) updateText(); }, TEXT_REFRESH_MS);

  const lab = document.getElementById('lab');
  const errorBox = document.getElementById('hash-errors');
  if (!lab || !errorBox) return;
  const markup = Object.fromEntries(LAB_VIEW_KEYS.map((k) => [k, lab.getAttribute(k)]));
  applyHashToLab(lab, errorBox, markup);
  // A shared link to a run (config keys in the hash) opens at the lab, not at the top of the article.
  if (!state.view.embed && (Object.keys(state.config).length || state.view.compare)) {
    holdInView(lab.closest('section') || lab);
  } else if (isAnchor(location.hash)) {
    // A link to a section: the sections above it are laid out at estimated heights (page.css) until
    // read, and its own figures grow as they are built. It stays at the top of the screen meanwhile.
    holdInView(document.getElementById(location.hash.slice(1)));
  }
  // The hash follows the reader's own changes to the lab. A link is left as it was
  // typed, even when the lab refused part of it: the reader can see and fix it.
  lab.addEventListener('relu-config', (e) => {
    if (e.detail.byUser) writeHashFromLab(e.detail.text);
  });
  // The lab's own panel, compare and map controls: the hash keeps them too.
  lab.addEventListener('relu-view', (e) => {
    const next = readHash();
    for (const key of ['panels', 'compare', 'map']) {
      if (e.detail[key]) next.view[key] = e.detail[key]; else delete next.view[key];
    }
    history.replaceState(null, '', formatHash(next, keys));
  });
  window.addEventListener('hashchange', () => {
    if (isAnchor(location.hash)) {  // a section link: nothing to apply, and the old link's messages are gone
      showHashErrors(errorBox, []);
      return;
    }
    applyHashToLab(lab, errorBox, markup);
    applyLanguage(langNow());
    // A link in the text that sets the lab (#lr=10, #preset=dead-relu) names no element to
    // scroll to: bring the lab into view, where the change can be seen.
    const next = readHash();
    if (!next.view.embed && (Object.keys(next.config).length || next.view.compare)) (lab.closest('section') || lab).scrollIntoView();
  });
}

main();
