// Words that follow the numbers: named rules that read a figure's live numbers
// and name the case the article's sentence should state. The page (page.js) fills
// <span class="verdict-text" data-fig="FIG" data-rule="RULE"> with the string
// RULE__CASE of web/page-strings.js, in the reader's language, as the figure records.
// Not here: the wording (page-strings.js), the numbers' layout (live.js, engine.js).
//
// A rule is {typical, pick}. pick(n) gets the figure's numbers:
//   n.read(field, run = 0)   a live.js field of run `run` (e.g. 'first.rate.grad_z'), NaN if undefined
//   n.setting(key, run = 0)  a config value of that run as text (e.g. 'xavier'), '' if absent
//   n.runs                   how many runs the figure compares
// and returns a case name. `typical` is the case the figure shows at rest with its
// default settings and seed 1: where an autoplaying figure stops, or step 0 for one
// that waits for Play (tests/js/verdicts-engine.test.mjs checks it on the page's engine).
// scripts/sync-article.mjs writes its English text into index.html, so the page reads
// right before its script runs. Every rule also has a case for undefined numbers.

import { liveValue } from './live.js';

/** Every threshold a rule uses, in one place; each says why it has that value. */
export const THRESHOLDS = {
  // "Flat" error signal: it changes by at most a factor 2 over the default 10-layer
  // net, i.e. at most 2^(1/9) ≈ 1.08 per layer. Stated per layer so that it means the
  // same at every depth the reader picks. One 32-unit ReLU net with He init varies by
  // about ±10% per layer from seed to seed (×0.93-2.9 over 9 layers, seeds 1-5), so the
  // band is about as narrow as a single init allows.
  flatPerLayer: 2 ** (1 / 9),
  // Beyond "flat" but within a factor 8 over 10 layers (≈ 1.26 per layer) the change is
  // a drift ("slightly"); beyond it the signal clearly shrinks or grows. Xavier's
  // theoretical √2 ≈ 1.41 per layer for ReLU lies well outside, He's 1 well inside.
  clearPerLayer: 8 ** (1 / 9),
  // "Vanishes": the first layer gets less than a millionth of the last layer's signal.
  // Float32 still represents it, but no learning rate that suits the last layers can
  // move the first ones (their updates are 10^6 times smaller).
  vanishRatio: 1e6,
  // Sigmoid's slope is at most 1/4, so the slope alone shrinks the error ×4 per layer.
  // "Close to 4" means 3.6 to 5: 10% below (He's weights are √2 larger than Xavier's,
  // 4/√2 ≈ 2.8, and it measures ×2.9-3.5 over seeds 1-5: clearly below) and 25% above
  // (units spread away from z = 0, where the slope is smaller than 1/4, so Xavier's
  // ×3.8-4.8 lands a little above 4). Beyond 5 the weights shrink the signal as well.
  sigmoidBound: 4,
  sigmoidNearLow: 0.9,
  sigmoidNearHigh: 1.25,
  // "About half" active: within 15 points of 50%. With zero biases and symmetric
  // weights each unit is on for half of the inputs in expectation; in a 12-20 layer net
  // of 64 units the layers' shares spread over 38-61% (seeds 1-5), because deep units
  // share their inputs. Halving per layer would give 25% at layer 2 and 0.02% at 12.
  halfLow: 0.35,
  halfHigh: 0.65,
  // "Close to 2^-N": the open-path share within a factor 4 of 2^-N. Layers are not
  // independent coin flips (units share inputs), so the product drifts from 2^-N by a
  // factor of a few at depth 12-20, while "falls as 2^-N" vs "stays at 1/2" differ by 2^N.
  pathsFactor: 4,
  // A loss "stalled at chance": above 0.6 nats for a balanced two-class problem
  // (a 50/50 guess scores ln 2 ≈ 0.693; a net that has learned anything is well below).
  stalledLoss: 0.6,
  // Accuracy "near chance" on two balanced classes: at most 65%.
  chanceAcc: 0.65,
  // "Helps" / "clearly better": at least 5 accuracy points better (seeds differ by a few
  // points between runs of the same net, so a smaller gap is not a difference).
  accGap: 0.05,
  // "More expressive": the ReLU twin beats the linear one by at least 10 points
  // (the best straight line on XOR gets 75%; a bent boundary gets close to 100%).
  expressiveGap: 0.1,
  // "Most units dead": more than half. "Few die": under 10% (one unit in 16 per layer
  // is 6%: a single dead unit in a 16-unit layer is still "few").
  mostDead: 0.5,
  fewDead: 0.1,
  // Revived: the dead share of a layer fell by at least one unit in 16 since its peak.
  revived: 1 / 16,
  // "Sparser" / "less sparse" after training: the mean active share moved by at least
  // 2 points (a record over the whole training set is exact; 2 points is beyond the
  // seed-to-seed wobble of one run's curve late in training).
  activeShift: 0.02,
  // Born dead: a cell "almost always" born dead at 90% or more (36 of 40 nets), "hardly
  // ever" at 5% or less (2 of 40: the CLI's width-8 column is at most 1 of 40, and one
  // net in 40 is a single unlucky draw, not a tendency).
  bornMost: 0.9,
  bornRare: 0.05,
  // Glorot et al. 2011's per-dataset results: 68-83% zeros, i.e. 17-32% active.
  glorotLow: 0.17,
  glorotHigh: 0.32,
  // Curve fitting "bends": the ReLU fit's mse at most half the straight line's. Measured
  // with relu-lab shape preset=curve over seeds 1-5 at 1500 steps, relu / linear is
  // 0.06-0.08 on sine, 0.09-0.13 on abs and square, 0.22-0.32 on step: a factor 2 is
  // far from both the fitted and the "no better than a line" case.
  curveGain: 0.5,
  // Accuracy "barely moves": test accuracy within 2 points of the unpenalised run.
  accSame: 0.02,
  // The sparse-coding band of section 4: at most 15% active (Attwell & Laughlin 2001).
  brainHigh: 0.15,
};
const T = THRESHOLDS;

