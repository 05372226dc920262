// The figure's scheduler with fake runs and a fake clock: where records fall,
// deferral when a record does not fit, the step limit, divergence, maps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trainer } from '../../web/trainer.js';
import { FigureRun } from '../../web/figure-run.js';

/**
 * A clock, and runs whose work costs fixed times on it, like cpp/lab.hpp's Lab: a step
 * is `chunksPerStep` chunks (it can stay half-done between calls), a record
 * `chunksPerRecord` chunks, and a diverging step appends its record itself. With
 * `fresh`, the runs are new: their step-0 record is owed; otherwise it is done.
 */
function world({ stepMs = 0.1, recordMs = 1, divergeAt = Infinity, data = 'circle', chunksPerRecord = 4,
  chunksPerStep = 1, fresh = false, initChunks = 0, initMs = 0, mapChunk, gridMs = 0.05 } = {}, count = 1) {
  const clock = { t: 0 };
  const runs = Array.from({ length: count }, () => {
    const run = {
      steps: 0, diverged: false, recorded: fresh ? [] : [0], gridCalls: 0, chunksRun: 0, chunksPerStep, stepChunksDone: 0,
      inputs: data === 'digits' ? 64 : 2, planeHalf: data === 'digits' ? 0 : 1.6,
      longestCall: 0,
      // A staged run (cpp/lab.hpp): `initChunks` chunks of weights to draw before anything else.
      initLeft: initChunks,
      get ready() { return this.initLeft === 0; },
      initSome(chunks) {
        const k = Math.min(chunks, this.initLeft);
        this.initLeft -= k;
        clock.t += k * initMs / Math.max(1, initChunks);
        return this.initLeft === 0;
      },
      mapChunk,   // the engine's bound on cells per grid() call (undefined: none)
      gridCounts: [],  // cells asked for by each grid() call
      early: [],  // what was asked of the run before its weights were drawn (must stay empty)
      train(steps, chunks) {
        if (!this.ready) this.early.push('train');
        const t0 = clock.t;
        let done = 0;
        for (let c = 0; c < chunks && done < steps && !this.diverged; c++) {
          this.chunksRun++;
          this.stepChunksDone++;
          clock.t += stepMs / chunksPerStep;
          if (this.stepChunksDone < chunksPerStep) continue;
          this.stepChunksDone = 0;
          this.steps++;
          done++;
          this.chunksDone = 0;  // an update abandons a record in progress
          if (this.steps >= divergeAt) { this.diverged = true; this.recorded.push(this.steps); }
        }
        this.longestCall = Math.max(this.longestCall, clock.t - t0);
        return done;
      },
      get stepInProgress() { return this.stepChunksDone > 0; },
      record() { if (!this.diverged) { this.recorded.push(this.steps); clock.t += recordMs; } this.chunksDone = 0; },
      chunksDone: 0,
      recordSome(chunks) {  // like Lab::record_some: chunks of one record, then it is in
        if (!this.ready) this.early.push('recordSome');
        if (this.diverged) return true;
        const k = Math.min(chunks, chunksPerRecord - this.chunksDone);
        this.chunksDone += k;
        clock.t += k * recordMs / chunksPerRecord;
        if (this.chunksDone < chunksPerRecord) return false;
        this.chunksDone = 0;
        this.recorded.push(this.steps);
        return true;
      },
      frozenAt: [],
      freeze(slot) { if (!this.ready) this.early.push('freeze'); this.frozenAt.push([slot, this.steps]); },
      grid(box, nx, ny, first, count, { units = [] } = {}) {  // cells [first, first + count), row by row
        if (!this.ready) this.early.push('grid');
        this.gridCalls++;
        this.gridCounts.push(count);
        clock.t += count * gridMs;
        // Unit k is on in the cells of column k (bit i of its words: cell first + i).
        const words = Math.ceil(count / 32);
        const bits = new Uint32Array(units.length * words);
        units.forEach((u, k) => { for (let i = 0; i < count; i++) if ((first + i) % nx === u) bits[k * words + (i >> 5)] |= 1 << (i & 31); });
        return { prob: Float32Array.from({ length: count }, (_, i) => Math.floor((first + i) / nx)),
          pattern: new Uint32Array(count), bits, words };
      },
    };
    const figure = new FigureRun(run, { config: { data } });
    figure.recordDue = fresh;  // a new run owes its step-0 record; the others start with it done
    figure.recordedAt = fresh ? -1 : 0;
    return figure;
  });
  const records = [];
  const trainer = new Trainer({ now: () => clock.t, onRecord: (r) => records.push(r.run.steps) });
  return { clock, runs, trainer, records };
}

