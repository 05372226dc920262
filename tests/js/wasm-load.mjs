// Loads the wasm engine in node the way the bundle does in a browser: the
// classic factory script, evaluated, and the .wasm bytes passed in directly.
// Lazily loaded parts come from the same sources scripts/bundle.mjs writes them from.
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../../web/engine.js';
import { parseCsv, encodeDigits } from '../../cmake/encode_digits.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = path.join(root, 'build/wasm');

/** The payload of dist/relu-lab-digits.js: the coded digits, one char per byte. */
export function digitsPayload() {
  const csv = zlib.gunzipSync(fs.readFileSync(path.join(root, 'data/digits.csv.gz'))).toString('latin1');
  return { data: String.fromCharCode(...encodeDigits(parseCsv(csv))) };
}

const nodeParts = { digits: digitsPayload };

/** The page's module; or, with name 'relu-lab-bench-wasm', the build with the benchmark functions. */
export function loadWasmEngine(name = 'relu-lab-wasm') {
  const glue = fs.readFileSync(path.join(wasmDir, `${name}.js`), 'utf8');
  const factory = vm.runInThisContext(`${glue}\n;createReluLabModule`, { filename: `${name}.js` });
  return loadEngine(factory, fs.readFileSync(path.join(wasmDir, `${name}.wasm`)), {
    loadPart: async (part) => nodeParts[part](),
  });
}

/** The engine with every lazily loaded part already in, as a page that used them all. */
export async function loadWasmEngineWithParts(name) {
  const engine = await loadWasmEngine(name);
  await engine.prepare(['digits']);
  return engine;
}
