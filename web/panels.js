// The panels a <relu-demo> can show: for each, which arrays of the records go to
// which chart, and a one-sentence text summary for screen readers. Each panel
// reads FigureRuns (figure-run.js) and draws; none of them steps or changes a run.

import { CURVE_SAMPLES } from './figure-run.js';
import { lineChart, layerChart, heatmap, formatNumber, percent as pct } from './charts.js';
import { seriesColor } from './palette.js';
import { networkLayout } from './network-chart.js';
import { unitsOf, deadUnits } from './network-view.js';
import { partCode, PANEL_PARTS } from './code-parts.js';
import { setText, setHidden } from './dom.js';

export const PANELS = ['activation', 'loss', 'accuracy', 'active', 'layers', 'paths', 'gradients', 'dead', 'alpha',
  'boundary', 'regions', 'network', 'curve', 'born'];
// Panels with one canvas per run when comparing.
export const PER_RUN_PANELS = ['network', 'boundary', 'regions', 'born'];

const LINE_HEIGHT = 220;  // CSS px of a chart; decision maps are square
const ACTIVATION_XS = Float32Array.from({ length: 161 }, (_, i) => -4 + i * 0.05);

/** Mean over layers, per record: one array as long as the history. */
export function meanOverLayers(perLayer) {
  if (!perLayer.length) return [];
  return perLayer[0].map((_, i) => perLayer.reduce((s, layer) => s + layer[i], 0) / perLayer.length);
}

/** The last value of each layer's series. */
export function lastByLayer(perLayer) { return perLayer.map((s) => s[s.length - 1]); }

/** 2^-l for l = 1..L: the open-path share if each layer's units fired independently with p = 1/2. */
export function halvingReference(layers) { return Array.from({ length: layers }, (_, l) => 2 ** -(l + 1)); }

const list = (values, fmt = formatNumber) => values.map((v) => fmt(v)).join(', ');

/**
 * A run's label in words, for legends, titles and notes: 'lr=0.01' -> 'learning rate 0.01'
 * (the key's name from the string table). Exports keep the label itself ('lr=0.01'),
 * which is the config syntax a reader can paste.
 */
export function runWords(label, tr) {
  const m = /^([a-z0-9_]+)=(.*)$/.exec(label || '');
  return m ? `${tr(`key_${m[1]}`)} ${m[2]}` : label || '';
}

/** Series over time of one per-layer field: per layer for one run, the layer mean per run when comparing. */
function overTime(ctx, field) {
  const { runs, tr, theme } = ctx;
  if (runs.length === 1) {
    const h = runs[0].run.history;
    return h.layers[field].map((y, l) => ({ x: h.fields.step, y, label: tr('s_layer', { l: l + 1 }),
      color: seriesColor(l, theme) }));
  }
  return runs.map((r, i) => ({ x: r.run.history.fields.step, y: meanOverLayers(r.run.history.layers[field]),
    label: runWords(r.label, tr), color: seriesColor(i, theme) }));
}

/** Train (solid) and test (dashed) curves of one field; per run when comparing. */
function trainTest(ctx, trainField, testField) {
  const { runs, tr, theme } = ctx;
  if (runs.length === 1) {
    const f = runs[0].run.history.fields;
    return [
      { x: f.step, y: f[trainField], label: tr('s_train'), color: seriesColor(0, theme) },
      { x: f.step, y: f[testField], label: tr('s_test'), color: seriesColor(1, theme), dash: true },
    ];
  }
  return runs.map((r, i) => ({ x: r.run.history.fields.step, y: r.run.history.fields[trainField], label: runWords(r.label, tr),
    color: seriesColor(i, theme) }));
}

function activationSamples(ctx, r) {
  const act = r.config.act, alpha = Number(r.config.alpha);
  const key = `${act}:${alpha}`;
  if (!r.activation || r.activation.key !== key) {
    const sampled = ctx.engine.activation(act, alpha, ACTIVATION_XS);
    r.activation = { key, xs: ACTIVATION_XS, f: sampled.f, df: sampled.df };
  }
  const at = ctx.engine.activation(act, alpha, [ctx.activationX]);
  return { ...r.activation, fx: at.f[0], dfx: at.df[0], act };
}

