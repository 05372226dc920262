// The wasm's packing (scripts/pack.mjs, web/unpack.js): every input comes back byte for
// byte, whatever its structure, and the text is one a "..." literal holds as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { packedLiteral } from '../../scripts/pack.mjs';
import { unpack, unpackInSlices, MAX_MATCH } from '../../web/unpack.js';
import { root } from './wasm-load.mjs';

function roundTrip(bytes) {
  const literal = packedLiteral(bytes);
  const text = vm.runInNewContext(literal);  // evaluated as the browser does
  assert.deepEqual(unpack(text, bytes.length), Uint8Array.from(bytes));
  return { literal, text };
}

// A deterministic generator, so a failure reproduces.
function lcg(seed) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s >>> 24; };
}

test('edge cases come back exactly: empty, one byte, every byte value, runs longer than a match', () => {
  roundTrip(new Uint8Array(0));
  roundTrip(Uint8Array.of(0));
  roundTrip(Uint8Array.of(255));
  roundTrip(Uint8Array.from({ length: 256 }, (_, i) => i));
  roundTrip(new Uint8Array(3 * MAX_MATCH + 5).fill(7));       // one byte repeated: overlapping matches
  roundTrip(Uint8Array.from({ length: 5000 }, (_, i) => [1, 2, 3][i % 3]));
});

test('random bytes (nothing to match) and structured bytes (matches at many distances, reused ones) come back exactly', () => {
  const rand = lcg(1);
  roundTrip(Uint8Array.from({ length: 20000 }, rand));
  const words = Array.from({ length: 40 }, () => Uint8Array.from({ length: 3 + (rand() % 30) }, rand));
  const structured = [];
  while (structured.length < 300000) {  // longer than the window of one block, distances past 2^17
    const w = words[rand() % words.length];
    structured.push(...w);
    if (rand() % 5 === 0) structured.push(rand());
  }
  roundTrip(Uint8Array.from(structured));
});

test('the packed text holds no char a "..." literal cannot hold raw, and only ASCII (one UTF-8 byte each)', () => {
  const { literal, text } = roundTrip(Uint8Array.from({ length: 30000 }, lcg(2)));
  assert.ok(!/[\n\r"\\]/.test(literal.slice(1, -1)));
  assert.ok([...text].every((c) => c.charCodeAt(0) < 128));
});

test('the engine wasm comes back exactly', () => {
  const wasm = fs.readFileSync(path.join(root, 'build/wasm/relu-lab-wasm.wasm'));
  roundTrip(wasm);
});

test('unpacked in slices (the page, between frames), the bytes are the same, with a pause after each slice', async () => {
  const rand = lcg(3);
  const words = Array.from({ length: 20 }, () => Uint8Array.from({ length: 2 + (rand() % 40) }, rand));
  const bytes = [];
  while (bytes.length < 60000) bytes.push(...words[rand() % words.length], ...(rand() % 3 ? [] : [rand()]));
  const text = vm.runInNewContext(packedLiteral(Uint8Array.from(bytes)));
  for (const slice of [1, 7, 1000, 1 << 15, 1 << 20]) {
    let pauses = 0;
    const out = await unpackInSlices(text, bytes.length, async () => { pauses++; }, slice);
    assert.deepEqual(out, Uint8Array.from(bytes), `slice ${slice}`);
    // A slice ends at the first token past its end: matches make a few slices longer (up to MAX_MATCH), never shorter.
    assert.ok(pauses <= Math.ceil(bytes.length / slice) && pauses >= Math.floor(bytes.length / (slice + MAX_MATCH)) - 1,
      `slice ${slice}: ${pauses} pauses`);
  }
});