const isNum = Number.isFinite;

/**
 * The direction of the error signal from the last hidden layer back to the first,
 * from its per-layer factor (live.js 'rate.grad_z' = (last / first)^(1 / (L - 1))) and
 * the smallest per-layer norm: 'zero' when some layer's signal is exactly 0 (float
 * underflow or every unit off: 0 has no place on a log chart), 'undefined' for NaN.
 */
export function signalTrend(rate, ratio, minNorm) {
  if (minNorm === 0) return 'zero';
  if (!isNum(rate) || !isNum(ratio)) return 'undefined';
  if (ratio > T.vanishRatio) return 'vanishes';
  if (rate > T.clearPerLayer) return 'shrinks';
  if (rate > T.flatPerLayer) return 'shrinks_slightly';
  if (rate >= 1 / T.flatPerLayer) return 'flat';
  if (rate >= 1 / T.clearPerLayer) return 'grows_slightly';
  return 'grows';
}

const trendAt = (n, run, when) => signalTrend(n.read(`${when}rate.grad_z`, run), n.read(`${when}ratio.grad_z`, run),
  n.read(`${when}min.grad_z`, run));

/** 'step0' until the figure has trained, else the value of `then`. */
const afterTraining = (n, then) => (n.read('step') > 0 ? then() : 'step0');