/** The run's training points (or test points) as columns, fetched once. */
function pointsOf(r, test = false) {
  const slot = test ? 'testPoints' : 'points';
  if (!r[slot]) {
    const d = r.run.points(test);
    const n = d.label.length;
    r[slot] = { x: new Float32Array(n), y: new Float32Array(n), label: d.label };
    for (let i = 0; i < n; i++) { r[slot].x[i] = d.x[2 * i]; r[slot].y[i] = d.x[2 * i + 1]; }
  }
  return r[slot];
}



/** data=curve: the engine's fitted curve, kinks and pieces for the run's current weights (cached per step). */
export function curveOf(r) {
  if (!r.curve || r.curve.step !== r.run.steps) r.curve = { step: r.run.steps, ...r.run.curve(-1, 1, CURVE_SAMPLES) };
  return r.curve;
}

/** The data of a one-input run: x and the target y. */
function curvePointsOf(r) {
  if (!r.curvePoints) {
    const d = r.run.points(false);
    r.curvePoints = { x: d.x, y: d.target };
  }
  return r.curvePoints;
}

/** One run's kinks and pieces in words ('activation relu: 6 kinks inside [−1, 1], 7 linear pieces'). */
function curveNote(r, tr, many) {
  const c = curveOf(r);
  const label = many && r.label ? `${runWords(r.label, tr)}: ` : '';
  if (c.pieces < 0) return tr('curve_note_smooth', { label, act: r.config.act });
  if (c.pieces === 1 && c.kinks.length === 0) return tr('curve_note_line', { label });  // a linear net
  const kinks = Array.from(c.kinks).filter((k) => k > -1 && k < 1).length;
  return tr(c.exact ? 'curve_note' : 'curve_note_lower', { label, kinks, pieces: c.pieces });
}

const MAP_PANELS = ['network', 'boundary', 'regions'];

/**
 * Whether a panel has anything to draw for these runs' data: a map needs a plane
 * (two inputs), the curve panel one input, accuracy classes; the others always draw. The lab leaves out
 * the panels that do not apply, so a curve takes the map's place centre stage.
 */
export function panelApplies(name, runs) {
  if (name === 'boundary' || name === 'regions') return runs.some((r) => r.map.available);
  if (name === 'curve') return runs.some((r) => r.run.inputs === 1);
  if (name === 'accuracy') return runs.some((r) => r.run.inputs !== 1);  // a curve fit (regression) has no classes
  return true;
}

/**
 * What a panel's pixels depend on, as a string: if it is the same as at the last
 * draw, the panel is left as it is (a curve changes only with a record, a map only
 * when a new one is complete), which keeps a lab of eleven panels cheap per frame.
 */
export function panelSignature(name, ctx, width) {
  const runs = ctx.runs.map((r) => {
    const h = r.run.history;
    // The points drawn on a map change without a new record when the reader edits them (data=custom).
    const maps = MAP_PANELS.includes(name) ? `:${r.map.version}:${r.unitMap.version}:${r.points?.x.length ?? ''}` : '';
    const born = name === 'born' ? `:${r.born?.next ?? -1}` : '';  // the born-dead table fills over frames
    // A decision or region map shows a complete map and the data: a new record alone changes
    // nothing in it (the network panel does draw each record's weights and unit statistics).
    if (name === 'boundary' || name === 'regions') return maps;
    return `${h.recorded}:${h.fields.step[h.rows - 1]}${maps}${born}`;
  });
  const f = ctx.focus;
  return [name, width, ctx.theme, ctx.lang, runs.join(','), ctx.hover[name] ?? '', name === 'activation' ? ctx.activationX : '',
    f && MAP_PANELS.includes(name) ? `${f.run}.${f.layer}.${f.unit}` : '', ctx.mapOptions?.test, ctx.mapOptions?.discrete].join('|');
}

