// The born-dead table (web/born.js): cell order, the deadline, shares only for
// complete cells; against a fake engine and clock, and then the real wasm engine
// against the native CLI's table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BornTable, workBornTables, bornTablesDone } from '../../web/born.js';
import { liveValue } from '../../web/live.js';
import { loadWasmEngine, root } from './wasm-load.mjs';

/** A fake engine: nets with an even seed are dead at depth 10, none elsewhere; counts its calls. */
function fakeEngine() {
  const engine = {
    bornGrid: { depths: [2, 10], widths: [2, 4], nets: 4 },
    calls: [],
    bornDead(text, depth, width, first, count) {
      engine.calls.push([depth, width, first, count]);
      return depth === 10 && first % 2 === 0 ? 1 : 0;
    },
  };
  return engine;
}

test('cells fill in row order, one net per call, and share() is NaN until a cell is complete', () => {
  const engine = fakeEngine();
  const t = new BornTable(engine, 'act=relu');
  let clock = 0;
  const now = () => clock++;  // every call to now() is one ms later
  t.work(2, now);  // one net, then now() = 0, 1 < 2: two more, then 2 >= 2 stops
  assert.deepEqual(engine.calls, [[2, 2, 1, 1], [2, 2, 2, 1], [2, 2, 3, 1]]);
  assert.ok(Number.isNaN(t.share(2, 2)), 'cell 2x2 has 3 of 4 nets');
  t.work(-1, now);  // a past deadline still measures one net, so every frame makes progress
  assert.equal(t.share(2, 2), 0);
  while (!t.done) t.work(Infinity, now);
  assert.equal(engine.calls.length, 16);
  assert.equal(t.share(10, 2), 0.5);
  assert.equal(t.share(10, 4), 0.5);
  assert.ok(Number.isNaN(t.share(5, 2)), 'not in the grid');
  assert.equal(t.work(Infinity, now), false, 'nothing left to do');
});

test('workBornTables makes one table per run from its full config, and reports when all are done', () => {
  const engine = fakeEngine();
  const runs = [{ run: { fullText: () => 'act=relu' } }, { run: { fullText: () => 'act=leaky' } }];
  assert.equal(bornTablesDone(runs), false);
  while (!bornTablesDone(runs)) workBornTables(runs, engine, Infinity, () => 0);
  assert.equal(runs[0].born.text, 'act=relu');
  assert.equal(runs[1].born.text, 'act=leaky');
});

test('the live field born.DxW reads a complete cell, NaN before, and names a cell off the grid', () => {
  const engine = fakeEngine();
  const t = new BornTable(engine, '');
  assert.ok(Number.isNaN(liveValue(null, 'born.10x2', { born: t })));
  assert.ok(Number.isNaN(liveValue(null, 'born.10x2', {})), 'no table yet');
  t.work(-1, () => 0);  // one net
  assert.ok(Number.isNaN(liveValue(null, 'born.max', { born: t })), 'max waits for the whole table');
  while (!t.done) t.work(Infinity, () => 0);
  assert.equal(liveValue(null, 'born.10x2', { born: t }), 0.5);
  assert.equal(liveValue(null, 'born.max', { born: t }), 0.5);
  assert.throws(() => liveValue(null, 'born.7x2', { born: t }), /born.7x2: not in the grid/);
  assert.throws(() => liveValue(null, 'born.tall', { born: t }), /expected born.DEPTHxWIDTH/);
});

test('the page\'s wasm engine gives the same table as the native CLI, cell for cell', async () => {
  const engine = await loadWasmEngine();
  const cli = spawnSync(path.join(root, 'build/native/relu-lab'), ['born-dead', '--format', 'jsonl'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const native = cli.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const t = new BornTable(engine, engine.check('').full);
  assert.deepEqual(t.depths, [...new Set(native.map((c) => c.depth))]);
  assert.deepEqual(t.widths, [...new Set(native.map((c) => c.width))]);
  while (!t.done) t.work(Infinity);
  for (const c of native) assert.equal(t.share(c.depth, c.width), c.share, `${c.depth}x${c.width}`);
  assert.equal(t.share(10, 2), 1);  // the numbers: 40/40, 23/40, and width 8 at most 1/40
  assert.equal(t.share(20, 4), 23 / 40);
  assert.ok(t.share(20, 8) <= 1 / 40);
  assert.throws(() => engine.bornDead('act=swish', 2, 2, 1, 1), /act=swish/);
  assert.throws(() => engine.bornDead('', 30, 2, 1, 1), /depth=30/);
});