export const RULES = {
  // ---- section 2: sparse activation (fig-sparse) ----
  // The share of active units at step 0: about half, by the symmetry of the init.
  sparse_half: {
    typical: 'half', cases: ['half', 'below', 'above', 'undefined'],
    pick: (n) => half(n.read('first.mean.active')),
  },
  // What training did to the same net: deaths, sparser, denser, or nothing yet.
  sparse_training: {
    typical: 'deaths', cases: ['step0', 'deaths', 'sparser', 'denser', 'same', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const dead = n.read('mean.dead'), now = n.read('mean.active'), before = n.read('first.mean.active');
      if (!isNum(dead) || !isNum(now)) return 'undefined';
      if (now < before - T.activeShift) return dead >= T.fewDead ? 'deaths' : 'sparser';
      if (now > before + T.activeShift) return 'denser';
      return 'same';
    }),
  },
  // The optimiser the reader has picked, named so the text says what causes the deaths.
  sparse_optimizer: {
    typical: 'adam', cases: ['adam', 'sgd', 'momentum'],
    pick: (n) => ({ adam: 'adam', sgd: 'sgd', momentum: 'momentum' }[n.setting('opt')] || 'sgd'),
  },

  // The verdict box: true at init (about half), then what training did.
  sparse_verdict: {
    typical: 'half_then_deaths', cases: ['step0', 'half_then_deaths', 'half_then_other', 'not_half', 'undefined'],
    pick: (n) => {
      const atInit = half(n.read('first.mean.active'));
      if (atInit === 'undefined') return 'undefined';
      if (atInit !== 'half') return 'not_half';
      const after = RULES.sparse_training.pick(n);
      if (after === 'step0' || after === 'undefined') return after;
      return after === 'deaths' ? 'half_then_deaths' : 'half_then_other';
    },
  },

  // ---- section 3: does activity halve with every layer? (fig-two-n) ----
  // The text reads step 0; after Play it says the charts have moved on.
  two_n_step: {
    typical: 'step0', cases: ['step0', 'trained'],
    pick: (n) => (n.read('step') > 0 ? 'trained' : 'step0'),
  },
  // Per-layer active share against depth, at step 0.
  two_n_active: {
    typical: 'flat', cases: ['flat', 'spread', 'all_off', 'undefined'],
    pick: (n) => {
      const lo = n.read('first.min.active'), hi = n.read('first.max.active');
      if (!isNum(lo) || !isNum(hi)) return 'undefined';
      if (hi === 0) return 'all_off';
      return lo >= T.halfLow && hi <= T.halfHigh ? 'flat' : 'spread';
    },
  },
  // The open-path share of the last layer against 2^-N.
  two_n_paths: {
    typical: 'close', cases: ['close', 'above', 'below', 'none', 'undefined'],
    pick: (n) => {
      const share = n.read('first.L-1.path_share'), ref = n.read('first.halving');
      if (share === 0) return 'none';
      if (!isNum(share) || !isNum(ref)) return 'undefined';
      if (share > ref * T.pathsFactor) return 'above';
      if (share < ref / T.pathsFactor) return 'below';
      return 'close';
    },
  },
  // Dead and always-on units at init.
  two_n_dead: {
    typical: 'both', cases: ['both', 'none', 'all_dead', 'undefined'],
    pick: (n) => {
      const dead = n.read('first.mean.dead'), on = n.read('first.mean.always_on');
      if (!isNum(dead) || !isNum(on)) return 'undefined';
      if (dead >= 0.99) return 'all_dead';
      if (dead === 0 && on === 0) return 'none';
      return 'both';
    },
  },
  two_n_verdict: {
    typical: 'false_rate', cases: ['false_rate', 'spread', 'all_off', 'undefined'],
    pick: (n) => {
      const c = RULES.two_n_active.pick(n);
      return c === 'flat' ? 'false_rate' : c === 'all_off' ? 'all_off' : c === 'undefined' ? 'undefined' : 'spread';
    },
  },

  // ---- section 4: the brain analogy (fig-brain) ----
  brain_now: {
    typical: 'outside', cases: ['inside', 'outside', 'undefined'],
    pick: (n) => {
      const a = n.read('mean.active');
      if (!isNum(a)) return 'undefined';
      return a <= T.brainHigh ? 'inside' : 'outside';
    },
  },

  brain_verdict: {
    typical: 'analogy', cases: ['analogy', 'undefined'],
    pick: (n) => {
      const a = n.read('first.mean.active');
      if (!isNum(a)) return 'undefined';
      // At init the net is near one half, far above any brain estimate: an analogy only, whatever training does.
      return 'analogy';
    },
  },

  // ---- section 5: expressiveness (fig-expressive: run 0 linear, run 1 relu) ----
  // What the best straight line can do on the data the reader picked.
  expressive_data: {
    typical: 'xor', cases: ['xor', 'circle', 'spiral', 'other'],
    pick: (n) => ({ xor: 'xor', circle: 'circle', spiral: 'spiral' }[n.setting('data')] || 'other'),
  },
  expressive_verdict: {
    typical: 'relu_wins', cases: ['step0', 'relu_wins', 'not_yet', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const lin = n.read('acc', 0), relu = n.read('acc', 1);
      if (!isNum(lin) || !isNum(relu)) return 'undefined';
      return relu >= lin + T.expressiveGap ? 'relu_wins' : 'not_yet';
    }),
  },

  // ---- section 5, curve fitting (fig-curve: run 0 linear, run 1 relu) ----
  // How the ReLU fit's pieces come about: with one hidden layer each kink inside [-1, 1]
  // adds exactly one piece; deeper layers add switches of their own.
  curve_pieces: {
    typical: 'one_per_kink', cases: ['one_per_kink', 'deeper', 'undefined'],
    pick: (n) => {
      const pieces = n.read('pieces', 1), kinks = n.read('kinks', 1);
      if (!isNum(pieces) || !isNum(kinks)) return 'undefined';
      return pieces === kinks + 1 ? 'one_per_kink' : 'deeper';
    },
  },
  // Whether the ReLU fit bends where the straight line cannot.
  curve_verdict: {
    typical: 'bends', cases: ['step0', 'bends', 'not_yet', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const reluPieces = n.read('pieces', 1), linLoss = n.read('loss', 0), reluLoss = n.read('loss', 1);
      if (![reluPieces, linLoss, reluLoss].every(isNum)) return 'undefined';
      return reluPieces > 1 && reluLoss <= T.curveGain * linLoss ? 'bends' : 'not_yet';
    }),
  },

  // ---- section 6: vanishing gradients (fig-vanishing: relu, sigmoid, tanh) ----
  // Each line of the gradient chart at step 0, in words.
  vanishing_relu: { typical: 'flat', cases: ['zero', 'undefined', 'vanishes', 'shrinks', 'shrinks_slightly', 'flat', 'grows_slightly', 'grows'], pick: (n) => trendAt(n, 0, 'first.') },
  vanishing_sigmoid: {
    typical: 'below_bound', cases: ['near_bound', 'below_bound', 'above_bound', 'zero', 'undefined'],
    pick: (n) => {
      const trend = trendAt(n, 1, 'first.');
      if (trend === 'zero' || trend === 'undefined') return trend;
      const rate = n.read('first.rate.grad_z', 1) / T.sigmoidBound;
      if (rate < T.sigmoidNearLow) return 'below_bound';
      return rate <= T.sigmoidNearHigh ? 'near_bound' : 'above_bound';
    },
  },
  vanishing_tanh: { typical: 'flat', cases: ['zero', 'undefined', 'vanishes', 'shrinks', 'shrinks_slightly', 'flat', 'grows_slightly', 'grows'], pick: (n) => trendAt(n, 2, 'first.') },
  // The same for ReLU at the current step (training moves the curves).
  vanishing_relu_now: {
    typical: 'grows_slightly', cases: ['step0', 'zero', 'undefined', 'vanishes', 'shrinks', 'shrinks_slightly', 'flat', 'grows_slightly', 'grows'],
    pick: (n) => afterTraining(n, () => trendAt(n, 0, '')),
  },
  // Sigmoid's loss: stalled or learning. A stall alone does not prove vanishing.
  vanishing_sigmoid_loss: {
    typical: 'stalled', cases: ['step0', 'stalled', 'learns', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const loss = n.read('loss', 1);
      if (!isNum(loss)) return 'undefined';
      return loss > T.stalledLoss ? 'stalled' : 'learns';
    }),
  },
  // The init the reader has picked, and what it did to ReLU's signal at step 0.
  vanishing_init: {
    typical: 'he', cases: ['he', 'xavier', 'other', 'vanishes'],
    pick: (n) => {
      const init = n.setting('init');
      const trend = trendAt(n, 0, 'first.');
      if (trend === 'zero' || trend === 'vanishes') return 'vanishes';
      if (init === 'he' || init === 'xavier') return init;
      return 'other';
    },
  },
  vanishing_verdict: {
    typical: 'half_true_tanh_level', cases: ['half_true', 'half_true_tanh_level', 'relu_shrinks', 'all_vanish', 'undefined'],
    pick: (n) => {
      const relu = trendAt(n, 0, 'first.');
      if (relu === 'undefined') return 'undefined';
      if (relu === 'zero' || relu === 'vanishes') return 'all_vanish';
      // A slight drift under He is one init's finite-width noise; a clear shrink, or any under Xavier, is the init.
      if (relu === 'shrinks' || (relu === 'shrinks_slightly' && n.setting('init') !== 'he')) return 'relu_shrinks';
      // Tanh's own line decides how the verdict puts the tanh half of the blog's argument.
      const tanh = trendAt(n, 2, 'first.');
      return tanh === 'grows' || tanh === 'grows_slightly' ? 'half_true' : 'half_true_tanh_level';
    },
  },
  // The sigmoid control (fig-sigmoid-lr: run 0 one hidden layer, run 1 ten): depth or lr?
  sigmoid_control: {
    typical: 'both_stall', cases: ['step0', 'both_stall', 'deep_stalls', 'shallow_stalls', 'both_learn', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const shallow = n.read('loss', 0), deep = n.read('loss', 1);
      if (!isNum(shallow) || !isNum(deep)) return 'undefined';
      const s = shallow > T.stalledLoss, d = deep > T.stalledLoss;
      if (s && d) return 'both_stall';
      if (d) return 'deep_stalls';
      if (s) return 'shallow_stalls';
      return 'both_learn';
    }),
  },

  // fig-residual: the same 20-layer net without (run 0) and with (run 1) skip connections.
  // At step 0: does the error signal reach layer 1? Plain with the small init: exactly 0.
  residual_gradient: {
    typical: 'skips_carry', cases: ['skips_carry', 'both_carry', 'both_vanish', 'plain_only', 'undefined'],
    pick: (n) => {
      const gone = (t) => t === 'zero' || t === 'vanishes';
      const plain = trendAt(n, 0, 'first.'), skips = trendAt(n, 1, 'first.');
      if (plain === 'undefined' || skips === 'undefined') return 'undefined';
      if (gone(plain) && !gone(skips)) return 'skips_carry';
      if (gone(plain) && gone(skips)) return 'both_vanish';
      return gone(skips) ? 'plain_only' : 'both_carry';
    },
  },
  // After training: which of the two learned (a loss below the chance level's stall).
  residual_train: {
    typical: 'step0', cases: ['step0', 'skips_learn', 'both_learn', 'both_stall', 'plain_learns', 'diverged', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      if (n.read('diverged', 0) === 1 || n.read('diverged', 1) === 1) return 'diverged';
      const plain = n.read('loss', 0), skips = n.read('loss', 1);
      if (!isNum(plain) || !isNum(skips)) return 'undefined';
      const p = plain > T.stalledLoss, s = skips > T.stalledLoss;
      if (p && !s) return 'skips_learn';
      if (p && s) return 'both_stall';
      return s ? 'plain_learns' : 'both_learn';
    }),
  },

  // ---- section 7: dead ReLUs ----
  // fig-dead-lr, runs at lr 0.01, 0.1, 1 (momentum 0.9).
  dead_lr_large: {
    typical: 'killed', cases: ['step0', 'killed', 'killed_learns', 'survives', 'diverged', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      if (n.read('diverged', 2) === 1) return 'diverged';
      const dead = n.read('mean.dead', 2), acc = n.read('acc', 2);
      if (!isNum(dead) || !isNum(acc)) return 'undefined';
      if (dead > T.mostDead) return acc <= T.chanceAcc ? 'killed' : 'killed_learns';
      return 'survives';
    }),
  },
  dead_lr_small: {
    typical: 'few', cases: ['step0', 'few', 'some', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const a = n.read('mean.dead', 0), b = n.read('mean.dead', 1);
      if (!isNum(a) || !isNum(b)) return 'undefined';
      return Math.max(a, b) < T.fewDead ? 'few' : 'some';
    }),
  },
  dead_revival: {
    typical: 'revived', cases: ['step0', 'revived', 'stayed', 'none_died', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const peak = n.read('peak.L3.dead', 1), now = n.read('L3.dead', 1);
      if (!isNum(peak) || !isNum(now)) return 'undefined';
      if (peak === 0) return 'none_died';
      return peak - now >= T.revived - 1e-6 ? 'revived' : 'stayed';
    }),
  },
  // fig-dead-moderate: relu vs leaky at lr 0.3 with momentum.
  dead_moderate: {
    typical: 'leaky_diverged', cases: ['step0', 'leaky_helps', 'relu_better', 'same', 'leaky_diverged', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      if (n.read('diverged', 1) === 1 && n.read('diverged', 0) !== 1) return 'leaky_diverged';  // seeds 1, 3, 5
      const relu = n.read('acc', 0), leaky = n.read('acc', 1);
      if (!isNum(relu) || !isNum(leaky)) return 'undefined';
      if (leaky >= relu + T.accGap) return 'leaky_helps';
      if (relu >= leaky + T.accGap) return 'relu_better';
      return 'same';
    }),
  },
  // fig-dead-act: relu, leaky, prelu at lr 1 with momentum.
  dead_leaky_large: {
    typical: 'as_often', cases: ['step0', 'as_often', 'fewer', 'diverged', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      if (n.read('diverged', 1) === 1) return 'diverged';  // seed 2: the leaky run diverges too
      const relu = n.read('mean.dead', 0), leaky = n.read('mean.dead', 1);
      if (!isNum(relu) || !isNum(leaky)) return 'undefined';
      return leaky >= relu - T.fewDead ? 'as_often' : 'fewer';
    }),
  },
  dead_prelu: {
    typical: 'diverged', cases: ['step0', 'diverged', 'stuck', 'survives'],
    pick: (n) => afterTraining(n, () => {
      if (n.read('diverged', 2) === 1) return 'diverged';
      return n.read('mean.dead', 2) > T.mostDead ? 'stuck' : 'survives';
    }),
  },

  // The verdict box, from the first figure: does a far too large rate kill most units here?
  dead_verdict: {
    typical: 'reproduces', cases: ['step0', 'reproduces', 'not_here', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const c = RULES.dead_lr_large.pick(n);
      if (c === 'undefined') return c;
      return c === 'killed' || c === 'killed_learns' || c === 'diverged' ? 'reproduces' : 'not_here';
    }),
  },
  // fig-born: the born-dead table of the figure's act, init, bias and residual settings.
  born_table: {
    typical: 'depth_width', cases: ['pending_table', 'depth_width', 'none', 'none_skips', 'none_act', 'some'],
    pick: (n) => {
      const max = n.read('born.max');
      if (!isNum(max)) return 'pending_table';  // still measuring, one net at a time
      if (max === 0) {
        if (n.setting('residual') === '1') return 'none_skips';
        return n.setting('act') === 'relu' ? 'none' : 'none_act';
      }
      const deepNarrow = n.read('born.10x2'), deepWide = n.read('born.20x16');
      if (deepNarrow >= T.bornMost && deepWide <= T.bornRare) return 'depth_width';
      return 'some';
    },
  },

  // ---- section 9: the lab (one run) ----
  // How many of the lab's hidden units are dead now, so the sentence that sends the
  // reader to lr 10 says what the diagram shows (most dead, or most alive).
  lab_dead: {
    typical: 'mostly_alive', cases: ['mostly_alive', 'mostly_dead', 'undefined'],
    pick: (n) => {
      const dead = n.read('mean.dead');
      if (!isNum(dead)) return 'undefined';  // no hidden layer, or a diverged record
      return dead > T.mostDead ? 'mostly_dead' : 'mostly_alive';
    },
  },

  // ---- section 8: digits (fig-digits: l1 = 0, 0.001, 0.1) ----
  digits_no_penalty: {
    typical: 'less_sparse', cases: ['step0', 'less_sparse', 'sparser', 'same', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const now = n.read('mean.active', 0), before = n.read('first.mean.active', 0);
      if (!isNum(now) || !isNum(before)) return 'undefined';
      if (now > before + T.activeShift) return 'less_sparse';
      if (now < before - T.activeShift) return 'sparser';
      return 'same';
    }),
  },
  digits_l1_band: {
    typical: 'inside', cases: ['step0', 'inside', 'above', 'below', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const a = n.read('mean.active', 1);
      if (!isNum(a)) return 'undefined';
      if (a > T.glorotHigh) return 'above';
      return a < T.glorotLow ? 'below' : 'inside';
    }),
  },
  digits_l1_cost: {
    typical: 'barely', cases: ['step0', 'barely', 'costs', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const with1 = n.read('test_acc', 1), without = n.read('test_acc', 0);
      if (!isNum(with1) || !isNum(without)) return 'undefined';
      return with1 >= without - T.accSame ? 'barely' : 'costs';
    }),
  },
  digits_l1_strong: {
    typical: 'kills_costs', cases: ['step0', 'kills_costs', 'kills_cheap', 'not_yet', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const dead = n.read('mean.dead', 2), acc = n.read('test_acc', 2), without = n.read('test_acc', 0);
      if (!isNum(dead) || !isNum(acc) || !isNum(without)) return 'undefined';
      if (dead <= T.mostDead) return 'not_yet';
      // Seed 5 keeps 95% with 73% of its units dead: a dead majority need not cost accuracy.
      return acc < without - T.accGap ? 'kills_costs' : 'kills_cheap';
    }),
  },
  digits_verdict: {
    typical: 'ask_for_it', cases: ['step0', 'ask_for_it', 'not_yet', 'undefined'],
    pick: (n) => afterTraining(n, () => {
      const band = RULES.digits_l1_band.pick(n), plain = RULES.digits_no_penalty.pick(n);
      if (band === 'undefined' || plain === 'undefined') return 'undefined';
      // Sparsity came from the penalty, not from training alone: the penalised run is far sparser than the plain one.
      return band !== 'above' && plain !== 'sparser' ? 'ask_for_it' : 'not_yet';
    }),
  },
};

