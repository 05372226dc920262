// ReLU Lab's wasm engine as a contestant in the peer benchmark (a copy of a bench-peers folder:
// its js/harness.js times every engine the same way). Run by that folder's run.sh as
//   PRODUCT_REPO=/path/to/relu-lab PRODUCT_RUNNER="node /path/to/relu-lab/scripts/bench-peer-product.mjs" ./run.sh
// which calls it as `... build/workload_<size>.txt product` from the bench folder.
// Same shapes, batch and lr as the workload; the product draws its own spiral data and He
// weights (it cannot take the workload's), so only the speed compares, not the loss.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const harness = createRequire(path.join(process.cwd(), 'js/'))('./harness');
const [workloadFile, impl] = process.argv.slice(2);
const repo = process.env.PRODUCT_REPO || path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const w = harness.loadWorkload(workloadFile);

const wasmDir = path.join(repo, 'build/wasm');
const glue = fs.readFileSync(path.join(wasmDir, 'relu-lab-wasm.js'), 'utf8');
const factory = vm.runInThisContext(`${glue}\n;createReluLabModule`, { filename: 'relu-lab-wasm.js' });
const bytes = fs.readFileSync(path.join(wasmDir, 'relu-lab-wasm.wasm'));
const M = await factory({ wasm: bytes, wasmBinary: bytes });  // minimal runtime, or an older full one

// 640 points with test=0.2 leave 512 training points, as in the workload.
const text = `data=spiral points=640 test=0.2 depth=${w.L} width=${w.H} batch=${w.B} lr=${w.lr} loss=mse act=relu init=he opt=sgd`;
const lab = new M.Lab(text);
if (lab.error()) throw new Error(lab.error());
const side = 100, cellsPerCall = 1000;  // the page's map asks for cells in chunks too (web/decision-map.js)
harness.run({
  impl, size: w.size, precision: 'f32', K: w.K, G: side * side,
  trainStep: () => { lab.step(1); return NaN; },  // one JS->wasm call per step; the loss is not read back
  // Forward only, as the page's decision map: class-1 probability per cell, no region hash, no unit bits.
  heatmap: () => {
    let s = 0;
    for (let first = 0; first < side * side; first += cellsPerCall) {
      s += lab.evalPlane(-1, -1.5, 1.5, -1.5, 1.5, side, side, first, cellsPerCall, false, []).prob[0];
    }
    return s;
  },
  heatPartial: false,
  notes: `simd=${M.simdInUse()} config="${text}" (own data and init: speed only)`,
});
lab.delete();
