// The article's verdicts, pinned: each claim's preset, run by the native CLI, must
// still show what the text says it shows (docs/DESIGN.md's table). If a change to the
// core breaks one of these, the article would be teaching something false.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root, loadWasmEngine } from './wasm-load.mjs';

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

// ---- issue 8: each corrected or added claim, over seeds 1-5 (the numbers the text cites) ----
const SEEDS = [1, 2, 3, 4, 5];
const bySeed = (settings, steps, every) => SEEDS.map((seed) => run(`${settings} seed=${seed}`, steps, every));
/** last / first hidden layer's error signal, at step 0. */
const lastOverFirst = (rec) => rec.layers[rec.layers.length - 1].grad_z / rec.layers[0].grad_z;
const inRange = (v, lo, hi, what) => assert.ok(v >= lo && v <= hi, `${what}: ${v} not in [${lo}, ${hi}]`);

test('claim 6, tanh: under He the error signal grows towards the input (last/first 0.25-0.51); under Xavier about flat', () => {
  for (const [i, recs] of bySeed('preset=vanishing act=tanh', 0).entries()) {
    inRange(lastOverFirst(recs[0]), 0.2, 0.6, `tanh + he, seed ${i + 1}`);  // measured 0.25-0.51
  }
  for (const [i, recs] of bySeed('preset=vanishing act=tanh init=xavier', 0).entries()) {
    inRange(rate(recs[0]), 0.85, 1.2, `tanh + xavier per-layer factor, seed ${i + 1}`);  // measured 0.94-1.14
  }
});

test('claim 6, sigmoid: the error signal shrinks about x2.9-3.5 per layer under He, x3.8-4.8 under Xavier', () => {
  const he = bySeed('preset=vanishing act=sigmoid', 0).map((r) => rate(r[0]));  // last/first > 1: shrinks towards the input
  const xavier = bySeed('preset=vanishing act=sigmoid init=xavier', 0).map((r) => rate(r[0]));
  he.forEach((f, i) => {
    inRange(f, 2.8, 3.6, `sigmoid + he, seed ${i + 1}`);
    inRange(xavier[i], 3.7, 4.9, `sigmoid + xavier, seed ${i + 1}`);
    assert.ok(xavier[i] > f, `seed ${i + 1}: He's sqrt 2 gain makes the shrink smaller (${f} vs ${xavier[i]})`);
  });
});

test('claim 6, sigmoid: at lr 0.05 even one hidden layer stalls; at lr 0.5 one layer learns and ten do not', () => {
  for (const recs of bySeed('preset=vanishing act=sigmoid depth=1', 1500)) {
    assert.ok(last(recs).loss > 0.6, `depth 1, lr 0.05: loss ${last(recs).loss} (measured about 0.68)`);
  }
  for (const recs of bySeed('preset=vanishing act=sigmoid lr=0.5 depth=1', 1500)) {
    assert.ok(last(recs).loss < 0.2 && last(recs).acc > 0.9, `depth 1, lr 0.5: loss ${last(recs).loss}`);
  }
  for (const recs of bySeed('preset=vanishing act=sigmoid lr=0.5', 1500)) {
    assert.ok(last(recs).loss > 0.6, `depth 10, lr 0.5: loss ${last(recs).loss}`);
  }
});

test('residual: the 20-layer preset trains with skips and not without; without, no gradient reaches layer 1', () => {
  const plain = bySeed('preset=residual residual=0', 2000, 2000);
  const skips = bySeed('preset=residual residual=1', 2000, 2000);
  SEEDS.forEach((seed, i) => {
    assert.equal(plain[i][0].layers[0].grad_z, 0, `seed ${seed}: plain, layer 1's error signal underflows to 0`);
    inRange(lastOverFirst(skips[i][0]), 0.5, 1.2, `seed ${seed}: skips, last/first at step 0`);  // measured 0.64-0.84
    assert.ok(last(plain[i]).acc < 0.6, `seed ${seed}: plain acc ${last(plain[i]).acc}`);  // 0.52: chance
    assert.ok(last(skips[i]).acc > 0.9, `seed ${seed}: residual acc ${last(skips[i]).acc}`);  // 0.93-0.99
  });
});

test('residual: ReLU + He is neither necessary (tanh + Xavier trains at depth 10) nor sufficient (plain depth 20 degrades)', () => {
  for (const recs of bySeed('preset=vanishing act=tanh init=xavier', 1500, 1500)) {
    assert.ok(last(recs).acc > 0.9, `tanh + xavier, depth 10: acc ${last(recs).acc}`);  // 0.95-0.99
  }
  const settings = 'data=spiral noise=0.05 width=16 lr=0.05';
  const shallow = bySeed(`${settings} depth=4`, 2000, 2000).map((r) => last(r).acc);   // 0.89-1.00
  const deep = bySeed(`${settings} depth=20`, 2000, 2000).map((r) => last(r).acc);     // 0.53-0.98
  const avg = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  assert.ok(avg(deep) < avg(shallow) - 0.1, `mean acc depth 20 ${avg(deep)} vs depth 4 ${avg(shallow)}`);
  assert.ok(deep.filter((a) => a < 0.8).length >= 2, `depth 20: ${deep}`);
  assert.ok(shallow.every((a) => a > 0.85), `depth 4: ${shallow}`);
});