test('records fall exactly every `every` steps, within the quota per frame', () => {
  const { clock, runs, trainer } = world();
  for (let frame = 0; frame < 5; frame++) trainer.train(runs, clock.t + 10, { every: 10, quota: 30 });
  assert.equal(runs[0].run.steps, 150);
  assert.deepEqual(runs[0].run.recorded, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150]);
});

test('compared runs all reach the step limit and are recorded there, however a frame cuts them', () => {
  const { clock, runs, trainer } = world({ stepMs: 0.5, recordMs: 0.5 }, 3);
  let stop = false;
  for (let frame = 0; frame < 100 && !stop; frame++) stop = trainer.train(runs, clock.t + 2, { every: 5, maxSteps: 20, quota: 20 });
  assert.ok(stop);
  // Paused, the element lets the trainer finish what is owed (the records at the limit).
  for (let frame = 0; frame < 100 && trainer.owed(runs); frame++) trainer.train(runs, clock.t + 2.5, { every: 5, maxSteps: 20, quota: 20, playing: false });
  for (const r of runs) {
    assert.equal(r.run.steps, 20);
    assert.deepEqual(r.run.recorded, [0, 5, 10, 15, 20]);
  }
});

test('a record that does not fit is measured over several frames, and the run waits for it', () => {
  const { clock, runs, trainer } = world({ stepMs: 0.5, recordMs: 16, chunksPerRecord: 8 });
  runs[0].msPerChunk = { record: 2, step: 0.5 };  // measured in earlier frames
  let start = clock.t;
  trainer.train(runs, start + 6, { every: 10, quota: 100 });
  assert.equal(runs[0].run.steps, 10);
  assert.equal(runs[0].recordDue, true, 'owed, not done');
  assert.deepEqual(runs[0].run.recorded, [0]);
  assert.ok(clock.t - start <= 8, `frame 1 took ${clock.t - start} ms`);
  for (let f = 0; f < 5 && runs[0].recordDue; f++) {
    start = clock.t;
    trainer.train(runs, start + 6, { every: 10, quota: 100 });
    assert.ok(clock.t - start <= 8, `a frame took ${clock.t - start} ms`);
  }
  assert.equal(runs[0].run.recorded[1], 10, 'the record of step 10 completes in a later frame');
});

test('the step limit stops exactly there, with a record there; past it, play goes on', () => {
  const { clock, runs, trainer } = world();
  let stop = false;
  for (let f = 0; f < 10 && !stop; f++) stop = trainer.train(runs, clock.t + 10, { every: 10, maxSteps: 25, quota: 100 });
  assert.equal(stop, true);
  assert.equal(runs[0].run.steps, 25);
  // The record at the limit is owed, and measured in the frames after (the figure has stopped playing).
  assert.equal(trainer.owed(runs), true);
  for (let f = 0; f < 10 && trainer.owed(runs); f++) trainer.train(runs, clock.t + 10, { every: 10, maxSteps: 25, playing: false });
  assert.deepEqual(runs[0].run.recorded, [0, 10, 20, 25]);
  assert.equal(trainer.owed(runs), false, 'and only once');
  assert.equal(trainer.atLimit(runs, 25), true);
  trainer.pastLimit = true;
  trainer.train(runs, clock.t + 10, { every: 10, maxSteps: 25, quota: 20 });
  assert.ok(runs[0].run.steps > 25);
  assert.equal(trainer.atLimit(runs, 25), false);
});

