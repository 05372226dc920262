// Your own points on a figure's decision map (data=custom): the toolbar above the map,
// clicks and taps that add or erase points, CSV text read by the engine. A lazily loaded
// part (relu-lab-points.js, web/parts.js): only a figure whose controls offer `custom`
// needs it. Each function works on the element `d` (relu-demo.js): its engine, runs,
// pointTool and draft, and its setAttribute, buildChrome, renderStatus and redraw.
// Not here: the points' geometry and code (point-editor.js), the engine's rules.
import { pointsOfRun, pointsOfCode, addPoint, erasePoint, columns, encode } from './point-editor.js';
import { classColor } from './palette.js';
import { el } from './dom.js';

const fmt = (v) => String(Number(v.toPrecision(4)));

/** The points being edited: the draft, the custom set, or the built-in set the run trains on. */
export function editedPoints(d) {
  if (d.draft) return d.draft;
  const r = d.runs[0];
  if (r.config.data === 'custom') return pointsOfCode(d.engine, r.config.custom);
  const half = d.engine.customLimits().half;  // a built-in set's points outside the box are left out
  return pointsOfRun(r.run).filter((p) => Math.abs(p.x) <= half && Math.abs(p.y) <= half);
}

/**
 * New points: a run on them when there are enough, else a draft drawn on the map.
 * From a built-in set the figure switches to data=custom (a new run from step 0);
 * within data=custom training goes on with the same weights (custom is a live key).
 */
export function applyPoints(d, points) {
  d.changedByUser = true;
  const limits = d.engine.customLimits();
  if (points.length < limits.minPoints) {
    d.draft = points;
    for (const r of d.runs) r.points = columns(points);  // what the map draws meanwhile
    d.error = d.tr('pointsTooFew', { n: limits.minPoints });
    d.renderStatus();
    d.redraw();
    return;
  }
  const { code, error } = encode(d.engine, points);
  if (error) {
    d.error = d.tr('badSetting', { message: error });
    d.renderStatus();
    return;
  }
  d.draft = null;
  if (d.runs[0].config.data !== 'custom') d.setAttribute('data', 'custom');
  d.setAttribute('custom', code);
}

/** A click or tap on the map at data coordinates (x, y). */
export function onMapPoint(d, x, y) {
  const before = editedPoints(d);
  const half = d.engine.customLimits().half;
  const t = d.pointTool;
  const radius = 0.04 * 2 * half;  // 4% of the map's width: about a finger on a phone-sized map
  const after = t.mode === 'erase' ? erasePoint(before, x, y, radius) : addPoint(before, x, y, t.label, half);
  if (after !== before) applyPoints(d, after);
}

/** Clicks and taps on the map (panel: the boundary panel of relu-demo.js) edit the points; a drag does nothing. */
export function attachEditing(d, panel) {
  const canvas = panel.canvases[0];
  let down = null;
  canvas.addEventListener('pointerdown', (e) => { down = { x: e.clientX, y: e.clientY }; });
  canvas.addEventListener('pointerup', (e) => {
    const layout = panel.layouts[0];
    if (!down || !layout || !layout.pxToY || Math.hypot(e.clientX - down.x, e.clientY - down.y) > 8) return;
    down = null;
    const rect = canvas.getBoundingClientRect();
    onMapPoint(d, layout.pxToX(e.clientX - rect.left), layout.pxToY(e.clientY - rect.top));
  });
}

/** Loads CSV text through the engine's reader: all of it, or nothing and the line that broke a rule. */
export function loadCsv(d, text) {
  const result = d.engine.pointsFromCsv(text);
  const t = d.pointTool;
  if (result.error) {
    t.note = d.tr('csvError', { message: result.error });
    d.buildChrome();
    return;
  }
  t.note = result.rescaled
    ? d.tr('csvRescaled', { n: result.points.label.length, x: fmt(result.shiftX), y: fmt(result.shiftY), s: fmt(result.scale) })
    : d.tr('csvLoaded', { n: result.points.label.length });
  d.draft = null;
  d.changedByUser = true;
  d.setAttribute('data', 'custom');
  d.setAttribute('custom', result.code);
}

/** The toolbar above the map: class 0, class 1, erase, clear all, CSV. */
export function toolbar(d) {
  const t = d.pointTool;
  const mode = (key, label, text, swatch) => {
    const pressed = key === 'erase' ? t.mode === 'erase' : t.mode === 'add' && t.label === label;
    const b = el('button', { type: 'button', className: `point-${key}`, ariaPressed: String(pressed),
      title: d.tr(`${key}Hint`), onclick: () => {
        t.mode = key === 'erase' ? 'erase' : 'add';
        if (key !== 'erase') t.label = label;
        d.buildChrome();
      } }, swatch ? [el('span', { className: 'swatch' }), text] : [text]);
    if (swatch) b.firstChild.style.background = classColor(label);  // CSSOM, which a strict CSP allows
    return b;
  };
  const note = el('span', { className: 'points-note', ariaLive: 'polite', text: t.note });
  const csv = el('div', { className: 'points-csv', hidden: !t.csvOpen });
  const area = el('textarea', { ariaLabel: d.tr('csvPaste'), placeholder: 'x,y,label\n0.5,-0.2,1\n-0.4,0.3,0' });
  const file = el('input', { type: 'file', accept: '.csv,text/csv,text/plain', ariaLabel: d.tr('csvFile') });
  file.addEventListener('change', async () => { if (file.files[0]) loadCsv(d, await file.files[0].text()); });
  csv.append(el('span', { text: d.tr('csvRule', { half: d.engine.customLimits().half }) }), area,
    el('button', { type: 'button', className: 'csv-load', text: d.tr('csvLoad'), onclick: () => loadCsv(d, area.value) }),
    file);
  const tools = el('div', { className: 'points-tools', role: 'toolbar', ariaLabel: d.tr('pointsTools') }, [
    mode('class0', 0, d.tr('pointClass', { k: 0 }), true),
    mode('class1', 1, d.tr('pointClass', { k: 1 }), true),
    mode('erase', 0, d.tr('pointErase')),
    el('button', { type: 'button', className: 'point-clear', text: d.tr('pointClear'), title: d.tr('clearHint'),
      onclick: () => applyPoints(d, []) }),
    el('button', { type: 'button', className: 'point-csv', text: d.tr('csvOpen'), ariaExpanded: String(t.csvOpen),
      onclick: () => { t.csvOpen = !t.csvOpen; csv.hidden = !t.csvOpen; } }),
    note,
  ]);
  return el('div', {}, [tools, csv]);
}
