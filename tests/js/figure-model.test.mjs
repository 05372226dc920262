// The figure model: <relu-demo>'s attributes -> run specs, view settings and
// messages, as pure functions of a plain object (no DOM, no engine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heavyWork, HEAVY_WORK_PER_STEP, runSpecs, configText, viewSettings, viewErrors, controlKeys, nextSeed, shareAttributes, intAttribute,
  DEFAULT_PANELS, viewControlKeys, alphaMatters, targetMatters, compareAttribute, mapAttribute } from '../../web/figure-model.js';
import { CONFIG_KEYS } from '../../web/keys.js';
import { PANELS } from '../../web/panels.js';

test('one run from the config attributes, in schema order; view attributes stay out of it', () => {
  const { specs } = runSpecs({ lr: '0.1', panels: 'loss', data: 'circle', autoplay: '' });
  assert.deepEqual(specs, [{ label: '', text: 'data=circle&lr=0.1' }]);
  assert.deepEqual(runSpecs({}), { specs: [{ label: '', text: '' }] });
});

test('compare makes one run per value, the same in every other key', () => {
  const { specs } = runSpecs({ preset: 'dead-relu', lr: '0.5', compare: 'lr=0.01, 0.1,1' });
  assert.deepEqual(specs.map((s) => s.label), ['lr=0.01', 'lr=0.1', 'lr=1']);
  assert.deepEqual(specs.map((s) => s.text), ['preset=dead-relu&lr=0.01', 'preset=dead-relu&lr=0.1', 'preset=dead-relu&lr=1']);
});

test('bad compare and values holding separators are errors that name the attribute', () => {
  assert.match(runSpecs({ compare: 'colour=red,blue' }).error, /compare='colour=red,blue': 'colour' is not a config key/);
  assert.match(runSpecs({ compare: 'lr' }).error, /expected KEY=V1,V2/);
  assert.match(runSpecs({ compare: 'lr=1,2,3,4,5,6,7' }).error, /1 to 6 different values/);
  assert.match(runSpecs({ lr: '0.1&depth=9' }).error, /^lr=0.1&depth=9: a value cannot contain/);
  assert.match(configText({}, { act: 'relu tanh' }).error, /act=relu tanh/);
});

test('view settings: defaults, and bad values fall back', () => {
  const v = viewSettings({});
  assert.deepEqual(v.panels, DEFAULT_PANELS);
  assert.deepEqual([v.every, v.maxSteps, v.stepsPerFrame, v.grid, v.transport, v.compare], [10, 0, 10, 48, true, null]);
  assert.deepEqual(viewSettings({ every: '25' }).stepsPerFrame, 25, 'speed defaults to every: one record per frame');
  const w = viewSettings({ every: '0', steps: '-3', speed: '1e9', grid: '7.5', transport: 'none', panels: 'loss,nope,dead' });
  assert.deepEqual([w.every, w.maxSteps, w.stepsPerFrame, w.grid, w.transport], [10, 0, 10, 48, false]);
  assert.deepEqual(w.panels, ['loss', 'dead']);
  assert.deepEqual(viewSettings({ panels: 'nope' }).panels, DEFAULT_PANELS);
  assert.deepEqual(viewSettings({ compare: 'act=relu,tanh' }).compare, { key: 'act', values: ['relu', 'tanh'] });
  assert.equal(viewSettings({ compare: 'colour=red' }).compare, null);
});

test('view errors name the attribute, the value and what is accepted', () => {
  assert.deepEqual(viewErrors({}), []);
  const errors = viewErrors({ panels: 'loss,nope', controls: 'lr,speed', every: '0', grid: '500', band: 'x', transport: 'off' });
  assert.deepEqual(errors, [
    `panels: unknown 'nope'; panels are ${PANELS.join(', ')}`,
    "controls: unknown 'speed'; controls are config keys, 'all', 'panels' or 'compare'",
    'every=0: must be a whole number in [1, 10000]',
    'grid=500: must be a whole number in [8, 200]',
    "band=x: the only band is 'brain'",
    "transport=off: use 'none' to hide it",
  ]);
  assert.deepEqual(viewErrors({ steps: '0', band: 'brain', transport: 'none', layout: 'lab' }), []);
  assert.deepEqual(viewErrors({ layout: 'wide' }), ["layout=wide: the only layout is 'lab'"]);
  assert.equal(viewSettings({ layout: 'lab' }).layout, 'lab');
  assert.equal(viewSettings({ layout: 'wide' }).layout, '');
});

