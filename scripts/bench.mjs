// The speed benchmark (not a test): training steps per second at batch 64 and
// the time for a 100x100 decision map, native (-O3) against the wasm build (node),
// and Lab's step against a minimal Eigen step of the same shapes in the same
// process (cpp/bench.cpp; goal >= 0.95). Each measurement is repeated over rounds
// that alternate the contenders, and the medians are shown: the machine is shared.
// Usage: node scripts/bench.mjs [seconds] [rounds]   (after scripts/build.sh)
// The budgets (docs/DESIGN.md): wasm/native >= 0.5 on the small net, >= 0.15 on the large one.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadWasmEngine, root } from '../tests/js/wasm-load.mjs';

const seconds = Number(process.argv[2] || 1);
const rounds = Number(process.argv[3] || 3);
const nets = [{ name: '2->8x2->1', depth: 2, width: 8 }, { name: '2->32x6->1', depth: 6, width: 32 },
  { name: '2->128x10->1', depth: 10, width: 128 }];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const engine = await loadWasmEngine('relu-lab-bench-wasm');
const bench = engine.module;  // the benchmark build's extra functions
const m = nets.map(() => ({ native: [], nativeRef: [], nativeGrid: [], wasm: [], wasmRef: [], wasmGrid: [] }));
for (let r = 0; r < rounds; r++) {
  const native = spawnSync(path.join(root, 'build/native/relu-lab'), ['bench', '--seconds', String(seconds), '--format', 'jsonl'],
    { encoding: 'utf8' });
  if (native.status !== 0) throw new Error(`native bench failed: ${native.stderr}`);
  native.stdout.trim().split('\n').map((l) => JSON.parse(l)).forEach((n, i) => {
    m[i].native.push(n.steps_per_s); m[i].nativeRef.push(n.ref_steps_per_s); m[i].nativeGrid.push(n.grid_ms);
  });
  for (const [i, net] of nets.entries()) {
    m[i].wasm.push(bench.benchSteps(net.depth, net.width, seconds));
    m[i].wasmRef.push(bench.benchRefSteps(net.depth, net.width, seconds));
    m[i].wasmGrid.push(bench.benchGridMs(net.depth, net.width, seconds / 2));
  }
}

console.log(`wasm SIMD: ${engine.simd()}; ${seconds} s per measurement, medians of ${rounds} rounds\n`);
console.log('| net | native steps/s | native Lab/minimal | wasm steps/s | wasm Lab/minimal | wasm/native | native grid ms | wasm grid ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [i, net] of nets.entries()) {
  const x = Object.fromEntries(Object.entries(m[i]).map(([k, v]) => [k, median(v)]));
  // Ratios per round, then the median: the two contenders of a round ran seconds apart.
  const labRef = (a, b) => median(m[i][a].map((v, k) => v / m[i][b][k])).toFixed(2);
  console.log(`| ${net.name} | ${x.native.toFixed(0)} | ${labRef('native', 'nativeRef')} | ${x.wasm.toFixed(0)} | ` +
    `${labRef('wasm', 'wasmRef')} | ${(x.wasm / x.native).toFixed(2)} | ${x.nativeGrid.toFixed(2)} | ${x.wasmGrid.toFixed(2)} |`);
}
