// The network diagram's units as a control: hover or tap one to put it in focus (its map large in
// the decision map's place), or focus the diagram and move with the arrow keys. Part of the
// network part (web/network-part.js), attached by <relu-demo> to each canvas of the panel.
// What focus shows is here too (panels.js puts it in place): the unit in words, its map large.
// Not here: the diagram's drawing (network-chart.js).
import { nodeAt } from './network-chart.js';
import { unitsOf, moveFocus, unitInfo } from './network-view.js';
import { formatNumber, percent } from './charts.js';

/** 'Layer 2, unit 5: on for 43% of the training points · gradient norm 0.012 · dead' (focus: {layer, unit}). */
export function unitText(r, focus, tr) {
  const info = unitInfo(r, focus.layer, focus.unit);
  const state = info.status === 'dead' ? tr('unit_dead') : info.status === 'on' ? tr('unit_always_on') : tr('unit_alive');
  return tr('unit_info', { l: focus.layer + 1, u: focus.unit + 1, active: percent(info.active), grad: formatNumber(info.grad), state });
}

/**
 * The unit in focus, large in the decision map's place, as a heatmap spec (charts.js): at full
 * resolution once the run's decision map has its cells, from the small unit map until then.
 */
export function unitMapSpec(r, focus, tr) {
  const flat = unitsOf(r).offsets[focus.layer] + focus.unit;
  const map = r.map.unitCells(flat) ? r.map : r.unitMap;
  const cells = map.unitCells(flat);
  const n = cells ? map.shown.n : 1;
  return { nx: n, ny: n, ...r.map.box, values: cells || undefined, rowsDone: cells ? n : 0, mode: 'unit',
    cacheKey: `${map.serial}.${map.shown?.version}:${flat}`, title: tr('unit_title', { l: focus.layer + 1, u: focus.unit + 1 }) };
}

/** demo: the <relu-demo> (its runs, focus, setFocus and tr); panel: its network panel. */
export function attachUnitFocus(demo, panel) {
  panel.canvases.forEach((canvas, i) => {
    canvas.setAttribute('tabindex', '0');
    canvas.setAttribute('aria-label', demo.tr('net_aria') + (demo.runs[i]?.label ? ` (${demo.runs[i].label})` : ''));
    const at = (e) => {
      const layout = panel.layouts[i];
      if (!layout) return null;
      const rect = canvas.getBoundingClientRect();
      const hit = nodeAt(layout, e.clientX - rect.left, e.clientY - rect.top);
      const hidden = hit && unitsOf(demo.runs[i]).hidden[hit.column - 1];
      return hidden && hit.column >= 1 && hit.index < hidden.length ? { run: i, layer: hit.column - 1, unit: hidden[hit.index] } : null;
    };
    canvas.addEventListener('pointermove', (e) => {
      if (e.pointerType === 'touch' || demo.focus?.pinned) return;
      demo.setFocus(at(e));
    });
    canvas.addEventListener('pointerleave', (e) => { if (e.pointerType !== 'touch' && !demo.focus?.pinned) demo.setFocus(null); });
    canvas.addEventListener('pointerdown', (e) => {  // a tap or click pins the unit; again on it lets go
      const hit = at(e);
      const same = hit && demo.focus?.pinned && demo.focus.layer === hit.layer && demo.focus.unit === hit.unit;
      demo.setFocus(hit && !same ? { ...hit, pinned: true } : null);
    });
    canvas.addEventListener('focus', () => {
      if (!demo.focus || demo.focus.run !== i) demo.setFocus({ run: i, ...moveFocus(demo.runs[i], null), pinned: true });
    });
    canvas.addEventListener('blur', () => { if (demo.focus?.run === i && demo.focus.pinned) demo.setFocus(null); });
    canvas.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { demo.setFocus(null); return; }
      if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) return;
      e.preventDefault();
      const from = demo.focus && demo.focus.run === i ? demo.focus : null;
      const next = moveFocus(demo.runs[i], from, e.key);
      if (next) demo.setFocus({ run: i, ...next, pinned: true });
    });
  });
}
