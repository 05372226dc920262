// The rules of a <relu-demo>'s attributes, as pure functions of a plain
// {name: value} object (a missing attribute is absent or null): which runs to
// create (config texts, one per compared value), how the figure looks (panels,
// steps, speed, grid, ...), and the messages for values it cannot use.
// Not here: the DOM, the engine (config values are checked by the engine, which
// owns the schema; only presentation attributes are checked here), time.
//
// Attribute values come from anyone (a blog's markup, a link's hash): every list is
// read once per item and capped, every value a message shows is quoted safely
// (state.js), and one refused config value never discards the others (resolveRuns).
import { parseList, parseCompare, readList, quoteValue, showValue, safeMessage } from './state.js';
import { CONFIG_KEYS } from './keys.js';
import { PANELS } from './panels.js';
import { LANGS } from './i18n.js';
import { checkLabUrl } from './share.js';

export const DEFAULT_PANELS = ['loss', 'layers', 'boundary'];
// How decision maps draw (the boundary panel's two toggles), as the `map` attribute lists them:
// `test` draws the test points (rings), `discrete` paints each cell in its class's colour.
export const MAP_OPTIONS = ['test', 'discrete'];
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
 * {panels, controls, compare, every, maxSteps, stepsPerFrame, grid, band, transport, layout, map}.
 */
export function viewSettings(attrs) {
  const [every, maxSteps, speed, grid] = WHOLE_NUMBERS.map(([name, fallback, lo, hi]) =>
    intAttribute(get(attrs, name), fallback, lo, hi));
  const panels = readList('panels', get(attrs, 'panels'), PANELS_READ_MAX).items.filter((p) => PANELS.includes(p));
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
    map: mapOptions(attrs),
  };
}

/** The `map` attribute -> {test, discrete}: which of the decision map's toggles are on. */
function mapOptions(attrs) {
  const items = readList('map', get(attrs, 'map'), MAP_OPTIONS.length + 5).items;
  return Object.fromEntries(MAP_OPTIONS.map((o) => [o, items.includes(o)]));
}

/** The toggles {test, discrete} -> the `map` attribute ('test,discrete', in MAP_OPTIONS order), or null when none is on. */
export function mapAttribute(options) {
  const on = MAP_OPTIONS.filter((o) => options?.[o]);
  return on.length ? on.join(',') : null;
}

// Controls for how the figure looks, beside the config keys: which panels, and what to compare.
export const VIEW_CONTROLS = ['panels', 'compare'];

// Distinct items read from a list attribute: every name once, plus room for a few
// unknown ones to be reported (a list of 100,000 names costs one pass, no more).
const PANELS_READ_MAX = PANELS.length + 5;
const CONTROLS_READ_MAX = CONFIG_KEYS.length + VIEW_CONTROLS.length + 6;  // every key, 'all', the view controls, a few unknown
const UNKNOWN_SHOWN = 3;  // unknown names listed in one message; the rest are counted

/** The config keys to show as controls, each once: in schema order for `all`, else as listed. */
export function controlKeys(attrs) {
  const wanted = readList('controls', get(attrs, 'controls'), CONTROLS_READ_MAX).items;
  return wanted.includes('all') ? CONFIG_KEYS : wanted.filter((k) => CONFIG_KEYS.includes(k));
}

/** The view controls asked for (`controls="all,panels,compare"`), in VIEW_CONTROLS order. */
export function viewControlKeys(attrs) {
  const wanted = readList('controls', get(attrs, 'controls'), CONTROLS_READ_MAX).items;
  return VIEW_CONTROLS.filter((k) => wanted.includes(k));
}

/** Whether the alpha field means anything: some run's activation uses it (the engine's table says which). */
export function alphaMatters(acts, activations) {
  return acts.some((act) => activations.find((a) => a.name === act)?.usesAlpha);
}

/** Whether the target field means anything: some run fits a curve (data=curve's function). */
export function targetMatters(datas) { return datas.includes('curve'); }

/** Whether the points field means anything: data=custom's points are the reader's own (cpp/lab.cpp config_data). */
export function pointsMatter(datas) { return datas.some((d) => d !== 'custom'); }

/**
 * Whether the noise field means anything: digits are images as drawn, custom points are placed
 * as given, and data=noise's positions are pure noise already (cpp/data.cpp draw_point adds none).
 */
export function noiseMatters(datas) { return datas.some((d) => !['digits', 'custom', 'noise'].includes(d)); }

/** The compare attribute for a key and a values text ('lr', '0.01, 0.1') -> 'lr=0.01,0.1'; null to stop comparing. */
export function compareAttribute(key, valuesText) {
  const values = parseList(String(valuesText ?? '').replace(/\s+/g, ','));
  return key && values.length ? `${key}=${values.join(',')}` : null;
}

/** "unknown 'a', 'b', 'c' and 4 more": each quoted safely, at most a few. */
function unknownList(names) {
  const shown = names.slice(0, UNKNOWN_SHOWN).map((n) => quoteValue(n)).join(', ');
  return names.length > UNKNOWN_SHOWN ? `${shown} and ${names.length - UNKNOWN_SHOWN} more` : shown;
}

