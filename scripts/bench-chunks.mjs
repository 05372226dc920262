// Bounded work, measured (not tested): for the heaviest accepted configurations, the
// time of one training chunk and one record chunk in the page's wasm build (node),
// which bounds the longest main-thread task the trainer can make (web/trainer.js
// stops at its deadline plus at most one chunk). Usage: node scripts/bench-chunks.mjs
// [configs...] (after scripts/build.sh wasm). The machine is shared: times are this
// process's CPU time (process.cpuUsage), which other users' load does not inflate.
import { loadWasmEngine } from '../tests/js/wasm-load.mjs';

const configs = process.argv.slice(2).length ? process.argv.slice(2) : [
  'depth=20&width=256&points=5000&batch=5000',
  'data=digits&points=1797&depth=20&width=256&batch=1797',
  'depth=2&width=8&points=5000&batch=5000',
  'preset=digits',
];
const engine = await loadWasmEngine();

function times(fn, count) {
  const ms = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.cpuUsage();
    const done = fn();
    const t = process.cpuUsage(t0);
    ms.push((t.user + t.system) / 1000);
    if (done) break;
  }
  ms.sort((a, b) => a - b);
  return { n: ms.length, median: ms[Math.floor(ms.length / 2)] ?? NaN, max: ms[ms.length - 1] ?? NaN };
}

console.log('| config | samples/chunk (step, record) | chunks/step | step chunk median / max ms (CPU) | record chunk median / max ms (CPU) |');
console.log('|---|---:|---:|---:|---:|');
for (const text of configs) {
  const run = engine.createRun(text);
  try {
    const rec = times(() => run.recordSome(1), 40);
    const step = times(() => { run.train(1, 1); return false; }, 40);
    console.log(`| ${text} | ${run.lab.stepChunk()}, ${run.lab.recordChunk()} | ${run.chunksPerStep} | ` +
      `${step.median.toFixed(2)} / ${step.max.toFixed(2)} | ${rec.median.toFixed(2)} / ${rec.max.toFixed(2)} |`);
  } finally {
    run.dispose();
  }
}
