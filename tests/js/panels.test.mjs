// The pure helpers behind the panels and the element.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanOverLayers, lastByLayer, halvingReference, panelApplies, PANELS } from '../../web/panels.js';
import { intAttribute } from '../../web/figure-model.js';
import { parseConfigText } from '../../web/state.js';
import { appendColumns, emptyHistory, latestRecord } from '../../web/engine.js';
import { loadWasmEngine } from './wasm-load.mjs';
import { latin1Literal } from '../../scripts/bundle-lib.mjs';

test('meanOverLayers averages per record; lastByLayer takes each layer\'s last value', () => {
  assert.deepEqual(meanOverLayers([[1, 2], [3, 6]]), [2, 4]);
  assert.deepEqual(meanOverLayers([]), []);
  assert.deepEqual(lastByLayer([[1, 2], [3, 6]]), [2, 6]);
});

test('halvingReference is 2^-l for l = 1..L', () => {
  assert.deepEqual(halvingReference(3), [0.5, 0.25, 0.125]);
});

test('parseConfigText and intAttribute', () => {
  assert.deepEqual(parseConfigText('data=circle&lr=0.1&preset='), { data: 'circle', lr: '0.1', preset: '' });
  assert.equal(intAttribute('12', 5, 1, 100), 12);
  assert.equal(intAttribute('1.5', 5, 1, 100), 5);
  assert.equal(intAttribute(null, 5, 1, 100), 5);
  assert.equal(intAttribute('1000', 5, 1, 100), 5);
});

test('appendColumns splits flat records into fields and per-layer series', async () => {
  const { names } = await loadWasmEngine();  // the engine's field names: 7 header fields then 8 per layer
  const rec = (step) => [step, 0.5, 0.6, 0.7, 0.8, 0.25, 0, 0.5, 0, 0.1, 1, 2, 3, NaN, 0.25];
  const h = appendColumns(emptyHistory(1, names), Float32Array.from([...rec(0), ...rec(10)]));
  assert.equal(h.rows, 2);
  assert.deepEqual(h.fields.step, [0, 10]);
  assert.deepEqual(h.layers.grad_z[0], [2, 2]);
  const last = latestRecord(h);
  assert.equal(last.step, 10);
  assert.equal(last.diverged, false);
  assert.equal(last.layers[0].path_share, 0.25);
  assert.ok(Number.isNaN(last.layers[0].alpha));
  assert.equal(latestRecord(emptyHistory(2, names)), null);
});

test('a latin1 literal (the digits part\'s payload) survives the round trip for every byte value', () => {
  const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 37) % 256);
  const literal = latin1Literal(bytes);
  const codes = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  const text = JSON.parse(literal.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  assert.deepEqual(codes(text), bytes);
  assert.ok(!/[\n\r]/.test(literal), 'no raw line breaks in the literal');
  // And evaluated as JavaScript, as the browser does.
  assert.deepEqual(codes(new Function(`return ${literal};`)()), bytes);
});

test('panelSignature changes with what a panel shows, and only then', async () => {
  const { panelSignature } = await import('../../web/panels.js');
  const history = { rows: 3, recorded: 3, fields: { step: [0, 10, 20] } };
  const run = { run: { history }, map: { version: 1 }, unitMap: { version: 0 } };
  const ctx = { runs: [run], theme: 'light', lang: 'en', hover: {}, activationX: 1, focus: null, mapOptions: { test: false } };
  const loss = panelSignature('loss', ctx, 300);
  const map = panelSignature('boundary', ctx, 300);
  run.map.version = 2;
  assert.equal(panelSignature('loss', ctx, 300), loss, 'a new map does not redraw a curve');
  assert.notEqual(panelSignature('boundary', ctx, 300), map, 'it redraws the map');
  history.rows = 4; history.recorded = 4; history.fields.step.push(30);
  assert.notEqual(panelSignature('loss', ctx, 300), loss, 'a new record redraws the curve');
  const now = panelSignature('boundary', ctx, 300);
  assert.notEqual(panelSignature('boundary', { ...ctx, focus: { run: 0, layer: 1, unit: 2 } }, 300), now, 'focus');
  assert.notEqual(panelSignature('boundary', { ...ctx, mapOptions: { test: true } }, 300), now, 'show test data');
  assert.notEqual(panelSignature('boundary', ctx, 301), now, 'width');
  assert.notEqual(panelSignature('boundary', { ...ctx, theme: 'dark' }, 300), now, 'theme');
  run.points = { x: new Float32Array(3) };  // the reader's points changed (data=custom), nothing else
  assert.notEqual(panelSignature('boundary', ctx, 300), now, 'edited points redraw the map');
});

test('a diverged net has no region count and no made-up numbers in its summaries (issue 10 item 3)', async () => {
  const { summarize } = await import('../../web/panels.js');
  const { t } = await import('../../web/i18n.js');
  const { appendColumns: append, emptyHistory: empty } = await import('../../web/engine.js');
  // The record the engine appends at divergence: step 7, every statistic NaN, diverged = 1.
  const nan = NaN;
  const { names } = await loadWasmEngine();
  const history = append(empty(1, names), Float32Array.from([7, nan, nan, nan, nan, nan, 1, nan, nan, nan, nan, nan, nan, nan, nan]));
  const run = { history, diverged: true, latest: () => ({ step: 7, loss: nan, test_loss: nan, acc: nan, test_acc: nan,
    diverged: true, layers: [{ active: nan, dead: nan, always_on: nan }] }) };
  // Its map: every output NaN, one "pattern" for the whole plane.
  const map = { shown: { pattern: new Uint32Array(16).fill(5) } };
  const ctx = { runs: [{ run, config: { act: 'relu' }, map }], tr: (k, v) => t('en', k, v) };
  assert.equal(summarize('regions', ctx), 'no regions: the diverged network’s outputs are not numbers');
  assert.equal(summarize('accuracy', ctx), 'Step 7: training accuracy –, test accuracy –.');
  assert.equal(summarize('loss', ctx), 'Step 7: training loss –, test loss –.');
  assert.doesNotMatch(summarize('layers', ctx), /\d%/);
});