/** The columns the network diagram lays out for a run (its drawn units), without its statistics. */
function networkColumns(r) {
  const d = unitsOf(r);
  const widths = r.run.widths;
  return [{ count: r.run.inputs, drawn: d.inputs }, ...d.hidden.map((drawn, l) => ({ count: widths[l], drawn })),
    { count: widths[widths.length - 1], drawn: d.outputs }];
}

/**
 * Gives each canvas of a panel the size drawPanel will paint it at, without painting: a new
 * figure's page layout is right from its first frame, and the painting itself can wait for
 * its turn (draw-turns.js) instead of all eleven panels painting in one task.
 */
export function sizePanel(panel, ctx, size) {
  const cellWidth = (canvas) => (ctx.widthOf ? ctx.widthOf(canvas.parentElement) : canvas.parentElement.clientWidth);
  panel.canvases.forEach((canvas, i) => {
    const r = ctx.runs[i];
    if (panel.name === 'network') {
      if (!r) return;
      const layout = networkLayout(networkColumns(r), cellWidth(canvas));
      size(canvas, layout.width, layout.height);
    } else if (panel.name === 'boundary' || panel.name === 'regions') {
      if (!r) return;
      setHidden(canvas.parentElement, !r.map.available);
      if (r.map.available) size(canvas, cellWidth(canvas), cellWidth(canvas));
    } else if (panel.name !== 'born' || r?.born) {
      size(canvas, cellWidth(canvas), LINE_HEIGHT);
    }
  });
}

// A deep net's network diagram is painted in slices (network-chart.js networkPaintInSlices):
// canvas -> its paint in progress.
const slicedPaints = new WeakMap();

/**
 * Draws one panel. `size(canvas, w, h)` sizes a canvas for the screen; ctx.widthOf(cell), when
 * given, is a cell's width as last laid out (the element keeps them from a ResizeObserver, so a
 * paint never makes the browser lay the page out again in the middle of a frame).
 * Returns the charts' layouts (for hover and dragging).
 */
export function drawPanel(panel, ctx, size) {
  const note = { textContent: '' };  // the note under the panel, written once at the end if it changed
  const layouts = paintPanel({ name: panel.name, canvases: panel.canvases, layouts: panel.layouts, note }, ctx, size);
  setText(panel.note, note.textContent);
  return layouts;
}

