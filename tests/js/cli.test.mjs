// The native CLI's contract: exit codes, where messages go, and the record format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './wasm-load.mjs';

const cli = path.join(root, 'build/native/relu-lab');
const run = (...args) => spawnSync(cli, args, { encoding: 'utf8' });

function refused(args, messageStart) {
  const r = run(...args);
  assert.equal(r.status, 2, `${args.join(' ')}: exit status`);
  assert.equal(r.stdout, '', `${args.join(' ')}: nothing on stdout`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `${args.join(' ')}: one line on stderr`);
  assert.ok(lines[0].startsWith(`relu-lab: ${messageStart}`), `${args.join(' ')}: got ${lines[0]}`);
}

test('bad keys, values and flags exit 2 with one line on stderr naming them', () => {
  refused(['run', 'lr=-1'], 'lr=-1: learning rate must be a number in [1e-6, 10]');
  refused(['run', 'foo=1'], "unknown key 'foo'; known keys: preset, data,");
  refused(['run', 'depth'], "'depth': expected KEY=VALUE");
  refused(['run', 'act=swish'], 'act=swish: activation of the hidden units must be one of relu,');
  refused(['run', 'preset=nope'], 'preset=nope: preset (later keys override it) must be one of lab,');
  refused(['run', 'data=digits', 'points=3000'], 'points=3000: data=digits has 1797 images');
  refused(['run', '--steps', 'ten'], '--steps=ten: must be a whole number in [0, 10000000]');
  refused(['run', '--steps'], '--steps: missing value');
  refused(['run', '--every=0'], '--every=0: must be a whole number in [1, 10000000]');
  refused(['run', '--format', 'xml'], '--format=xml: must be one of jsonl, csv');
  refused(['run', '--fast'], "unknown flag '--fast'");
  refused(['fly'], "unknown command 'fly'");
  refused(['presets', 'extra'], "'presets' takes no arguments, got 'extra'");
  refused(['bench', '--seconds', '0'], '--seconds=0: must be a number in (0, 60]');
  refused(['bench', '--seconds'], '--seconds: missing value');
  refused(['dump', 'width=0'], 'width=0: units per hidden layer must be a whole number in [1, 256]');
  refused(['born-dead', '--depths', '2,x'], '--depths=2,x: must be a comma list of whole numbers in [1, 20]');
  refused(['born-dead', '--widths', '0'], '--widths=0: must be a comma list of whole numbers in [1, 256]');
  refused(['born-dead', '--nets', '0'], '--nets=0: must be a whole number in [1, 1000]');
  refused(['born-dead', 'act=swish'], 'act=swish: activation of the hidden units must be one of relu,');
  refused(['born-dead', '--fast'], "unknown flag '--fast'; born-dead accepts");
  refused(['run', 'residual=2'], 'residual=2: skip connections');
});

test('born-dead prints the depth x width table, one jsonl line per cell, and --help', () => {
  const table = run('born-dead', '--depths', '10,20', '--widths', '2,4');
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /\| depth \\ width \| 2 \| 4 \|/);
  assert.match(table.stdout, /\| 10 \| 40\/40 \| 8\/40 \|/);
  assert.match(table.stdout, /\| 20 \| 40\/40 \| 23\/40 \|/);
  const cells = run('born-dead', '--depths', '20', '--widths', '4', '--nets', '40', 'residual=1', '--format', 'jsonl')
    .stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(cells, [{ depth: 20, width: 4, dead: 0, nets: 40, share: 0 }]);
  const help = run('born-dead', '--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /relu-lab born-dead/);
});

test('no arguments prints the usage on stderr and exits 2; --help exits 0', () => {
  const r = run();
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /usage:/);
  for (const args of [['--help'], ['run', '--help'], ['presets', '--help'], ['bench', '--help']]) {
    const h = run(...args);
    assert.equal(h.status, 0, args.join(' '));
    assert.match(h.stdout, /relu-lab run \[KEY=VALUE/);
  }
});

test('run prints a record at step 0 and every K steps, as JSON lines with docs/DESIGN.md names', () => {
  const r = run('run', 'preset=sparse', '--steps', '200', '--every', '50');
  assert.equal(r.status, 0, r.stderr);
  const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(records.map((x) => x.step), [0, 50, 100, 150, 200]);
  for (const rec of records) {
    assert.deepEqual(Object.keys(rec), ['step', 'loss', 'test_loss', 'acc', 'test_acc', 'path_share', 'diverged', 'layers']);
    assert.equal(rec.layers.length, 6);
    assert.deepEqual(Object.keys(rec.layers[0]),
      ['active', 'dead', 'always_on', 'grad_w', 'grad_z', 'w_norm', 'alpha', 'path_share']);
    for (const layer of rec.layers) {
      assert.ok(layer.active >= 0 && layer.active <= 1);
      assert.ok(layer.dead + layer.always_on <= 1 + 1e-6);
      assert.equal(layer.alpha, null, 'relu has no slope: null');
    }
    assert.equal(rec.path_share, rec.layers[5].path_share);
  }
  assert.ok(records[4].loss < records[0].loss, 'the loss falls');
});

