// The verdict rules on hand-built histories: every case of every rule, including the
// undefined ones (no record, exactly-zero gradients, NaN), and the strings behind them.
// tests/js/verdicts-engine.test.mjs runs the same rules on the engine's own numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, THRESHOLDS, pickCase, caseKey, signalTrend } from '../../web/verdicts.js';
import { PAGE_STRINGS } from '../../web/page-strings.js';
import { LANGS } from '../../web/i18n.js';
import { appendColumns, emptyHistory } from '../../web/engine.js';
import { loadWasmEngine } from './wasm-load.mjs';

const { names } = await loadWasmEngine();  // the field names, as the engine exports them
const RECORD_FIELDS = names.record, LAYER_FIELDS = names.layer;

/** One run: records [{step, loss, acc, test_acc, diverged, layers: [{active, dead, grad_z, ...}]}], and a config. */
export function runOf(records, config = {}) {
  const depth = records[0].layers.length;
  const flat = records.flatMap((r) => [
    ...RECORD_FIELDS.map((f) => (f === 'diverged' ? (r.diverged ? 1 : 0) : r[f] ?? 0.5)),
    ...r.layers.flatMap((l) => LAYER_FIELDS.map((f) => l[f] ?? 0.5)),
  ]);
  return { history: appendColumns(emptyHistory(depth, names), Float32Array.from(flat), depth), config };
}
/** Layers whose error signal is g0 * factor^(l) from the first hidden layer up (factor > 1: shrinks towards the input). */
const signal = (depth, factor, g0 = 1e-3) => Array.from({ length: depth }, (_, l) => ({ grad_z: g0 * factor ** l }));
const pick = (rule, ...runs) => pickCase(rule, runs);

test('every rule names its cases and its typical case is one of them; every case has words in both languages', () => {
  for (const [name, rule] of Object.entries(RULES)) {
    assert.ok(rule.cases.includes(rule.typical), `${name}: typical '${rule.typical}'`);
    for (const c of rule.cases) {
      for (const lang of LANGS) {
        const text = PAGE_STRINGS[lang][caseKey(name, c)];
        assert.ok(text && text.trim(), `${lang}: no string ${caseKey(name, c)}`);
      }
    }
  }
  for (const lang of LANGS) assert.ok(PAGE_STRINGS[lang].verdict__pending, lang);
});

test('no string key for a case that no rule has (stale wording would never be shown)', () => {
  for (const key of Object.keys(PAGE_STRINGS.en).filter((k) => k.includes('__') && k !== 'verdict__pending')) {
    const [rule, c] = key.split('__');
    assert.ok(RULES[rule]?.cases.includes(c), `${key}`);
  }
});

test('thresholds are numbers, and each band is ordered', () => {
  for (const [k, v] of Object.entries(THRESHOLDS)) assert.ok(Number.isFinite(v) && v > 0, k);
  assert.ok(THRESHOLDS.flatPerLayer < THRESHOLDS.clearPerLayer);
  assert.ok(THRESHOLDS.halfLow < 0.5 && THRESHOLDS.halfHigh > 0.5);
  assert.ok(THRESHOLDS.glorotLow < THRESHOLDS.glorotHigh);
});

test('no record yet: every rule waits (pending), it does not guess', () => {
  const empty = { history: emptyHistory(3, names), config: {} };
  for (const name of Object.keys(RULES)) assert.equal(pickCase(name, [empty]), 'pending', name);
  assert.equal(pickCase('vanishing_relu', []), 'pending');
  assert.equal(caseKey('vanishing_relu', 'pending'), 'verdict__pending');
  assert.throws(() => pickCase('no_such_rule', []), /unknown verdict rule 'no_such_rule'/);
});

