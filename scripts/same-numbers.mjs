// Two wasm builds, the same numbers? (not a test): every activation with each loss,
// residual nets with penalties, chunked and unchunked steps, every preset; records,
// weights, decision maps with unit bits and patterns, and curves compared bit for bit.
// For changes meant to leave the numerics alone (size attributes, restructured code).
// Usage: node scripts/same-numbers.mjs DIR_A DIR_B   (each with relu-lab-bench-wasm.js/.wasm)
import fs from 'node:fs'; import vm from 'node:vm'; import path from 'node:path';
import { loadEngine } from '../web/engine.js';
import { digitsPayload } from '../tests/js/wasm-load.mjs';
const [dirA, dirB] = process.argv.slice(2, 4);
async function load(dir) {
  const glue = fs.readFileSync(path.join(dir, 'relu-lab-bench-wasm.js'), 'utf8');
  const factory = vm.runInNewContext(`${glue}\n;createReluLabModule`, { console, WebAssembly, performance, TextDecoder, setTimeout, clearTimeout }, { filename: dir });
  const e = await loadEngine(factory, fs.readFileSync(path.join(dir, 'relu-lab-bench-wasm.wasm')), { loadPart: async () => digitsPayload() });
  await e.prepare(['digits']); return e;
}
const [A, B] = [await load(dirA), await load(dirB)];
const cfgs = [];
for (const act of ['relu', 'leaky', 'prelu', 'elu', 'softplus', 'gelu', 'silu', 'sigmoid', 'tanh', 'linear'])
  for (const extra of ['', '&loss=mse', '&residual=1&depth=4&width=8&opt=adam&l1=0.001&l2=0.01'])
    cfgs.push(`act=${act}&data=spiral&points=203&batch=37&seed=3${extra}`);
cfgs.push('data=digits&points=300&loss=ce&batch=50&depth=2&width=20', 'data=digits&points=300&loss=mse&batch=64', 'data=digits&points=300&loss=bce',
  'data=curve&points=101&batch=13&depth=2&width=9', 'data=xor&points=99&batch=99&opt=momentum&lr=0.5', 'data=circle&points=1000&batch=1000&depth=20&width=64');
for (const p of A.presets) cfgs.push(`preset=${p.name}`);
let bad = 0, n = 0;
for (const cfg of cfgs) {
  const out = [A, B].map((e) => {
    let r; try { r = e.createRun(cfg); } catch (err) { return 'ERR ' + err.message; }
    const recs = [];
    r.record();
    for (let k = 0; k < 6; k++) { r.train(7, 3); r.step(5); r.record(); }
    const flat = Array.from(r.lab.records(0));
    const w = JSON.stringify(r.weights(0));
    const g = r.inputs === 2 ? Array.from(r.grid({ x0: -1, x1: 1, y0: -1, y1: 1 }, 13, 11, 0, 143, { units: [-1, 0, 3, 9, 2, 40, 17, 1000] }).prob).concat(Array.from(r.grid({ x0: -1, x1: 1, y0: -1, y1: 1 }, 13, 11, 0, 143, { units: [-1, 0, 3, 9, 2, 40, 17, 1000] }).bits), Array.from(r.grid({ x0: -1, x1: 1, y0: -1, y1: 1 }, 13, 11, 0, 143).pattern)) : [];
    const c = r.inputs === 1 ? Array.from(r.curve(-1, 1, 17).y) : [];
    r.dispose();
    return JSON.stringify([flat.map((v) => Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v), w, g, c]);
  });
  n++;
  if (out[0] !== out[1]) { bad++; console.log('DIFFER', cfg, out[0].slice(0, 200), out[1].slice(0, 200)); }
}
console.log(`${n} configs, ${bad} differ`);