test('the map attribute carries the decision map\'s toggles (show test data, discretize), so a link keeps them', () => {
  assert.deepEqual(viewSettings({}).map, { test: false, discrete: false });
  assert.deepEqual(viewSettings({ map: 'test' }).map, { test: true, discrete: false });
  assert.deepEqual(viewSettings({ map: 'discrete, test' }).map, { test: true, discrete: true });
  assert.deepEqual(viewSettings({ map: 'test,bogus' }).map, { test: true, discrete: false });
  assert.deepEqual(viewErrors({ map: 'test,bogus' }), ["map: unknown 'bogus'; map options are test, discrete"]);
  assert.deepEqual(viewErrors({ map: 'test,test' }), ["map: 'test' is listed 2 times; each is used once"]);
  assert.deepEqual(viewErrors({ map: '' }), []);
  // The toggles -> the attribute, in one order whatever was clicked first; none on: no attribute.
  assert.equal(mapAttribute({ test: true, discrete: false }), 'test');
  assert.equal(mapAttribute({ discrete: true, test: true }), 'test,discrete');
  assert.equal(mapAttribute({ test: false, discrete: false }), null);
  for (const a of ['test', 'discrete', 'test,discrete']) assert.equal(mapAttribute(viewSettings({ map: a }).map), a);
});

test('controls: config keys as listed, or all of them in schema order', () => {
  assert.deepEqual(controlKeys({ controls: 'lr, act,bogus' }), ['lr', 'act']);
  assert.deepEqual(controlKeys({ controls: 'all' }), CONFIG_KEYS);
  assert.deepEqual(controlKeys({}), []);
});

test('new seed wraps within the schema range; share attributes carry the seed in use, not autoplay', () => {
  assert.equal(nextSeed('1'), 2);
  assert.equal(nextSeed(2147483647), 0);
  assert.equal(nextSeed(undefined), 1);
  assert.deepEqual(shareAttributes({ preset: 'two-n', autoplay: '' }, '7'), { preset: 'two-n', seed: '7' });
  assert.deepEqual(shareAttributes({ lr: '1' }, undefined), { lr: '1' });
});

test('intAttribute: whole numbers in range, else the fallback', () => {
  assert.equal(intAttribute('12', 5, 1, 100), 12);
  assert.equal(intAttribute('1.5', 5, 1, 100), 5);
  assert.equal(intAttribute(null, 5, 1, 100), 5);
  assert.equal(intAttribute('1000', 5, 1, 100), 5);
});

test('view controls: panels and compare, asked for beside the config keys', () => {
  assert.deepEqual(viewControlKeys({ controls: 'compare,all,panels' }), ['panels', 'compare']);
  assert.deepEqual(controlKeys({ controls: 'compare,lr' }), ['lr']);
  assert.deepEqual(viewErrors({ controls: 'all,panels,compare' }), []);
  assert.equal(compareAttribute('lr', '0.01, 0.1 1'), 'lr=0.01,0.1,1');
  assert.equal(compareAttribute('', '0.1'), null);
  assert.equal(compareAttribute('lr', ' '), null);
});

test('the alpha field matters only for activations whose engine row says so', () => {
  const table = [{ name: 'relu', usesAlpha: false }, { name: 'leaky', usesAlpha: true }];
  assert.equal(alphaMatters(['relu'], table), false);
  assert.equal(alphaMatters(['relu', 'leaky'], table), true);
  // The target curve means something only where a run fits a curve.
  assert.equal(targetMatters(['circle']), false);
  assert.equal(targetMatters(['circle', 'curve']), true);
  assert.equal(alphaMatters(['nope'], table), false);
});

// ---------------------------------------------------------------- issue 10: text from anyone

/** A stand-in for the engine's checker: lr in (0, 10], depth 0..20, digits at most 1797 points. */
function fakeCheck(text) {
  const config = Object.fromEntries(text.split('&').filter(Boolean).map((kv) => kv.split('=')));
  const full = { data: 'circle', depth: '2', lr: '0.1', points: '400', seed: '1', ...config };
  if (!(Number(full.lr) > 0 && Number(full.lr) <= 10)) return { ok: false, error: `lr=${config.lr}: learning rate must be a number in (0, 10]` };
  if (!(Number(full.depth) >= 0 && Number(full.depth) <= 20)) return { ok: false, error: `depth=${config.depth}: out of range` };
  if (full.data === 'digits' && Number(full.points) > 1797) return { ok: false, error: `points=${full.points}: digits has 1797` };
  return { ok: true, full: CONFIG_KEYS.filter((k) => k in full).map((k) => `${k}=${full[k]}`).join('&') };
}

