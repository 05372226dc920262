// What a figure's "Share & export" menu holds once open: a link to the lab, embed snippets,
// CSV/JSON/PNG downloads and the record section, built from what the figure shows at that
// moment. A lazily loaded part (relu-lab-share.js, web/parts.js): only a reader who opens a
// menu needs it. Not here: the menu itself (share-menu.js), the bytes of links, snippets and
// exports (share.js, pure and node-tested), recording (recorder.js, a part of its own).
import { recordsToCsv, recordsToJson, shareLink, elementSnippet, iframeSnippet } from './share.js';
import { el } from './dom.js';

export { recordSection } from './record-menu.js';

/**
 * Fills the menu's body. `tr(key, vars)` translates; `save(name, blob)` downloads; `record`: the
 * record section (or null); the rest is the figure's snapshot (share-menu.js).
 */
export function fillMenu(body, { tr, save, record, attrs, labUrl, scriptUrl, resizerUrl, title, height, histories, images }) {
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

/** Downloads `blob` as file `name` through a link attached to `root` (the shadow root). */
export function download(root, name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
