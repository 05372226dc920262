// eng9's engine parts through the wasm bindings, against the native CLI: the
// reader's points (data=custom) encode and decode in the core only and give the
// same run as `relu-lab run --data FILE.csv`; per-layer widths; data=curve's
// fitted curve, kinks and pieces are the ones `relu-lab shape` prints.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWasmEngine, root } from './wasm-load.mjs';

const cli = path.join(root, 'build/native/relu-lab');
let engine;
let RECORD_FIELDS, LAYER_FIELDS;  // the engine's own names
before(async () => {
  engine = await loadWasmEngine();
  ({ record: RECORD_FIELDS, layer: LAYER_FIELDS } = engine.names);
});

function runCli(args) {
  const r = spawnSync(cli, args, { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function nativeRecords(args) {
  const r = runCli(['run', ...args]);
  assert.equal(r.status, 0, r.err);
  return r.out.trim().split('\n').map((l) => JSON.parse(l));
}

function wasmRecords(text, steps, every) {
  const run = engine.createRun(text);
  try {
    run.record();  // step 0's record: a new run owes it (the trainer measures it in chunks)
    while (run.steps < steps) { run.step(Math.min(every, steps - run.steps)); run.record(); }
    const h = run.history;
    return Array.from({ length: h.rows }, (_, i) => ({
      ...Object.fromEntries(RECORD_FIELDS.map((f) => [f, h.fields[f][i]])),
      layers: Array.from({ length: h.depth }, (_, l) => Object.fromEntries(LAYER_FIELDS.map((f) => [f, h.layers[f][l][i]]))),
    }));
  } finally {
    run.dispose();
  }
}

// Shares are counts over inputs: compared absolutely (see engine.test.mjs).
const SHARES = new Set(['acc', 'test_acc', 'path_share', 'active', 'dead', 'always_on']);
function close(a, b, rel, what, share) {
  if (a === null || b === null || Number.isNaN(a) || Number.isNaN(b)) {
    assert.ok((a === null || Number.isNaN(a)) && (b === null || Number.isNaN(b)), `${what}: ${a} vs ${b}`);
    return;
  }
  assert.ok(Math.abs(a - b) <= (share ? rel : rel * Math.max(Math.abs(a), Math.abs(b))) + 1e-7, `${what}: native ${a} vs wasm ${b}`);
}
function compare(native, wasm, rel, label) {
  assert.equal(native.length, wasm.length, `${label}: record count`);
  native.forEach((n, i) => {
    const w = wasm[i];
    assert.equal(w.step, n.step);
    for (const f of ['loss', 'test_loss', 'acc', 'test_acc', 'path_share']) close(n[f], w[f], rel, `${label} step ${n.step} ${f}`, SHARES.has(f));
    assert.equal(w.layers.length, n.layers.length);
    n.layers.forEach((layer, l) => {
      for (const f of LAYER_FIELDS) close(layer[f], w.layers[l][f], rel, `${label} step ${n.step} L${l + 1} ${f}`, SHARES.has(f));
    });
  });
}

/** A seeded CSV: two noisy blobs, some points outside the box unless `inside`. */
function csvText(n, seed, scale = 1) {
  let s = seed;
  const rand = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const rows = ['x,y,label'];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    rows.push(`${((label ? 0.6 : -0.6) + 0.5 * (rand() - 0.5)) * scale},${(0.8 * (rand() - 0.5)) * scale},${label}`);
  }
  return rows.join('\n') + '\n';
}

test('the page encodes and decodes points with the engine: round trip, grid, limits', () => {
  const xs = [-1.6, 1.6, 0.1234, -0.5], ys = [-1.6, 1.6, -0.777, 0.25], labels = [0, 1, 1, 0];
  const { code, error } = engine.encodePoints(xs, ys, labels);
  assert.equal(error, undefined);
  assert.equal(code.length, 16);
  assert.equal(code.slice(0, 8), 'AAAA____');
  const back = engine.decodePoints(code);
  assert.deepEqual(Array.from(back.label), labels);
  back.x.forEach((x, i) => assert.ok(Math.abs(x - xs[i]) <= 1.6 / 4095 + 1e-6, `x ${i}`));
  back.y.forEach((y, i) => assert.ok(Math.abs(y - ys[i]) <= 1.6 / 2047 + 1e-6, `y ${i}`));
  assert.equal(engine.encodePoints(back.x, back.y, back.label).code, code);  // decoded points sit on the grid
  assert.equal(engine.encodePoints([2], [0], [0]).error, 'point 1 (2, 0): x and y must lie in [-1.6, 1.6]');
  assert.match(engine.decodePoints('AA!A').error, /^custom=: character '!' at position 3/);
  const limits = engine.customLimits();
  assert.deepEqual({ ...limits }, { half: 1.6, maxPoints: 5000, minPoints: 2, charsPerPoint: 4 });
  const many = Array.from({ length: 5001 }, () => 0);
  assert.equal(engine.encodePoints(many, many, many).error, '5001 points: at most 5000 fit in custom=');
  assert.match(engine.check(`data=custom&custom=${'A'.repeat(20004)}`).error,
    /^custom='A{40}…' \(20004 characters\): 20004 characters: at most 5000 points/);  // cut short by the one rule (printable)
});

test('a CSV gives the same code in the page as with the CLI, and the same run, bit for bit in data and weights', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relu-lab-'));
  try {
    for (const [name, scale] of [['inside', 1], ['rescaled', 7]]) {
      const file = path.join(dir, `${name}.csv`);
      const text = csvText(120, 3, scale);
      fs.writeFileSync(file, text);
      const page = engine.pointsFromCsv(text);
      assert.equal(page.error, undefined, page.error);
      assert.equal(page.rescaled, scale !== 1, name);
      const dump = runCli(['dump', '--data', file, 'depth=3', 'width=8,6,4']);
      assert.equal(dump.status, 0, dump.err);
      const native = JSON.parse(dump.out);
      assert.ok(native.config.endsWith(`&custom=${page.code}`), `${name}: the CLI's code is the page's`);
      const config = `data=custom&custom=${page.code}&width=8,6,4&seed=4`;
      const run = engine.createRun(config);
      try {
        const nativeSeed4 = JSON.parse(runCli(['dump', '--data', file, 'width=8,6,4', 'seed=4']).out);
        assert.deepEqual(Array.from(run.points(false).x), nativeSeed4.train.x.map(Math.fround), `${name}: train x`);
        assert.deepEqual(Array.from(run.points(false).label), nativeSeed4.train.label, `${name}: labels`);
        nativeSeed4.weights.forEach((w, l) => assert.deepEqual(Array.from(run.weights(l)), w.map(Math.fround), `${name}: W${l + 1}`));
      } finally {
        run.dispose();
      }
      const native50 = nativeRecords(['--data', file, 'width=8,6,4', 'seed=4', 'opt=adam', 'lr=0.01', '--steps', '50', '--every', '10']);
      const wasm50 = wasmRecords(`${config}&opt=adam&lr=0.01`, 50, 10);
      compare(native50.slice(0, 1), wasm50.slice(0, 1), 1e-5, name);
      compare(native50, wasm50, 1e-3, name);
    }
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('CSV errors name the line and the rule, in the page as in the CLI', () => {
  const bad = 'x,y,label\n0.1,0.2,1\n0.3,0.4,yes\n';
  assert.equal(engine.pointsFromCsv(bad).error, 'line 3: label \'yes\' must be 0 or 1');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relu-lab-'));
  try {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, bad);
    const r = runCli(['run', '--data', file]);
    assert.equal(r.status, 2);
    assert.equal(r.err, `relu-lab: '${file}' line 3: label 'yes' must be 0 or 1\n`);
    assert.equal(r.out, '');
    const both = runCli(['run', '--data', file, 'data=spiral']);
    assert.match(both.err, /--data .* and 'data=spiral' disagree/);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('per-layer widths: the run reports them, and records match the CLI layer by layer', () => {
  const checked = engine.check('width=16,8,4');
  assert.equal(checked.depth, 3);
  assert.deepEqual(Array.from(checked.widths), [16, 8, 4]);
  assert.equal(checked.text, 'depth=3&width=16,8,4');  // agrees with the list, so it reads back
  assert.match(engine.check('depth=2&width=16,8,4').error, /^width=16,8,4 lists 3 hidden layers but depth=2/);
  const widthKey = engine.schema.find((k) => k.name === 'width');
  assert.equal(widthKey.list, true);
  const text = 'data=spiral&width=16,8,4&opt=adam&lr=0.01&seed=2';
  compare(nativeRecords([...text.split('&'), '--steps', '30', '--every', '10']), wasmRecords(text, 30, 10), 1e-3, text);
  const run = engine.createRun(text);
  try {
    assert.deepEqual(Array.from(run.widths), [16, 8, 4, 1]);  // hidden layers, then the output
    assert.equal(run.weights(1).length, 8 * 16);
    assert.equal(run.weights(3).length, 4);  // the output reads 4 units
  } finally {
    run.dispose();
  }
});

test('data=curve: the fitted curve, each unit\'s kink and the pieces are the ones relu-lab shape prints', () => {
  for (const text of ['preset=curve', 'preset=curve&act=linear', 'data=curve&target=abs&width=6,4&seed=3',
    'data=curve&act=tanh']) {
    const r = runCli(['shape', ...text.split('&'), '--steps', '300']);
    assert.equal(r.status, 0, r.err);
    const native = JSON.parse(r.out);
    const run = engine.createRun(text);
    try {
      run.step(300);
      const c = run.curve(-1, 1, 201);
      assert.equal(c.x.length, 201);
      assert.equal(c.x[0], -1);
      assert.equal(c.x[200], 1);
      assert.equal(c.pieces, native.pieces, `${text}: pieces`);
      assert.equal(c.exact, true);
      assert.equal(c.kinks.length, native.kinks.length, `${text}: one kink per first-layer unit`);
      c.kinks.forEach((k, i) => close(native.kinks[i], k, 1e-3, `${text}: kink ${i}`, true));
      // The fitted curve is the net's output: a linear net draws a straight line.
      if (text.includes('linear')) {
        const slope = (c.y[200] - c.y[0]) / 2;
        c.y.forEach((y, i) => assert.ok(Math.abs(y - (c.y[0] + slope * (c.x[i] + 1))) < 1e-4, `straight at ${i}`));
        assert.equal(c.pieces, 1);
      }
    } finally {
      run.dispose();
    }
  }
  const curveData = engine.createRun('data=curve&points=50&test=0');
  try {
    curveData.record();
    const d = curveData.points(false);
    assert.equal(d.dims, 1);
    assert.equal(d.target.length, 50);
    assert.ok(Number.isNaN(curveData.latest().acc));  // regression: no accuracy
  } finally {
    curveData.dispose();
  }
  const flat = engine.createRun('data=circle');
  try { assert.match(flat.curve(-1, 1, 10).error, /one input/); } finally { flat.dispose(); }
});
