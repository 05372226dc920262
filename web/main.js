// The bundle's entry (scripts/bundle.mjs wraps it with the wasm and emscripten's
// factory, which provide the free names below). In a page it defines <relu-demo> once,
// with one shared engine, one shared runner and (where the page allows one) one Worker
// that trains every figure's runs. Started as that Worker, the same file serves the engine.
/* global createReluLabModule, RELU_LAB_WASM, RELU_LAB_WASM_SIZE, RELU_LAB_BUILD, WorkerGlobalScope */
import { loadEngine } from './engine.js';
import { unpack, unpackInSlices } from './unpack.js';
import { PartLoader, PART_EVENT, partUrl } from './parts.js';
import { Runner } from './runner.js';
import { defineReluDemo } from './relu-demo.js';

// The packed wasm is plain ASCII (web/unpack.js), as is all of this file: it reads the same in any charset.
// A page unpacks it in slices between tasks (awaiting pause()): whole, it is one task of tens of
// ms (about 70 on this machine's loaded cores, more on a phone), longer than a frame; a worker
// has no frames to keep and unpacks it at once.
const UNPACK_SLICE = 1 << 14;  // bytes: a few ms of decoding
const startEngine = async (loadPart, pause = null) => loadEngine(createReluLabModule, pause
  ? await unpackInSlices(RELU_LAB_WASM, RELU_LAB_WASM_SIZE, pause, UNPACK_SLICE)
  : unpack(RELU_LAB_WASM, RELU_LAB_WASM_SIZE), { loadPart });
const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  // The page's worker (web/worker-client.js started it, named by relu-lab.js's URL): its code is
  // the part relu-lab-worker.js, from the same build; lazily loaded data arrives as messages.
  let part = null;
  self.addEventListener(PART_EVENT, (e) => { if (e.detail?.name === 'worker' && e.detail.build === RELU_LAB_BUILD) part = e.detail.worker; });
  try {
    importScripts(partUrl(self.name, 'worker'));
  } catch { /* said below */ }
  if (!part) self.postMessage({ t: 'failed', message: `${partUrl(self.name, 'worker')} did not load in the worker` });
  else {
    const parts = new Map();
    part.serveEngine(self, startEngine(async (name) => {
      if (!parts.has(name)) throw new Error(`relu-lab-${name}.js: not sent to the worker`);
      return parts.get(name);
    }), { parts });
  }
} else {
  // While this classic script runs, currentScript is its own tag: where it was loaded from,
  // and so where its lazily loaded parts (relu-lab-digits.js, relu-lab-worker.js, ...) are.
  const ownTag = document.currentScript;
  const scriptUrl = ownTag?.src || '';
  const parts = new PartLoader({ scriptUrl, build: RELU_LAB_BUILD, nonce: ownTag?.nonce || '' });
  const loadPart = (name) => parts.load(name);
  const shared = { engine: null, worker: null };  // each started once, on the first figure's request
  // The page keeps an engine of its own for the cheap synchronous calls (checking attributes,
  // the schema, activation samples, born-dead tables); the worker holds the runs.
  const getEngine = () => (shared.engine ??= startEngine(loadPart, nextTask));
  // Both load at once (the worker decodes its own copy of the wasm on another core). Without
  // its part (file://, a copied relu-lab.js alone), or where no worker starts: null, the main thread.
  const getWorker = () => (shared.worker ??= Promise.all([getEngine(), loadPart('worker')
    .then((p) => p.worker.startEngineWorker(scriptUrl, { loadPart }), () => null)])
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
