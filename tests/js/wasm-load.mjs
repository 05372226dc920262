// Loads the wasm engine in node the way the bundle does in a browser: the
// classic factory script, evaluated, and the .wasm bytes passed in directly.
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../../web/engine.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = path.join(root, 'build/wasm');

/** The page's module; or, with name 'relu-lab-bench-wasm', the build with the benchmark functions. */
export function loadWasmEngine(name = 'relu-lab-wasm') {
  const glue = fs.readFileSync(path.join(wasmDir, `${name}.js`), 'utf8');
  const factory = vm.runInThisContext(`${glue}\n;createReluLabModule`, { filename: `${name}.js` });
  return loadEngine(factory, fs.readFileSync(path.join(wasmDir, `${name}.wasm`)));
}