test('--steps not a multiple of --every still ends with a record at the last step', () => {
  const r = run('run', '--steps', '25', '--every', '10');
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).step), [0, 10, 20, 25]);
});

test('csv has a header with one column per field and layer, and empty cells for missing values', () => {
  const r = run('run', 'depth=2', 'test=0', '--steps', '10', '--every', '10', '--format', 'csv');
  assert.equal(r.status, 0);
  const [header, ...rows] = r.stdout.trim().split('\n');
  const cols = header.split(',');
  assert.equal(cols.length, 7 + 2 * 8);
  assert.deepEqual(cols.slice(0, 8), ['step', 'loss', 'test_loss', 'acc', 'test_acc', 'path_share', 'diverged', 'active_1']);
  assert.equal(rows.length, 2);
  const first = rows[0].split(',');
  assert.equal(first.length, cols.length);
  assert.equal(first[cols.indexOf('test_loss')], '', 'no test set: empty');
  assert.equal(first[cols.indexOf('alpha_1')], '');
});

test('a diverging run is a result: exit 0, flagged, and training stops', () => {
  const r = run('run', 'act=linear', 'depth=4', 'width=16', 'lr=10', '--steps', '500', '--every', '10');
  assert.equal(r.status, 0, r.stderr);
  const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const last = records[records.length - 1];
  assert.equal(last.diverged, true);
  assert.ok(last.step < 500, 'stopped early');
  assert.equal(records.filter((x) => x.diverged).length, 1, 'one flagged record, then nothing');
});

test('presets lists every preset with a description; schema lists every key', () => {
  const presets = run('presets').stdout.trim().split('\n');
  assert.ok(presets.length >= 9);
  for (const line of presets) assert.match(line, /^[a-z0-9-]+\s+\S.{10,}/);
  const schema = run('schema').stdout;
  for (const key of ['preset', 'data', 'points', 'noise', 'test', 'seed', 'depth', 'width', 'act', 'alpha', 'init',
    'bias', 'loss', 'opt', 'lr', 'batch', 'l1', 'l2']) {
    assert.match(schema, new RegExp(`^${key}\\s+default=`, 'm'), key);
  }
});

test('a diverged record is blank in CSV and null in JSON: no accuracy from NaN outputs', () => {
  // Before: `7,,,,0.4125,,1`, a test accuracy computed from predictions on NaN outputs.
  const csv = run('run', 'act=linear', 'lr=10', '--steps', '300', '--every', '10', '--format', 'csv').stdout.trim().split('\n');
  const last = csv[csv.length - 1].split(',');
  assert.equal(last[0], '7');
  assert.equal(last[6], '1', 'diverged');
  assert.deepEqual(last.filter((v, i) => i !== 0 && i !== 6 && v !== ''), [], `every statistic blank: ${csv[csv.length - 1]}`);
  const json = run('run', 'act=linear', 'lr=10', '--steps', '300', '--every', '10').stdout.trim().split('\n').map((l) => JSON.parse(l));
  const rec = json[json.length - 1];
  assert.equal(rec.diverged, true);
  for (const f of ['loss', 'test_loss', 'acc', 'test_acc', 'path_share']) assert.equal(rec[f], null, f);
  for (const layer of rec.layers) for (const v of Object.values(layer)) assert.equal(v, null);
});

test('the divergence step does not depend on --every', () => {
  // Before: preset=dead-prelu diverged at 13 with --every 1 and at 14 with --every 10.
  const at = (every, ...args) => {
    const recs = run('run', ...args, '--steps', '300', '--every', String(every)).stdout.trim().split('\n').map((l) => JSON.parse(l));
    return recs.find((x) => x.diverged)?.step;
  };
  for (const args of [['preset=dead-prelu'], ['act=linear', 'lr=10'], ['preset=vanishing', 'lr=10']]) {
    const first = at(1, ...args);
    assert.ok(first > 0, args.join(' '));
    for (const every of [2, 10, 50]) assert.equal(at(every, ...args), first, `${args.join(' ')} --every ${every}`);
  }
});

// Runs a shell line (the redirections are the point); returns {status, stderr}.
const sh = (line, timeout = 120000) => spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8', timeout, env: { ...process.env, CLI: cli } });

