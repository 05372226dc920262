// The entry of the part relu-lab-charts.js (scripts/bundle.mjs CODE_PARTS): the charts of the
// panels few figures show (activation, curve, born; web/code-parts.js), the activation plot's
// slider and the filling of the born-dead tables. The charts every figure
// draws (lines, layers, maps) stay in relu-lab.js; this part carries its own copy of the
// helpers they share (axes, legends), which is what it costs to keep them out of the bundle.
export { activationPlot, curveChart, cellTable } from './charts.js';
export { attachActivationSlider } from './activation-slider.js';
export { workBornTables, bornTablesDone } from './born.js';
