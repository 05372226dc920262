// The lab's state <-> the URL hash, plus the small parsing, clamping and
// quantising helpers that the controls share. Pure functions only: no DOM, no
// `location`, no engine; values are checked by the engine, not here.
//
// A state is { config: {key: string}, view: {key: string} }. `config` keys are
// the engine's schema keys (what the network is); `view` keys only change how
// the page looks (language, panels, embed). Both travel in one hash:
//   #preset=dead-relu&lr=0.1&seed=3&lang=zh&panels=loss,layers&embed

/**
 * '#lr=0.1&embed' -> { config: {lr: '0.1'}, view: {embed: 'true'}, errors: [] }.
 * Never throws: anything it cannot use becomes a message in `errors` and is
 * dropped, so a mistyped link still opens the lab with everything else intact.
 */
export function parseHash(hash, { configKeys, viewKeys }) {
  const config = {}, view = {}, errors = [];
  const isConfig = new Set(configKeys), isView = new Set(viewKeys);
  const text = String(hash ?? '').replace(/^#/, '');
  const items = text.split('&').filter((item) => item !== '');  // 'a=1&&b=2' and a trailing '&' are harmless
  if (items.length > HASH_ITEMS_MAX) {
    // Every key at most a few times is far below this; a longer link is junk or an attack.
    errors.push(`the link has ${items.length} settings: only the first ${HASH_ITEMS_MAX} are read`);
    items.length = HASH_ITEMS_MAX;
  }
  for (const item of items) {
    const eq = item.indexOf('=');
    let key, value;
    try {
      // decodeURIComponent, not URLSearchParams: in a hash '+' is a plus sign
      // (a value like '1e+3' must survive), not a space.
      key = decodeURIComponent(eq < 0 ? item : item.slice(0, eq));
      value = eq < 0 ? null : decodeURIComponent(item.slice(eq + 1));
    } catch {
      errors.push(`bad encoding in ${quoteValue(item)}`);
      continue;
    }
    // Config wins if a key is in both lists: what the network is matters more.
    const target = isConfig.has(key) ? config : isView.has(key) ? view : null;
    if (target === null) {
      errors.push(`unknown key ${quoteValue(key)}`);
    } else if (value === null) {
      // A bare key is a switch: '#embed' means embed=true. Config keys have no
      // such shorthand, because the engine has no boolean that means "on".
      if (target === view) view[key] = 'true';
      else errors.push(`${quoteValue(key)} needs a value: write ${key}=VALUE`);
    } else if (value === '') {
      delete target[key];  // 'lr=' means "not set", as formatHash would write it
    } else {
      target[key] = value;  // a repeated key: the last one wins
    }
  }
  return { config, view, errors };
}

/**
 * { config: {lr: '0.1'}, view: {embed: 'true'} } -> '#lr=0.1&embed'.
 * Keys come out in schema order, not insertion order, so the same state always
 * gives the same link (links can be compared, and diffs stay small).
 */
export function formatHash(state, { configKeys, viewKeys }) {
  const config = state?.config ?? {}, view = state?.view ?? {};
  const items = [];
  for (const key of configKeys) {
    if (hasValue(config, key)) items.push(`${encode(key)}=${encode(config[key])}`);
  }
  for (const key of viewKeys) {
    if (!hasValue(view, key)) continue;
    items.push(view[key] === 'true' ? encode(key) : `${encode(key)}=${encode(view[key])}`);
  }
  return '#' + items.join('&');
}

/** The config as the engine reads it: 'preset=dead-relu&lr=0.1', in schema order, values as they are. */
export function configText(config, configKeys) {
  return configKeys
    .filter((key) => hasValue(config ?? {}, key))
    .map((key) => `${key}=${config[key]}`)
    .join('&');
}

const hasValue = (obj, key) => Object.hasOwn(obj, key) && obj[key] != null && String(obj[key]) !== '';

// ',' is legal in a hash and lists such as panels=loss,layers read better
// without %2C; it is not a separator here, so parseHash needs no special case.
const encode = (text) => encodeURIComponent(String(text)).replace(/%2C/gi, ',');

// ------------------------------------------------------------ control helpers

/** v limited to [lo, hi] (the bounds may come in either order). NaN stays NaN: the caller decides what junk means. */
export function clamp(v, lo, hi) {
  if (lo > hi) [lo, hi] = [hi, lo];
  return Math.min(hi, Math.max(lo, v));
}

/**
 * v rounded to the nearest origin + k*step: quantize(0.29, 0.1) -> 0.3, not
 * 0.30000000000000004. The product k*step carries binary rounding error, so we
 * round it to the decimals that step and origin actually have. Ties go up
 * (Math.round). A step that is not > 0 leaves v unchanged.
 */
export function quantize(v, step, origin = 0) {
  if (!(step > 0) || !Number.isFinite(step) || !Number.isFinite(v)) return v;
  const k = Math.round((v - origin) / step);
  const digits = Math.min(20, Math.max(decimals(step), decimals(origin)));
  return Number((origin + k * step).toFixed(digits)) + 0;  // + 0 turns -0 into 0
}

/** Digits after the decimal point in the shortest text of x: 0.25 -> 2, 1e-7 -> 7, 300 -> 0. */
function decimals(x) {
  const [mantissa, exponent = '0'] = String(x).split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/** 'a, b,,c' -> ['a', 'b', 'c']: trimmed, empties dropped, order kept. */
export function parseList(text) {
  return String(text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export const COMPARE_MAX = 6;  // more side-by-side runs than this stop being readable

// ------------------------------------------------------------ text from anyone
// A link or an attribute is text from anyone: a list is read once per item and up
// to a limit, a message quotes its value safely and briefly, and a message repeated
// is counted, not repeated (a link of 10,000 'a=1' once filled an alert box with
// 85,038 characters, and 100 copies of one panel froze the page).

export const HASH_ITEMS_MAX = 200;   // settings read from one link (the schema has about 25 keys)
export const VALUE_SHOWN_MAX = 40;   // characters of a value shown in a message
export const MESSAGES_MAX = 5;       // distinct messages shown at once

/**
 * A value as a message shows it: in single quotes, control and bidirectional-override
 * characters written as escapes (so a value cannot break a line, a terminal or the
 * reading order), and cut to `max` characters with an ellipsis and its full length.
 *   quoteValue('a\nb') -> "'a\\nb'";  quoteValue('x'.repeat(1000)) -> "'xxx…' (1000 characters)"
 */
export function quoteValue(value, max = VALUE_SHOWN_MAX) {
  const chars = [...String(value)];  // code points, so a cut never splits a surrogate pair
  const shown = chars.slice(0, max).map(escapeChar).join('');
  return chars.length > max ? `'${shown}…' (${chars.length} characters)` : `'${shown}'`;
}

/** A value in a 'key=value' message: as typed when short and plain, else quoted as quoteValue does. */
export function showValue(value, max = VALUE_SHOWN_MAX) {
  const text = String(value);
  const plain = [...text].length <= max && [...text].every((c) => escapeChar(c) === c);
  return plain ? text : quoteValue(text, max);
}

export const MESSAGE_MAX = 300;  // characters of one message from elsewhere (the engine echoes values)

/**
 * A message from elsewhere (the engine's, which quotes the value it refuses) made safe
 * to show: control and bidi characters escaped as quoteValue does, and cut to `max`
 * characters with an ellipsis. Text that is already safe comes back unchanged.
 */
export function safeMessage(text, max = MESSAGE_MAX) {
  const chars = [...String(text)].map(escapeChar);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

const NAMED_ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
function escapeChar(c) {
  if (NAMED_ESCAPES[c]) return NAMED_ESCAPES[c];
  const code = c.codePointAt(0);
  // C0 and C1 controls, DEL, the bidi embeddings, overrides and isolates, line/paragraph separators
  if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x202a && code <= 0x202e)
    || (code >= 0x2066 && code <= 0x2069) || code === 0x2028 || code === 0x2029) {
    return `\\u{${code.toString(16)}}`;
  }
  return c;
}

/**
 * A list-valued setting (panels, controls, compare's values) read safely:
 * 'a,b,a,c' -> { items: ['a', 'b', 'c'], errors: ["panels: 'a' is listed 2 times; each is used once"] }.
 * Duplicates are dropped (order kept), and at most `max` distinct items are read.
 */
export function readList(name, text, max) {
  const counts = new Map();
  for (const item of parseList(text)) counts.set(item, (counts.get(item) || 0) + 1);
  const errors = [];
  const repeated = [...counts].filter(([, n]) => n > 1);
  if (repeated.length) {
    const shown = repeated.slice(0, 3).map(([item, n]) => `${quoteValue(item)} is listed ${n} times`);
    if (repeated.length > 3) shown.push(`${repeated.length - 3} more repeated`);
    errors.push(`${name}: ${shown.join(', ')}; each is used once`);
  }
  const items = [...counts.keys()];
  if (items.length > max) {
    errors.push(`${name}: ${items.length} different items; at most ${max} are accepted, the first ${max} are used`);
    items.length = max;
  }
  return { items, errors };
}

/**
 * Messages as a box shows them: each distinct one once, with a count when repeated,
 * and at most `max` of them: { shown: ['unknown key \'a\' (×5000)'], more: 0 }.
 * `more` is how many distinct messages were left out (the caller says so in its language).
 */
export function capMessages(messages, max = MESSAGES_MAX) {
  const counts = new Map();
  for (const m of messages) if (m) counts.set(m, (counts.get(m) || 0) + 1);
  const lines = [...counts].map(([m, n]) => (n > 1 ? `${m} (×${n})` : m));
  return { shown: lines.slice(0, max), more: Math.max(0, lines.length - max) };
}

/**
 * The `compare` attribute: 'act=relu,sigmoid' -> { key: 'act', values: ['relu', 'sigmoid'] };
 * empty or missing -> null (no comparison); anything else -> { error }.
 * Whether `key` is a real config key is checked by the caller, which knows the schema.
 */
export function parseCompare(text) {
  if (text == null || String(text).trim() === '') return null;
  text = String(text);
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq).trim();
  // Duplicates are dropped before counting: 'lr=0.1,0.1' is one run, not two identical ones.
  const { items: values, errors } = readList('compare', eq < 0 ? '' : text.slice(eq + 1), Infinity);
  if (key === '' || values.length < 1 || values.length > COMPARE_MAX) {
    return { error: `compare=${quoteValue(text)}: expected KEY=V1,V2,... with 1 to ${COMPARE_MAX} different values` };
  }
  return errors.length ? { key, values, warnings: errors } : { key, values };
}

/** Messages for the view values the page itself reads from a link (the element checks the rest). */
export function viewValueErrors(view, { langs }) {
  const errors = [];
  if (view.lang !== undefined && !langs.includes(view.lang)) {
    errors.push(`lang=${quoteValue(view.lang)}: the languages are ${langs.join(', ')}`);
  }
  return errors;
}

/** Parses the engine's canonical full text 'k=v&k=v' into an object. */
export function parseConfigText(text) {
  return Object.fromEntries(text.split('&').filter(Boolean).map((item) => {
    const eq = item.indexOf('=');
    return [item.slice(0, eq), item.slice(eq + 1)];
  }));
}
