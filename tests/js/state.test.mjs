// Node tests for web/state.js: the URL hash <-> state functions and the control
// helpers, with hand-computed cases for each rule and each error a reader can
// reach by editing a link, plus a seeded round-trip property. Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseHash, formatHash, configText, clamp, quantize, parseList, parseCompare, COMPARE_MAX,
  quoteValue, readList, capMessages, viewValueErrors, HASH_ITEMS_MAX, VALUE_SHOWN_MAX,
} from '../../web/state.js';

const KEYS = {
  configKeys: ['preset', 'act', 'lr', 'seed', 'depth'],
  viewKeys: ['lang', 'panels', 'embed'],
};
const parse = (hash) => parseHash(hash, KEYS);
const format = (state) => formatHash(state, KEYS);

// ------------------------------------------------------------ parseHash

test('parseHash: splits on & into config and view keys, with or without the leading #', () => {
  const expected = {
    config: { preset: 'dead-relu', lr: '0.1', seed: '3' },
    view: { lang: 'zh', panels: 'loss,layers' },
    errors: [],
  };
  assert.deepEqual(parse('#preset=dead-relu&lr=0.1&seed=3&lang=zh&panels=loss,layers'), expected);
  assert.deepEqual(parse('preset=dead-relu&lr=0.1&seed=3&lang=zh&panels=loss,layers'), expected);
});

test('parseHash: an empty or missing hash is an empty state', () => {
  const empty = { config: {}, view: {}, errors: [] };
  for (const hash of ['', '#', undefined, null, '&&', '#&']) assert.deepEqual(parse(hash), empty, String(hash));
});

test('parseHash: values are percent-decoded and + stays a plus sign', () => {
  const { config, view, errors } = parse('#lang=%E4%B8%AD%20x&lr=1e+3&act=a%2Bb');
  assert.deepEqual(errors, []);
  assert.equal(view.lang, '中 x');
  assert.equal(config.lr, '1e+3');
  assert.equal(config.act, 'a+b');
});

test('parseHash: keys are percent-decoded too', () => {
  assert.deepEqual(parse('#l%72=0.5').config, { lr: '0.5' });
});

test('parseHash: only the first = splits key from value', () => {
  assert.deepEqual(parse('#panels=a=b=c').view, { panels: 'a=b=c' });
});

test('parseHash: a bare view key is a flag with value true', () => {
  assert.deepEqual(parse('#embed&lr=0.1'), { config: { lr: '0.1' }, view: { embed: 'true' }, errors: [] });
});

test('parseHash: a bare config key is reported and dropped', () => {
  assert.deepEqual(parse('#lr&seed=2'), {
    config: { seed: '2' }, view: {}, errors: ["'lr' needs a value: write lr=VALUE"],
  });
});

test('parseHash: unknown keys are reported and dropped, the rest still parses', () => {
  assert.deepEqual(parse('#foo=1&lr=0.1&bar&embed'), {
    config: { lr: '0.1' }, view: { embed: 'true' }, errors: ["unknown key 'foo'", "unknown key 'bar'"],
  });
});

test('parseHash: malformed percent-encoding is reported, never thrown', () => {
  assert.deepEqual(parse('#lr=%E0%A4%A&seed=3'), {
    config: { seed: '3' }, view: {}, errors: ["bad encoding in 'lr=%E0%A4%A'"],
  });
  assert.deepEqual(parse('#%zz=1').errors, ["bad encoding in '%zz=1'"]);
  assert.deepEqual(parse('#lang=100%').errors, ["bad encoding in 'lang=100%'"]);
});

test('parseHash: a repeated key keeps its last value', () => {
  assert.deepEqual(parse('#lr=0.1&seed=1&lr=0.2').config, { lr: '0.2', seed: '1' });
});

test('parseHash: an empty value means not set, and unsets an earlier one', () => {
  assert.deepEqual(parse('#lr=&seed=1'), { config: { seed: '1' }, view: {}, errors: [] });
  assert.deepEqual(parse('#lr=0.1&lr=').config, {});
});

test('parseHash: values are not validated here (the engine does that)', () => {
  assert.deepEqual(parse('#lr=-1&act=nonsense').config, { lr: '-1', act: 'nonsense' });
});

test('parseHash: a key in both lists is config', () => {
  const both = parseHash('#seed=4', { configKeys: ['seed'], viewKeys: ['seed'] });
  assert.deepEqual(both, { config: { seed: '4' }, view: {}, errors: [] });
});

// ------------------------------------------------------------ formatHash