test('a diverged run is recorded at once and training stops when all have diverged', () => {
  const { clock, runs, trainer } = world({ divergeAt: 14 }, 2);
  const stop = trainer.train(runs, clock.t + 100, { every: 10, quota: 100 });
  assert.equal(stop, true);
  for (const r of runs) assert.deepEqual(r.run.recorded, [0, 10, 14]);
});

test('a run that diverged early does not hold the others back', () => {
  const { clock, runs, trainer } = world({}, 3);
  runs[2].run.step = undefined;
  const diverging = runs[2].run;
  const train = diverging.train.bind(diverging);
  diverging.train = (steps, chunks) => {  // diverges at step 14, the others never
    const done = train(Math.min(steps, 14 - diverging.steps), chunks);
    if (diverging.steps >= 14 && !diverging.diverged) { diverging.diverged = true; diverging.recorded.push(14); }
    return done;
  };
  for (let f = 0; f < 20; f++) trainer.train(runs, clock.t + 10, { every: 10, quota: 10 });
  assert.equal(runs[2].run.steps, 14);
  assert.ok(runs[0].run.steps >= 100, `the others went on to ${runs[0].run.steps}`);
  assert.equal(runs[0].run.steps, runs[1].run.steps);
});

test('the record at divergence is there when play stops, and onRecord is told (issue 10 item 2)', () => {
  // Before, the divergence record did not fit in its frame; every run had diverged, so
  // play stopped and no frame came to finish it: no record, no relu-diverged event. Now
  // the engine's diverging step appends it (every statistic NaN: nothing to measure).
  const { clock, runs, trainer, records } = world({ divergeAt: 15, stepMs: 0.5, recordMs: 40, chunksPerRecord: 10 });
  runs[0].msPerChunk = { record: 4, step: 0.5 };
  let stop = false;
  for (let f = 0; f < 200 && !stop; f++) stop = trainer.train(runs, clock.t + 9, { every: 10, quota: 100 });
  assert.equal(stop, true, 'all runs diverged: play stops');
  assert.equal(runs[0].run.steps, 15);
  for (let f = 0; f < 20 && trainer.owed(runs); f++) {
    const start = clock.t;
    assert.equal(trainer.train(runs, start + 9, { every: 10, playing: false }), true);
    assert.ok(clock.t - start <= 13, `a frame took ${clock.t - start} ms`);
  }
  assert.equal(trainer.owed(runs), false);
  assert.deepEqual(runs[0].run.recorded, [0, 10, 15]);
  assert.equal(records.at(-1), 15, 'onRecord was told of the divergence record');
});

test('paused with a record owed: it completes over frames, and no step is taken', () => {
  const { clock, runs, trainer } = world({ stepMs: 0.5, recordMs: 40, chunksPerRecord: 10 });
  runs[0].msPerChunk = { record: 4, step: 0.5 };
  trainer.train(runs, clock.t + 9, { every: 10, quota: 100 });
  assert.equal(trainer.owed(runs), true);
  for (let f = 0; f < 20 && trainer.owed(runs); f++) trainer.train(runs, clock.t + 9, { every: 10, playing: false });
  assert.deepEqual(runs[0].run.recorded, [0, 10]);
  assert.equal(runs[0].run.steps, 10, 'paused: records only');
});

test('the learned step cost keeps a frame within its deadline', () => {
  const { clock, runs, trainer } = world({ stepMs: 0.2, recordMs: 0.1 });
  for (let f = 0; f < 5; f++) trainer.train(runs, clock.t + 10, { every: 1000, quota: 100000 });
  const start = clock.t;
  trainer.train(runs, start + 10, { every: 1000, quota: 100000 });
  assert.ok(clock.t - start <= 10.5, `frame took ${clock.t - start} ms`);
  assert.ok(clock.t - start >= 8, 'and uses most of it');
});

