// What the network diagram shows for one FigureRun: which units are drawn, the
// per-unit statistics of the last record, the links' weights, each unit's map
// (from the run's unit map), the unit in focus and the words about it. It reads
// the engine Run; network-chart.js turns the result into pixels.
// Not here: pixels (network-chart.js), DOM and events (the element), time (trainer.js).
import { drawnUnits } from './network-chart.js';

export const UNIT_MAP_N = 16;  // cells per side of a unit's small map: low resolution, cheap for a 20 x 256 net

/**
 * The drawn units of a net with these widths (hidden layers, then the outputs) and
 * `inputs` inputs: {inputs, hidden: [[unit]], outputs, flat: [flat index of each drawn
 * hidden unit, layer by layer], offsets: [first flat index of each hidden layer]}.
 */
export function diagramUnits(inputs, widths) {
  const hiddenWidths = widths.slice(0, -1);
  const offsets = [];
  let start = 0;
  for (const w of hiddenWidths) { offsets.push(start); start += w; }
  const hidden = hiddenWidths.map((w) => drawnUnits(w));
  return {
    inputs: drawnUnits(inputs),
    hidden,
    outputs: drawnUnits(widths[widths.length - 1]),
    flat: hidden.flatMap((units, l) => units.map((u) => offsets[l] + u)),
    offsets,
  };
}

/** The run's drawn units, computed once per run (its shape does not change). */
export function unitsOf(r) {
  if (!r.diagram) r.diagram = diagramUnits(r.run.inputs, r.run.widths);
  return r.diagram;
}

/** Per hidden layer {active, grad_w} of the last record, fetched again only when a record was added. */
export function unitStatsOf(r) {
  const recorded = r.run.history.recorded;  // records ever made (a thinned history holds fewer rows)
  if (!r.unitStats || r.unitStats.recorded !== recorded) {
    r.unitStats = { recorded, layers: r.run.widths.slice(0, -1).map((_, l) => r.run.unitStats(l)) };
  }
  return r.unitStats.layers;
}

/** 'dead' (never on over the training set), 'on' (always on: linear there) or ''. */
export function unitStatus(active) {
  if (active === 0) return 'dead';
  if (active === 1) return 'on';
  return '';
}

/** Unit `unit` of hidden layer `layer` (0-based): {active, grad, status}. */
export function unitInfo(r, layer, unit) {
  const s = unitStatsOf(r)[layer];
  const active = s ? s.active[unit] : NaN;
  return { active, grad: s ? s.grad_w[unit] : NaN, status: unitStatus(active) };
}

/** The plane's coordinate as a map in [0, 1] (input node k: 0 is x1, 1 is x2), n x n, row 0 at the top. */
function inputMap(k, n) {
  const m = new Float32Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) m[r * n + c] = k === 0 ? (c + 0.5) / n : 1 - (r + 0.5) / n;
  return m;
}

/**
 * The chart spec for networkChart (without layout, theme and text). focus: {layer, unit} or null.
 * Maps: each drawn hidden unit's cells from the run's unit map (null until one is complete).
 */
export function networkSpec(r, focus) {
  const d = unitsOf(r);
  const stats = unitStatsOf(r);
  const plane = r.unitMap.available;
  const n = r.unitMap.shown ? r.unitMap.shown.n : UNIT_MAP_N;
  const columns = [{ kind: 'input', count: r.run.inputs, drawn: d.inputs,
    maps: d.inputs.map((k) => (plane ? inputMap(k, n) : null)), status: d.inputs.map(() => '') }];
  d.hidden.forEach((units, l) => {
    const s = stats[l];
    columns.push({ kind: 'hidden', count: r.run.widths[l], drawn: units,
      maps: units.map((u) => r.unitMap.unitCells(d.offsets[l] + u)),
      shares: units.map((u) => (s ? s.active[u] : NaN)),
      status: units.map((u) => unitStatus(s ? s.active[u] : NaN)) });
  });
  const outputs = r.run.widths[r.run.widths.length - 1];
  columns.push({ kind: 'output', count: outputs, drawn: d.outputs,
    maps: d.outputs.map(() => (outputs === 1 && r.unitMap.shown ? r.unitMap.shown.prob : null)), status: d.outputs.map(() => '') });
  // Links: layer l's weights between the drawn units of column l (its inputs) and column l + 1;
  // none while a new run still draws its weights (reading them would draw the rest at once).
  const links = r.run.ready === false ? []
    : columns.slice(1).map((col, l) => r.run.weightsBetween(l, col.drawn, columns[l].drawn));
  const selected = focus ? { column: focus.layer + 1, index: d.hidden[focus.layer].indexOf(focus.unit) } : null;
  return { columns, links, mapN: n, selected: selected && selected.index >= 0 ? selected : null };
}

/** Moves the focus with an arrow key over the drawn hidden units; returns the new {layer, unit}. */
export function moveFocus(r, focus, key) {
  const { hidden } = unitsOf(r);
  if (!hidden.length) return null;
  if (!focus) return { layer: 0, unit: hidden[0][0] };
  let layer = focus.layer, index = Math.max(0, hidden[layer].indexOf(focus.unit));
  if (key === 'ArrowLeft') layer = Math.max(0, layer - 1);
  if (key === 'ArrowRight') layer = Math.min(hidden.length - 1, layer + 1);
  if (key === 'ArrowUp') index -= 1;
  if (key === 'ArrowDown') index += 1;
  if (key === 'Home') index = 0;
  if (key === 'End') index = hidden[layer].length - 1;
  index = Math.max(0, Math.min(hidden[layer].length - 1, index));
  return { layer, unit: hidden[layer][index] };
}

/** Dead units per hidden layer, 1-based unit numbers (every unit, not only the drawn ones). */
export function deadUnits(r) {
  return unitStatsOf(r).map((s) => (s ? Array.from(s.active.keys()).filter((u) => s.active[u] === 0).map((u) => u + 1) : []));
}
