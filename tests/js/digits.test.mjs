// The digits encoder (cmake/encode_digits.mjs): round trips, determinism, the
// table the build wrote, and the rows the native CLI serves from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './wasm-load.mjs';
import { ROW_BYTES, parseCsv, encodeDigits, decodeDigits, incSource } from '../../cmake/encode_digits.mjs';

const csvText = zlib.gunzipSync(fs.readFileSync(path.join(root, 'data/digits.csv.gz'))).toString('latin1');
const table = parseCsv(csvText);
const rows = table.length / ROW_BYTES;
const coded = encodeDigits(table);

// Rows as strings "p0,...,p63,label", sorted: the multiset of rows.
const sortedRows = (t) => Array.from({ length: t.length / ROW_BYTES },
  (_, r) => Array.from(t.subarray(r * ROW_BYTES, (r + 1) * ROW_BYTES)).join(',')).sort();

test('the real data set round-trips exactly, in about 32 KB of code', () => {
  assert.equal(rows, 1797);
  assert.deepEqual(decodeDigits(coded, rows), table);
  assert.ok(coded.length * 7 < 33000 * 8, `coded size ${coded.length} bytes of 7 bits`);
  assert.ok(coded.every((b) => b < 128), '7 bits a byte');
  assert.deepEqual(encodeDigits(table), coded, 'deterministic');
});

test('edge cases round-trip: no rows, all zeros, all maxima, random rows', () => {
  const make = (n, f) => Uint8Array.from({ length: n * ROW_BYTES }, (_, i) => f(i % ROW_BYTES, i));
  let s = 12345;  // a small LCG, so the test is the same every run
  const rand = (m) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s >>> 16) % m; };
  const cases = {
    empty: make(0, () => 0),
    zeros: make(50, () => 0),
    maxima: make(50, (i) => (i === 64 ? 9 : 16)),
    random: make(300, (i) => (i === 64 ? rand(10) : rand(17))),
  };
  for (const [name, t] of Object.entries(cases)) {
    const c = encodeDigits(t);
    assert.deepEqual(decodeDigits(c, t.length / ROW_BYTES), t, name);
  }
  // Symbol 0 at every step keeps low at 0, so the code is 0 bits up to the two
  // final ones (the C++ test decodes an all-0 stream to zeros: the same fact).
  const z = encodeDigits(cases.zeros);
  assert.ok(z.length > 1 && z.subarray(0, -1).every((b) => b === 0), `${z}`);
});

test('parseCsv rejects rows of the wrong length and values out of range', () => {
  assert.throws(() => parseCsv('1,2,3\n'), /row 1: 3 values, expected 65/);
  const row = Array(64).fill(0);
  assert.throws(() => parseCsv([...row, 10].join(',')), /row 1, column 65: 10 is not in 0..9/);
  assert.throws(() => parseCsv([17, ...row].join(',')), /row 1, column 1: 17 is not in 0..16/);
});

test('the native build embeds exactly what the encoder writes now', () => {
  const inc = fs.readFileSync(path.join(root, 'build/native/gen/digits_data.inc'), 'utf8');
  assert.equal(inc, incSource(coded, rows));
  assert.match(inc, new RegExp(`kDigitsCodedBytes = ${coded.length};`));
});

test('relu-lab dump data=digits serves every CSV row once (in shuffled order)', () => {
  const r = spawnSync(path.join(root, 'build/native/relu-lab'), ['dump', 'data=digits', 'points=1797', 'test=0'],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const { train } = JSON.parse(r.stdout);
  assert.equal(train.dims, 64);
  assert.equal(train.label.length, 1797);
  assert.equal(train.x.length, 1797 * 64);
  const served = new Uint8Array(1797 * ROW_BYTES);
  for (let i = 0; i < 1797; ++i) {
    for (let p = 0; p < 64; ++p) {
      const v = train.x[i * 64 + p] * 16;  // x = pixel / 16, exact in binary
      assert.ok(Number.isInteger(v), `sample ${i}, pixel ${p}: ${train.x[i * 64 + p]}`);
      served[i * ROW_BYTES + p] = v;
    }
    served[i * ROW_BYTES + 64] = train.label[i];
  }
  assert.deepEqual(sortedRows(served), sortedRows(table));
});
