// Loads the wasm engine in node the way the bundle does in a browser: the
// classic factory script, evaluated, and the .wasm bytes passed in directly.
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../../web/engine.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = path.join(root, 'build/wasm');

export function loadWasmEngine() {
  const glue = fs.readFileSync(path.join(wasmDir, 'relu-lab-wasm.js'), 'utf8');
  const factory = vm.runInThisContext(`${glue}\n;createReluLabModule`, { filename: 'relu-lab-wasm.js' });
  return loadEngine(factory, fs.readFileSync(path.join(wasmDir, 'relu-lab-wasm.wasm')));
}
