// The page's wasm really holds SIMD code after the link (LTO could drop or scalarise
// it, and Eigen reporting SSE2 at compile time, tests/cpp/test_simd.cpp, would not
// notice). Counts the 128-bit float instructions in build/wasm/relu-lab-wasm.wasm,
// disassembled with binaryen's wasm-dis (a dependency of Debian's emscripten).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './wasm-load.mjs';

/** opcode name -> count, for every SIMD instruction (v128.*, f32x4.*, i32x4.*, ...). */
function simdCounts(file) {
  const r = spawnSync('wasm-dis', [file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  const counts = {};
  for (const [, op] of r.stdout.matchAll(/\(((?:v128|f32x4|f64x2|i8x16|i16x8|i32x4|i64x2)\.[a-z_0-9]+)/g)) counts[op] = (counts[op] || 0) + 1;
  return counts;
}

test('the linked wasm multiplies and adds four floats at a time, hundreds of times over', () => {
  const c = simdCounts(path.join(root, 'build/wasm/relu-lab-wasm.wasm'));
  // Measured: 431 f32x4.mul and 470 f32x4.add (611 and 621 before the matrix products moved to
  // cpp/gemm.hpp's kernel, whose 4-float vectors the wasm build compiles to f32x4 too). They come
  // from that kernel's tiles and Eigen's SSE2 packets (coefficient-wise ops); without -msimd128
  // there are none at all.
  assert.ok((c['f32x4.mul'] || 0) >= 300, `f32x4.mul: ${c['f32x4.mul'] || 0}`);
  assert.ok((c['f32x4.add'] || 0) >= 300, `f32x4.add: ${c['f32x4.add'] || 0}`);
  assert.ok((c['v128.load'] || 0) >= 200, `v128.load: ${c['v128.load'] || 0}`);
});