test('formatHash: config keys first, each group in schema order, whatever the object order', () => {
  const state = {
    view: { panels: 'loss,layers', lang: 'zh' },
    config: { seed: '3', lr: '0.1', preset: 'dead-relu' },
  };
  assert.equal(format(state), '#preset=dead-relu&lr=0.1&seed=3&lang=zh&panels=loss,layers');
});

test('formatHash: an empty state is just #', () => {
  assert.equal(format({ config: {}, view: {} }), '#');
  assert.equal(format({}), '#');
});

test('formatHash: missing and empty values are left out; keys not in the lists too', () => {
  assert.equal(format({ config: { lr: '', seed: '2', other: 'x' }, view: { lang: undefined } }), '#seed=2');
});

test('formatHash: values are percent-encoded except the comma', () => {
  assert.equal(format({ config: { act: 'a b&c=d#e%f+g,h' }, view: { lang: '中' } }),
    '#act=a%20b%26c%3Dd%23e%25f%2Bg,h&lang=%E4%B8%AD');
});

test('formatHash: a view flag equal to true is the bare key; other values are written out', () => {
  assert.equal(format({ config: { lr: '0.1' }, view: { embed: 'true' } }), '#lr=0.1&embed');
  assert.equal(format({ config: {}, view: { embed: 'false' } }), '#embed=false');
  assert.equal(format({ config: { act: 'true' }, view: {} }), '#act=true');  // config: never bare
});

// ------------------------------------------------------------ configText

test('configText: k=v&k=v in schema order, values as they are, empties left out', () => {
  assert.equal(configText({ seed: '3', lr: '0.1', preset: 'dead-relu', depth: '' }, KEYS.configKeys),
    'preset=dead-relu&lr=0.1&seed=3');
  assert.equal(configText({ act: 'leaky,0.1' }, KEYS.configKeys), 'act=leaky,0.1');
  assert.equal(configText({}, KEYS.configKeys), '');
});

// ------------------------------------------------------------ round trip

