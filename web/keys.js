// The names every surface shares: the engine's config keys (in schema order,
// checked against the engine's schema by a node test; they are needed before the
// engine loads, for observedAttributes and the URL hash) and the element's
// presentation attributes. The keys that change mid-run, the record field names
// and the input size come from the engine itself (engine.js).
export const CONFIG_KEYS = ['preset', 'data', 'target', 'points', 'noise', 'test', 'seed', 'depth', 'width', 'residual',
  'act', 'alpha', 'init', 'bias', 'loss', 'opt', 'lr', 'batch', 'l1', 'l2', 'custom'];
// <relu-demo> attributes that change how a figure looks, not what it computes.
export const VIEW_ATTRIBUTES = ['panels', 'controls', 'compare', 'lang', 'autoplay', 'every', 'steps', 'speed',
  'band', 'grid', 'transport', 'layout', 'map'];
