// The names every surface shares: the engine's config keys (in schema order,
// checked against the engine's schema by a node test) and the element's
// presentation attributes.
export const CONFIG_KEYS = ['preset', 'data', 'target', 'points', 'noise', 'test', 'seed', 'depth', 'width', 'act',
  'alpha', 'init', 'bias', 'loss', 'opt', 'lr', 'batch', 'l1', 'l2', 'custom'];
// Keys the engine can change mid-run without a reset.
export const LIVE_KEYS = ['lr', 'opt', 'l1', 'l2', 'batch'];
// <relu-demo> attributes that change how a figure looks, not what it computes.
export const VIEW_ATTRIBUTES = ['panels', 'controls', 'compare', 'lang', 'autoplay', 'every', 'steps', 'speed',
  'band', 'grid', 'transport'];