test('resolveRuns: one bad value is left out, every other key is kept (issue 10 item 6)', async () => {
  const { resolveRuns } = await import('../../web/figure-model.js');
  const { runs, refused, compareError } = resolveRuns({ data: 'spiral', depth: '3', seed: '17', lr: '1e999', panels: 'loss' }, fakeCheck);
  assert.equal(compareError, '');
  assert.deepEqual(runs.map((r) => r.text), ['data=spiral&seed=17&depth=3']);
  assert.equal(runs[0].result.full, 'data=spiral&points=400&seed=17&depth=3&lr=0.1');
  assert.deepEqual(refused, [{ key: 'lr', value: '1e999', message: 'lr=1e999: learning rate must be a number in (0, 10]' }]);
});

test('resolveRuns: a key that clashes with the keys before it is the one refused; all bad gives the defaults', async () => {
  const { resolveRuns } = await import('../../web/figure-model.js');
  const clash = resolveRuns({ data: 'digits', points: '5000', seed: '3' }, fakeCheck);
  assert.deepEqual(clash.runs.map((r) => r.text), ['data=digits&seed=3']);
  assert.deepEqual(clash.refused.map((r) => r.key), ['points']);
  const all = resolveRuns({ depth: '99', lr: '-1', seed: '1 depth=5' }, fakeCheck);
  assert.deepEqual(all.runs.map((r) => r.text), ['']);
  assert.deepEqual(all.refused.map((r) => r.key), ['seed', 'depth', 'lr']);
  assert.equal(all.refused[0].message, "seed=1 depth=5: a value cannot contain spaces, '&', ';' or '='");
});

test('resolveRuns: compared values are checked one by one; a bad compare leaves one run and says why', async () => {
  const { resolveRuns } = await import('../../web/figure-model.js');
  const some = resolveRuns({ preset: 'lab', depth: '3', compare: 'lr=0.01,1e999,1' }, fakeCheck);
  assert.deepEqual(some.runs.map((r) => [r.label, r.text]), [['lr=0.01', 'preset=lab&depth=3&lr=0.01'], ['lr=1', 'preset=lab&depth=3&lr=1']]);
  assert.deepEqual(some.refused.map((r) => `${r.key}=${r.value}`), ['lr=1e999']);
  const bad = resolveRuns({ depth: '3', compare: 'colour=red,blue' }, fakeCheck);
  assert.equal(bad.compareError, "compare='colour=red,blue': 'colour' is not a config key");
  assert.deepEqual(bad.runs.map((r) => [r.label, r.text]), [['', 'depth=3']]);
  // The compared key's own attribute gives way to the compared values.
  const own = resolveRuns({ lr: '5', compare: 'lr=0.1,0.2' }, fakeCheck);
  assert.deepEqual(own.runs.map((r) => r.text), ['lr=0.1', 'lr=0.2']);
});

test('view errors: lists read once and capped, unknown names quoted and counted, lang and lab-url checked', () => {
  const regions = Array(100).fill('regions').join(',');
  assert.deepEqual(viewSettings({ panels: regions }).panels, ['regions']);
  assert.deepEqual(viewErrors({ panels: regions }), ["panels: 'regions' is listed 100 times; each is used once"]);
  const junk = Array.from({ length: 1000 }, (_, i) => `x${i}`).join(',');
  const [tooMany, unknown] = viewErrors({ panels: junk });
  const readMax = PANELS.length + 5;  // every panel and a few unknown ones
  assert.match(tooMany, new RegExp(`^panels: 1000 different items; at most ${readMax} are accepted`));
  assert.equal(unknown, `panels: unknown 'x0', 'x1', 'x2' and ${readMax - 3} more; panels are ${PANELS.join(', ')}`);
  assert.deepEqual(controlKeys({ controls: Array(50).fill('lr').join(',') + ',seed' }), ['lr', 'seed']);
  assert.deepEqual(viewErrors({ controls: 'lr,lr' }), ["controls: 'lr' is listed 2 times; each is used once"]);
  assert.deepEqual(viewErrors({ compare: 'lr=0.1,0.1' }), ["compare: '0.1' is listed 2 times; each is used once"]);
  assert.deepEqual(viewErrors({ lang: 'xx' }), ["lang='xx': the languages are en, zh"]);
  assert.deepEqual(viewErrors({ lang: 'zh' }), []);
  assert.deepEqual(viewErrors({ 'lab-url': 'javascript:alert(1)' }), ["lab-url='javascript:alert(1)': only http(s) and relative URLs are accepted"]);
  assert.deepEqual(viewErrors({ 'lab-url': 'https://example.org/lab/' }), []);
  assert.deepEqual(viewErrors({ band: 'a\nb', every: 'x'.repeat(100) }), [
    `every='${'x'.repeat(40)}…' (100 characters): must be a whole number in [1, 10000]`, "band='a\\nb': the only band is 'brain'"]);
});

