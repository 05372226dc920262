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
  for (const item of text.split('&')) {
    if (item === '') continue;  // 'a=1&&b=2' and a trailing '&' are harmless
    const eq = item.indexOf('=');
    let key, value;
    try {
      // decodeURIComponent, not URLSearchParams: in a hash '+' is a plus sign
      // (a value like '1e+3' must survive), not a space.
      key = decodeURIComponent(eq < 0 ? item : item.slice(0, eq));
      value = eq < 0 ? null : decodeURIComponent(item.slice(eq + 1));
    } catch {
      errors.push(`bad encoding in '${item}'`);
      continue;
    }
    // Config wins if a key is in both lists: what the network is matters more.
    const target = isConfig.has(key) ? config : isView.has(key) ? view : null;
    if (target === null) {
      errors.push(`unknown key '${key}'`);
    } else if (value === null) {
      // A bare key is a switch: '#embed' means embed=true. Config keys have no
      // such shorthand, because the engine has no boolean that means "on".
      if (target === view) view[key] = 'true';
      else errors.push(`'${key}' needs a value: write ${key}=VALUE`);
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
  const values = eq < 0 ? [] : parseList(text.slice(eq + 1));
  if (key === '' || values.length < 1 || values.length > COMPARE_MAX) {
    return { error: `compare='${text}': expected KEY=V1,V2,... with 1 to ${COMPARE_MAX} values` };
  }
  return { key, values };
}

/** Parses the engine's canonical full text 'k=v&k=v' into an object. */
export function parseConfigText(text) {
  return Object.fromEntries(text.split('&').filter(Boolean).map((item) => {
    const eq = item.indexOf('=');
    return [item.slice(0, eq), item.slice(eq + 1)];
  }));
}
