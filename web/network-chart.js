// The network diagram: inputs, hidden units and outputs as columns; links
// coloured by the sign of their weight, as thick as |w|; each hidden unit drawn
// as a small map of where it is on (z > 0) over the input plane. Plain arrays in,
// pixels out, like charts.js; the layout is a pure function node tests check.
// Not here: choosing the units, computing maps or weights (network-view.js), the DOM (but for
// the scratch canvas a paint in slices draws on).
import { themeColors, hexToRgb, OKABE_ITO } from './palette.js';
import { probColor, packRgb, unitRgb, backingRatio } from './charts.js';
import { SlicedPaint } from './draw-turns.js';

export const MAX_UNITS_DRAWN = 16;   // per layer; past this, a subset and "+N more"
const NODE = 28;                     // CSS px of a unit's map
const ROW_GAP = 6;
const MIN_GAP = 36, MAX_GAP = 120;   // between columns
const PAD = 10, LABEL_ROW = 18;
export const LINK_BUDGET = 600;       // links drawn in all, shared by the column pairs: the strongest |w| of each
export const WEIGHT_COLORS = Object.freeze({ positive: OKABE_ITO.blue, negative: OKABE_ITO.vermillion });

/**
 * The units of a layer of `width` that are drawn: all of them up to `max`; past
 * that max - 1 spread evenly from the first to the last (the last slot says
 * "+N more"), always the same ones, so units do not jump as training goes on.
 */
export function drawnUnits(width, max = MAX_UNITS_DRAWN) {
  if (width <= max) return Array.from({ length: width }, (_, i) => i);
  const k = max - 1;
  return Array.from({ length: k }, (_, i) => Math.round((i * (width - 1)) / (k - 1)));
}

/**
 * Node positions. columns: [{count, drawn}] (count units, `drawn` their indices).
 * available: the CSS width the panel offers; the diagram is wider when it must be
 * (the panel then scrolls). Returns {width, height, columns: [{x, nodes: [{x, y, unit}], more, moreY}]}.
 */
export function networkLayout(columns, available) {
  const rows = Math.max(1, ...columns.map((c) => c.drawn.length + (c.count > c.drawn.length ? 1 : 0)));
  const n = columns.length;
  const gap = n > 1 ? Math.max(MIN_GAP, Math.min(MAX_GAP, (available - 2 * PAD - n * NODE) / (n - 1))) : 0;
  const width = Math.max(available, 2 * PAD + n * NODE + (n - 1) * gap);
  const used = 2 * PAD + n * NODE + (n - 1) * gap;
  const left = PAD + Math.max(0, (width - used) / 2);
  const height = 2 * PAD + LABEL_ROW + rows * NODE + (rows - 1) * ROW_GAP;
  const out = columns.map((c, ci) => {
    const slots = c.drawn.length + (c.count > c.drawn.length ? 1 : 0);
    const top = PAD + LABEL_ROW + ((rows - slots) * (NODE + ROW_GAP)) / 2;
    const x = left + ci * (NODE + gap);
    const nodes = c.drawn.map((unit, i) => ({ x, y: top + i * (NODE + ROW_GAP), unit }));
    return { x, nodes, more: c.count - c.drawn.length, moreY: top + c.drawn.length * (NODE + ROW_GAP) };
  });
  return { width, height, node: NODE, columns: out };
}

/** The drawn node under CSS pixel (x, y): {column, index} or null. */
export function nodeAt(layout, x, y) {
  for (let c = 0; c < layout.columns.length; c++) {
    const col = layout.columns[c];
    if (x < col.x - 3 || x > col.x + layout.node + 3) continue;
    for (let i = 0; i < col.nodes.length; i++) {
      const n = col.nodes[i];
      if (y >= n.y - 3 && y <= n.y + layout.node + 3) return { column: c, index: i };
    }
  }
  return null;
}