test('even the first frame, before any step was timed, ends near its deadline', () => {
  const { clock, runs, trainer } = world({ stepMs: 0.4, recordMs: 0.1 });
  trainer.train(runs, 10, { every: 1000, quota: 100000 });
  assert.ok(clock.t <= 10.8, `first frame took ${clock.t} ms`);
  assert.ok(runs[0].run.steps >= 20);
});

test('Step trains every run to its next record over frames, then stops; reset forgets owed work', () => {
  const { clock, runs, trainer } = world({ stepMs: 4, chunksPerStep: 8 }, 2);
  trainer.stepOnce(runs, 10);
  assert.equal(trainer.owed(runs), true);
  let frames = 0;
  for (; trainer.owed(runs) && frames < 100; frames++) {
    const start = clock.t;
    trainer.train(runs, start + 5, { every: 10, quota: 10, playing: false });
    assert.ok(clock.t - start <= 5 + 0.5, `a frame took ${clock.t - start} ms`);
  }
  assert.ok(frames > 1, 'spread over frames');
  for (const r of runs) assert.deepEqual(r.run.recorded, [0, 10]);
  trainer.train(runs, clock.t + 5, { every: 10, quota: 10, playing: false });
  assert.equal(runs[0].run.steps, 10, 'paused: nothing more');
  runs[0].recordDue = false;
  runs[0].map.want({ n: 16 });
  trainer.workMaps(runs, -1);  // one chunk: a map half-computed
  assert.ok(runs[0].map.pending);
  trainer.pastLimit = true;
  trainer.stepOnce(runs, 10);
  trainer.reset(runs);
  assert.deepEqual([runs[0].recordDue, runs[0].map.pending, runs[0].map.shown, trainer.pastLimit, trainer.target],
    [true, null, null, false, null],
    'the new step 0 is owed; the old map and the Step target are not');
});

test('a step longer than a frame spreads over frames; pause leaves it half-done and resumes it', () => {
  // depth=20&width=256&batch=5000 in the page: hundreds of chunks of a few ms per step.
  const { clock, runs, trainer } = world({ stepMs: 600, chunksPerStep: 200, recordMs: 400, chunksPerRecord: 100, fresh: true });
  let longest = 0;
  const frame = (playing) => {
    const start = clock.t;
    trainer.train(runs, start + 10, { every: 10, quota: 10, playing });
    longest = Math.max(longest, clock.t - start);
  };
  for (let f = 0; f < 60; f++) frame(true);
  assert.deepEqual(runs[0].run.recorded, [0], 'step 0 was measured over frames');
  assert.equal(runs[0].run.steps, 0);
  assert.equal(runs[0].run.stepInProgress, true);
  const chunks = runs[0].run.chunksRun;
  // Paused (the element stops calling train while nothing is owed): nothing moves.
  assert.equal(trainer.owed(runs), false);
  for (let f = 0; f < 1000 && runs[0].run.steps < 1; f++) frame(true);
  assert.equal(runs[0].run.steps, 1, 'the step completes where it was');
  const run = runs[0].run;
  assert.equal(run.chunksRun, run.steps * 200 + run.stepChunksDone, 'no chunk lost or repeated');
  assert.ok(runs[0].run.chunksRun > chunks);
  assert.ok(longest <= 10 + 600 / 200, `longest frame ${longest} ms: at most the deadline and one chunk`);
  assert.ok(runs[0].run.longestCall <= 10, `longest train() call ${runs[0].run.longestCall} ms`);
});

test('a new run owes its step-0 record, measured in chunks over frames, even when paused', () => {
  // compare=depth=20,20,20,20,20,20&width=256&points=5000: six large step-0 records at load.
  const { clock, runs, trainer, records } = world({ recordMs: 2500, chunksPerRecord: 625, fresh: true }, 6);
  assert.equal(trainer.owed(runs), true);
  let frames = 0;
  for (; trainer.owed(runs) && frames < 10000; frames++) {
    const start = clock.t;
    trainer.train(runs, start + 10, { every: 10, quota: 10, playing: false });
    assert.ok(clock.t - start <= 10 + 4, `frame ${frames} took ${clock.t - start} ms`);
  }
  assert.deepEqual(records, [0, 0, 0, 0, 0, 0]);
  for (const r of runs) assert.equal(r.run.steps, 0, 'paused: records only');
  assert.ok(frames >= 1000, `${frames} frames of about 10 ms for 15 s of records`);
});

