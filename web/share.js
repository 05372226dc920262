// What a figure gives away: its records as CSV or JSON (the same columns as the
// CLI's), a link to the full lab that reproduces the run, and embed snippets.
// Pure functions of plain data, so node tests can check every byte.
import { formatHash, quoteValue } from './state.js';
import { CONFIG_KEYS } from './keys.js';
import { thinningNote } from './history.js';

const VIEW_IN_LINK = ['compare', 'panels', 'map'];  // what a run looks like, beside what it computes

/**
 * runs: [{label, history}]. One row per record; a leading `run` column when comparing.
 * A long run's history is thinned (history.js): then '#' lines before the header say how.
 */
export function recordsToCsv(runs) {
  const depth = Math.max(0, ...runs.map((r) => r.history.depth));
  const { record: recordFields, layer: layerFields } = runs[0].history.names;  // the engine's names
  const layerCols = [];
  for (let l = 1; l <= depth; l++) for (const f of layerFields) layerCols.push(`${f}_${l}`);
  const many = runs.length > 1;
  const notes = runs.filter((r) => thinningNote(r.history))
    .map((r) => `# ${many ? `${r.label}: ` : ''}${thinningNote(r.history).replace(/\n/g, ' ')}`);
  const lines = [...notes, [...(many ? ['run'] : []), ...recordFields, ...layerCols].join(',')];
  const cell = (v) => (Number.isFinite(v) ? String(Number(v.toPrecision(7))) : '');
  for (const { label, history: h } of runs) {
    for (let i = 0; i < h.rows; i++) {
      const row = many ? [csvQuote(label)] : [];
      for (const f of recordFields) row.push(cell(h.fields[f][i]));
      for (let l = 0; l < depth; l++) for (const f of layerFields) row.push(l < h.depth ? cell(h.layers[f][l][i]) : '');
      lines.push(row.join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

function csvQuote(text) { return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text; }

/**
 * The CLI's jsonl shape, one object per record, grouped per run: [{label, config, thinned, records: [...]}];
 * `thinned` is false, or the sentence saying which records a long run kept (history.js).
 */
export function recordsToJson(runs) {
  const num = (v) => (Number.isFinite(v) ? Number(v.toPrecision(7)) : null);
  const out = runs.map(({ label, config, history: h }) => ({
    label,
    config,
    thinned: thinningNote(h) || false,
    records: Array.from({ length: h.rows }, (_, i) => ({
      ...Object.fromEntries(h.names.record.map((f) => [f, f === 'diverged' ? h.fields[f][i] === 1 : num(h.fields[f][i])])),
      layers: Array.from({ length: h.depth }, (_, l) => Object.fromEntries(h.names.layer.map((f) => [f, num(h.layers[f][l][i])]))),
    })),
  }));
  return `${JSON.stringify(out, null, 1)}\n`;
}

/** attrs: the element's attributes {name: value}. The config keys and the view keys that change what runs. */
function linkState(attrs) {
  const config = {}, view = {};
  for (const k of CONFIG_KEYS) if (attrs[k] != null && attrs[k] !== '') config[k] = attrs[k];
  config.seed ??= '1';  // explicit, so the link means the same run even if the default changes
  for (const k of VIEW_IN_LINK) if (attrs[k]) view[k] = attrs[k];
  return { config, view };
}

/**
 * '' if `url` may go into a link or a snippet that readers copy, else the message.
 * Only http(s) and relative URLs: a `javascript:` or `data:` lab-url would run the
 * author's (or an attacker's) script in every reader's page that pastes the snippet.
 * The URL is read as a browser reads it: tabs and newlines inside 'java\tscript:' vanish.
 */
export function checkLabUrl(url) {
  let protocol = null;
  // Spaces, quotes and angle brackets are never part of a URL as typed: such a value is markup, not a link.
  if (/[\s"'<>`]/.test(String(url))) return `lab-url=${quoteValue(url)}: only http(s) and relative URLs are accepted`;
  try {
    protocol = new URL(String(url), 'https://relative.invalid/').protocol;
  } catch { /* not a URL at all */ }
  if (protocol === 'http:' || protocol === 'https:') return '';
  return `lab-url=${quoteValue(url)}: only http(s) and relative URLs are accepted`;
}

function assertLabUrl(url) {
  // A file: URL cannot come from an attribute (checkLabUrl refuses it there): it is the
  // default beside a script opened from disk (figure-model.js), which runs nothing.
  if (/^file:\/\/\//.test(url) && !/[\s"'<>`]/.test(url)) return;
  const error = checkLabUrl(url);
  if (error) throw new Error(error);
}

/** A link to the full lab that reproduces this figure's run (seed included). */
export function shareLink(labUrl, attrs) {
  assertLabUrl(labUrl);
  const hash = formatHash(linkState(attrs), { configKeys: CONFIG_KEYS, viewKeys: VIEW_IN_LINK });
  return `${labUrl.split('#')[0]}${hash}`;
}

const escapeAttr = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The <script> + <relu-demo> snippet for these attributes, complete on its own: it
 * autoplays (a reader who sees empty axes has nothing), and holds a fallback, shown
 * only where the script does not run (RSS readers, e-mail): a link to the lab with
 * the same run when there is one, else the figure's title as text. A refused lab-url is left out.
 */
export function elementSnippet(scriptUrl, attrs, { link = '', title = 'ReLU Lab' } = {}) {
  const parts = Object.entries({ ...attrs, autoplay: '' })
    .filter(([k, v]) => v !== null && v !== undefined && k !== 'id' && k !== 'class' && k !== 'style'
      && !(k === 'lab-url' && checkLabUrl(v)))
    .map(([k, v]) => (v === '' ? k : `${k}="${escapeAttr(v)}"`));
  const text = escapeText(title);
  const fallback = link ? `<a href="${escapeAttr(link)}">${text}</a>` : text;
  return `<script src="${escapeAttr(scriptUrl)}" charset="utf-8"></script>\n<relu-demo ${parts.join(' ')}>\n  ${fallback}\n</relu-demo>`;
}

const escapeText = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The <iframe> snippet: the lab page in embed mode (one figure), `height` px tall to
 * start with, and the resizer script (dist/relu-lab-iframe.js) that fits the iframe
 * to the figure's height as it lays out, on any width.
 */
export function iframeSnippet(labUrl, attrs, { height = 640, resizerUrl = '' } = {}) {
  assertLabUrl(labUrl);
  const { config, view } = linkState(attrs);
  const keys = { configKeys: CONFIG_KEYS, viewKeys: ['embed', ...VIEW_IN_LINK] };
  const src = `${labUrl.split('#')[0]}${formatHash({ config, view: { embed: 'true', ...view } }, keys)}`;
  const frame = `<iframe src="${escapeAttr(src)}" title="ReLU Lab" width="100%" height="${Math.ceil(height)}" loading="lazy"></iframe>`;
  return resizerUrl ? `${frame}\n<script src="${escapeAttr(resizerUrl)}" charset="utf-8"></script>` : frame;
}