test('signalTrend: per-layer factor bands, vanishing, exact zeros and NaN', () => {
  const f = (rate, depth = 10) => signalTrend(rate, rate ** (depth - 1), 1e-3);
  assert.equal(f(1.0), 'flat');
  assert.equal(f(1.07), 'flat');            // ×1.8 over 9 layers
  assert.equal(f(1.13), 'shrinks_slightly'); // ×3 over 9 layers (relu + he, seed 4)
  assert.equal(f(1.41), 'shrinks');          // √2: relu + xavier
  assert.equal(f(0.9), 'grows_slightly');    // tanh + he
  assert.equal(f(0.7), 'grows');
  assert.equal(f(25), 'vanishes');           // the small init
  assert.equal(signalTrend(1, 1, 0), 'zero');
  assert.equal(signalTrend(NaN, NaN, NaN), 'undefined');
  // The band is per layer: the same total change is "flat" deep and not shallow.
  assert.equal(signalTrend(3 ** (1 / 19), 3, 1), 'flat');
  assert.equal(signalTrend(3 ** (1 / 4), 3, 1), 'shrinks');
});

test('§6: the sentences follow the init (he, xavier, small) and say why a line leaves the log chart', () => {
  const runs = (relu, sigmoid, tanh, init = 'he', later = null) => [relu, sigmoid, tanh].map((factor, i) => runOf([
    { step: 0, layers: signal(10, factor) },
    ...(later ? [{ step: 100, loss: 0.69, layers: later[i] }] : []),
  ], { init, act: ['relu', 'sigmoid', 'tanh'][i] }));
  const he = runs(1.03, 3.4, 0.91);
  assert.equal(pick('vanishing_relu', ...he), 'flat');
  assert.equal(pick('vanishing_sigmoid', ...he), 'below_bound');
  assert.equal(pick('vanishing_tanh', ...he), 'grows_slightly');
  assert.equal(pick('vanishing_init', ...he), 'he');
  assert.equal(pick('vanishing_verdict', ...he), 'half_true');
  assert.equal(pick('vanishing_verdict', ...runs(1.03, 3.4, 0.97)), 'half_true_tanh_level', 'tanh level: not "tanh grows"');
  assert.equal(pick('vanishing_verdict', ...runs(1.12, 3.4, 0.91)), 'half_true', 'a slight drift under He is noise');
  assert.equal(pick('vanishing_verdict', ...runs(1.12, 3.4, 0.91, 'xavier')), 'relu_shrinks');
  const xavier = runs(1.45, 4.5, 1.05, 'xavier');
  assert.equal(pick('vanishing_relu', ...xavier), 'shrinks');  // not "flat ... ×31"
  assert.equal(pick('vanishing_sigmoid', ...xavier), 'near_bound');
  assert.equal(pick('vanishing_tanh', ...xavier), 'flat');
  assert.equal(pick('vanishing_init', ...xavier), 'xavier');
  assert.equal(pick('vanishing_verdict', ...xavier), 'relu_shrinks');
  const small = runs(25.9, 73, 18, 'small');
  assert.equal(pick('vanishing_relu', ...small), 'vanishes');  // ×5.2·10¹², not "flat"
  assert.equal(pick('vanishing_sigmoid', ...small), 'above_bound');  // ×73 is not "not far from 4"
  assert.equal(pick('vanishing_init', ...small), 'vanishes');
  assert.equal(pick('vanishing_verdict', ...small), 'all_vanish');
  // After training with the small init every ReLU gradient is exactly 0 in float32.
  const zeros = Array.from({ length: 10 }, () => ({ grad_z: 0, dead: 1 }));
  const trained = runs(25.9, 73, 18, 'small', [zeros, signal(10, 70), signal(10, 18)]);
  assert.equal(pick('vanishing_relu_now', ...trained), 'zero');
  assert.equal(pick('vanishing_relu_now', ...he), 'step0');
  assert.equal(pick('vanishing_sigmoid_loss', ...trained), 'stalled');
});

