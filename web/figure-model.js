// The rules of a <relu-demo>'s attributes, as pure functions of a plain
// {name: value} object (a missing attribute is absent or null): which runs to
// create (config texts, one per compared value), how the figure looks (panels,
// steps, speed, grid, ...), and the messages for values it cannot use.
// Not here: the DOM, the engine (config values are checked by the engine, which
// owns the schema; only presentation attributes are checked here), time.
import { parseList, parseCompare } from './state.js';
import { CONFIG_KEYS } from './keys.js';
import { PANELS } from './panels.js';

export const DEFAULT_PANELS = ['loss', 'layers', 'boundary'];
export const SLIDER_KEYS = ['depth', 'width'];  // small whole-number ranges read best as sliders

// Whole-number presentation attributes: [name, fallback, lo, hi]. The fallback of
// `speed` is `every` (one record per frame), so it is filled in by viewSettings.
const WHOLE_NUMBERS = [['every', 10, 1, 10000], ['steps', 0, 0, 10000000], ['speed', null, 1, 100000], ['grid', 48, 8, 200]];

/** A whole number attribute within [lo, hi], or the fallback. */
export function intAttribute(value, fallback, lo, hi) {
  const n = Number(value);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : fallback;
}

const get = (attrs, name) => (attrs[name] === undefined ? null : attrs[name]);

/**
 * How the figure looks and paces itself, every value usable (bad ones fall back
 * to defaults; viewErrors says which):
 * {panels, controls, compare, every, maxSteps, stepsPerFrame, grid, band, transport, layout}.
 */
export function viewSettings(attrs) {
  const [every, maxSteps, speed, grid] = WHOLE_NUMBERS.map(([name, fallback, lo, hi]) =>
    intAttribute(get(attrs, name), fallback, lo, hi));
  const panels = parseList(get(attrs, 'panels')).filter((p) => PANELS.includes(p));
  const compare = parseCompare(get(attrs, 'compare'));
  return {
    panels: panels.length ? panels : DEFAULT_PANELS,
    controls: controlKeys(attrs),
    viewControls: viewControlKeys(attrs),
    compare: compare && !compare.error && CONFIG_KEYS.includes(compare.key) ? compare : null,
    every,
    maxSteps,
    stepsPerFrame: speed ?? every,
    grid,
    band: get(attrs, 'band'),
    transport: get(attrs, 'transport') !== 'none',
    layout: get(attrs, 'layout') === 'lab' ? 'lab' : '',
  };
}

// Controls for how the figure looks, beside the config keys: which panels, and what to compare.
export const VIEW_CONTROLS = ['panels', 'compare'];

/** The config keys to show as controls, in schema order for `all`, else as listed. */
export function controlKeys(attrs) {
  const wanted = parseList(get(attrs, 'controls'));
  return wanted.includes('all') ? CONFIG_KEYS : wanted.filter((k) => CONFIG_KEYS.includes(k));
}

/** The view controls asked for (`controls="all,panels,compare"`), in VIEW_CONTROLS order. */
export function viewControlKeys(attrs) {
  const wanted = parseList(get(attrs, 'controls'));
  return VIEW_CONTROLS.filter((k) => wanted.includes(k));
}

/** Whether the alpha field means anything: some run's activation uses it (the engine's table says which). */
export function alphaMatters(acts, activations) {
  return acts.some((act) => activations.find((a) => a.name === act)?.usesAlpha);
}

/** The compare attribute for a key and a values text ('lr', '0.01, 0.1') -> 'lr=0.01,0.1'; null to stop comparing. */
export function compareAttribute(key, valuesText) {
  const values = parseList(String(valuesText ?? '').replace(/\s+/g, ','));
  return key && values.length ? `${key}=${values.join(',')}` : null;
}

/** Messages for presentation attributes the figure cannot use (they fall back to defaults). */
export function viewErrors(attrs) {
  const errors = [];
  const unknownPanels = parseList(get(attrs, 'panels')).filter((p) => !PANELS.includes(p));
  if (unknownPanels.length) errors.push(`panels: unknown '${unknownPanels.join("', '")}'; panels are ${PANELS.join(', ')}`);
  const unknownControls = parseList(get(attrs, 'controls'))
    .filter((k) => k !== 'all' && !CONFIG_KEYS.includes(k) && !VIEW_CONTROLS.includes(k));
  if (unknownControls.length) {
    errors.push(`controls: unknown '${unknownControls.join("', '")}'; controls are config keys, 'all', 'panels' or 'compare'`);
  }
  for (const [name, , lo, hi] of WHOLE_NUMBERS) {
    const v = get(attrs, name);
    if (v !== null && intAttribute(v, NaN, lo, hi) !== Number(v)) errors.push(`${name}=${v}: must be a whole number in [${lo}, ${hi}]`);
  }
  const band = get(attrs, 'band');
  if (band !== null && band !== 'brain' && band !== '') errors.push(`band=${band}: the only band is 'brain'`);
  const transport = get(attrs, 'transport');
  if (transport !== null && transport !== 'none' && transport !== '') errors.push(`transport=${transport}: use 'none' to hide it`);
  const layout = get(attrs, 'layout');
  if (layout !== null && layout !== 'lab' && layout !== '') errors.push(`layout=${layout}: the only layout is 'lab'`);
  return errors;
}

/** The config text from the attributes, in schema order; {error} if a value holds a separator. */
export function configText(attrs, extra = {}) {
  const items = [];
  for (const key of CONFIG_KEYS) {
    const value = key in extra ? extra[key] : get(attrs, key);
    if (value === null || value === undefined) continue;
    // The engine splits its text on these: a value holding one would read as other keys.
    if (/[&;=\s]/.test(value)) return { error: `${key}=${value}: a value cannot contain spaces, '&', ';' or '='` };
    items.push(`${key}=${value}`);
  }
  return { text: items.join('&') };
}

/** Run specs {label, text}: one, or one per compared value (same seed, one key differs); or {error}. */
export function runSpecs(attrs) {
  const compare = parseCompare(get(attrs, 'compare'));
  if (compare && compare.error) return { error: compare.error };
  if (compare && !CONFIG_KEYS.includes(compare.key)) {
    return { error: `compare='${get(attrs, 'compare')}': '${compare.key}' is not a config key` };
  }
  const variants = compare ? compare.values.map((v) => ({ label: `${compare.key}=${v}`, extra: { [compare.key]: v } }))
    : [{ label: '', extra: {} }];
  const specs = [];
  for (const { label, extra } of variants) {
    const { text, error } = configText(attrs, extra);
    if (error) return { error };
    specs.push({ label, text });
  }
  return { specs };
}

/** The seed "new seed" moves to: the next one, wrapping within the schema's range [0, 2^31). */
export function nextSeed(seed) { return ((Number(seed) || 0) + 1) % 2147483648; }

/** The attributes a share link or snippet should carry: as they stand, with the seed the runs use. */
export function shareAttributes(attrs, seed) {
  const out = { ...attrs };
  if (seed !== undefined && seed !== null) out.seed = seed;
  delete out.autoplay;
  return out;
}

/** Where the full lab lives, next to the script by default (dist/relu-lab.js -> index.html). */
export function defaultLabUrl(scriptUrl) {
  if (!scriptUrl) return 'index.html';
  return new URL(/\/dist\/[^/]*$/.test(scriptUrl) ? '../index.html' : 'index.html', scriptUrl).href;
}