/** Messages for presentation attributes the figure cannot use (they fall back to defaults). */
export function viewErrors(attrs) {
  const errors = [];
  const panels = readList('panels', get(attrs, 'panels'), PANELS_READ_MAX);
  errors.push(...panels.errors);
  const unknownPanels = panels.items.filter((p) => !PANELS.includes(p));
  if (unknownPanels.length) errors.push(`panels: unknown ${unknownList(unknownPanels)}; panels are ${PANELS.join(', ')}`);
  const controls = readList('controls', get(attrs, 'controls'), CONTROLS_READ_MAX);
  errors.push(...controls.errors);
  const unknownControls = controls.items.filter((k) => k !== 'all' && !CONFIG_KEYS.includes(k) && !VIEW_CONTROLS.includes(k));
  if (unknownControls.length) {
    errors.push(`controls: unknown ${unknownList(unknownControls)}; controls are config keys, 'all', 'panels' or 'compare'`);
  }
  const compare = parseCompare(get(attrs, 'compare'));
  if (compare?.warnings) errors.push(...compare.warnings);
  for (const [name, , lo, hi] of WHOLE_NUMBERS) {
    const v = get(attrs, name);
    if (v !== null && intAttribute(v, NaN, lo, hi) !== Number(v)) errors.push(`${name}=${showValue(v)}: must be a whole number in [${lo}, ${hi}]`);
  }
  const map = readList('map', get(attrs, 'map'), MAP_OPTIONS.length + 5);
  errors.push(...map.errors);
  const unknownMap = map.items.filter((o) => !MAP_OPTIONS.includes(o));
  if (unknownMap.length) errors.push(`map: unknown ${unknownList(unknownMap)}; map options are ${MAP_OPTIONS.join(', ')}`);
  const band = get(attrs, 'band');
  if (band !== null && band !== 'brain' && band !== '') errors.push(`band=${showValue(band)}: the only band is 'brain'`);
  const transport = get(attrs, 'transport');
  if (transport !== null && transport !== 'none' && transport !== '') errors.push(`transport=${showValue(transport)}: use 'none' to hide it`);
  const layout = get(attrs, 'layout');
  if (layout !== null && layout !== 'lab' && layout !== '') errors.push(`layout=${showValue(layout)}: the only layout is 'lab'`);
  const lang = get(attrs, 'lang');
  if (lang !== null && lang !== '' && !LANGS.includes(lang)) errors.push(`lang=${quoteValue(lang)}: the languages are ${LANGS.join(', ')}`);
  const labUrl = get(attrs, 'lab-url');
  if (labUrl !== null && checkLabUrl(labUrl)) errors.push(checkLabUrl(labUrl));
  return errors;
}

/** Where the share link points: the lab-url attribute if it is safe to hand to readers, else the default. */
export function labUrlFor(attrs, scriptUrl) {
  const labUrl = get(attrs, 'lab-url');
  return labUrl && !checkLabUrl(labUrl) ? labUrl : defaultLabUrl(scriptUrl);
}

/** The config text from the attributes, in schema order; {error} if a value holds a separator. */
export function configText(attrs, extra = {}) {
  const items = [];
  for (const key of CONFIG_KEYS) {
    const value = key in extra ? extra[key] : get(attrs, key);
    if (value === null || value === undefined) continue;
    // The engine splits its text on these: a value holding one would read as other keys.
    if (/[&;=\s]/.test(value)) return { error: separatorError(key, value) };
    items.push(`${key}=${value}`);
  }
  return { text: items.join('&') };
}

const separatorError = (key, value) => `${key}=${showValue(value)}: a value cannot contain spaces, '&', ';' or '='`;

/**
 * The engine's message about `value`, safe to show: the value, wherever the message
 * echoes it whole, shown as showValue does (a 10 KB value cut, its rule still
 * readable), then safeMessage for anything else.
 */
export function engineMessage(message, value) {
  const text = String(message);
  const shown = value && text.includes(value) ? text.split(value).join(showValue(value)) : text;
  return safeMessage(shown);
}

/** '' if `value` can go to the engine as the value of `key`, else the message (it would read as other keys). */
export function valueError(key, value) { return /[&;=\s]/.test(value) ? separatorError(key, value) : ''; }

/**
 * The runs to build, with every config value the engine accepts: a refused value is
 * left out (the engine's default, or the preset's, takes its place) and reported,
 * so one bad value in a link never discards the rest of it. check(text) is the
 * engine's checker ({ok, error, full}). Keys are tried in schema order, each kept if
 * the config with it still checks (so `preset` comes first, and a key that clashes
 * with the ones before it is the one refused). Returns
 * { runs: [{label, text, result}], refused: [{key, value, message}], compareError }
 * with at least one run (with everything refused: the defaults).
 */