test('§6 sigmoid control: a stall at both depths is the learning rate, at depth only it is depth', () => {
  const two = (shallow, deep) => [runOf([{ step: 0, layers: signal(1, 1) }, { step: 1500, loss: shallow, layers: signal(1, 1) }]),
    runOf([{ step: 0, layers: signal(10, 3) }, { step: 1500, loss: deep, layers: signal(10, 3) }])];
  assert.equal(pick('sigmoid_control', ...two(0.68, 0.693)), 'both_stall');   // lr 0.05
  assert.equal(pick('sigmoid_control', ...two(0.11, 0.693)), 'deep_stalls');  // lr 0.5
  assert.equal(pick('sigmoid_control', ...two(0.11, 0.2)), 'both_learn');
  assert.equal(pick('sigmoid_control', ...two(0.68, 0.2)), 'shallow_stalls');
  assert.equal(pick('sigmoid_control', ...two(NaN, 0.2)), 'undefined');
  assert.equal(pick('sigmoid_control', runOf([{ step: 0, layers: signal(1, 1) }]), runOf([{ step: 0, layers: signal(10, 3) }])), 'step0');
});

test('§3: flat activity, paths near 2^-N, the zero init, and Play moves the charts past step 0', () => {
  const layers = (active, paths, extra = {}) => active.map((a, l) => ({ active: a, path_share: paths[l], dead: 0.2, always_on: 0.2, ...extra }));
  const depth = 12;
  const halving = Array.from({ length: depth }, (_, l) => 2 ** -(l + 1));
  const run = runOf([{ step: 0, layers: layers(Array(depth).fill(0.5), halving) }]);
  assert.equal(pick('two_n_active', run), 'flat');
  assert.equal(pick('two_n_paths', run), 'close');
  assert.equal(pick('two_n_dead', run), 'both');
  assert.equal(pick('two_n_verdict', run), 'false_rate');
  assert.equal(pick('two_n_step', run), 'step0');
  const played = runOf([{ step: 0, layers: layers(Array(depth).fill(0.5), halving) }, { step: 200, layers: layers(Array(depth).fill(0.3), halving) }]);
  assert.equal(pick('two_n_step', played), 'trained');
  assert.equal(pick('two_n_active', played), 'flat', 'the sentence reads step 0');
  const zero = runOf([{ step: 0, layers: layers(Array(depth).fill(0), Array(depth).fill(0), { dead: 1, always_on: 0 }) }]);
  assert.equal(pick('two_n_active', zero), 'all_off');
  assert.equal(pick('two_n_paths', zero), 'none');
  assert.equal(pick('two_n_dead', zero), 'all_dead');
  assert.equal(pick('two_n_verdict', zero), 'all_off');
  const halvingActive = runOf([{ step: 0, layers: layers(halving, halving.map((h, l) => h * 2 ** -l)) }]);
  assert.equal(pick('two_n_active', halvingActive), 'spread');
  assert.equal(pick('two_n_paths', halvingActive), 'below');
  const shallow = runOf([{ step: 0, layers: layers([0.5], [0.5], { dead: 0, always_on: 0 }) }]);
  assert.equal(pick('two_n_dead', shallow), 'none');
});

test('§2: half at init; after training deaths, sparser, denser or the same; the optimiser is named', () => {
  const rec = (step, active, dead) => ({ step, layers: Array.from({ length: 6 }, () => ({ active, dead })) });
  const run = (later, opt = 'adam') => runOf([rec(0, 0.5, 0), ...(later ? [later] : [])], { opt });
  assert.equal(pick('sparse_half', run()), 'half');
  assert.equal(pick('sparse_half', runOf([rec(0, 0.3, 0)])), 'below');
  assert.equal(pick('sparse_training', run()), 'step0');
  assert.equal(pick('sparse_training', run(rec(3000, 0.4, 0.22))), 'deaths');
  assert.equal(pick('sparse_training', run(rec(3000, 0.4, 0.05))), 'sparser');
  assert.equal(pick('sparse_training', run(rec(3000, 0.6, 0.05))), 'denser');
  assert.equal(pick('sparse_training', run(rec(3000, 0.51, 0.14))), 'same', 'deaths without a sparser net are not "sparsity became death"');
  assert.equal(pick('sparse_training', run(rec(3000, 0.51, 0.05))), 'same');
  assert.equal(pick('sparse_verdict', run()), 'step0');
  assert.equal(pick('sparse_verdict', run(rec(3000, 0.4, 0.22))), 'half_then_deaths');
  assert.equal(pick('sparse_verdict', run(rec(3000, 0.4, 0.05))), 'half_then_other', 'no "Adam adds deaths" beside an SGD run');
  assert.equal(pick('sparse_verdict', runOf([rec(0, 0.3, 0), rec(10, 0.3, 0)])), 'not_half');
  assert.equal(pick('sparse_optimizer', run(null, 'sgd')), 'sgd');
  assert.equal(pick('sparse_optimizer', run(null, 'momentum')), 'momentum');
});

