// Two wasm builds' speed side by side, in one node process, alternating round by round
// (not a test): the benchmark module's steps and maps (cpp/bench.cpp) and runs through
// the page's engine API, medians of per-round ratios B/A. A shared, loaded machine makes
// single timings swing; ratios measured together are what can be compared.
// Usage: node scripts/bench-ab.mjs DIR_A DIR_B [rounds] [seconds]
//   each DIR holds a relu-lab-bench-wasm.js and .wasm (copy build/wasm's before a change).
import fs from 'node:fs'; import vm from 'node:vm'; import path from 'node:path';
import { loadEngine } from '../web/engine.js';
import { digitsPayload } from '../tests/js/wasm-load.mjs';
const [dirA, dirB] = process.argv.slice(2, 4); const rounds = +(process.argv[4] || 5); const secs = +(process.argv[5] || 0.5);
async function load(dir) {
  const glue = fs.readFileSync(path.join(dir, 'relu-lab-bench-wasm.js'), 'utf8');
  const factory = vm.runInNewContext(`${glue}\n;createReluLabModule`, { console, WebAssembly, performance, TextDecoder, setTimeout, clearTimeout }, { filename: dir });
  return loadEngine(factory, fs.readFileSync(path.join(dir, 'relu-lab-bench-wasm.wasm')), { loadPart: async () => digitsPayload() });
}
const E = [await load(dirA), await load(dirB)];
const timed = (fn) => { let n = 0; const t0 = performance.now(); let t; do { fn(); n++; t = performance.now() - t0; } while (t < secs * 1000); return n / (t / 1000); };
const cases = [
  ['relu 2x8', (e) => e.module.benchSteps(2, 8, secs)],
  ['relu 6x32', (e) => e.module.benchSteps(6, 32, secs)],
  ['relu 10x128', (e) => e.module.benchSteps(10, 128, secs)],
  ['ref 6x32', (e) => e.module.benchRefSteps(6, 32, secs)],
  ['ref 10x128', (e) => e.module.benchRefSteps(10, 128, secs)],
  ['grid/s 6x32', (e) => 1000 / e.module.benchGridMs(6, 32, secs)],
];
for (const cfg of ['act=sigmoid&depth=4&width=32', 'act=tanh&depth=4&width=32', 'act=gelu&depth=4&width=32',
  'act=prelu&depth=4&width=32&opt=adam', 'act=leaky&depth=4&width=32&residual=1&opt=momentum',
  'data=digits&depth=2&width=64&loss=ce', 'data=curve&depth=2&width=16', 'data=spiral&depth=3&width=32&l1=0.001&l2=0.001']) {
  cases.push([cfg + ' steps', (e) => { const r = e.createRun(cfg); const v = timed(() => r.step(10)) * 10; r.dispose(); return v; }]);
}
cases.push(['record 4x32', (e) => { const r = e.createRun('depth=4&width=32&points=1000'); const v = timed(() => r.record()); r.dispose(); return v; }]);
cases.push(['evalPlane 100x100 3x32', (e) => { const r = e.createRun('depth=3&width=32'); const v = timed(() => r.grid({ x0: -1, x1: 1, y0: -1, y1: 1 }, 100, 100, 0, 10000)); r.dispose(); return v; }]);
for (const e of E) await e.prepare(['digits']).catch(() => {});
const res = cases.map(() => [[], []]);
for (let r = 0; r < rounds; r++) for (const [i, [, fn]] of cases.entries()) for (const k of (r % 2 ? [1, 0] : [0, 1])) res[i][k].push(fn(E[k]));
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| case | A steps/s | B steps/s | B/A (median of per-round ratios) |\n|---|---:|---:|---:|');
for (const [i, [name]] of cases.entries()) {
  const ratio = med(res[i][0].map((a, k) => res[i][1][k] / a));
  console.log(`| ${name} | ${med(res[i][0]).toFixed(1)} | ${med(res[i][1]).toFixed(1)} | ${ratio.toFixed(3)} |`);
}