test('a compare of large runs keeps every frame bounded and the runs level', () => {
  const { clock, runs, trainer } = world({ stepMs: 30, chunksPerStep: 10, recordMs: 20, chunksPerRecord: 10 }, 6);
  for (let f = 0; f < 400; f++) {
    const start = clock.t;
    trainer.train(runs, start + 10, { every: 5, quota: 100 });
    assert.ok(clock.t - start <= 10 + 3, `frame ${f} took ${clock.t - start} ms`);
    const steps = runs.map((r) => r.run.steps);
    assert.ok(Math.max(...steps) - Math.min(...steps) <= 1, `runs at ${steps}`);
  }
  assert.ok(runs[5].run.steps >= 5);
  for (const r of runs) assert.deepEqual(r.run.recorded.slice(0, 2), [0, 5]);
});

test('maps: at least one chunk per frame even past the deadline; complete maps replace the old', () => {
  const { clock, runs, trainer } = world();
  assert.equal(trainer.mapsBehind(runs), false, 'no map wanted');
  runs[0].map.want({ n: 16 });
  assert.equal(trainer.mapsBehind(runs), true);
  let done = false;
  for (let f = 0; f < 100 && !done; f++) done = trainer.workMaps(runs, clock.t - 1);  // no time at all
  assert.equal(done, true);
  assert.equal(runs[0].map.shown.cells, 256);
  assert.equal(runs[0].map.shown.prob[16 * 15], 15, 'cells land where they belong');
  assert.ok(runs[0].run.gridCalls > 1, 'in several chunks');
  assert.equal(trainer.mapsBehind(runs), false);
  runs[0].run.steps += 10;
  assert.equal(trainer.mapsBehind(runs), true, 'a new step makes the map stale');
});

test('maps: the weights are frozen when a map starts, so training between chunks cannot tear it', () => {
  const { clock, runs, trainer } = world();
  runs[0].map.want({ n: 16 });
  trainer.workMaps(runs, clock.t - 1);  // the first chunk only
  runs[0].run.steps += 10;              // training goes on between frames
  for (let f = 0; f < 100 && !runs[0].map.shown; f++) trainer.workMaps(runs, clock.t - 1);
  assert.deepEqual(runs[0].run.frozenAt, [[0, 0]], 'frozen once, at step 0, in the decision map\'s slot');
  assert.equal(runs[0].map.shown.step, 0, 'the map says which step it shows');
  assert.equal(trainer.mapsBehind(runs), true);
});

test('unit maps: bits unpacked per unit into cells; a new request restarts the map', () => {
  const { clock, runs, trainer } = world();
  const m = runs[0].unitMap;
  m.want({ n: 8, units: [3, 5] });
  for (let f = 0; f < 100 && !m.shown; f++) trainer.workMaps(runs, clock.t + 1);
  const cells = m.unitCells(5);
  assert.equal(cells.length, 64);
  for (let i = 0; i < 64; i++) assert.equal(cells[i], i % 8 === 5 ? 1 : 0, `cell ${i}`);
  assert.equal(m.unitCells(4), null, 'a unit not asked for has no cells');
  assert.equal(m.shown.pattern, null, 'no pattern unless asked');
  assert.deepEqual(runs[0].run.frozenAt.map(([slot]) => slot), [1], 'unit maps use their own slot');
  m.want({ n: 8, units: [4] });
  assert.equal(trainer.mapsBehind(runs), true, 'other units: out of date');
  m.want(null);
  assert.equal(trainer.mapsBehind(runs), false, 'not wanted: never behind');
});