test('§4 and §5: the brain band; the best line depends on the data; relu beats linear only once trained', () => {
  const act = (a) => runOf([{ step: 0, layers: [{ active: 0.5 }] }, { step: 10, layers: [{ active: a }] }]);
  assert.equal(pick('brain_now', act(0.45)), 'outside');
  assert.equal(pick('brain_now', act(0.1)), 'inside');
  assert.equal(pick('brain_verdict', act(0.1)), 'analogy', 'an analogy even when training lands in the band');
  const twin = (lin, relu, data = 'xor', step = 2000) => [0, 1].map((i) => runOf([{ step: 0, acc: 0.5, layers: [{}] },
    { step, acc: [lin, relu][i], layers: [{}] }], { data }));
  assert.equal(pick('expressive_verdict', ...twin(0.55, 0.99)), 'relu_wins');
  assert.equal(pick('expressive_verdict', ...twin(0.55, 0.6)), 'not_yet');
  assert.equal(pick('expressive_data', ...twin(0.55, 0.99, 'circle')), 'circle');
  assert.equal(pick('expressive_data', ...twin(0.55, 0.99, 'gauss')), 'other');
});

test('§9 lab: most of its units dead, or mostly alive; no hidden layer or a diverged record has no count', () => {
  const rec = (step, dead, extra = {}) => ({ step, acc: 0.5, layers: Array.from({ length: 2 }, () => ({ dead })), ...extra });
  assert.equal(pick('lab_dead', runOf([rec(0, 0.0625)])), 'mostly_alive');
  assert.equal(pick('lab_dead', runOf([rec(0, 0)])), 'mostly_alive');
  assert.equal(pick('lab_dead', runOf([rec(0, 0.0625), rec(100, 0.5)])), 'mostly_alive', 'half is not most');
  assert.equal(pick('lab_dead', runOf([rec(0, 0.0625), rec(100, 0.8125)])), 'mostly_dead');
  assert.equal(pick('lab_dead', runOf([rec(0, 0.0625), rec(10, NaN, { diverged: true })])), 'undefined');
  assert.equal(pick('lab_dead', runOf([{ step: 0, acc: 0.5, layers: [] }])), 'undefined', 'depth 0: nothing can die');
});

