// The curve-fitting figure's words (fig-curve: run 0 linear, run 1 relu) follow its
// numbers: the rules on the engine's own runs over seeds 1-5 for the defaults and
// every target the figure's menu offers, and on hand-set numbers for the other cases.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasmEngine } from './wasm-load.mjs';
import { pickCase } from '../../web/verdicts.js';
import { liveValue } from '../../web/live.js';

let engine;
before(async () => { engine = await loadWasmEngine(); });

/** The figure's two runs after `steps`: [{history, config}] as page.js hands them to the rules. */
function figure(extra, steps) {
  return ['linear', 'relu'].map((act) => {
    const run = engine.createRun(`preset=curve${extra}&act=${act}`);
    try {
      run.record();  // step 0's record, owed by a new run
      run.step(steps);
      run.record();
      return { history: run.history, config: { act } };
    } finally {
      run.dispose();
    }
  });
}

test('fig-curve: at its 1500 steps the ReLU fit bends, one piece per kink, for every target and seeds 1-5', () => {
  for (const target of ['sine', 'abs', 'step', 'square']) {
    for (let seed = 1; seed <= 5; seed++) {
      const runs = figure(`&target=${target}&seed=${seed}`, 1500);
      const label = `${target} seed ${seed}`;
      assert.equal(pickCase('curve_verdict', runs), 'bends', label);
      assert.equal(pickCase('curve_pieces', runs), 'one_per_kink', label);
      assert.equal(liveValue(runs[0].history, 'pieces'), 1, `${label}: the linear net is one line`);
      assert.ok(liveValue(runs[1].history, 'pieces') >= 4, `${label}: relu pieces`);
      // Before training, the text says so instead of judging.
      assert.equal(pickCase('curve_verdict', runs.map((r) => ({ ...r, history: { ...r.history, rows: 1 } }))), 'step0', label);
    }
  }
});

test('fig-curve: a two-layer ReLU net has more pieces than first-layer kinks; NaN numbers are undefined', () => {
  const runs = ['linear', 'relu'].map((act) => {
    const run = engine.createRun(`preset=curve&width=8,8&act=${act}&seed=2`);
    try { run.record(); run.step(1500); run.record(); return { history: run.history, config: { act } }; } finally { run.dispose(); }
  });
  assert.ok(liveValue(runs[1].history, 'pieces') > liveValue(runs[1].history, 'kinks') + 1);
  assert.equal(pickCase('curve_pieces', runs), 'deeper');
  const smooth = ['linear', 'tanh'].map((act) => {
    const run = engine.createRun(`preset=curve&act=${act}`);
    try { run.record(); run.step(10); run.record(); return { history: run.history, config: { act } }; } finally { run.dispose(); }
  });
  assert.ok(Number.isNaN(liveValue(smooth[1].history, 'pieces')));  // tanh: no pieces to count
  assert.equal(pickCase('curve_pieces', smooth), 'undefined');
  assert.equal(pickCase('curve_verdict', smooth), 'undefined');
});

test('fig-curve: too few steps to beat the line is "not yet", not "bends"', () => {
  const runs = figure('&lr=0.001', 20);
  assert.equal(pickCase('curve_verdict', runs), 'not_yet');
});
