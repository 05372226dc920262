// A figure's "Share & export" menu: a disclosure (keyboard-operable as it is)
// with a link to the lab, embed snippets, and CSV/JSON/PNG downloads. Its
// contents are built when it opens, from what the figure shows at that moment.
// Not here: the bytes of links, snippets and exports (share.js, pure and node-tested).
import { recordsToCsv, recordsToJson, shareLink, elementSnippet, iframeSnippet } from './share.js';
import { recordSection } from './record-menu.js';
import { el } from './dom.js';

/**
 * The menu element. `tr(key, vars)` translates; `root` is where download links are
 * attached (the shadow root); `snapshot()` returns what to share now:
 * {attrs, labUrl (null: unknown), scriptUrl, resizerUrl, title, height, histories,
 * images: [{name, label, file, canvas}]}; `recording`: {source(scale), loadRecorder()}
 * for the record section (record-menu.js), which is built once, so a recording in
 * progress keeps its progress bar while the menu closes and opens.
 */
export function shareMenu({ tr, root, snapshot, recording }) {
  const summary = el('summary', { text: tr('menu') });
  const body = el('div', { className: 'menu-body' });
  const menu = el('details', { className: 'menu' }, [summary, body]);
  const save = (name, blob) => download(root, name, blob);
  const record = recording ? recordSection({ tr, save, ...recording }) : null;
  menu.addEventListener('toggle', () => { if (menu.open) fillMenu(body, { tr, save, record, ...snapshot() }); });
  return menu;
}

function fillMenu(body, { tr, save, record, attrs, labUrl, scriptUrl, resizerUrl, title, height, histories, images }) {
  const link = labUrl ? shareLink(labUrl, attrs) : '';
  const elementCode = elementSnippet(scriptUrl || 'relu-lab.js', attrs, { link, title });
  const note = el('p', { className: 'menu-note', role: 'status' });
  const copyable = (labelKey, value, rows, className, copyKey = 'copyLink') => {
    const id = `m-${className}`;
    const field = rows === 1
      ? el('input', { id, className, readOnly: true, value })
      : el('textarea', { id, className, readOnly: true, rows, value });
    const copy = el('button', { type: 'button', className: `copy-${className}`, text: tr(copyKey),
      onclick: () => copyField(field, note, tr) });
    return el('div', { className: 'copyable' }, [el('label', { for: id, text: tr(labelKey) }), field, copy]);
  };
  const downloads = [
    el('button', { type: 'button', className: 'csv', text: tr('downloadCsv'),
      onclick: () => save('relu-lab-records.csv', new Blob([recordsToCsv(histories)], { type: 'text/csv' })) }),
    el('button', { type: 'button', className: 'json', text: tr('downloadJson'),
      onclick: () => save('relu-lab-records.json', new Blob([recordsToJson(histories)], { type: 'application/json' })) }),
    ...images.map(({ name, label, file, canvas }) => el('button', {
      type: 'button', className: `png png-${name}`, text: tr('downloadPng', { panel: label }),
      onclick: () => canvas.toBlob((blob) => save(file, blob), 'image/png'),
    })),
  ];
  // Without a known lab there is no link to give (it would not load), and no iframe:
  // say how to name the lab instead. The element snippet then falls back to the title.
  const noLab = el('p', { className: 'no-lab', text: tr('noLabUrl') });
  body.replaceChildren(
    ...(link ? [copyable('linkLabel', link, 1, 'link')] : [noLab]),
    copyable('embedLabel', elementCode, 5, 'snippet', 'copyElement'),
    ...(link ? [copyable('iframeLabel', iframeSnippet(labUrl, attrs, { height, resizerUrl }), 4, 'snippet-iframe', 'copyIframe')] : []),
    el('div', { className: 'downloads' }, downloads),
    ...(record ? [record] : []),
    note);
}

async function copyField(field, note, tr) {
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    note.textContent = tr('copied');
  } catch {
    note.textContent = tr('copyManual');  // file:// or no permission: the text is selected
  }
}

function download(root, name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