/** Link width in CSS px: proportional to |w| / max |w| of its layer, up to 4 px (a hairline at least). */
export function linkWidth(w, maxAbs) {
  if (!(maxAbs > 0) || !Number.isFinite(w)) return 0.25;
  return Math.max(0.25, (4 * Math.abs(w)) / maxAbs);
}

/**
 * Draws the diagram. spec: {theme, layout, labels: [per column], columns: [{kind: 'input'|'hidden'|'output',
 * maps: [per drawn node: Uint8Array n*n of 0/1, or Float32Array of probabilities for the output, or null],
 * status: [per drawn node: 'dead' | 'on' | '']}], links: [per gap between columns: Float32Array, rows = next
 * column's drawn nodes, cols = this column's, row-major], mapN, selected: {column, index} | null, moreText(n)}.
 * Returns the layout (null without a canvas to draw on).
 */
export function networkChart(canvas, spec) {
  if (!canvas || !(canvas.width > 0)) return null;
  for (const _ of networkSlices(canvas, spec));  // eslint-disable-line no-unused-vars
  return spec.layout;
}

// Columns of unit maps, of links' gaps and of frames painted per slice: a 20 x 256 diagram
// (22 columns, 350 maps, 600 links) is then about a dozen slices of a few ms each.
const SLICE_COLUMNS = 4;

/**
 * The same paint as networkChart, in slices: a generator that yields between parts of the
 * work (the background, a few columns of unit maps, the links, a few columns of frames and
 * labels). Run to the end, it has made exactly networkChart's calls, in the same order; the
 * element runs it over several frames on a canvas of its own (draw-turns.js SlicedPaint) and
 * shows the result once it is complete, so a deep diagram never paints in one long task.
 */