function paintPanel(panel, ctx, size) {
  const { runs, tr, theme, hover } = ctx;
  const name = panel.name;
  const r0 = runs[0];
  const depth = r0.run.depth;
  const cellWidth = (canvas) => (ctx.widthOf ? ctx.widthOf(canvas.parentElement) : canvas.parentElement.clientWidth);
  const common = { theme, hoverX: hover[name] ?? null };
  const lineCanvas = () => {
    const canvas = panel.canvases[0];
    size(canvas, cellWidth(canvas), LINE_HEIGHT);
    return canvas;
  };
  // ctx.only: paint only that run's canvas of a per-run panel (the element paints them in turn);
  // the others keep their pixels and layouts.
  const skip = (i) => ctx.only !== undefined && i !== ctx.only;
  const kept = (i) => panel.layouts?.[i] ?? null;
  // The unit in focus (network and decision map panels): set only through the network part's
  // diagram (unit-focus.js), which also says what it is and draws it large.
  const net = ctx.focus ? partCode('network') : null;
  const focusText = (r) => (r.label ? `${runWords(r.label, tr)}: ` : '') + net.unitText(r, ctx.focus, tr);
  // A panel whose drawing is a part (code-parts.js) has it by now: the figure is built once it is
  // in (<relu-demo>). Without it (relu-lab.js copied alone) the panel's note says why.
  const part = PANEL_PARTS[name];
  const code = part ? partCode(part) : null;
  if (part && !code) {
    panel.note.textContent = ctx.partErrors?.[part] ? tr('panelFailed', { message: ctx.partErrors[part] }) : '';
    return [];
  }

  switch (name) {
    case 'activation': {
      const s = activationSamples(ctx, r0);
      return [code.activationPlot(lineCanvas(), { ...s, x: ctx.activationX, labelF: `${s.act}(x)`, labelDF: `${s.act}′(x)`,
        shadeNegative: s.act === 'relu', theme, xLabel: tr('axis_x'), yLabel: tr('y_activation') })];  // relu alone is flat zero on the left
    }
    case 'loss':
      return [lineChart(lineCanvas(), { ...common, series: trainTest(ctx, 'loss', 'test_loss'), xLabel: tr('axis_step'),
        yLabel: tr('y_loss'), yMin: 0 })];
    case 'accuracy':
      return [lineChart(lineCanvas(), { ...common, series: trainTest(ctx, 'acc', 'test_acc'), xLabel: tr('axis_step'),
        yLabel: tr('y_accuracy'), yMin: 0, yMax: 1, yPercent: true })];
    case 'active': {
      const band = ctx.band === 'brain' ? { y0: 0, y1: 0.15, label: tr('s_band') } : undefined;
      return [lineChart(lineCanvas(), { ...common, series: overTime(ctx, 'active'), xLabel: tr('axis_step'), yMin: 0,
        yMax: 1, yPercent: true, band, yLabel: tr('y_active') })];
    }
    case 'dead':
      return [lineChart(lineCanvas(), { ...common, series: overTime(ctx, 'dead'), xLabel: tr('axis_step'), yMin: 0, yMax: 1,
        yPercent: true, yLabel: tr('y_dead') })];
    case 'alpha':
      return [lineChart(lineCanvas(), { ...common, series: overTime(ctx, 'alpha'), xLabel: tr('axis_step'), yLabel: tr('y_alpha') })];
    case 'layers': {
      const series = runs.length === 1
        ? ['active', 'dead', 'always_on'].map((f, i) => ({ label: tr(`s_${f}`), values: lastByLayer(r0.run.history.layers[f]),
          color: seriesColor(i, theme) }))
        : runs.map((r, i) => ({ label: `${runWords(r.label, tr)} ${tr('s_active')}`, values: lastByLayer(r.run.history.layers.active),
          color: seriesColor(i, theme) }));
      return [layerChart(lineCanvas(), { ...common, layers: depth, series, yMin: 0, yMax: 1, yPercent: true,
        xLabel: tr('axis_layer'), yLabel: tr('y_layers') })];
    }
    case 'paths': {
      const series = runs.flatMap((r, i) => [
        { label: runs.length > 1 ? `${runWords(r.label, tr)} ${tr('s_active')}` : tr('s_active'),
          values: lastByLayer(r.run.history.layers.active), color: seriesColor(2 * i, theme) },
        { label: runs.length > 1 ? `${runWords(r.label, tr)} ${tr('s_paths')}` : tr('s_paths'),
          values: lastByLayer(r.run.history.layers.path_share), color: seriesColor(2 * i + 1, theme) },
      ]);
      return [layerChart(lineCanvas(), { ...common, layers: depth, series, logY: true, xLabel: tr('axis_layer'), yLabel: tr('y_paths'),
        ref: { label: tr('s_ref_paths'), values: halvingReference(depth) } })];
    }
    case 'gradients': {
      const series = runs.length === 1
        ? [{ label: tr('s_grad_z'), values: lastByLayer(r0.run.history.layers.grad_z), color: seriesColor(0, theme) },
          { label: tr('s_grad_w'), values: lastByLayer(r0.run.history.layers.grad_w), color: seriesColor(1, theme) }]
        : runs.flatMap((r, i) => [
          { label: `${runWords(r.label, tr)} ∂L/∂z`, values: lastByLayer(r.run.history.layers.grad_z), color: seriesColor(i, theme) },
          { label: `${runWords(r.label, tr)} ∂L/∂W`, values: lastByLayer(r.run.history.layers.grad_w), color: seriesColor(i, theme),
            dash: true }]);
      return [layerChart(lineCanvas(), { ...common, layers: depth, series, logY: true, xLabel: tr('axis_layer'),
        yLabel: tr('y_gradients') })];
    }
    case 'network': {
      const notes = [];
      let unfinished = false;
      const layouts = runs.map((r, i) => {
        const canvas = panel.canvases[i];
        if (!canvas) return null;
        const focus = net && ctx.focus.run === i ? ctx.focus : null;
        if (focus) notes.push(focusText(r));
        if (skip(i)) return kept(i);
        // A paint in slices carries on with the picture it began (its spec, its size) until it ends.
        let job = ctx.sliceMs !== undefined ? slicedPaints.get(canvas) : null;
        if (!job) {
          const spec = code.networkSpec(r, focus);
          const layout = networkLayout(spec.columns, cellWidth(canvas));
          const labels = spec.columns.map((c, k) => (c.kind === 'input' ? tr('net_in') : c.kind === 'output' ? tr('net_out')
            : tr('net_layer', { l: k })));
          const full = { ...spec, layout, labels, theme, moreText: (n) => tr('net_more', { n }) };
          if (ctx.sliceMs === undefined) {  // all at once (node tests, the recorder's image)
            slicedPaints.delete(canvas);
            size(canvas, layout.width, layout.height);
            code.networkChart(canvas, full);
            return layout;
          }
          job = code.networkPaintInSlices(canvas, full, size);
          slicedPaints.set(canvas, job);
        }
        if (!job.run(ctx.sliceMs)) {
          unfinished = true;
          return kept(i);
        }
        slicedPaints.delete(canvas);
        return job.result;
      });
      panel.note.textContent = notes.length ? notes.join(' · ') : tr('net_legend');
      // Told to the element: this panel's picture is not on screen yet, paint it again next frame.
      if (unfinished) layouts.unfinished = true;
      return layouts;
    }
    case 'boundary':
    case 'regions': {
      const notes = [];
      const layouts = runs.map((r, i) => {
        const canvas = panel.canvases[i];
        if (!canvas) return null;
        setHidden(canvas.parentElement, !r.map.available);
        if (!r.map.available) {  // e.g. digits, 64 inputs: there is no plane to colour
          notes.push((r.label ? `${runWords(r.label, tr)}: ` : '') + tr('no_2d'));
          return null;
        }
        const focus = name === 'boundary' && net && ctx.focus.run === i;
        if (focus) notes.push(focusText(r));
        if (skip(i)) return kept(i);
        const w = cellWidth(canvas);
        size(canvas, w, w);
        const options = ctx.mapOptions || {};
        const common = { points: pointsOf(r), testPoints: options.test ? pointsOf(r, true) : undefined, theme };
        if (focus) return heatmap(canvas, { ...common, ...net.unitMapSpec(r, ctx.focus, tr) });
        const g = r.map.shown;
        const box = g ? g.box : r.map.box;
        // A linear net is one affine map: one region, whatever signs its units have (no kink, no pieces).
        const linear = r.config.act === 'linear';
        const regions = g && linear && g.pattern ? new Uint32Array(g.pattern.length) : g?.pattern;
        return heatmap(canvas, { nx: g ? g.n : 1, ny: g ? g.n : 1, ...box, values: g?.prob, regions,
          rowsDone: g ? g.n : 0, mode: name, discrete: options.discrete, ...common, title: runWords(r.label, tr) || undefined,
          cacheKey: `${r.map.serial}.${g?.version}` });  // a new complete map: a new version (decision-map.js)
      });
      if (name === 'regions') {
        runs.forEach((r, i) => {
          if (!layouts[i]) return;
          // A diverged net's outputs are NaN: its map has no regions to count (not "1 region").
          notes.push((r.label ? `${runWords(r.label, tr)}: ` : '') + (r.run.diverged ? tr('regions_none')
            : r.config.act === 'linear' ? tr('regions_linear') : tr('regions_count', { n: layouts[i].regionCount })));
        });
      }
      panel.note.textContent = notes.join(' · ');
      return layouts;
    }
    case 'curve': {
      const canvas = lineCanvas();
      if (r0.run.inputs !== 1) {  // a plane or 64 pixels: no curve y(x) to draw
        panel.note.textContent = tr('no_1d');
        return [];
      }
      // A run still drawing its weights has no curve yet (asking for it would draw them all at once).
      if (runs.some((r) => r.run.ready === false)) return [];
      const curves = runs.map((r, i) => {
        const c = curveOf(r);
        return { x: c.x, y: c.y, kinks: c.kinks, label: runWords(r.label, tr) || tr('s_fit'), color: seriesColor(i, theme) };
      });
      panel.note.textContent = runs.map((r) => curveNote(r, tr, runs.length > 1)).join(' · ');
      return [code.curveChart(canvas, { ...common, curves, points: curvePointsOf(r0), xLabel: tr('axis_x'), xDomain: [-1, 1] })];
    }
    case 'born': {  // one table per run: filled by the element through born.js, drawn as it fills
      return runs.map((r, i) => {
        const canvas = panel.canvases[i];
        const t = r.born;
        if (!canvas || !t) return null;
        if (skip(i)) return kept(i);
        size(canvas, cellWidth(canvas), LINE_HEIGHT);
        const n = t.dead.length;
        const values = Array.from({ length: n }, (_, k) => (t.measured(k) === t.nets ? t.dead[k] / t.nets : NaN));
        const counts = Array.from({ length: n }, (_, k) => `${t.dead[k]}/${t.nets}`);
        return code.cellTable(canvas, { rows: t.depths, cols: t.widths, values, counts, theme,
          rowLabel: tr('axis_depth'), colLabel: tr('axis_width'), title: runWords(r.label, tr) || undefined });
      });
    }
    default:
      return [];
  }
}

