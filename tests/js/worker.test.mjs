// Training off the main thread, in node: the worker's side (web/engine-worker.js) and the
// page's side (web/worker-client.js) joined by a MessageChannel in one process, against the
// main-thread path (Trainer on engine Runs). The same config gives the same records, maps,
// unit statistics and links bit for bit; Pause, reset, lr mid-run, digits and disposal.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasmEngine, digitsPayload } from './wasm-load.mjs';
import { serveEngine } from '../../web/engine-worker.js';
import { EngineWorker } from '../../web/worker-client.js';
import { Trainer } from '../../web/trainer.js';
import { FigureRun } from '../../web/figure-run.js';
import { diagramUnits } from '../../web/network-view.js';

const engine = await loadWasmEngine();
const channel = new MessageChannel();
serveEngine(channel.port1, Promise.resolve(engine), { schedule: setImmediate });
await new Promise((resolve) => { channel.port2.onmessage = (e) => { if (e.data.t === 'ready') resolve(); }; });
const link = new EngineWorker(channel.port2, { loadPart: async (name) => ({ digits: digitsPayload })[name](), names: engine.names, engine });
after(() => { channel.port1.close(); channel.port2.close(); });

let debug = null;
const until = async (what, ok, ms = 20000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} ${JSON.stringify(debug?.())}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

/** The main-thread path: the element's frames, each a few ms of Trainer.train, until nothing is owed and training stopped. */
function trainHere(runs, trainer, { every, maxSteps, quota = 7, maps = null }) {
  let playing = true;
  for (let frame = 0; frame < 1e6; frame++) {
    if (maps) for (const r of runs) r.map.want(maps);
    if (playing || trainer.owed(runs)) {
      const stop = trainer.train(runs, performance.now() + 3, { every, maxSteps, quota, playing });
      if (stop) playing = false;
    }
    trainer.workMaps(runs, performance.now() + 3);
    if (!playing && !trainer.owed(runs) && !trainer.mapsBehind(runs)) return;
  }
  throw new Error('did not finish');
}

/** The same through the worker: settings sent as the element sends them, then wait until it stopped and owes nothing. */
async function trainThere(trainer, runs, { every, maxSteps, quota = 7, maps = null }) {
  let stopped = false;
  debug = () => ({ stopped, steps: runs[0].run.steps, owed: trainer.owed(), ack: trainer.ack, sent: trainer.sent, there: trainer.owedThere, behind: trainer.mapsBehind(runs), s: trainer.settings });
  trainer.setVisible(true);
  trainer.setPlaying(true);
  await until('training in the worker', () => {
    if (maps) for (const r of runs) r.map.want(maps);
    trainer.workMaps(runs);
    if (!stopped && trainer.train(runs, 0, { every, maxSteps, quota, playing: true })) stopped = true;
    return stopped && !trainer.owed(runs) && !trainer.mapsBehind(runs);
  });
}

const records = [];
const newTrainer = () => link.trainer({ onRecord: (r) => records.push([r.run.steps, r.run.latest().loss]) });
const columns = (h) => JSON.stringify({ seq: h.seq, stride: h.stride, rows: h.rows, recorded: h.recorded, fields: h.fields, layers: h.layers },
  (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));

test('the same config gives the same records, maps, unit statistics and links in the worker and here', async () => {
  const text = engine.check('seed=3&depth=3&width=12&data=spiral&lr=0.05&points=300').full;
  const here = [new FigureRun(engine.createRun(text))];
  const mapRequest = { n: 24, pattern: true, units: [0, 5] };
  trainHere(here, new Trainer(), { every: 5, maxSteps: 120, maps: mapRequest });
  const trainer = newTrainer();
  const there = await trainer.createRuns([text], [], (run) => new FigureRun(run));
  there[0].unitMap.want({ n: 16, units: diagramUnits(2, there[0].run.widths).flat });
  await trainThere(trainer, there, { every: 5, maxSteps: 120, maps: mapRequest });
  const [a, b] = [here[0].run, there[0].run];
  assert.equal(b.steps, 120);
  assert.equal(a.history.rows, 25);
  assert.equal(columns(b.history), columns(a.history));
  assert.deepEqual(b.latest(), a.latest());
  for (let l = 0; l < 3; l++) assert.deepEqual(b.unitStats(l), a.unitStats(l));
  const d = diagramUnits(2, a.widths), drawn = [d.inputs, ...d.hidden, d.outputs];
  drawn.slice(1).forEach((rows, l) => assert.deepEqual(b.weightsBetween(l, rows, drawn[l]), a.weightsBetween(l, rows, drawn[l])));
  assert.equal(there[0].map.shown.step, 120);
  for (const key of ['prob', 'pattern']) assert.deepEqual(there[0].map.shown[key], here[0].map.shown[key]);
  assert.deepEqual(there[0].map.shown.bits, here[0].map.shown.bits);
  assert.deepEqual(b.points(true), a.points(true));
  assert.ok(records.some(([step]) => step === 120), 'relu-record is told of each record');
  there[0].dispose();
  here[0].dispose();
});