test('network layout: every unit up to 16, then 15 spread from the first to the last and "+N more"; hit testing', async () => {
  const { drawnUnits, networkLayout, nodeAt, linkWidth } = await import('../../web/network-chart.js');
  assert.deepEqual(drawnUnits(5), [0, 1, 2, 3, 4]);
  assert.equal(drawnUnits(16).length, 16);
  const wide = drawnUnits(256);
  assert.equal(wide.length, 15);
  assert.deepEqual([wide[0], wide[14]], [0, 255]);
  assert.ok(wide.every((u, i) => i === 0 || u > wide[i - 1]), 'in order, no repeats');
  const layout = networkLayout([{ count: 2, drawn: [0, 1] }, { count: 40, drawn: drawnUnits(40) }, { count: 1, drawn: [0] }], 300);
  assert.deepEqual(layout.columns.map((c) => c.more), [0, 25, 0]);
  const node = layout.columns[1].nodes[3];
  assert.deepEqual(nodeAt(layout, node.x + 5, node.y + 5), { column: 1, index: 3 });
  assert.equal(nodeAt(layout, node.x + 5, layout.height + 50), null);
  const deep = networkLayout(Array.from({ length: 22 }, () => ({ count: 8, drawn: drawnUnits(8) })), 340);
  assert.ok(deep.width > 340, 'wider than a phone: the panel scrolls');
  assert.equal(linkWidth(-2, 2), 4);
  assert.equal(linkWidth(0.5, 2), 1);
  assert.equal(linkWidth(0, 2), 0.25);
});

test('panelApplies: a map needs a plane, the curve panel one input; every other panel always draws', () => {
  const run = (inputs) => ({ map: { available: inputs === 2 }, run: { inputs } });
  assert.deepEqual(['boundary', 'regions', 'curve'].map((p) => panelApplies(p, [run(2)])), [true, true, false]);
  assert.deepEqual(['boundary', 'regions', 'curve'].map((p) => panelApplies(p, [run(1)])), [false, false, true]);
  assert.deepEqual(['boundary', 'curve'].map((p) => panelApplies(p, [run(64)])), [false, false]);
  assert.equal(panelApplies('accuracy', [run(1)]), false, 'a curve fit has no classes to be right about');
  assert.equal(panelApplies('accuracy', [run(1), run(2)]), true);
  for (const p of PANELS.filter((q) => !['boundary', 'regions', 'curve'].includes(q))) assert.equal(panelApplies(p, [run(64)]), true, p);
});

test('sizePanel gives every canvas of a new figure the size its paint will have, without painting it', async () => {
  const { sizePanel } = await import('../../web/panels.js');
  const { networkLayout, drawnUnits } = await import('../../web/network-chart.js');
  const cell = (width) => ({ clientWidth: width, hidden: false });
  const canvas = (width) => ({ parentElement: cell(width), painted: false, getContext() { this.painted = true; } });
  const run = (mapped) => ({ run: { inputs: 2, widths: [20, 8, 1] }, map: { available: mapped } });
  const sizes = new Map();
  const size = (c, w, h) => sizes.set(c, [w, h]);
  const ctx = { runs: [run(true), run(false)] };
  const panels = {
    loss: { name: 'loss', canvases: [canvas(300)] },
    network: { name: 'network', canvases: [canvas(100), canvas(100)] },  // narrower than the diagram: it scrolls
    boundary: { name: 'boundary', canvases: [canvas(200), canvas(200)] },
    born: { name: 'born', canvases: [canvas(300)] },
  };
  for (const p of Object.values(panels)) sizePanel(p, ctx, size);
  assert.deepEqual(sizes.get(panels.loss.canvases[0]), [300, 220]);
  const layout = networkLayout([{ count: 2, drawn: [0, 1] }, { count: 20, drawn: drawnUnits(20) }, { count: 8, drawn: drawnUnits(8) },
    { count: 1, drawn: [0] }], 100);
  assert.deepEqual(sizes.get(panels.network.canvases[0]), [layout.width, layout.height]);
  assert.deepEqual(sizes.get(panels.boundary.canvases[0]), [200, 200], 'a map is square');
  assert.equal(sizes.has(panels.boundary.canvases[1]), false, 'no plane, no map');
  assert.equal(panels.boundary.canvases[1].parentElement.hidden, true);
  assert.equal(sizes.has(panels.born.canvases[0]), false, 'the born table waits for its table');
  assert.ok(Object.values(panels).every((p) => p.canvases.every((c) => !c.painted)), 'nothing painted');
  // A width as the element last saw it (ResizeObserver) wins over reading the layout.
  sizes.clear();
  sizePanel(panels.loss, { ...ctx, widthOf: () => 123 }, size);
  assert.deepEqual(sizes.get(panels.loss.canvases[0]), [123, 220]);
});
