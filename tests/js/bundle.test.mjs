// The shipped bundle: within its size budget (docs/DESIGN.md: 150 KB gzipped, digits
// included), free of eval (a strict CSP forbids it), and one self-contained script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './wasm-load.mjs';

const bundle = fs.readFileSync(path.join(root, 'dist/relu-lab.js'));

test('dist/relu-lab.js is at most 150 KB gzipped', () => {
  const gz = zlib.gzipSync(bundle, { level: 9 }).length;
  assert.ok(gz <= 150 * 1024, `${(gz / 1024).toFixed(1)} KB gzipped`);
});

// (That nothing is fetched is shown in Chromium: the strict-CSP test allows no connect-src.)
test('no eval or new Function anywhere in the bundle (strict CSP)', () => {
  const text = bundle.toString('utf8');
  assert.doesNotMatch(text, /\beval\(/);
  assert.doesNotMatch(text, /new Function\(/);
});

test('the inlined wasm decodes to a wasm module of the declared size', () => {
  const text = bundle.toString('utf8');
  const size = Number(text.match(/RELU_LAB_WASM_SIZE=(\d+)/)[1]);
  const wasm = fs.readFileSync(path.join(root, 'build/wasm/relu-lab-wasm.wasm'));
  assert.equal(size, wasm.length);
  assert.deepEqual([...wasm.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);  // "\0asm"
});
