// A figure's "Share & export" menu: a disclosure (keyboard-operable as it is)
// with a link to the lab, embed snippets, and CSV/JSON/PNG downloads. Its
// contents are built when it opens, from what the figure shows at that moment.
// Not here: the bytes of links, snippets and exports (share.js, pure and node-tested).
import { recordsToCsv, recordsToJson, shareLink, elementSnippet, iframeSnippet } from './share.js';
import { el } from './dom.js';

/**
 * The menu element. `tr(key, vars)` translates; `root` is where download links are
 * attached (the shadow root); `snapshot()` returns what to share now:
 * {attrs, labUrl, scriptUrl, histories, images: [{name, label, file, canvas}]}.
 */
export function shareMenu({ tr, root, snapshot }) {
  const summary = el('summary', { text: tr('menu') });
  const body = el('div', { className: 'menu-body' });
  const menu = el('details', { className: 'menu' }, [summary, body]);
  menu.addEventListener('toggle', () => { if (menu.open) fillMenu(body, { tr, root, ...snapshot() }); });
  return menu;
}

function fillMenu(body, { tr, root, attrs, labUrl, scriptUrl, histories, images }) {
  const link = shareLink(labUrl, attrs);
  const snippet = elementSnippet(scriptUrl || 'relu-lab.js', attrs);
  const note = el('p', { className: 'menu-note', role: 'status' });
  const copyable = (labelKey, value, rows, className) => {
    const id = `m-${className}`;
    const field = rows === 1
      ? el('input', { id, className, readOnly: true, value })
      : el('textarea', { id, className, readOnly: true, rows, value });
    const copy = el('button', { type: 'button', text: tr(rows === 1 ? 'copyLink' : 'copyEmbed'),
      onclick: () => copyField(field, note, tr) });
    return el('div', { className: 'copyable' }, [el('label', { for: id, text: tr(labelKey) }), field, copy]);
  };
  const save = (name, blob) => download(root, name, blob);
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
  body.replaceChildren(
    copyable('linkLabel', link, 1, 'link'),
    copyable('embedLabel', `${snippet}\n\n<!-- ${tr('iframeLabel')} -->\n${iframeSnippet(labUrl, attrs)}`, 5, 'snippet'),
    el('div', { className: 'downloads' }, downloads),
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