test('claim 7, moderate lr (0.3 with momentum): leaky clearly helps, 0.78-0.99 against relu 0.48-0.92', () => {
  const relu = bySeed('preset=dead-moderate', 2000, 2000).map((r) => last(r).acc);
  const leaky = bySeed('preset=dead-moderate act=leaky', 2000, 2000).map((r) => last(r).acc);
  SEEDS.forEach((seed, i) => assert.ok(leaky[i] > relu[i], `seed ${seed}: leaky ${leaky[i]} vs relu ${relu[i]}`));
  assert.ok(Math.min(...leaky) >= 0.75, `leaky: ${leaky}`);
  assert.ok(Math.min(...relu) <= 0.55, `relu: ${relu}`);
});

test('claim 7, prelu: its divergence is the learned slope running away (seed 1: last layer 0.09 -> -0.45 -> 2207)', () => {
  const one = run('preset=dead-prelu seed=1', 14, 1);
  const lastLayer = (step) => one[step].layers[3].alpha;
  assert.ok(Math.abs(lastLayer(10) - 0.094) < 0.005, `step 10: ${lastLayer(10)}`);
  assert.ok(lastLayer(11) < -0.4 && lastLayer(11) > -0.5, `step 11: ${lastLayer(11)}`);
  assert.ok(lastLayer(12) > 2000, `step 12: ${lastLayer(12)}`);
  assert.equal(last(one).diverged, true);  // the record after step 12's update holds NaN
  // Every seed: before the NaN, some layer's slope has turned negative and left [-1, 1] (it starts at 0.25).
  for (const recs of bySeed('preset=dead-prelu', 20, 1)) {
    const finite = recs.filter((r) => !r.diverged);
    assert.equal(last(recs).diverged, true);
    const slopes = finite.flatMap((r) => r.layers.map((l) => l.alpha)).filter((a) => a !== null);
    assert.ok(Math.min(...slopes) < -1, `min slope ${Math.min(...slopes)}`);
  }
});

test('claim 7: "only prelu diverges" is false: at lr 1 leaky diverges too for seed 2', () => {
  assert.equal(last(run('preset=dead-leaky seed=2', 2000)).diverged, true);
  assert.equal(last(run('preset=dead-leaky seed=1', 2000)).diverged, false);
});

test('claim 2: the optimiser decides the deaths: Adam lr 0.01 kills 20-34%, Adam 0.001 5-14%, SGD 0.1 4-7%', () => {
  const dead = (settings) => bySeed(settings, 3000, 3000).map((r) => mean(last(r), 'dead'));
  const adam = dead('preset=sparse'), slowAdam = dead('preset=sparse lr=0.001'), sgd = dead('preset=sparse opt=sgd lr=0.1');
  SEEDS.forEach((seed, i) => {
    inRange(adam[i], 0.15, 0.4, `adam 0.01, seed ${seed}`);
    inRange(slowAdam[i], 0, 0.16, `adam 0.001, seed ${seed}`);
    inRange(sgd[i], 0, 0.09, `sgd 0.1, seed ${seed}`);
    assert.ok(adam[i] > slowAdam[i] && adam[i] > sgd[i], `seed ${seed}`);
  });
});

test('claim 7, born dead: width 2 at depth 10 is 40/40; width 4 at depth 20 23/40; width 8 at most 1/40; leaky never', () => {
  const cells = (args) => {
    const r = spawnSync(path.join(root, 'build/native/relu-lab'), ['born-dead', ...args, '--format', 'jsonl'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return Object.fromEntries(r.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((c) => [`${c.depth}x${c.width}`, c.dead]));
  };
  const relu = cells([]);
  assert.equal(relu['10x2'], 40);
  assert.equal(relu['20x4'], 23);
  for (const d of [2, 5, 10, 15, 20]) assert.ok(relu[`${d}x8`] <= 1, `${d}x8: ${relu[`${d}x8`]}`);
  assert.ok(Object.values(cells(['act=leaky'])).every((n) => n === 0));
  const skips = cells(['residual=1']);
  for (const w of [2, 3, 4, 8, 16]) {  // with skips only layer 1 (whose input is x) can cut the net: depth does not matter
    assert.equal(skips[`20x${w}`], skips[`2x${w}`], `residual, width ${w}`);
    assert.ok(skips[`20x${w}`] <= relu[`20x${w}`]);
  }
});

test('claim 5: a linear net has exactly one linear region: its logit is one affine function of the input', async () => {
  const engine = await loadWasmEngine();
  for (const seed of SEEDS) {
    const run1 = engine.createRun(`preset=expressive&act=linear&seed=${seed}`);
    try {
      run1.step(500);
      const n = 16, box = { x0: -1.5, x1: 1.5, y0: -1.5, y1: 1.5 };
      const { prob } = run1.grid(box, n, n, 0, n);
      const logit = Array.from(prob, (p) => Math.log(p / (1 - p)));
      // Affine: every second difference along rows and columns is zero (up to float rounding).
      const at = (r, c) => logit[r * n + c];
      const scaleOf = Math.max(...logit.map(Math.abs));
      for (let r = 0; r < n; r++) {
        for (let c = 1; c + 1 < n; c++) {
          assert.ok(Math.abs(at(r, c - 1) - 2 * at(r, c) + at(r, c + 1)) < 1e-3 * scaleOf + 1e-4, `seed ${seed}, row ${r}`);
          assert.ok(Math.abs(at(c - 1, r) - 2 * at(c, r) + at(c + 1, r)) < 1e-3 * scaleOf + 1e-4, `seed ${seed}, col ${r}`);
        }
      }
    } finally {
      run1.dispose();
    }
  }
});