export function* networkSlices(canvas, spec) {
  const ctx = canvas.getContext('2d');
  const ratio = backingRatio(ctx);
  const colors = themeColors(spec.theme);
  const { layout } = spec;
  const w = canvas.width / ratio, h = canvas.height / ratio;
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, w, h);
  ctx.font = '12px system-ui, sans-serif';
  const half = layout.node / 2;

  const n = spec.mapN;
  const { on: onRgb, off: offRgb, dead: deadRgb } = unitRgb(spec.theme);
  // Every unit's map written into images of the canvas's pixels, scaled up without
  // smoothing, then one putImageData per column of units, before the links (no readback):
  // a 20-layer diagram has 300+ maps, and a drawImage per map costs far more than the pixels.
  const tiles = [];
  spec.columns.forEach((column, ci) => layout.columns[ci].nodes.forEach((node, i) => {
    const map = column.maps[i];
    if (map && map.length === n * n) tiles.push({ column: ci, node, map, kind: column.kind, status: column.status[i] || '' });
  }));
  yield;
  if (tiles.length) {
    const W = canvas.width, H = canvas.height;
    // The box of every tile, and in it one image per column of tiles: what is not a tile is
    // the background either way (the canvas was filled with it), so the pixels are those of
    // one image of the whole box, for a small part of its memory (the columns are far apart).
    const x0 = Math.floor(Math.min(...tiles.map((t) => t.node.x)) * ratio);
    const y0 = Math.floor(Math.min(...tiles.map((t) => t.node.y)) * ratio);
    const x1 = Math.min(W, Math.ceil((Math.max(...tiles.map((t) => t.node.x)) + layout.node) * ratio));
    const y1 = Math.min(H, Math.ceil((Math.max(...tiles.map((t) => t.node.y)) + layout.node) * ratio));
    const background = packRgb(hexToRgb(colors.background));
    const side = Math.round(layout.node * ratio);
    const cellOf = Array.from({ length: side }, (_, p) => Math.min(n - 1, Math.floor((p * n) / side)));  // pixel -> cell
    const byColumn = new Map();
    for (const t of tiles) {
      if (!byColumn.has(t.column)) byColumn.set(t.column, []);
      byColumn.get(t.column).push(t);
    }
    let done = 0;
    for (const group of byColumn.values()) {
      // Every tile of a column starts at the same x; the image spans them, cut to the box.
      const cx0 = Math.max(x0, Math.round(group[0].node.x * ratio)), cx1 = Math.min(x1, Math.round(group[0].node.x * ratio) + side);
      if (cx1 > cx0 && y1 > y0) {
        const iw = cx1 - cx0, ih = y1 - y0;
        const image = ctx.createImageData(iw, ih);
        const pixels = new Uint32Array(image.data.buffer, image.data.byteOffset, image.data.length / 4);
        pixels.fill(background);
        for (const t of group) {
          const tx = Math.round(t.node.x * ratio) - cx0, ty = Math.round(t.node.y * ratio) - y0;
          // Each cell's colour once (n x n), not once per pixel of the scaled-up tile.
          const cellRgb = Array.from(t.map, (v) => packRgb(t.kind !== 'hidden' ? probColor(v, spec.theme)  // an input's value, the output's probability
            : t.status === 'dead' ? deadRgb : v ? onRgb : offRgb));
          for (let py = Math.max(0, -ty); py < side && ty + py < ih; py++) {
            const row = cellOf[py] * n, o = (ty + py) * iw + tx;
            for (let px = Math.max(0, -tx); px < side && tx + px < iw; px++) pixels[o + px] = cellRgb[row + cellOf[px]];
          }
        }
        ctx.putImageData(image, cx0, y0);
      }
      if (++done % SLICE_COLUMNS === 0) yield;
    }
  }
  yield;

  // Then the links; one path per colour and width (rounded to 0.25 px),
  // so a 20-layer diagram is a few dozen strokes, not thousands.
  const paths = new Map();
  for (let gapIndex = 0; gapIndex < spec.links.length; gapIndex++) {
    const W = spec.links[gapIndex];
    if (gapIndex > 0 && gapIndex % SLICE_COLUMNS === 0) yield;
    if (!W) continue;
    const from = layout.columns[gapIndex].nodes, to = layout.columns[gapIndex + 1].nodes;
    let maxAbs = 0;
    for (const v of W) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
    // Between two wide layers, only the strongest links: a thin hairline among 256 others
    // shows nothing, and stroking thousands of lines is what makes a deep diagram slow.
    const perPair = Math.max(16, Math.floor(LINK_BUDGET / spec.links.length));
    const order = W.length > perPair
      ? Array.from(W.keys()).sort((a, b) => Math.abs(W[b]) - Math.abs(W[a])).slice(0, perPair)
      : Array.from(W.keys());
    for (const k of order) {
      const r = Math.floor(k / from.length), c = k % from.length;
      if (r >= to.length || !Number.isFinite(W[k])) continue;
      const width = Math.round(linkWidth(W[k], maxAbs) * 4) / 4;
      const key = `${W[k] >= 0 ? 'positive' : 'negative'}|${width}`;
      if (!paths.has(key)) paths.set(key, []);
      paths.get(key).push(from[c].x + layout.node, from[c].y + half, to[r].x, to[r].y + half);
    }
  }
  yield;
  for (const key of [...paths.keys()].sort((a, b) => Number(a.split('|')[1]) - Number(b.split('|')[1]))) {
    const [sign, width] = key.split('|');
    const xy = paths.get(key);
    ctx.strokeStyle = WEIGHT_COLORS[sign];
    ctx.lineWidth = Number(width);
    ctx.beginPath();
    for (let i = 0; i < xy.length; i += 4) { ctx.moveTo(xy[i], xy[i + 1]); ctx.lineTo(xy[i + 2], xy[i + 3]); }
    ctx.stroke();
    yield;  // rasterizing the links is most of a deep diagram's cost: a path a slice
  }

  for (let ci = 0; ci < spec.columns.length; ci++) {
    if (ci % SLICE_COLUMNS === 0) yield;
    const column = spec.columns[ci];
    const lc = layout.columns[ci];
    ctx.fillStyle = colors.mutedText;
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    ctx.fillText(spec.labels[ci], lc.x + half, PAD - 2);
    lc.nodes.forEach((node, i) => {
      const map = column.maps[i];
      const status = column.status[i] || '';
      if (!(map && map.length === n * n)) {
        // No plane to map (digits) or no map yet: the unit's active share as a level of its colour.
        const share = column.shares ? column.shares[i] : NaN;
        ctx.fillStyle = status === 'dead' ? `rgb(${deadRgb})` : colors.grid;
        ctx.fillRect(node.x, node.y, layout.node, layout.node);
        if (status !== 'dead' && Number.isFinite(share)) {
          ctx.fillStyle = `rgb(${onRgb})`;
          ctx.fillRect(node.x, node.y + layout.node * (1 - share), layout.node, layout.node * share);
        }
      }
      ctx.strokeStyle = colors.axis; ctx.lineWidth = 1;
      ctx.strokeRect(node.x + 0.5, node.y + 0.5, layout.node - 1, layout.node - 1);
      if (status === 'dead') {  // crossed out: this unit outputs 0 for every input and learns nothing
        ctx.strokeStyle = spec.theme === 'dark' ? '#dddddd' : '#333333'; ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(node.x + 4, node.y + 4); ctx.lineTo(node.x + layout.node - 4, node.y + layout.node - 4);
        ctx.moveTo(node.x + layout.node - 4, node.y + 4); ctx.lineTo(node.x + 4, node.y + layout.node - 4);
        ctx.stroke();
      } else if (status === 'on') {  // always on: a linear unit here, drawn with a double frame
        ctx.strokeStyle = OKABE_ITO.orange; ctx.lineWidth = 2;
        ctx.strokeRect(node.x - 2, node.y - 2, layout.node + 4, layout.node + 4);
      }
      const sel = spec.selected;
      if (sel && sel.column === ci && sel.index === i) {
        ctx.strokeStyle = colors.text; ctx.lineWidth = 2.5;
        ctx.strokeRect(node.x - 4, node.y - 4, layout.node + 8, layout.node + 8);
      }
    });
    if (lc.more > 0) {
      ctx.fillStyle = colors.mutedText; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      ctx.fillText(spec.moreText(lc.more), lc.x + half, lc.moreY + half);
    }
  }
}

