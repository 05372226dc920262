// The drawing code of panels that only some figures show, kept out of relu-lab.js as a lazily
// loaded part (web/parts.js): today the network diagram, relu-lab-network.js (web/network-part.js).
// A figure that shows such a panel loads its part before it is built (<relu-demo>), so the panel
// paints complete from its first frame; panels.js takes the code from here.
// Not here: loading a part (the element's loadPart), what the code draws (network-chart.js).

/** panel name -> the part that holds its drawing code. */
export const PANEL_PARTS = { network: 'network' };

const installed = new Map();  // part name -> its payload (once per page, as the part loader)

/** The code of part `part` (its module's exports), or null while it is not in. */
export function panelCode(part) { return installed.get(part) ?? null; }

export function installPanelCode(part, code) { installed.set(part, code); }

/** The parts that the panels `names` need and that are not in yet. */
export function missingPanelParts(names) {
  return [...new Set(names.map((n) => PANEL_PARTS[n]).filter((p) => p && !installed.has(p)))];
}
