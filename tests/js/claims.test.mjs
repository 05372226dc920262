// The article's verdicts, pinned: each claim's preset, run by the native CLI, must
// still show what the text says it shows (DESIGN.md's table). If a change to the
// core breaks one of these, the article would be teaching something false.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './wasm-load.mjs';

function run(settings, steps, every = steps || 1) {
  const r = spawnSync(path.join(root, 'build/native/relu-lab'), ['run', ...settings.split(' '), '--steps', String(steps),
    '--every', String(every)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}
const mean = (rec, f) => rec.layers.reduce((s, l) => s + l[f], 0) / rec.layers.length;
const last = (records) => records[records.length - 1];
/** Per-layer growth of the error signal from the first hidden layer to the last. */
const rate = (rec) => (rec.layers[rec.layers.length - 1].grad_z / rec.layers[0].grad_z) ** (1 / (rec.layers.length - 1));

test('claim 3: per-layer activity stays near 1/2 at any init scale; open paths fall as 2^-N', () => {
  const byInit = ['he', 'xavier', 'lecun', 'small'].map((init) => run(`preset=two-n init=${init}`, 0)[0]);
  for (const layer of byInit[0].layers) assert.ok(layer.active > 0.35 && layer.active < 0.65, `active ${layer.active}`);
  for (const other of byInit.slice(1)) {
    assert.deepEqual(other.layers.map((l) => l.active), byInit[0].layers.map((l) => l.active), 'positive homogeneity');
  }
  const share = byInit[0].path_share;
  assert.ok(share > 2 ** -12 / 4 && share < 2 ** -12 * 4, `open paths ${share} vs 2^-12`);
  assert.ok(mean(byInit[0], 'always_on') > 0.5 * mean(byInit[0], 'dead'), 'about as many always-on as dead');
});

test('claim 6: He keeps relu\'s error signal flat, Xavier shrinks it about sqrt 2 per layer, sigmoid about 4', () => {
  const he = rate(run('preset=vanishing', 0)[0]);
  const xavier = rate(run('preset=vanishing init=xavier', 0)[0]);
  const sigmoid = rate(run('preset=vanishing act=sigmoid', 0)[0]);
  const small = run('preset=vanishing init=small', 0)[0];
  assert.ok(he > 0.8 && he < 1.25, `relu + he: x${he} per layer`);
  assert.ok(xavier > 1.25 && xavier < 1.65, `relu + xavier: x${xavier} per layer`);
  assert.ok(sigmoid > 2.5 && sigmoid < 4.5, `sigmoid: x${sigmoid} per layer`);
  assert.ok(small.layers[0].grad_z < 1e-10, `small init: ${small.layers[0].grad_z}`);
});

test('claim 7: lr 1 with momentum kills most relu units, smaller rates do not; leaky dies as often; prelu diverges', () => {
  const dead = Object.fromEntries([0.01, 0.1, 1].map((lr) => [lr, mean(last(run(`preset=dead-relu lr=${lr}`, 2000)), 'dead')]));
  assert.ok(dead[1] > 0.5, `lr 1: ${dead[1]} dead`);
  assert.ok(dead[0.01] < 0.2 && dead[0.1] < 0.2, `lr 0.01: ${dead[0.01]}, lr 0.1: ${dead[0.1]}`);
  const leaky = mean(last(run('preset=dead-leaky', 2000)), 'dead');
  assert.ok(leaky >= dead[1] - 0.1, `leaky ${leaky} vs relu ${dead[1]}`);
  assert.equal(last(run('preset=dead-prelu', 2000)).diverged, true);
});

test('claim 5: a linear stack cannot learn xor, the relu twin can', () => {
  assert.ok(last(run('preset=expressive act=linear', 2000)).acc <= 0.75);
  assert.ok(last(run('preset=expressive', 2000)).acc >= 0.9);
});

test('claim 8: training alone makes digits less sparse; l1 0.001 gives Glorot-like sparsity at little cost; 0.1 kills', () => {
  const none = run('preset=digits', 1500, 1500);
  const l1 = last(run('preset=digits l1=0.001', 1500));
  const lots = last(run('preset=digits l1=0.1', 1500));
  assert.ok(mean(last(none), 'active') > mean(none[0], 'active'), 'ends less sparse than at init');
  const active = mean(l1, 'active');
  assert.ok(active >= 0.17 && active <= 0.32, `l1=0.001: ${active} active (Glorot: 68-83% zeros)`);
  assert.ok(l1.test_acc >= last(none).test_acc - 0.02, `test accuracy ${l1.test_acc} vs ${last(none).test_acc}`);
  assert.ok(mean(lots, 'dead') > 0.5 && lots.test_acc < 0.9, `l1=0.1: ${mean(lots, 'dead')} dead, ${lots.test_acc}`);
});

test('claims 2 and 4: about half of the units fire at init', () => {
  for (const preset of ['sparse', 'brain']) {
    const a = mean(run(`preset=${preset}`, 0)[0], 'active');
    assert.ok(a > 0.4 && a < 0.6, `${preset}: ${a}`);
  }
});