/** xorshift32: a tiny seeded generator, so a failing case is the same on every run. */
function makeRandom(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

// Characters chosen to trip an encoder: separators, escapes, spaces, non-ASCII
// (2-, 3- and 4-byte UTF-8, including an astral emoji made of a surrogate pair).
const TRICKY = ['a', 'Z', '0', '.', '-', ' ', '&', '=', '#', '%', '+', ',', '?', '/', ';',
  '%2C', '%20', 'é', '中', 'ß', '😀', '\u00a0', 'true'];

test('round trip: parseHash(formatHash(s)) gives back s for 200 random states', () => {
  const random = makeRandom(20240611);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const randomValue = () => {
    let s = '';
    const n = 1 + Math.floor(random() * 6);
    for (let i = 0; i < n; i++) s += pick(TRICKY);
    return s;
  };
  const randomGroup = (keys, flagChance) => {
    const group = {};
    for (const key of keys) {
      if (random() < 0.4) continue;
      group[key] = random() < flagChance ? 'true' : randomValue();
    }
    return group;
  };
  for (let i = 0; i < 200; i++) {
    const state = { config: randomGroup(KEYS.configKeys, 0.1), view: randomGroup(KEYS.viewKeys, 0.3) };
    const hash = format(state);
    assert.equal(hash.indexOf('#', 1), -1, `a # inside ${hash} would cut the hash short`);
    assert.deepEqual(parse(hash), { ...state, errors: [] }, `state ${JSON.stringify(state)} via ${hash}`);
  }
});

// ------------------------------------------------------------ clamp

test('clamp: inside stays, outside goes to the nearest bound', () => {
  assert.equal(clamp(5, 0, 10), 5);
  assert.equal(clamp(-1, 0, 10), 0);
  assert.equal(clamp(11, 0, 10), 10);
  assert.equal(clamp(0, 0, 10), 0);
  assert.equal(clamp(10, 0, 10), 10);
  assert.equal(clamp(-Infinity, -1, 1), -1);
});

test('clamp: bounds given in either order; NaN is passed through', () => {
  assert.equal(clamp(11, 10, 0), 10);
  assert.equal(clamp(-1, 10, 0), 0);
  assert.ok(Number.isNaN(clamp(NaN, 0, 10)));
});

// ------------------------------------------------------------ quantize

test('quantize: rounds to the nearest step with no float junk', () => {
  assert.equal(quantize(0.29, 0.1), 0.3);                 // 3 * 0.1 is 0.30000000000000004
  assert.equal(quantize(0.30000000000000004, 0.1), 0.3);
  assert.equal(quantize(7, 5), 5);
  assert.equal(quantize(8, 5), 10);
  assert.equal(quantize(7.5, 5), 10);                     // a tie goes up
  assert.equal(quantize(-0.26, 0.1), -0.3);
  assert.equal(quantize(3.3e-7, 1e-7), 3e-7);
  assert.equal(quantize(123456.784, 0.01), 123456.78);
  for (let k = -50; k <= 100; k++) assert.equal(quantize(k * 0.1, 0.1), k / 10, `k=${k}`);
});

test('quantize: steps are counted from the origin', () => {
  assert.equal(quantize(0.7, 0.5, 0.2), 0.7);   // 0.2 + 1 * 0.5
  assert.equal(quantize(0.5, 0.5, 0.2), 0.7);   // 0.6 steps rounds to 1
  assert.equal(quantize(0.4, 0.5, 0.2), 0.2);   // 0.4 steps rounds to 0
  assert.equal(quantize(1, 0.25, 0.1), 1.1);    // 3.6 steps rounds to 4
  assert.equal(quantize(2.1, 1, 0.05), 2.05);   // the origin's decimals count, not just the step's
});

test('quantize: a value rounding to zero is +0, not -0', () => {
  assert.ok(Object.is(quantize(-0.04, 0.1), 0));
  assert.ok(Object.is(quantize(0.01, 0.1, 0.3), 0));  // 0.3 - 3 * 0.1 is -5.6e-17, which rounds to -0
});

test('quantize: a step that is not > 0, or a value that is not finite, is returned unchanged', () => {
  assert.equal(quantize(0.123, 0), 0.123);
  assert.equal(quantize(0.123, -1), 0.123);
  assert.equal(quantize(0.123, NaN), 0.123);
  assert.equal(quantize(Infinity, 0.1), Infinity);
  assert.ok(Number.isNaN(quantize(NaN, 0.1)));
});

// ------------------------------------------------------------ parseList

test('parseList: trims items and drops empty ones', () => {
  assert.deepEqual(parseList('a, b,,c'), ['a', 'b', 'c']);
  assert.deepEqual(parseList('relu'), ['relu']);
  assert.deepEqual(parseList(''), []);
  assert.deepEqual(parseList(' , ,'), []);
  assert.deepEqual(parseList(null), []);
});

// ------------------------------------------------------------ parseCompare

test('parseCompare: KEY=V1,V2,... gives the key and the values', () => {
  assert.deepEqual(parseCompare('act=relu,sigmoid,tanh'), { key: 'act', values: ['relu', 'sigmoid', 'tanh'] });
  assert.deepEqual(parseCompare(' lr = 0.1 , 1 '), { key: 'lr', values: ['0.1', '1'] });
  assert.deepEqual(parseCompare('act=relu'), { key: 'act', values: ['relu'] });
  assert.deepEqual(parseCompare('act=a,b,c,d,e,f').values.length, COMPARE_MAX);
});

test('parseCompare: empty or missing means no comparison', () => {
  for (const text of ['', '   ', null, undefined]) assert.equal(parseCompare(text), null, String(text));
});

test('parseCompare: malformed text gives an error that shows the expected form', () => {
  const error = (text) => ({ error: `compare='${text}': expected KEY=V1,V2,... with 1 to 6 different values` });
  for (const text of ['act', '=relu,tanh', ' =relu', 'act=', 'act=,,', 'act=a,b,c,d,e,f,g']) {
    assert.deepEqual(parseCompare(text), error(text), text);
  }
});

test('parseCompare: repeated values are one run, and the message says so', () => {
  assert.deepEqual(parseCompare('lr=0.1,0.1,1'), { key: 'lr', values: ['0.1', '1'],
    warnings: ["compare: '0.1' is listed 2 times; each is used once"] });
  // Seven copies of one value are one run, not "too many".
  assert.deepEqual(parseCompare(`act=${Array(7).fill('relu').join(',')}`).values, ['relu']);
  assert.match(parseCompare('act=a,b,c,d,e,f,g,a').error, /1 to 6 different values/);
});

// ------------------------------------------------------------ text from anyone

test('quoteValue: quotes, escapes control and bidi characters, cuts long values with their length', () => {
  assert.equal(quoteValue('relu'), "'relu'");
  assert.equal(quoteValue('1\n'), "'1\\n'");
  assert.equal(quoteValue('a\tb\r'), "'a\\tb\\r'");
  assert.equal(quoteValue('seed=1\u001b]0;pwned\u0007'), "'seed=1\\u{1b}]0;pwned\\u{7}'");
  assert.equal(quoteValue('\u202eabc'), "'\\u{202e}abc'");
  assert.equal(quoteValue('\u0085\u2028'), "'\\u{85}\\u{2028}'");
  const long = 'x'.repeat(10000);
  assert.equal(quoteValue(long), `'${'x'.repeat(VALUE_SHOWN_MAX)}…' (10000 characters)`);
  // Cut by code points: an emoji is never split in half.
  assert.equal(quoteValue('😀'.repeat(50), 3), "'😀😀😀…' (50 characters)");
  assert.equal(quoteValue('中文'), "'中文'");
});

test('readList: duplicates dropped in order, a count per repeated item, at most max items', () => {
  const regions = Array(100).fill('regions').join(',');
  assert.deepEqual(readList('panels', `loss,${regions}`, 11), { items: ['loss', 'regions'],
    errors: ["panels: 'regions' is listed 100 times; each is used once"] });
  assert.deepEqual(readList('panels', 'a,b,c', 2), { items: ['a', 'b'],
    errors: ['panels: 3 different items; at most 2 are accepted, the first 2 are used'] });
  assert.deepEqual(readList('controls', ' lr, seed ,,', 5), { items: ['lr', 'seed'], errors: [] });
  const many = readList('panels', 'a,a,b,b,c,c,d,d,e', 10).errors[0];
  assert.equal(many, "panels: 'a' is listed 2 times, 'b' is listed 2 times, 'c' is listed 2 times, 1 more repeated; each is used once");
  // 100,000 items cost one pass: the result is bounded whatever the input.
  const huge = readList('panels', Array.from({ length: 100000 }, (_, i) => `p${i}`).join(','), 11);
  assert.equal(huge.items.length, 11);
  assert.equal(huge.errors.length, 1);
});

test('capMessages: each distinct message once, with its count, at most max, the rest counted', () => {
  assert.deepEqual(capMessages(["unknown key 'a'", "unknown key 'a'", "unknown key 'b'"]),
    { shown: ["unknown key 'a' (×2)", "unknown key 'b'"], more: 0 });
  const many = capMessages(Array.from({ length: 20 }, (_, i) => `m${i}`), 5);
  assert.deepEqual(many, { shown: ['m0', 'm1', 'm2', 'm3', 'm4'], more: 15 });
  assert.deepEqual(capMessages(['', null, 'x']), { shown: ['x'], more: 0 });
});

test('parseHash: a link of 10,000 settings reads the first few hundred and says so', () => {
  const { errors } = parse(`#${Array(10000).fill('a=1').join('&')}`);
  assert.equal(errors[0], `the link has 10000 settings: only the first ${HASH_ITEMS_MAX} are read`);
  assert.equal(errors.length, HASH_ITEMS_MAX + 1);
  const { shown, more } = capMessages(errors);
  assert.deepEqual(shown, [errors[0], `unknown key 'a' (×${HASH_ITEMS_MAX})`]);
  assert.equal(more, 0);
  assert.ok(shown.join('; ').length < 200);
});

test('parseHash: unknown keys are quoted safely: control characters escaped, long ones cut', () => {
  assert.deepEqual(parse('#a%0Ab=1').errors, ["unknown key 'a\\nb'"]);
  const { errors } = parse(`#${'k'.repeat(5000)}=1`);
  assert.equal(errors[0], `unknown key '${'k'.repeat(VALUE_SHOWN_MAX)}…' (5000 characters)`);
});

test('viewValueErrors: an unknown language is reported with the accepted ones, never silently ignored', () => {
  const langs = ['en', 'zh'];
  assert.deepEqual(viewValueErrors({ lang: 'xx' }, { langs }), ["lang='xx': the languages are en, zh"]);
  assert.deepEqual(viewValueErrors({ lang: 'zh' }, { langs }), []);
  assert.deepEqual(viewValueErrors({}, { langs }), []);
});

test('showValue: a short plain value as typed, anything else quoted and escaped', async () => {
  const { showValue } = await import('../../web/state.js');
  assert.equal(showValue('0.1'), '0.1');
  assert.equal(showValue('1 depth=5'), '1 depth=5');
  assert.equal(showValue('1\n'), "'1\\n'");
  assert.equal(showValue('9'.repeat(100)), `'${'9'.repeat(40)}…' (100 characters)`);
});

test('safeMessage: engine messages shown without raw control characters and cut when huge', async () => {
  const { safeMessage, MESSAGE_MAX } = await import('../../web/state.js');
  assert.equal(safeMessage('lr=-1: learning rate must be a number in (0, 10]'), 'lr=-1: learning rate must be a number in (0, 10]');
  assert.equal(safeMessage('seed=1\u001b]0;pwned\u0007: bad\n'), 'seed=1\\u{1b}]0;pwned\\u{7}: bad\\n');
  const long = safeMessage(`width=${'9'.repeat(10000)}: too big`);
  assert.equal([...long].length, MESSAGE_MAX + 1);
  assert.ok(long.endsWith('…'));
});