test('a history thinned over thousands of records is the same in the worker and here', async () => {
  const text = engine.check('seed=2&points=10&depth=1&width=4').full;
  const here = [new FigureRun(engine.createRun(text))];
  trainHere(here, new Trainer(), { every: 1, maxSteps: 3000, quota: 500 });
  const trainer = newTrainer();
  const there = await trainer.createRuns([text], [], (run) => new FigureRun(run));
  await trainThere(trainer, there, { every: 1, maxSteps: 3000, quota: 500 });
  assert.ok(here[0].run.history.stride > 1, 'thinned');
  assert.equal(columns(there[0].run.history), columns(here[0].run.history));
  there[0].dispose();
  here[0].dispose();
});

test('Pause stops the worker at once; reset starts over with the same numbers; lr changes mid-run as here', async () => {
  const text = engine.check('seed=5&depth=2&width=16&lr=0.02').full;
  // Here: 40 steps, lr=0.2, 40 more.
  const here = [new FigureRun(engine.createRun(text))];
  const local = new Trainer();
  trainHere(here, local, { every: 4, maxSteps: 40 });
  assert.equal(here[0].run.set('lr', '0.2'), '');
  trainHere(here, local, { every: 4, maxSteps: 80 });
  assert.equal(here[0].run.steps, 80);

  const trainer = newTrainer();
  const there = await trainer.createRuns([text], [], (run) => new FigureRun(run));
  const run = there[0].run;
  // Pause: after the worker acknowledges it, the step count does not move again.
  trainer.setVisible(true);
  trainer.train(there, 0, { every: 4, maxSteps: 0, quota: 1, playing: true });
  await until('a few steps', () => run.steps > 8);
  trainer.setPlaying(false);
  const pauseSeq = trainer.sent;
  await until('the pause acknowledged', () => trainer.ack >= pauseSeq && !trainer.owed());
  const paused = run.steps;
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(run.steps, paused);
  // Reset: the same run from step 0, then lr mid-run, as here.
  run.reset();
  trainer.reset(there);
  assert.equal(run.steps, 0);
  assert.equal(run.history.rows, 0);
  await trainThere(trainer, there, { every: 4, maxSteps: 40 });
  assert.equal(run.set('lr', 'abc'), here[0].run.set('lr', 'abc'), 'the same message for a refused value');
  assert.equal(run.set('lr', '0.2'), '');
  assert.equal(run.text, here[0].run.text);
  await trainThere(trainer, there, { every: 4, maxSteps: 80 });
  assert.equal(columns(run.history), columns(here[0].run.history));
  there[0].dispose();
  here[0].dispose();
});

test('digits: the part goes to the worker once, and the runs agree', async () => {
  await engine.prepare(['digits']);
  const text = engine.check('data=digits&depth=2&width=16&seed=4').full;
  const here = [new FigureRun(engine.createRun(text))];
  trainHere(here, new Trainer(), { every: 10, maxSteps: 30 });
  const trainer = newTrainer();
  const there = await trainer.createRuns([text], ['digits'], (run) => new FigureRun(run));
  await trainThere(trainer, there, { every: 10, maxSteps: 30 });
  assert.equal(columns(there[0].run.history), columns(here[0].run.history));
  assert.equal(there[0].map.available, false, 'no plane to map');
  there[0].dispose();
  here[0].dispose();
});

