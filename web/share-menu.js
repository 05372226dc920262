// A figure's "Share & export" menu: a disclosure (keyboard-operable as it is) whose
// contents are built when it opens, from what the figure shows at that moment. The code
// that builds them (share-body.js) is a lazily loaded part, relu-lab-share.js: only a
// reader who opens a menu needs it, so it loads then, once per page.
// Not here: the contents (share-body.js), the bytes of links, snippets and exports (share.js).
import { el } from './dom.js';

/**
 * The menu element. `tr(key, vars)` translates; `root` is where download links are
 * attached (the shadow root); `snapshot()` returns what to share now:
 * {attrs, labUrl (null: unknown), scriptUrl, resizerUrl, title, height, histories,
 * images: [{name, label, file, canvas}]}; `recording`: {source(scale), loadRecorder()}
 * for the record section (record-menu.js); `loadBody()`: a Promise of share-body.js's
 * functions (the part).
 */
export function shareMenu({ tr, root, snapshot, recording, loadBody }) {
  const summary = el('summary', { text: tr('menu') });
  const body = el('div', { className: 'menu-body' });
  const menu = el('details', { className: 'menu' }, [summary, body]);
  let part = null;    // share-body.js's functions, once loaded
  let record = null;  // the record section, built once: a recording in progress keeps its progress bar while the menu closes and opens
  const fill = () => {
    const save = (name, blob) => part.download(root, name, blob);
    if (recording && !record) record = part.recordSection({ tr, save, ...recording });
    part.fillMenu(body, { tr, save, record, ...snapshot() });
  };
  menu.addEventListener('toggle', () => {
    if (!menu.open) return;
    if (part) { fill(); return; }
    body.replaceChildren(el('p', { className: 'menu-note', role: 'status', text: tr('menuLoading') }));
    loadBody().then((loaded) => {
      part = loaded;
      if (menu.open) fill();
    }, (err) => {
      if (menu.open) body.replaceChildren(el('p', { className: 'menu-note', role: 'alert', text: tr('menuFailed', { message: err.message || String(err) }) }));
    });
  });
  return menu;
}
