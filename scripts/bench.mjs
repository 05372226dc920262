// The speed benchmark (not a test): training steps per second at batch 64 and
// the time for a 100x100 decision map, native (-O3) against the wasm build (node),
// measured in one run and compared as ratios. Usage: node scripts/bench.mjs [seconds]
// (after scripts/build.sh). The budgets (docs/DESIGN.md): wasm/native >= 0.5 on the
// small net and >= 0.15 on the large one.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadWasmEngine, root } from '../tests/js/wasm-load.mjs';

const seconds = Number(process.argv[2] || 1);
const nets = [{ name: '2->8x2->1', depth: 2, width: 8 }, { name: '2->32x6->1', depth: 6, width: 32 },
  { name: '2->128x10->1', depth: 10, width: 128 }];

const engine = await loadWasmEngine('relu-lab-bench-wasm');
const bench = engine.module;  // the benchmark build's extra functions
const native = spawnSync(path.join(root, 'build/native/relu-lab'), ['bench', '--seconds', String(seconds), '--format', 'jsonl'],
  { encoding: 'utf8' });
if (native.status !== 0) throw new Error(`native bench failed: ${native.stderr}`);
const nativeRows = native.stdout.trim().split('\n').map((l) => JSON.parse(l));

console.log(`wasm SIMD: ${engine.simd()}; ${seconds} s per measurement\n`);
console.log('| net | native steps/s | wasm steps/s | wasm/native | native grid ms | wasm grid ms |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [i, net] of nets.entries()) {
  const w = bench.benchSteps(net.depth, net.width, seconds);
  const g = bench.benchGridMs(net.depth, net.width, seconds / 2);
  const n = nativeRows[i];
  console.log(`| ${net.name} | ${n.steps_per_s.toFixed(0)} | ${w.toFixed(0)} | ${(w / n.steps_per_s).toFixed(2)} | ` +
    `${n.grid_ms.toFixed(2)} | ${g.toFixed(2)} |`);
}
