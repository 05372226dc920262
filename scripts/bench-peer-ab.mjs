// The product against TF.js's wasm backend in ONE node process, alternating short runs (not a
// test): the peer benchmark's shapes (a copy of a bench-peers folder: its workloads, its TF.js
// spec and node_modules), for a machine too loaded for its run.sh, whose 0.4 s runs of each
// engine in separate processes meet different loads. Each round times ~20 ms of training steps
// and one or more 100x100 maps of each engine in turn; the table shows each engine's fastest
// round (the one least disturbed by other processes) and the ratio of the two.
// Usage, from a bench-peers copy after its ./run.sh has built build/workload_*.txt:
//   PRODUCT_REPO=/path/to/relu-lab node /path/to/relu-lab/scripts/bench-peer-ab.mjs [rounds]
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.cwd(), 'js/'));
const H = require('./harness');
const { makeTfjsSpec } = require('./spec_tfjs');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs');
const tfwasm = require('@tensorflow/tfjs-backend-wasm');
tfwasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed');
await tf.ready();

const rounds = Number(process.argv[2] || 15);
const repo = process.env.PRODUCT_REPO || path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const wasmDir = path.join(repo, 'build/wasm');
const glue = fs.readFileSync(path.join(wasmDir, 'relu-lab-wasm.js'), 'utf8');
const factory = vm.runInThisContext(`${glue}\n;createReluLabModule`, { filename: 'relu-lab-wasm.js' });
const bytes = fs.readFileSync(path.join(wasmDir, 'relu-lab-wasm.wasm'));
const M = await factory({ wasm: bytes, wasmBinary: bytes });

// Seconds per call of fn: the fastest of `rounds` runs of n calls, n calibrated to ~ms ms.
function timer(fn, ms) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    if (performance.now() - t0 >= ms) break;
    n *= 2;
  }
  return { n, best: Infinity, run() {
    const t0 = performance.now();
    for (let i = 0; i < this.n; i++) fn();
    this.best = Math.min(this.best, (performance.now() - t0) / this.n / 1000);
  } };
}

const targets = { small: [80, 2], medium: [12, 1.2], large: [8, 1.2] };
const rows = [];
for (const size of ['small', 'medium', 'large']) {
  const w = H.loadWorkload(`build/workload_${size}.txt`);
  const spec = makeTfjsSpec(tf, H, w, 'tfjs-wasm');
  const text = `data=spiral points=640 test=0.2 depth=${w.L} width=${w.H} batch=${w.B} lr=${w.lr} loss=mse act=relu init=he opt=sgd`;
  const lab = new M.Lab(text);
  // The same calls as scripts/bench-peer-product.mjs: one step per call, the map 1,000 cells a call.
  const productMap = () => {
    for (let first = 0; first < 10000; first += 1000) lab.evalPlane(-1, -1.5, 1.5, -1.5, 1.5, 100, 100, first, 1000, false, []);
  };
  // Warm-up as the harness's verify phase does (K steps and a map each): JIT, TF.js's kernels.
  for (let k = 0; k < w.K; k++) { spec.trainStep(false); lab.step(1); }
  spec.heatmap(); productMap();
  const t = {
    tfTrain: timer(() => spec.trainStep(false), 20), prTrain: timer(() => lab.step(1), 20),
    tfMap: timer(() => spec.heatmap(), 20), prMap: timer(productMap, 20),
  };
  for (let r = 0; r < rounds; r++) for (const k of (r % 2 ? ['prTrain', 'tfTrain', 'prMap', 'tfMap'] : ['tfTrain', 'prTrain', 'tfMap', 'prMap'])) t[k].run();
  lab.delete();
  tf.disposeVariables();  // the spec names its variables W0, b0, ...: free them for the next size
  rows.push({ size, tfTrain: 1 / t.tfTrain.best, prTrain: 1 / t.prTrain.best, tfMap: t.tfMap.best * 1000, prMap: t.prMap.best * 1000 });
}
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${rounds} alternating rounds per engine and size, the fastest of each; load average after: ${load}\n`);
console.log('| net | TF.js wasm steps/s | product steps/s | product/TF.js (target) | TF.js map ms | product map ms | TF.js/product (target) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const [tt, tm] = targets[r.size];
  console.log(`| ${r.size} | ${r.tfTrain.toFixed(0)} | ${r.prTrain.toFixed(0)} | ${(r.prTrain / r.tfTrain).toFixed(1)} (${tt}) | ${r.tfMap.toFixed(3)} | ${r.prMap.toFixed(3)} | ${(r.tfMap / r.prMap).toFixed(2)} (${tm}) |`);
}