test('runs disposed in the worker give back the engine heap', async () => {
  const baseline = await link.heapInUse();
  for (let i = 0; i < 20; i++) {
    const trainer = newTrainer();
    const runs = await trainer.createRuns(['depth=2&width=32', 'depth=1&width=8'], [], (run) => new FigureRun(run));
    await trainThere(trainer, runs, { every: 5, maxSteps: 10 });
    for (const r of runs) r.dispose();
  }
  assert.equal(await link.heapInUse(), baseline);
});

test('a lost worker: each run is replayed here to where the worker had it (records and live keys at its chunks), then trains on', async () => {
  // A worker of its own (this file's link goes on serving the other tests), lost once its run is mid-way.
  const own = new MessageChannel();
  let alive = true;  // its terminate() stops its slices (a real worker's end), else they go on and keep node running
  serveEngine(own.port1, Promise.resolve(engine), { schedule: (fn) => alive && setImmediate(fn) });
  await new Promise((resolve) => { own.port2.onmessage = (e) => { if (e.data.t === 'ready') resolve(); }; });
  const port = own.port2;
  const worker = { postMessage: (...args) => port.postMessage(...args), terminate: () => { alive = false; own.port1.close(); },
    set onmessage(fn) { port.onmessage = fn; } };
  const lostLink = new EngineWorker(worker, { loadPart: async () => null, names: engine.names, engine });
  let taken = null;
  const trainer = lostLink.trainer({ onLost: (t) => { taken = t; } });
  // 5 chunks per step: lr set while it plays lands mid-step as often as not.
  const text = engine.check('seed=8&depth=3&width=128&points=1000&batch=1000').full;
  const there = await trainer.createRuns([text], [], (run) => new FigureRun(run));
  const [r] = there, mirror = r.run;
  assert.ok(mirror.chunksPerStep > 1);
  trainer.setVisible(true);
  trainer.train(there, 0, { every: 3, maxSteps: 0, quota: 1, playing: true });
  await until('steps', () => mirror.steps > 10);
  assert.equal(mirror.set('lr', '0.3'), '');
  await until('steps after lr', () => mirror.steps > 25 && mirror.script.events().some((e) => e[1] === 'set'));
  // Records at a steady pace are kept as one entry per run of them: the script does not grow with the run.
  assert.ok(mirror.script.entries.length <= 3, `${mirror.script.entries.length} entries for ${mirror.steps} steps`);
  lostLink.lose('a test');
  await until('the figure handed over', () => taken !== null);
  assert.equal(r.run, mirror, 'the worker\'s last state is shown while the replay runs');
  assert.equal(mirror.set('lr', '0.2'), '', 'the reader sets lr during the replay: not lost');
  for (let frame = 0; r.run === mirror; frame++) {
    assert.ok(taken.owed(there), 'the replay is owed work');
    assert.equal(taken.train(there, performance.now() + 3, { every: 3, maxSteps: 0, quota: 1, playing: true }), false);
  }
  assert.equal(r.run.steps, mirror.steps);
  assert.equal(columns(r.run.history), columns(mirror.history), 'the same history, bit for bit');
  for (let l = 0; l < 3; l++) assert.deepEqual(r.run.unitStats(l), mirror.stats[l]);
  assert.match(r.run.text, /lr=0.2/);
  taken.train(there, performance.now() + 50, { every: 3, maxSteps: 0, quota: 6, playing: true });
  assert.ok(r.run.steps > mirror.steps, 'it trains on');
  // A reset in the middle of another replay: the run starts over here, at step 0.
  taken.replay(r, engine.createRun(text), mirror);
  const replayed = r.run;
  taken.reset(there);
  assert.notEqual(r.run, mirror);
  assert.equal(r.run.steps, 0);
  assert.equal(taken.owed(there), true, 'step 0\'s record');
  replayed.dispose();
  assert.equal(lostLink.trainer({}).constructor.name, 'MainThreadTrainer', 'figures added later train here');
  r.run.dispose();
  // A figure removed mid-replay (no frame comes again): the run replayed for it is freed with its mirror.
  const heap = engine.heapInUse();
  r.run = mirror;
  taken.replay(r, engine.createRun(text), mirror);
  assert.ok(engine.heapInUse() > heap);
  r.dispose();  // the element's disposeRuns: FigureRun -> the mirror it shows
  assert.equal(engine.heapInUse(), heap, 'the replayed run is freed');
  assert.equal(taken.replays.size, 0, 'and its replay forgotten');
  own.port2.close();
});