test('write errors stop at the first failed write: exit 1 and one line on stderr', () => {
  for (const [line, reason] of [
    ['"$CLI" run --steps 10 > /dev/full', /No space left on device/],
    ['"$CLI" run --steps 10 >&-', /Bad file descriptor/],
    ['"$CLI" schema > /dev/full', /No space left on device/],
    ['"$CLI" --help >&-', /Bad file descriptor/],
    ['"$CLI" born-dead --depths 2 --widths 2 --nets 2 > /dev/full', /No space left on device/],
    ['"$CLI" born-dead --depths 2 --widths 2 --nets 2 --format jsonl >&-', /Bad file descriptor/],
    ['"$CLI" born-dead --help > /dev/full', /No space left on device/],
  ]) {
    const r = sh(line);
    assert.equal(r.status, 1, `${line}: ${r.stderr}`);
    assert.equal(r.stderr.split('\n').length, 2, `${line}: one line`);
    assert.match(r.stderr, /^relu-lab: cannot write the output: /);
    assert.match(r.stderr, reason);
  }
  // With SIGPIPE ignored, a reader that leaves (head -1) must stop the training, not
  // leave it running for ten million steps: the pipeline ends, and the CLI says why.
  const r = sh(`trap '' PIPE; "$CLI" run --steps 10000000 --every 1 2>err.$$ | head -1 >/dev/null; s=$?; cat err.$$ >&2; rm -f err.$$; exit $s`);
  assert.notEqual(r.status, null, 'the pipeline ended');
  assert.match(r.stderr, /^relu-lab: cannot write the output: Broken pipe\n$/);
  // born-dead stops at its first failed line too: a 20 x 256 cell takes a while, so a
  // reader gone after the header must not leave it computing the whole table.
  const b = sh(`trap '' PIPE; "$CLI" born-dead --depths 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20 --widths 256 --nets 1000 --format jsonl 2>err.$$ | head -1 >/dev/null; s=$?; cat err.$$ >&2; rm -f err.$$; exit $s`, 60000);
  assert.notEqual(b.status, null, 'the born-dead pipeline ended');
  assert.match(b.stderr, /^relu-lab: cannot write the output: Broken pipe\n$/);
});

test('error messages quote values safely: control characters escaped, long values cut', () => {
  const r = run('run', 'seed=1\u001b]0;pwned\u0007');
  assert.equal(r.status, 2);
  // The page's rule (web/state.js showValue): as typed when plain, else quoted and escaped.
  assert.equal(r.stderr, "relu-lab: seed='1\\u{1b}]0;pwned\\u{7}': seed for data, weights and batch order must be a whole number in [0, 2147483647]\n");
  const nl = run('run', 'lr=0.1\n');
  assert.equal(nl.stderr, "relu-lab: lr='0.1\\n': learning rate must be a number in [1e-6, 10]\n");
  const long = run('run', `seed=${'9'.repeat(10000)}`);
  assert.equal(long.stderr, `relu-lab: seed='${'9'.repeat(40)}…' (10000 characters): seed for data, weights and batch order must be a whole number in [0, 2147483647]\n`);
  const bidi = run('run', '--format', 'a\u202ecba');
  assert.equal(bidi.stderr, "relu-lab: --format='a\\u{202e}cba': must be one of jsonl, csv\n");
  assert.equal(run('fly\u001b[2J').stderr.split('\n')[0], "relu-lab: unknown command 'fly\\u{1b}[2J'; commands: run, shape, presets, schema, dump, born-dead, bench (try --help)");
});

test('float32-meaningful ranges: tiny values are refused and the message says why', () => {
  refused(['run', 'lr=1e-50'], 'lr=1e-50: learning rate must be a number in [1e-6, 10]');
  refused(['run', 'lr=4.9e-324'], 'lr=4.9e-324: learning rate must be a number in [1e-6, 10]');
  refused(['run', 'l2=1e-50'], 'l2=1e-50: L2 weight decay must be a number in [0, 1], and 0 or at least 1e-6 in size (float32 would not notice less)');
  assert.equal(run('run', 'lr=1e-6', 'l2=0', '--steps', '0').status, 0);
});

test('flags follow the config values\' number rules', () => {
  refused(['run', '--steps', ' 5'], "--steps= 5: must be a whole number in [0, 10000000]");
  refused(['run', '--steps', '+5'], '--steps=+5: must be a whole number in [0, 10000000]');
  refused(['run', '--steps', '-0'], '--steps=-0: must be a whole number in [0, 10000000]');
  refused(['run', '--steps', '1e3'], '--steps=1e3: must be a whole number in [0, 10000000]');
  refused(['run', '--every', '0x10'], '--every=0x10: must be a whole number in [1, 10000000]');
  refused(['bench', '--seconds', '0x0.1p0'], '--seconds=0x0.1p0: must be a number in (0, 60]');
  refused(['bench', '--seconds', 'inf'], '--seconds=inf: must be a number in (0, 60]');
  refused(['bench', '--seconds', ' 1'], "--seconds= 1: must be a number in (0, 60]");
  refused(['run', 'depth=-0'], 'depth=-0: number of hidden layers must be a whole number in [0, 20]');
});

test('schema prints exact integers', () => {
  const schema = run('schema').stdout;
  assert.match(schema, /integer \[0, 2147483647\]/);
  assert.doesNotMatch(schema, /e\+/);
  assert.match(schema, /^lr .*\n\s+number \[1e-6, 10\]$/m);
});
