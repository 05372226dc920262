// The bundle's entry (scripts/bundle.mjs wraps it with the wasm and emscripten's
// factory, which provide the free names below). Defines <relu-demo> once, with one
// shared engine and one shared runner for every figure on the page.
/* global createReluLabModule, RELU_LAB_WASM, RELU_LAB_WASM_SIZE, RELU_LAB_BUILD */
import { loadEngine, bytesFromLatin1 } from './engine.js';
import { PartLoader } from './parts.js';
import { Runner } from './runner.js';
import { defineReluDemo } from './relu-demo.js';

// While this classic script runs, currentScript is its own tag: where it was loaded from,
// and so where its lazily loaded parts (relu-lab-digits.js, ...) are.
const ownTag = document.currentScript;
const scriptUrl = ownTag?.src || '';
const parts = new PartLoader({ scriptUrl, build: RELU_LAB_BUILD, nonce: ownTag?.nonce || '' });
const shared = { engine: null };  // decoded and started once, on the first figure's request

function getEngine() {
  if (RELU_LAB_WASM.length !== RELU_LAB_WASM_SIZE) {
    // The page decoded this file in another encoding than UTF-8, which mangles the inlined wasm.
    return Promise.reject(new Error('relu-lab.js was not read as UTF-8: add charset="utf-8" to its <script> tag'));
  }
  shared.engine ??= loadEngine(createReluLabModule, bytesFromLatin1(RELU_LAB_WASM), { loadPart: (name) => parts.load(name) });
  return shared.engine;
}

if (!customElements.get('relu-demo')) {
  // 9 ms of work per frame: the 10 ms budget less a margin for a chunk that overruns its estimate.
  const runner = new Runner({ budgetMs: 9 });
  document.addEventListener('visibilitychange', () => runner.setHidden(document.hidden));
  defineReluDemo({ getEngine, runner, scriptUrl });
}
