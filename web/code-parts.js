// The code of what only some figures show, kept out of relu-lab.js as lazily loaded parts
// (web/parts.js): the network diagram's drawing, relu-lab-network.js (web/network-part.js); the
// activation, curve and born-dead charts, relu-lab-charts.js (web/charts-part.js); the controls,
// relu-lab-controls.js (web/controls.js). A figure that shows one loads its part before it is
// built (<relu-demo>), so it appears complete; panels.js and the element take the code from here.
// Not here: loading a part (the element's loadPart), what the code draws (the modules above).

/** panel name -> the part that holds its drawing code. */
export const PANEL_PARTS = { network: 'network', activation: 'charts', curve: 'charts', born: 'charts' };
/** The part that builds a figure's controls (its `controls` attribute). */
export const CONTROLS_PART = 'controls';

const installed = new Map();  // part name -> its payload (once per page, as the part loader)

/** The code of part `part` (its module's exports), or null while it is not in. */
export function partCode(part) { return installed.get(part) ?? null; }

export function installPartCode(part, code) { installed.set(part, code); }

/** The code parts a figure with these panels (names) and, if `controls`, controls needs, less those in. */
export function missingCodeParts(names, controls) {
  const parts = [...names.map((n) => PANEL_PARTS[n]), controls ? CONTROLS_PART : null];
  return [...new Set(parts.filter((p) => p && !installed.has(p)))];
}
