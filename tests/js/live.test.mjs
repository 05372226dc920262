// Live numbers: each field of the grammar on a hand-built history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liveValue, formatLive, undefinedReason } from '../../web/live.js';
import { appendColumns, emptyHistory } from '../../web/engine.js';
import { loadWasmEngine } from './wasm-load.mjs';

const { names } = await loadWasmEngine();  // the field names, as the engine exports them

// Two records of a 3-layer net. Layer fields: active, dead, always_on, grad_w, grad_z, w_norm, alpha, path_share.
const record = (step, loss, actives, gradZ, dead) => [step, loss, loss, 0.9, 0.8, 0.125, 0,
  ...actives.flatMap((a, l) => [a, dead[l], 0.1, 1, gradZ[l], 2, NaN, 0.5 ** (l + 1)])];
const history = appendColumns(emptyHistory(3, names), Float32Array.from([
  ...record(0, 0.7, [0.5, 0.5, 0.5], [1, 2, 4], [0, 0.25, 0.5]),
  ...record(100, 0.2, [0.25, 0.5, 0.75], [1, 4, 16], [0, 0.5, 0.25]),
]));

test('network fields and layers, counting from either end', () => {
  assert.equal(liveValue(history, 'loss'), Math.fround(0.2));
  assert.equal(liveValue(history, 'step'), 100);
  assert.equal(liveValue(history, 'L1.active'), 0.25);
  assert.equal(liveValue(history, 'L-1.active'), 0.75);
  assert.equal(liveValue(history, 'L-1.path_share'), 0.125);
  assert.equal(liveValue(history, 'halving'), 0.125);
});

test('over layers: mean, min, max, ratio and per-layer rate', () => {
  assert.equal(liveValue(history, 'mean.active'), 0.5);
  assert.equal(liveValue(history, 'min.active'), 0.25);
  assert.equal(liveValue(history, 'max.active'), 0.75);
  assert.equal(liveValue(history, 'ratio.grad_z'), 16);
  assert.equal(liveValue(history, 'rate.grad_z'), 4);  // 16^(1/2)
});

test('first and peak look back over the run', () => {
  assert.equal(liveValue(history, 'first.mean.active'), 0.5);
  assert.equal(liveValue(history, 'first.loss'), Math.fround(0.7));
  assert.equal(liveValue(history, 'peak.L2.dead'), 0.5);
  assert.equal(liveValue(history, 'peak.L3.dead'), 0.5);
  assert.equal(liveValue(history, 'L3.dead'), 0.25);
});

test('bad fields throw with the field named; no records gives NaN', () => {
  assert.throws(() => liveValue(history, 'L4.active'), /no layer 4 in a 3-layer net/);
  assert.throws(() => liveValue(history, 'mean.speed'), /unknown layer field 'speed'/);
  assert.throws(() => liveValue(history, 'median.active'), /unknown field 'median.active'/);
  assert.ok(Number.isNaN(liveValue(emptyHistory(2, names), 'loss')));
});

test('formats', () => {
  assert.equal(formatLive(0.4937, 'pct'), '49%');
  assert.equal(formatLive(23 / 40, 'pct'), '58%');  // 57.49999... in binary: rounds as the reader would
  assert.equal(formatLive(0.4937, 'pct1'), '49.4%');
  assert.equal(formatLive(0.12345, 'num'), '0.123');
  assert.equal(formatLive(0.00024414, 'exp'), '2.4·10⁻⁴');
  assert.equal(formatLive(2e-16, 'exp'), '2·10⁻¹⁶');
  assert.equal(formatLive(1499.6, 'int'), '1500');
  assert.equal(formatLive(45.3, 'times'), '×45');
  assert.equal(formatLive(1.414, 'times'), '×1.4');
  assert.equal(formatLive(NaN, 'pct'), '–');
});

test('huge and tiny ratios in scientific form, never a 13-digit number', () => {
  assert.equal(formatLive(5184254916783, 'times'), '×5.2·10¹²');
  assert.equal(formatLive(73, 'times'), '×73');
  assert.equal(formatLive(9999, 'times'), '×9999');
  assert.equal(formatLive(12345, 'times'), '×1.2·10⁴');
  assert.equal(formatLive(0.25, 'times'), '×0.25');
  assert.equal(formatLive(3.1e-7, 'times'), '×3.1·10⁻⁷');
  assert.equal(formatLive(0, 'times'), '×0');
  assert.equal(formatLive(3.43, 'factor'), '3.4');
  assert.equal(formatLive(5184254916783, 'factor'), '5.2·10¹²');
  assert.equal(formatLive(Infinity, 'times'), '–');
});

test('undefined values say why: no record, diverged, an exact zero in a ratio, NaN', () => {
  assert.equal(undefinedReason(emptyHistory(2, names), 'loss'), 'undef_pending');
  const zeros = appendColumns(emptyHistory(3, names), Float32Array.from(record(0, 0.7, [0, 0, 0], [0, 0, 0], [1, 1, 1])), 3);
  assert.ok(Number.isNaN(liveValue(zeros, 'ratio.grad_z')));
  assert.equal(undefinedReason(zeros, 'ratio.grad_z'), 'undef_zero');
  assert.equal(undefinedReason(zeros, 'first.rate.grad_z'), 'undef_zero');
  const diverged = appendColumns(emptyHistory(3, names), Float32Array.from([...record(0, 0.7, [0.5, 0.5, 0.5], [1, 2, 4], [0, 0, 0]).slice(0, 6), 1,
    ...record(0, 0.7, [0.5, 0.5, 0.5], [1, 2, 4], [0, 0, 0]).slice(7)]), 3);
  assert.equal(undefinedReason(diverged, 'loss'), 'undef_diverged');
  assert.equal(undefinedReason(history, 'L1.alpha'), 'undef_nan');
});

test('finite looks back past a divergence; peak skips NaN records', () => {
  const rows = [...record(0, 0.7, [0.5, 0.5, 0.5], [1, 2, 4], [0, 0, 0]), ...record(10, NaN, [NaN, NaN, NaN], [NaN, NaN, NaN], [NaN, NaN, NaN])];
  const h = appendColumns(emptyHistory(3, names), Float32Array.from(rows), 3);
  assert.ok(Number.isNaN(liveValue(h, 'mean.active')));
  assert.equal(liveValue(h, 'finite.mean.active'), 0.5);
  assert.equal(liveValue(h, 'peak.L3.dead'), 0);
  assert.ok(Number.isNaN(liveValue(emptyHistory(1, names), 'finite.loss')));
});