function half(a) {
  if (!isNum(a)) return 'undefined';
  if (a < T.halfLow) return 'below';
  return a > T.halfHigh ? 'above' : 'half';
}

/**
 * A figure's numbers for the rules. `runs`: [{history, config}] (engine.js history,
 * parsed config); a field that cannot be read (no such layer, no record) is NaN.
 */
export function figureNumbers(runs) {
  return {
    runs: runs.length,
    read(field, run = 0) {
      const r = runs[run];
      if (!r) return NaN;
      try { return liveValue(r.history, field, { born: r.born }); } catch { return NaN; }
    },
    setting(key, run = 0) { return String(runs[run]?.config?.[key] ?? ''); },
  };
}

/** The case a rule picks for these runs: 'pending' before the first record, else the rule's own. */
export function pickCase(ruleName, runs) {
  const rule = RULES[ruleName];
  if (!rule) throw new Error(`unknown verdict rule '${ruleName}'`);
  if (!runs.length || !runs.every((r) => r.history && r.history.rows > 0)) return 'pending';
  const picked = rule.pick(figureNumbers(runs));
  if (!rule.cases.includes(picked)) throw new Error(`verdict rule '${ruleName}' picked '${picked}', not one of its cases`);
  return picked;
}

/** The string-table key of a rule's case: RULE__CASE ('pending' is shared: verdict__pending). */
export const caseKey = (ruleName, caseName) => (caseName === 'pending' ? 'verdict__pending' : `${ruleName}__${caseName}`);