const scratchCanvases = new WeakMap();  // canvas -> the scratch canvas its paints in slices draw on

/**
 * The diagram painted in slices (networkSlices) on a scratch canvas of the same size, copied
 * onto `canvas` in one drawImage once complete: the page shows the old picture until the new
 * one is whole. size(canvas, w, h) sizes a canvas for the screen (charts.js sizeCanvas) and
 * returns its context. Returns the SlicedPaint (draw-turns.js); its result is the layout.
 */
export function networkPaintInSlices(canvas, spec, size) {
  const { layout } = spec;
  let scratch = scratchCanvases.get(canvas);
  if (!scratch) {
    scratchCanvases.set(canvas, scratch = canvas.ownerDocument.createElement('canvas'));
    scratch.getContext('2d', { willReadFrequently: true });  // kept in memory: read after every slice (below)
  }
  const pixels = size(scratch, layout.width, layout.height);
  // A canvas keeps its drawing calls and rasterizes them when its pixels are needed: reading one
  // pixel after each slice makes each slice pay for its own pixels, instead of the final copy
  // paying for the whole diagram at once (measured: 20-70 ms in that one drawImage).
  function* rasterized() {
    for (const _ of networkSlices(scratch, spec)) {  // eslint-disable-line no-unused-vars
      pixels?.getImageData(0, 0, 1, 1);
      yield;
    }
  }
  return new SlicedPaint(rasterized(), () => {
    const out = size(canvas, layout.width, layout.height);
    if (out) {
      out.save();
      out.setTransform(1, 0, 0, 1, 0, 0);  // pixel for pixel: both canvases have the same backing size
      out.drawImage(scratch, 0, 0);
      out.restore();
    }
    return layout;
  });
}
