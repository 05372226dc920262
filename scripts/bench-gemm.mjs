// The matrix kernel against Eigen's product in wasm (not a test): G multiply-adds per second
// of C = A * B for the network's shapes (forward 128x128 by 128x64 and by 128x1000 map cells,
// 32-wide, 8-wide, the 37-column chunk of a 10x128 step), both in the benchmark module
// (cpp/bench.cpp bench_product_gmacs: the fastest of many short runs, so a shared machine's
// other processes disturb it little), alternating kernel and Eigen round by round.
// Usage: node scripts/bench-gemm.mjs [seconds] [rounds]   (after scripts/build.sh wasm)
import { loadWasmEngine } from '../tests/js/wasm-load.mjs';

const seconds = Number(process.argv[2] || 0.3);
const rounds = Number(process.argv[3] || 3);
const shapes = [[128, 64, 128, 'forward, 10x128 net'], [128, 37, 128, 'forward, a 37-sample chunk'],
  [128, 1000, 128, 'map, 1000 cells'], [32, 64, 32, 'forward, 6x32 net'], [32, 1000, 32, 'map, 6x32'],
  [8, 64, 8, 'forward, 2x8 net'], [1, 1000, 128, 'output layer, map']];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bench = (await loadWasmEngine('relu-lab-bench-wasm')).module;
console.log(`${seconds} s per measurement, medians of ${rounds} rounds\n`);
console.log('| C = A B (M x N x K) | what | kernel GMAC/s | Eigen GMAC/s | kernel/Eigen |\n|---|---|---:|---:|---:|');
for (const [M, N, K, what] of shapes) {
  const k = [], e = [];
  for (let r = 0; r < rounds; r++) {
    k.push(bench.benchProduct(M, N, K, true, seconds));
    e.push(bench.benchProduct(M, N, K, false, seconds));
  }
  console.log(`| ${M} x ${N} x ${K} | ${what} | ${median(k).toFixed(1)} | ${median(e).toFixed(1)} | ${(median(k) / median(e)).toFixed(2)} |`);
}
