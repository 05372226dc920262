// The entry of the part relu-lab-network.js (scripts/bundle.mjs CODE_PARTS): the network
// diagram's drawing, which only figures with the network panel run. relu-lab.js keeps what
// every figure needs of the diagram without drawing it: its layout (the panel's size, hit
// testing) and its units (which unit maps to compute), from the same two modules.
export { networkChart, networkPaintInSlices } from './network-chart.js';
export { networkSpec } from './network-view.js';
export { attachUnitFocus, unitText, unitMapSpec } from './unit-focus.js';