test('labUrlFor: a safe lab-url as given, an unsafe one replaced by the default', async () => {
  const { labUrlFor } = await import('../../web/figure-model.js');
  assert.equal(labUrlFor({ 'lab-url': 'https://e.org/lab.html' }, 'https://cdn.example/dist/relu-lab.js'), 'https://e.org/lab.html');
  assert.equal(labUrlFor({ 'lab-url': 'javascript:alert(1)' }, 'https://cdn.example/dist/relu-lab.js'), 'https://cdn.example/index.html');
  assert.equal(labUrlFor({}, ''), null, 'no script address: no lab known (the menu says how to set lab-url)');
});

test('PaceMeter: steps per second over playing time; gaps without frames do not count as slow', async () => {
  const { PaceMeter, SLOW_STEPS_PER_SECOND } = await import('../../web/figure-model.js');
  const fast = new PaceMeter();
  for (let f = 0; f <= 130; f++) fast.note(f * 10, f * 16.7, 5);  // 10 steps a frame at 60 fps
  assert.ok(Math.abs(fast.rate - 598.8) < 1, String(fast.rate));
  assert.equal(fast.slow, false);
  // A hidden tab: one frame 60 s later, no time counted beyond the gap.
  const hidden = new PaceMeter();
  hidden.note(0, 0, 1); hidden.note(10, 16, 1); hidden.note(20, 60016, 1);
  for (let f = 1; f <= 130; f++) hidden.note(20 + f * 10, 60016 + f * 16, 1);
  assert.ok(hidden.rate > 500, String(hidden.rate));
  // A 2.5 s step each frame: about 0.4 steps per second, slow.
  const heavy = new PaceMeter();
  for (let f = 0; f <= 3; f++) heavy.note(f, f * 2500, 2500);
  assert.ok(Math.abs(heavy.rate - 0.4) < 1e-9, String(heavy.rate));
  assert.equal(heavy.slow, true);
  assert.ok(SLOW_STEPS_PER_SECOND > 0.4);
  heavy.reset();
  assert.equal(heavy.rate, null);
});

test('engineMessage: a huge echoed value is cut, the rule stays readable; control characters escaped', async () => {
  const { engineMessage } = await import('../../web/figure-model.js');
  const value = '9'.repeat(10000);
  assert.equal(engineMessage(`width=${value}: units per hidden layer must be a whole number in [1, 256]`, value),
    `width='${'9'.repeat(40)}…' (10000 characters): units per hidden layer must be a whole number in [1, 256]`);
  assert.equal(engineMessage('seed=1\u001b]0;x\u0007: must be a whole number', '1\u001b]0;x\u0007'),
    "seed='1\\u{1b}]0;x\\u{7}': must be a whole number");
  assert.equal(engineMessage('lr=-1: learning rate must be a number in (0, 10]', '-1'), 'lr=-1: learning rate must be a number in (0, 10]');
});

test('heavy settings are named before any step is timed, from the engine\'s work counts', async () => {
  const { loadWasmEngine } = await import('./wasm-load.mjs');
  const engine = await loadWasmEngine();
  const of = (text) => {
    const run = engine.createRun(text);
    try { return heavyWork(run.stepWork, run.recordWork, 10); } finally { run.dispose(); }
  };
  // The default lab: a 2-8-8-1 net; the largest: 20 x 256 (3 x 1.31 million multiply-adds a sample).
  assert.equal(of('seed=1').heavy, false);
  assert.equal(of('depth=6&width=64').heavy, false);
  // 6 x 64 is light at batch 32, heavy at the full batch (4000 samples of 62,016 multiply-adds: 250 million a step).
  assert.equal(of('depth=6&width=64&points=5000&batch=5000').heavy, true);
  const big = of('depth=20&width=256');
  assert.equal(big.heavy, true);
  // 3 x 1,245,952 weights a sample: batch 32 is 120 million, a record of all 400 points 1,500 million.
  assert.deepEqual([big.step, big.record], [120, 1500]);
  assert.equal(of('depth=20&width=256&batch=1&points=10').heavy, false, 'one sample a step, ten a record: a few ms a step');
  assert.equal(heavyWork(HEAVY_WORK_PER_STEP, 0, 10).heavy, false, 'at the bound: not heavy');
  assert.equal(heavyWork(HEAVY_WORK_PER_STEP, 10 * 20, 10).heavy, true);
});
