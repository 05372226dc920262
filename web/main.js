// The bundle's entry (scripts/bundle.mjs wraps it with the wasm and emscripten's
// factory, which provide the free names below). In a page it defines <relu-demo> once,
// with one shared engine, one shared runner and (where the page allows one) one Worker
// that trains every figure's runs. Started as that Worker, the same file serves the engine.
/* global createReluLabModule, RELU_LAB_WASM, RELU_LAB_WASM_SIZE, RELU_LAB_BUILD, WorkerGlobalScope */
import { loadEngine } from './engine.js';
import { unpack } from './unpack.js';
import { PartLoader } from './parts.js';
import { Runner } from './runner.js';
import { defineReluDemo } from './relu-demo.js';
import { serveEngine } from './engine-worker.js';
import { startEngineWorker } from './worker-client.js';

// The packed wasm is plain ASCII (web/unpack.js), as is all of this file: it reads the same in any charset.
const startEngine = (loadPart) => loadEngine(createReluLabModule, unpack(RELU_LAB_WASM, RELU_LAB_WASM_SIZE), { loadPart });

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  // The page's worker (worker-client.js started it): parts arrive as messages from the page.
  const parts = new Map();
  serveEngine(self, startEngine(async (name) => {
    if (!parts.has(name)) throw new Error(`relu-lab-${name}.js: not sent to the worker`);
    return parts.get(name);
  }), { parts });
} else {
  // While this classic script runs, currentScript is its own tag: where it was loaded from,
  // and so where its lazily loaded parts (relu-lab-digits.js, ...) and its worker are.
  const ownTag = document.currentScript;
  const scriptUrl = ownTag?.src || '';
  const parts = new PartLoader({ scriptUrl, build: RELU_LAB_BUILD, nonce: ownTag?.nonce || '' });
  const loadPart = (name) => parts.load(name);
  const shared = { engine: null, worker: null };  // each started once, on the first figure's request
  // The page keeps an engine of its own for the cheap synchronous calls (checking attributes,
  // the schema, activation samples, born-dead tables); the worker holds the runs.
  const getEngine = () => (shared.engine ??= startEngine(loadPart));
  // Both load at once (the worker decodes its own copy of the wasm on another core).
  const getWorker = () => (shared.worker ??= Promise.all([getEngine(), startEngineWorker(scriptUrl, { loadPart })])
    .then(([engine, worker]) => worker && Object.assign(worker, { engine, names: engine.names })));

  if (!customElements.get('relu-demo')) {
    // 11 ms per frame for training, maps and drawing together, drawing measured (runner.js):
    // the 12 ms budget less a margin for a chunk that overruns its estimate; the browser
    // keeps the rest of a 16.7 ms frame for style, layout and compositing.
    const runner = new Runner({ budgetMs: 11 });
    document.addEventListener('visibilitychange', () => {
      runner.setHidden(document.hidden);
      shared.worker?.then((worker) => worker?.setHidden(document.hidden));
    });
    defineReluDemo({ getEngine, getWorker, runner, scriptUrl, loadPart });
  }
}