export function resolveRuns(attrs, check) {
  let compare = parseCompare(get(attrs, 'compare'));
  let compareError = '';
  if (compare?.error) compareError = compare.error;
  else if (compare && !CONFIG_KEYS.includes(compare.key)) {
    compareError = `compare=${quoteValue(get(attrs, 'compare'))}: ${quoteValue(compare.key)} is not a config key`;
  }
  if (compareError) compare = null;
  const refused = [];
  const accepted = [];
  const join = (items) => items.map(([k, v]) => `${k}=${v}`).join('&');
  const base = [];
  for (const key of CONFIG_KEYS) {
    const value = get(attrs, key);
    if (value === null || key === compare?.key) continue;
    // The engine splits its text on these: a value holding one would read as other keys.
    if (/[&;=\s]/.test(value)) refused.push({ key, value, message: separatorError(key, value) });
    else base.push([key, value]);
  }
  if (check(join(base)).ok) accepted.push(...base);
  else {
    for (const item of base) {
      const result = check(join([...accepted, item]));
      if (result.ok) accepted.push(item);
      else refused.push({ key: item[0], value: item[1], message: engineMessage(result.error, item[1]) });
    }
  }
  // The compared key goes where the schema puts it, so a preset still comes first.
  const withKey = (key, value) => {
    const items = [...accepted, [key, value]];
    return items.sort(([a], [b]) => CONFIG_KEYS.indexOf(a) - CONFIG_KEYS.indexOf(b));
  };
  const runs = [];
  for (const value of compare ? compare.values : []) {
    if (/[&;=\s]/.test(value)) {
      refused.push({ key: compare.key, value, message: separatorError(compare.key, value) });
      continue;
    }
    const text = join(withKey(compare.key, value));
    const result = check(text);
    if (result.ok) runs.push({ label: `${compare.key}=${value}`, text, result });
    else refused.push({ key: compare.key, value, message: engineMessage(result.error, value) });
  }
  if (!runs.length) {
    const text = join(accepted);
    runs.push({ label: '', text, result: check(text) });
  }
  return { runs, refused, compareError };
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

/** Where the full lab lives by default: index.html beside the script's dist/ folder, or null (unknown). */
export function defaultLabUrl(scriptUrl) {
  // Only the repository's layout (dist/relu-lab.js beside index.html) says where a lab is.
  // A script copied into a blog's static folder has none beside it: null, and the menu
  // says how to set lab-url, rather than handing readers a link that would not load.
  if (!scriptUrl || !/\/dist\/[^/]*$/.test(scriptUrl)) return null;
  return new URL('../index.html', scriptUrl).href;
}

/** The resizer script for iframe embeds, beside relu-lab.js (the build writes both to dist/). */
export function resizerUrl(scriptUrl) {
  return scriptUrl ? new URL('relu-lab-iframe.js', scriptUrl).href : 'relu-lab-iframe.js';
}

// ---------------------------------------------------------------- pace

// Below this many steps per second a figure says it trains slowly: at the default
// record interval (10) its curves then gain less than one point a second.
export const SLOW_STEPS_PER_SECOND = 10;

// Known before a step is timed: a step whose work, with its share of the records, passes
// this many multiply-adds trains below SLOW_STEPS_PER_SECOND on a fast machine too. The
// wasm engine does a bounded chunk of 2^24 multiply-adds in about 7 ms (cpp/lab.hpp), and
// the page gives training at most about 600 ms of each second: some 2^24 x 86 a second,
// so 2^27 per step is about 10 steps a second.
export const HEAVY_WORK_PER_STEP = 2 ** 27;

/**
 * Whether runs of this work train slowly wherever they run, from the engine's counts
 * (multiply-adds of one step and of one record, records every `every` steps): {heavy,
 * step, record} with step and record in millions of multiply-adds (2 significant digits).
 */
export function heavyWork(stepWork, recordWork, every) {
  const perStep = stepWork + recordWork / Math.max(1, every);
  const millions = (x) => Number((x / 1e6).toPrecision(2));
  return { heavy: perStep > HEAVY_WORK_PER_STEP, step: millions(stepWork), record: millions(recordWork) };
}

/**
 * Steps per second while playing, from frames: rate is null until `windowMs` of
 * playing time is seen, then updated each window. A frame's interval counts at most
 * max(gapMs, its work), so time with no frames (a hidden tab, a pause between
 * frames) does not count as slow training, while a long step still does.
 */
export class PaceMeter {
  constructor({ windowMs = 2000, gapMs = 250 } = {}) {
    this.windowMs = windowMs;
    this.gapMs = gapMs;
    this.reset();
  }

  /** Forget what was measured (play pressed again, new runs). */
  reset() {
    this.rate = null;
    this.last = null;   // {steps, t} of the previous frame
    this.window = { steps: 0, ms: 0 };
  }

  /** A playing frame ended at time t (ms) with the lead run at `steps`, after `workMs` of work. */
  note(steps, t, workMs = 0) {
    if (this.last) {
      this.window.steps += Math.max(0, steps - this.last.steps);
      this.window.ms += Math.min(t - this.last.t, Math.max(this.gapMs, workMs));
      if (this.window.ms >= this.windowMs) {
        this.rate = (1000 * this.window.steps) / this.window.ms;
        this.window = { steps: 0, ms: 0 };
      }
    }
    this.last = { steps, t };
  }

  /** Whether the last window was slow. */
  get slow() { return this.rate !== null && this.rate < SLOW_STEPS_PER_SECOND; }
}