/** One sentence per panel for screen readers, from the latest records. */
export function summarize(name, ctx) {
  const { runs, tr } = ctx;
  const r = runs[0];
  const rec = r.run.latest();
  if (!rec) return '';
  const step = rec.step;
  const layers = (field) => rec.layers.map((s) => s[field]);
  switch (name) {
    case 'activation': {
      const s = activationSamples(ctx, r);
      return tr('sum_activation', { act: s.act, x: formatNumber(ctx.activationX), f: formatNumber(s.fx), df: formatNumber(s.dfx) });
    }
    case 'loss': return tr('sum_loss', { step, loss: formatNumber(rec.loss), test: formatNumber(rec.test_loss) });
    case 'accuracy': return tr('sum_accuracy', { step, acc: pct(rec.acc), test: pct(rec.test_acc) });
    case 'active': return tr('sum_active', { step, values: list(layers('active'), pct) });
    case 'layers': return tr('sum_layers', { step, active: list(layers('active'), pct), dead: list(layers('dead'), pct),
      on: list(layers('always_on'), pct) });
    case 'paths': return tr('sum_paths', { step, active: list(layers('active'), pct), paths: list(layers('path_share')) });
    case 'gradients': return tr('sum_gradients', { step, values: list(layers('grad_z')) });
    case 'dead': return tr('sum_dead', { step, values: list(layers('dead'), pct) });
    case 'alpha': return tr('sum_alpha', { step, values: list(layers('alpha')) });
    case 'network': {
      const dead = deadUnits(r).map((units, l) => tr('sum_dead_layer', { l: l + 1,
        units: units.length ? units.join(', ') : tr('sum_none') }));
      return tr('sum_network', { step, shape: [r.run.inputs, ...r.run.widths].join(' → '), dead: dead.join('; ') });
    }
    case 'boundary': return tr('sum_boundary', { step, acc: pct(rec.acc) });
    case 'regions': return r.run.diverged ? tr('regions_none') : r.config.act === 'linear' ? tr('regions_linear')
      : tr('sum_regions', { step, n: r.map.shown ? new Set(r.map.shown.pattern).size : '–' });
    case 'curve':
      if (r.run.inputs !== 1) return tr('no_1d');
      return tr('sum_curve', { step, loss: formatNumber(rec.loss), note: runs.map((x) => curveNote(x, tr, runs.length > 1)).join('; ') });
    case 'born': {
      const t = r.born;
      if (!t) return '';
      const cells = t.depths.flatMap((d) => t.widths.map((w) => `${d}×${w}: ${pct(t.share(d, w))}`));
      return tr(t.done ? 'sum_born' : 'sum_born_partial', { nets: t.nets, cells: cells.join(', ') });
    }
    default: return '';
  }
}