test('§7: lr kills, few die at small rates, revival, leaky at lr 0.3, prelu diverges or not', () => {
  const rec = (step, dead, acc, extra = {}) => ({ step, acc, layers: Array.from({ length: 4 }, (_, l) => ({ dead: extra.L3 !== undefined && l === 2 ? extra.L3 : dead })), diverged: extra.diverged });
  const run = (...later) => runOf([rec(0, 0, 0.5), ...later]);
  const lrs = [run(rec(2000, 0.02, 0.99)), run(rec(1000, 0.05, 0.9, { L3: 0.25 }), rec(2000, 0.03, 0.99, { L3: 0.0625 })), run(rec(2000, 0.8, 0.52))];
  assert.equal(pick('dead_lr_large', ...lrs), 'killed');
  assert.equal(pick('dead_lr_small', ...lrs), 'few');
  assert.equal(pick('dead_verdict', ...lrs), 'reproduces');
  assert.equal(pick('dead_verdict', lrs[0], lrs[1], run(rec(2000, 0.2, 0.9))), 'not_here');
  assert.equal(pick('dead_verdict', run(), run(), run()), 'step0');
  assert.equal(pick('dead_revival', ...lrs), 'revived');
  assert.equal(pick('dead_lr_large', lrs[0], lrs[1], run(rec(2000, 0.2, 0.9))), 'survives');
  assert.equal(pick('dead_lr_large', lrs[0], lrs[1], run(rec(10, NaN, NaN, { diverged: true }))), 'diverged');
  const moderate = (relu, leaky) => [run(rec(2000, 0.4, relu)), run(rec(2000, 0.1, leaky))];
  assert.equal(pick('dead_moderate', ...moderate(0.6, 0.95)), 'leaky_helps');
  assert.equal(pick('dead_moderate', ...moderate(0.9, 0.92)), 'same');
  assert.equal(pick('dead_moderate', ...moderate(0.95, 0.6)), 'relu_better');
  assert.equal(pick('dead_moderate', run(rec(2000, 0.4, 0.97)), run(rec(600, NaN, NaN, { diverged: true }))), 'leaky_diverged');
  const act = [run(rec(2000, 0.8, 0.5)), run(rec(2000, 0.75, 0.5)), run(rec(12, NaN, NaN, { diverged: true }))];
  assert.equal(pick('dead_leaky_large', ...act), 'as_often');
  assert.equal(pick('dead_prelu', ...act), 'diverged');
  assert.equal(pick('dead_prelu', act[0], act[1], run(rec(2000, 0.2, 0.9))), 'survives');  // seed 2
  assert.equal(pick('dead_leaky_large', act[0], run(rec(2000, 0.2, 0.9)), act[2]), 'fewer');
  assert.equal(pick('dead_leaky_large', act[0], run(rec(30, NaN, NaN, { diverged: true })), act[2]), 'diverged');
});

test('§8: no penalty ends less sparse; l1 0.001 lands in Glorot\'s range at little cost; 0.1 kills', () => {
  const rec = (step, active, dead, test_acc) => ({ step, test_acc, layers: [{ active, dead }, { active, dead }] });
  const runs = [runOf([rec(0, 0.5, 0, 0.1), rec(1500, 0.56, 0, 0.97)]), runOf([rec(0, 0.5, 0, 0.1), rec(1500, 0.25, 0.1, 0.965)]),
    runOf([rec(0, 0.5, 0, 0.1), rec(1500, 0.02, 0.9, 0.6)])];
  assert.equal(pick('digits_no_penalty', ...runs), 'less_sparse');
  assert.equal(pick('digits_l1_band', ...runs), 'inside');
  assert.equal(pick('digits_l1_cost', ...runs), 'barely');
  assert.equal(pick('digits_l1_strong', ...runs), 'kills_costs');
  assert.equal(pick('digits_verdict', ...runs), 'ask_for_it');
  const cheap = runOf([rec(0, 0.5, 0, 0.1), rec(1500, 0.05, 0.73, 0.955)]);
  assert.equal(pick('digits_l1_strong', runs[0], runs[1], cheap), 'kills_cheap');
  const early = [runOf([rec(0, 0.5, 0, 0.1), rec(100, 0.5, 0, 0.8)]), runOf([rec(0, 0.5, 0, 0.1), rec(100, 0.45, 0, 0.7)]), runs[2]];
  assert.equal(pick('digits_l1_band', ...early), 'above');
  assert.equal(pick('digits_l1_cost', ...early), 'costs');
  assert.equal(pick('digits_no_penalty', ...early), 'same');
  assert.equal(pick('digits_verdict', ...early), 'not_yet');
});

test('every verdict span in the strings names a rule; every rule is used by the article', () => {
  const used = new Set();
  for (const lang of LANGS) {
    for (const [key, text] of Object.entries(PAGE_STRINGS[lang])) {
      for (const m of text.matchAll(/<span class="verdict-text" data-fig="([^"]+)" data-rule="([^"]+)"><\/span>/g)) {
        assert.ok(RULES[m[2]], `${lang}.${key}: no rule ${m[2]}`);
        used.add(m[2]);
      }
      assert.equal((text.match(/class="verdict-text"/g) || []).length,
        [...text.matchAll(/<span class="verdict-text" data-fig="[^"]+" data-rule="[^"]+"><\/span>/g)].length, `${lang}.${key}: malformed verdict span`);
    }
  }
  assert.deepEqual(Object.keys(RULES).filter((r) => !used.has(r)), []);
});
