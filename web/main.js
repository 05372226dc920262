// The bundle's entry (scripts/bundle.mjs wraps it with the wasm and emscripten's
// factory, which provide the free names below). Defines <relu-demo> once, with one
// shared engine and one shared runner for every figure on the page.
/* global createReluLabModule, RELU_LAB_WASM, RELU_LAB_WASM_SIZE, RELU_LAB_BUILD */
import { loadEngine } from './engine.js';
import { unpack } from './unpack.js';
import { PartLoader } from './parts.js';
import { Runner } from './runner.js';
import { defineReluDemo } from './relu-demo.js';

// While this classic script runs, currentScript is its own tag: where it was loaded from,
// and so where its lazily loaded parts (relu-lab-digits.js, ...) are.
const ownTag = document.currentScript;
const scriptUrl = ownTag?.src || '';
const parts = new PartLoader({ scriptUrl, build: RELU_LAB_BUILD, nonce: ownTag?.nonce || '' });
const shared = { engine: null };  // decoded and started once, on the first figure's request

// The packed wasm is plain ASCII (web/unpack.js), as is all of this file: it reads the same in any charset.
function getEngine() {
  shared.engine ??= loadEngine(createReluLabModule, unpack(RELU_LAB_WASM, RELU_LAB_WASM_SIZE), { loadPart: (name) => parts.load(name) });
  return shared.engine;
}

if (!customElements.get('relu-demo')) {
  // 11 ms per frame for training, maps and drawing together, drawing measured (runner.js):
  // the 12 ms budget less a margin for a chunk that overruns its estimate; the browser
  // keeps the rest of a 16.7 ms frame for style, layout and compositing.
  const runner = new Runner({ budgetMs: 11 });
  document.addEventListener('visibilitychange', () => runner.setHidden(document.hidden));
  defineReluDemo({ getEngine, runner, scriptUrl, loadPart: (name) => parts.load(name) });
}