test('runs without a 2-D input (digits) have no map and are never behind', () => {
  const { clock, runs, trainer } = world({ data: 'digits' });
  runs[0].map.want({ n: 16 });
  assert.equal(trainer.mapsBehind(runs), false);
  assert.equal(trainer.workMaps(runs, clock.t + 10), false);
  assert.equal(runs[0].run.gridCalls, 0);
});

test('a new run draws its weights in chunks over frames; its record, steps and maps wait for them', () => {
  // compare of six 20 x 256 runs: 1.3 million normal draws each, tens of ms, in 2^16-draw chunks.
  const { clock, runs, trainer, records } = world({ fresh: true, initChunks: 20, initMs: 60, recordMs: 40, chunksPerRecord: 20 }, 6);
  for (const r of runs) r.map.want({ n: 16 });
  let frames = 0;
  for (; runs.some((r) => !r.run.ready) && frames < 1000; frames++) {
    const start = clock.t;
    trainer.train(runs, start + 10, { every: 10, quota: 10, playing: true });
    trainer.workMaps(runs, start + 10);
    // The deadline, plus at most one chunk of weights (3 ms) and the maps' one forced call (< 1 ms).
    assert.ok(clock.t - start <= 10 + 3 + 1, `frame ${frames} took ${clock.t - start} ms`);
    for (const r of runs) if (!r.run.ready) assert.deepEqual(r.run.early, [], 'nothing else runs before the weights are drawn');
  }
  assert.ok(frames >= 36, `${frames} frames for 360 ms of weights`);
  for (let f = 0; f < 1000 && trainer.owed(runs); f++) trainer.train(runs, clock.t + 10, { every: 10, quota: 10, playing: false });
  assert.deepEqual(records, [0, 0, 0, 0, 0, 0], 'then each step-0 record');
  for (const r of runs) assert.deepEqual(r.run.early, []);
});

test('Pause inside a long step takes effect at the next frame: no chunk more, the step resumes on Play', () => {
  const { clock, runs, trainer } = world({ stepMs: 600, chunksPerStep: 200 });
  const frame = (playing) => trainer.train(runs, clock.t + 10, { every: 10, quota: 10, playing });
  for (let f = 0; f < 5; f++) frame(true);
  const run = runs[0].run;
  assert.equal(run.stepInProgress, true, 'paused in the middle of a step');
  const chunks = run.chunksRun;
  const pausedAt = clock.t;
  // The element keeps calling train(playing: false) while work is owed (the record at the pause).
  for (let f = 0; f < 50 && trainer.owed(runs); f++) frame(false);
  frame(false);
  assert.equal(run.chunksRun, chunks, 'no training chunk after Pause');
  assert.ok(clock.t - pausedAt <= 2 * (10 + 3), `paused frames worked ${clock.t - pausedAt} ms (the owed record only)`);
  frame(true);
  assert.ok(run.chunksRun > chunks, 'Play goes on with the same step');
  assert.equal(run.steps, 0);
});

test('a map never asks the engine for more cells per call than its bound, and grows at most 2x per call', () => {
  // A fast clock (0 ms per call) would otherwise grow a call to the whole map at once.
  const { clock, runs, trainer } = world({ mapChunk: 12, gridMs: 0 });
  runs[0].map.want({ n: 48 });
  for (let f = 0; f < 1000 && !runs[0].map.shown; f++) trainer.workMaps(runs, clock.t + 10);
  assert.equal(runs[0].map.shown.cells, 48 * 48);
  assert.ok(Math.max(...runs[0].run.gridCounts) <= 12, `largest call ${Math.max(...runs[0].run.gridCounts)} cells`);
  const free = world({ gridMs: 0 });  // no engine bound: the 2x rule alone
  free.runs[0].map.want({ n: 48 });
  free.trainer.workMaps(free.runs, free.clock.t + 10);
  const counts = free.runs[0].run.gridCounts;
  for (let i = 1; i < counts.length; i++) assert.ok(counts[i] <= 2 * counts[i - 1], `call ${i}: ${counts[i - 1]} then ${counts[i]} cells`);
});
