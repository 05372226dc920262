// The verdict rules on the engine's own numbers: for each section, the figure's
// default settings and every change the text suggests, over seeds 1-5, run by the
// native CLI for as many steps as the figure runs, recorded as often as the page
// records (every 10 steps). Each row states the case(s) the numbers support; a rule
// that picked anything else would put a sentence beside a number it contradicts.
// The typical case of every rule (index.html's fallback text) must be what the
// defaults give for seed 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './wasm-load.mjs';
import { RULES, pickCase } from '../../web/verdicts.js';
import { appendColumns, emptyHistory, RECORD_FIELDS, LAYER_FIELDS } from '../../web/engine.js';
import { parseConfigText } from '../../web/state.js';

const SEEDS = [1, 2, 3, 4, 5];

/** One run of the CLI as a figure run: {history, config}. */
function cliRun(settings, steps, every = 10) {
  const args = ['run', ...settings.split('&'), '--steps', String(steps), '--every', String(Math.min(every, steps || 1))];
  const r = spawnSync(path.join(root, 'build/native/relu-lab'), args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const depth = records[0].layers.length;
  const num = (v) => (v === null ? NaN : Number(v));
  const flat = records.flatMap((rec) => [...RECORD_FIELDS.map((f) => num(rec[f])),
    ...rec.layers.flatMap((l) => LAYER_FIELDS.map((f) => num(l[f])))]);
  // The full config, as the page's figure runs hold it (presets expanded, defaults filled in).
  const dump = spawnSync(path.join(root, 'build/native/relu-lab'), ['dump', ...settings.split('&')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const config = parseConfigText(JSON.parse(dump.stdout).config);
  return { history: appendColumns(emptyHistory(depth), Float64Array.from(flat), depth), config };
}

/** The CLI's born-dead table for these settings, shaped like web/born.js's BornTable (complete). */
function cliBorn(settings) {
  const r = spawnSync(path.join(root, 'build/native/relu-lab'), ['born-dead', ...settings.split('&').filter(Boolean), '--format', 'jsonl'],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const cells = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const depths = [...new Set(cells.map((c) => c.depth))], widths = [...new Set(cells.map((c) => c.width))];
  return { depths, widths, nets: cells[0].nets, done: true,
    share: (d, w) => cells.find((c) => c.depth === d && c.width === w)?.share ?? NaN };
}

/** A figure: its compared runs for one seed. `base` holds the figure's attributes, `compare` [key, values]. */
function figure({ base, compare, steps, every, born }, change, seed) {
  const settings = [base, change, `seed=${seed}`].filter(Boolean).join('&');
  if (born) return [{ ...cliRun(settings, steps, every), born: cliBorn(settings) }];
  if (!compare) return [cliRun(settings, steps, every)];
  return compare[1].map((v) => cliRun(`${settings}&${compare[0]}=${v}`, steps, every));
}

/**
 * Checks a table of rows {change, steps?, expect: {rule: case or [cases]}} for one figure over seeds 1-5,
 * and collects what was picked, so the failure message shows the whole table.
 */
function checkTable(fig, rows) {
  const problems = [];
  for (const row of rows) {
    for (const seed of SEEDS) {
      const runs = figure({ ...fig, steps: row.steps ?? fig.steps }, row.change, seed);
      for (const [rule, expected] of Object.entries(row.expect)) {
        const allowed = [].concat(expected);
        const got = pickCase(rule, runs);
        if (!allowed.includes(got)) problems.push(`${row.change || 'defaults'} seed ${seed}: ${rule} picked '${got}', expected ${allowed.join(' or ')}`);
      }
    }
  }
  assert.deepEqual(problems, []);
}

const SPARSE = { base: 'preset=sparse', steps: 3000, every: 100 };
const TWO_N = { base: 'preset=two-n', steps: 0 };
const BRAIN = { base: 'preset=brain', steps: 2000, every: 100 };
const EXPRESSIVE = { base: 'preset=expressive', compare: ['act', ['linear', 'relu']], steps: 2000, every: 100 };
const VANISHING = { base: 'preset=vanishing', compare: ['act', ['relu', 'sigmoid', 'tanh']], steps: 0 };
const SIGMOID = { base: 'preset=vanishing&act=sigmoid', compare: ['depth', [1, 10]], steps: 1500, every: 100 };
const DEAD_LR = { base: 'preset=dead-relu', compare: ['lr', [0.01, 0.1, 1]], steps: 2000 };
const DEAD_MODERATE = { base: 'preset=dead-relu&lr=0.3', compare: ['act', ['relu', 'leaky']], steps: 2000, every: 100 };
const DEAD_ACT = { base: '', compare: ['preset', ['dead-relu', 'dead-leaky', 'dead-prelu']], steps: 2000, every: 100 };
const RESIDUAL = { base: 'preset=residual', compare: ['residual', [0, 1]], steps: 2000, every: 100 };
const BORN = { base: 'preset=born-dead', steps: 0, born: true };
const DIGITS = { base: 'preset=digits', compare: ['l1', [0, 0.001, 0.1]], steps: 1500, every: 500 };

test('§2 sparse: half at init; Adam at 0.01 turns sparsity into deaths; a smaller rate or SGD does not', () => {
  checkTable(SPARSE, [
    { expect: { sparse_half: 'half', sparse_training: 'deaths', sparse_optimizer: 'adam' } },
    { change: 'lr=0.001', expect: { sparse_training: ['denser', 'same'], sparse_optimizer: 'adam' } },
    { change: 'opt=sgd&lr=0.1', expect: { sparse_training: ['sparser', 'same'], sparse_optimizer: 'sgd' } },
    { change: 'opt=momentum&lr=0.01', expect: { sparse_training: ['same', 'sparser', 'denser'], sparse_optimizer: 'momentum' } },
  ]);
});

test('§3 two-n: flat per layer, paths near 2^-N, at every init but zero and every depth; Play is said', () => {
  const atInit = { two_n_active: 'flat', two_n_paths: 'close', two_n_dead: 'both', two_n_verdict: 'false_rate', two_n_step: 'step0' };
  checkTable(TWO_N, [
    { expect: atInit },
    ...['xavier', 'lecun', 'small'].map((init) => ({ change: `init=${init}`, expect: atInit })),
    { change: 'init=zero', expect: { two_n_active: 'all_off', two_n_paths: 'none', two_n_dead: 'all_dead', two_n_verdict: 'all_off' } },
    { change: 'depth=20', expect: atInit },
    { change: 'depth=2', expect: atInit },
    { change: 'depth=1', expect: { two_n_active: 'flat', two_n_paths: 'close', two_n_dead: 'none' } },
    { steps: 500, expect: { two_n_step: 'trained', two_n_active: 'flat', two_n_verdict: 'false_rate' } },
  ]);
});

test('§4 brain: far above the band, at every seed', () => {
  checkTable(BRAIN, [{ expect: { brain_now: 'outside' } }]);
});

test('§5 expressive: relu beats the linear twin on xor, circle and spiral, and the data is named', () => {
  checkTable(EXPRESSIVE, ['xor', 'circle', 'spiral'].map((data) => ({ change: `data=${data}`,
    expect: { expressive_verdict: 'relu_wins', expressive_data: data } })));
  checkTable(EXPRESSIVE, [{ steps: 0, expect: { expressive_verdict: 'step0' } }]);
});

test('§6 vanishing at step 0: He flat for relu, sigmoid below 4, tanh grows; Xavier shrinks relu; small vanishes', () => {
  checkTable(VANISHING, [
    { expect: { vanishing_relu: ['flat', 'shrinks_slightly'], vanishing_sigmoid: 'below_bound',
      vanishing_tanh: ['grows_slightly', 'flat'], vanishing_init: 'he', vanishing_verdict: ['half_true', 'half_true_tanh_level'], vanishing_relu_now: 'step0' } },
    { change: 'init=xavier', expect: { vanishing_relu: 'shrinks', vanishing_sigmoid: 'near_bound', vanishing_tanh: ['flat', 'shrinks_slightly'],
      vanishing_init: 'xavier', vanishing_verdict: 'relu_shrinks' } },
    { change: 'init=small', expect: { vanishing_relu: 'vanishes', vanishing_sigmoid: 'above_bound', vanishing_tanh: 'vanishes',
      vanishing_init: 'vanishes', vanishing_verdict: 'all_vanish' } },
    { change: 'depth=20', expect: { vanishing_relu: ['flat', 'shrinks_slightly'], vanishing_sigmoid: 'below_bound' } },
  ]);
  // Seed 1's He numbers are what index.html says before the script runs: the rules' typical cases.
  const runs = figure(VANISHING, '', 1);
  for (const rule of ['vanishing_relu', 'vanishing_sigmoid', 'vanishing_tanh', 'vanishing_init', 'vanishing_verdict']) {
    assert.equal(pickCase(rule, runs), RULES[rule].typical, rule);
  }
});

test('§6 vanishing after training: relu\'s signal turns towards the input; the small init ends in exact zeros; sigmoid stalls', () => {
  checkTable({ ...VANISHING, steps: 1500, every: 100 }, [
    { expect: { vanishing_relu_now: ['grows', 'grows_slightly'], vanishing_sigmoid_loss: 'stalled' } },
    { change: 'init=small', expect: { vanishing_relu_now: ['zero', 'vanishes'] } },  // seed 2: 10^-18, not yet 0
  ]);
});

test('§6 sigmoid control: at lr 0.05 one layer stalls as ten do (the lr); at 0.5 only ten do (depth)', () => {
  checkTable(SIGMOID, [
    { expect: { sigmoid_control: 'both_stall' } },
    { change: 'lr=0.5', expect: { sigmoid_control: 'deep_stalls' } },
    { steps: 0, expect: { sigmoid_control: 'step0' } },
  ]);
});

test('§6 residual: without skips no signal reaches layer 1 and the net stalls; with them it learns; He init diverges', () => {
  checkTable(RESIDUAL, [
    { expect: { residual_gradient: 'skips_carry', residual_train: 'skips_learn' } },
    { steps: 0, expect: { residual_gradient: 'skips_carry', residual_train: 'step0' } },
    { change: 'depth=10', expect: { residual_gradient: 'skips_carry', residual_train: 'skips_learn' } },
    { change: 'init=he', expect: { residual_train: 'diverged' } },
  ]);
  const runs = figure({ ...RESIDUAL, steps: 0 }, '', 1);
  assert.equal(pickCase('residual_gradient', runs), RULES.residual_gradient.typical);
});

test('§7 born dead: grows with depth, falls with width; no net with skips or a leaky or smooth unit; a bias shifts it', () => {
  checkTable(BORN, [
    { expect: { born_table: 'depth_width' } },
    ...['xavier', 'lecun', 'small'].map((init) => ({ change: `init=${init}`, expect: { born_table: 'depth_width' } })),
    ...['leaky', 'elu', 'gelu', 'silu', 'tanh'].map((act) => ({ change: `act=${act}`, expect: { born_table: 'none_act' } })),
    { change: 'residual=1', expect: { born_table: 'none_skips' } },
    { change: 'bias=0.1', expect: { born_table: 'some' } },
    { change: 'bias=-0.1', expect: { born_table: 'some' } },
    { change: 'init=zero', expect: { born_table: 'some' } },
  ]);
  assert.equal(pickCase('born_table', figure(BORN, '', 1)), RULES.born_table.typical);
  assert.equal(pickCase('born_table', [{ ...figure(BORN, '', 1)[0], born: undefined }]), 'pending_table');
});

test('§7 dead: lr 1 kills; 0.01 and 0.1 keep most; deep units can revive; leaky helps at 0.3, not at 1; prelu diverges', () => {
  checkTable(DEAD_LR, [{ expect: { dead_lr_large: 'killed', dead_lr_small: ['few', 'some'], dead_revival: ['revived', 'stayed'] } }]);
  checkTable(DEAD_MODERATE, [{ expect: { dead_moderate: 'leaky_helps' } }]);
  // Seed 2: the leaky run diverges too, so "only PReLU diverges" is not said.
  checkTable(DEAD_ACT, [{ expect: { dead_leaky_large: ['as_often', 'diverged'], dead_prelu: 'diverged' } }]);
  assert.equal(pickCase('dead_leaky_large', figure(DEAD_ACT, '', 2)), 'diverged');
});

test('§8 digits: no penalty ends less sparse; 0.001 lands in Glorot\'s range at little cost; 0.1 kills most units', () => {
  checkTable(DIGITS, [{ expect: { digits_no_penalty: 'less_sparse', digits_l1_band: 'inside', digits_l1_cost: 'barely',
    digits_l1_strong: ['kills_costs', 'kills_cheap'] } }]);
});
