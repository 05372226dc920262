// The build keeps one optimisation level for every file. Under link-time optimisation the
// program keeps one copy of each template instantiation shared between files (Eigen's matrix
// product, for one), taken from whichever object comes first: a file built with -Os gave its
// size-optimised copy to the training step and the maps, which then ran 3-4x slower in wasm
// (measured in one process, scripts/bench.mjs). Cold code is marked in its source instead
// (cpp/cold_code.hpp), which touches only the functions that file defines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './wasm-load.mjs';

const cmakeFiles = ['CMakeLists.txt', ...fs.readdirSync(path.join(root, 'cmake')).filter((f) => f.endsWith('.cmake')).map((f) => `cmake/${f}`)];

test('no source file gets an optimisation level of its own', () => {
  for (const file of cmakeFiles) {
    const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/#.*$/gm, '');
    for (const m of text.matchAll(/set_source_files_properties\(([^)]*)\)/g)) {
      assert.doesNotMatch(m[1], /-O[0-3sz]\b/, `${file}: ${m[0].slice(0, 120)}`);
    }
    assert.doesNotMatch(text, /COMPILE_FLAGS[^)]*-O[0-3sz]\b/, file);
  }
});

test('a file marked cold opens the mark after its includes and closes it at its end', () => {
  const cold = fs.readdirSync(path.join(root, 'cpp')).filter((f) => f.endsWith('.cpp'))
    .filter((f) => fs.readFileSync(path.join(root, 'cpp', f), 'utf8').includes('RELU_COLD_CODE_BEGIN'));
  assert.ok(cold.length >= 8, `cold files: ${cold.join(', ')}`);
  for (const f of cold) {
    const lines = fs.readFileSync(path.join(root, 'cpp', f), 'utf8').split('\n');
    const begin = lines.findIndex((l) => l.startsWith('RELU_COLD_CODE_BEGIN'));
    const lastInclude = lines.findLastIndex((l) => l.startsWith('#include'));
    // An #include after the mark would mark the header's templates too: the instantiations it
    // makes would be size-optimised copies, the very thing the mark exists to avoid.
    assert.ok(lastInclude < begin, `${f}: #include after RELU_COLD_CODE_BEGIN`);
    assert.equal(lines.filter((l) => l.trim()).at(-1), 'RELU_COLD_CODE_END', `${f} must end with RELU_COLD_CODE_END`);
  }
});
