// The point editor's pure steps, and the round trip through the engine's one
// encoder: a run's points -> code -> a custom run with the same points.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasmEngine } from './wasm-load.mjs';
import { pointsOfRun, pointsOfCode, addPoint, erasePoint, columns, encode } from '../../web/point-editor.js';

let engine;
before(async () => { engine = await loadWasmEngine(); });

test('add inside the box only; erase the nearest point within the radius, else nothing', () => {
  const p0 = [{ x: 0, y: 0, label: 0 }, { x: 0.5, y: 0.5, label: 1 }];
  assert.equal(addPoint(p0, 2, 0, 1, 1.6), p0);
  const p1 = addPoint(p0, -0.3, 0.2, 1, 1.6);
  assert.deepEqual(p1[2], { x: -0.3, y: 0.2, label: 1 });
  assert.equal(p0.length, 2);  // a new list: the old one is kept for the page's undo of a refused change
  assert.deepEqual(erasePoint(p1, 0.45, 0.5, 0.1).map((p) => p.x), [0, -0.3]);
  assert.equal(erasePoint(p1, 1, 1, 0.1), p1);
  const c = columns(p1);
  assert.deepEqual(Array.from(c.label), [0, 1, 1]);
  assert.ok(c.x instanceof Float32Array);
});

test('a built-in set becomes a custom set with the same points (on the code\'s grid)', () => {
  const run = engine.createRun('data=xor&points=60');
  try {
    const points = pointsOfRun(run);
    assert.equal(points.length, 60);
    const { code, error } = encode(engine, points);
    assert.equal(error, undefined);
    const back = pointsOfCode(engine, code);
    assert.equal(back.length, 60);
    back.forEach((p, i) => {
      assert.equal(p.label, points[i].label);
      assert.ok(Math.abs(p.x - points[i].x) < 1e-3 && Math.abs(p.y - points[i].y) < 2e-3);
    });
    const custom = engine.createRun(`data=custom&custom=${code}`);
    try { assert.equal(pointsOfRun(custom).length, 60); } finally { custom.dispose(); }
  } finally {
    run.dispose();
  }
  assert.deepEqual(pointsOfCode(engine, ''), []);
  assert.deepEqual(pointsOfCode(engine, 'A!'), []);
});
