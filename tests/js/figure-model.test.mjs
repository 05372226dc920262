// The figure model: <relu-demo>'s attributes -> run specs, view settings and
// messages, as pure functions of a plain object (no DOM, no engine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSpecs, configText, viewSettings, viewErrors, controlKeys, nextSeed, shareAttributes, intAttribute,
  DEFAULT_PANELS, viewControlKeys, alphaMatters, compareAttribute } from '../../web/figure-model.js';
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
  assert.match(runSpecs({ compare: 'lr=1,2,3,4,5,6,7' }).error, /1 to 6 values/);
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
  assert.equal(alphaMatters(['nope'], table), false);
});
