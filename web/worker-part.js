// The part relu-lab-worker.js (scripts/bundle.mjs, web/parts.js): training off the main
// thread, loaded by relu-lab.js in the page (to start the page's worker, worker-client.js)
// and again inside that worker (to serve the engine, engine-worker.js). A page without
// this file, or that cannot load it, trains its figures on the main thread as before.
export { startEngineWorker } from './worker-client.js';
export { serveEngine } from './engine-worker.js';
