// How one figure spends the time the runner gives it: training in bounded chunks
// (a step over a large batch of a large net is many chunks, and may stay half-done
// between frames), records a few chunks at a time, the `steps` limit, the Step
// button, and decision maps a few rows at a time. Every call does at most a little
// more than the time it is given: one chunk past the deadline at worst.
// Not here: the animation loop (runner.js), drawing, the DOM. The clock is
// injected, so node tests drive it with fake runs and a fake clock.
//
// It works on FigureRuns (figure-run.js): `r.run` is an engine Run (train,
// recordSome, grid, steps, diverged, chunksRun, chunksPerStep, ready, initSome);
// `r.recordDue`, `r.recordedAt`, `r.msPerChunk` and `r.map` are written here. A new or
// reset run first draws its initial weights in chunks (`ready` false until then: a
// 20 x 256 net is 1.3 million draws), then owes its step-0 record, measured in chunks
// like any other (recordDue = true).

const UNBOUNDED = 2 ** 30;  // chunks for a call with no deadline

export class Trainer {
  /** onRecord(r) is told after every record (the element emits events from it). */
  constructor({ now = () => performance.now(), onRecord = () => {} } = {}) {
    this.now = now;
    this.onRecord = onRecord;
    this.pastLimit = false;   // play was pressed at the limit: keep going
    this.target = null;       // the Step button's goal: train every run to this step, then stop
    this.mapTurn = 0;         // which run's decision map gets this frame's forced call
  }

  /**
   * How many chunks of `kind` ('step' or 'record') of run r fit in half the time left
   * before `deadline`, from r's own measured cost (runs of a compare differ in size).
   * Unmeasured: one, to time it. Half, then measure again: a wrong estimate costs at
   * most half the time left, and the chunks shrink as the deadline nears.
   */
  chunksThatFit(r, kind, deadline) {
    if (!Number.isFinite(deadline)) return UNBOUNDED;
    const ms = r.msPerChunk?.[kind];
    return ms === undefined ? 1 : Math.max(1, Math.floor((deadline - this.now()) / ms / 2));
  }

  /** Learns r's cost per chunk of `kind` from `chunks` chunks that took `ms`. */
  learn(r, kind, chunks, ms) {
    if (!(chunks > 0)) return;
    r.msPerChunk ??= {};
    const measured = Math.max(0.001, ms / chunks);
    const old = r.msPerChunk[kind];
    r.msPerChunk[kind] = old === undefined ? measured : 0.5 * old + 0.5 * measured;
  }

  /**
   * At the `steps` limit (maxSteps > 0), and not told to go on past it: every run there (or
   * diverged). Not the first run alone: a compare's other runs, cut by a frame's deadline a few
   * steps short, would stop there and end on a record that depends on timing.
   */
  atLimit(runs, maxSteps) {
    return Boolean(maxSteps) && !this.pastLimit && runs.length > 0 && runs.every((r) => r.run.diverged || r.run.steps >= maxSteps);
  }

  /**
   * Work owed whether or not the figure plays: a record due (step 0, one started and
   * not finished, or the one at the divergence step, which relu-diverged waits for), or
   * the Step button's steps. The element keeps asking for frames, and calls
   * train(..., {playing: false}) when paused, until nothing is owed.
   */
  owed(runs) {
    return runs.some((r) => r.recordDue) ||
      (this.target !== null && runs.some((r) => !r.run.diverged && r.run.steps < this.target));
  }

  /**
   * The initial weights of r still to draw, a few chunks at a time until `deadline` (with
   * `force`, at least one chunk). Returns true once r is ready; until then nothing else
   * of r runs (its record, its steps and its maps wait).
   */
  prepareUntil(r, deadline, force = true) {
    if (r.run.ready !== false) return true;
    for (let first = force; first || this.now() < deadline; first = false) {
      const chunks = this.chunksThatFit(r, 'init', deadline);
      const t0 = this.now();
      if (r.run.initSome(chunks)) return true;
      if (Number.isFinite(deadline)) this.learn(r, 'init', chunks, this.now() - t0);  // all chunks ran
    }
    return false;
  }

  /** The whole record now, whatever the time (tests and scripts; the page uses recordUntil). */
  record(r) {
    r.run.record();
    r.recordDue = false;
    r.recordedAt = r.run.steps;
    this.onRecord(r);
  }

  /**
   * The record owed by r, a few chunks at a time until `deadline`; with `force`, at
   * least one chunk, so it always progresses. Returns true when it is complete; until
   * then r.recordDue holds the run back.
   */
  recordUntil(r, deadline, force = true) {
    r.recordDue = true;
    for (let first = force; first || this.now() < deadline; first = false) {
      const chunks = this.chunksThatFit(r, 'record', deadline);
      const t0 = this.now();
      const done = r.run.recordSome(chunks);
      if (!done && Number.isFinite(deadline)) this.learn(r, 'record', chunks, this.now() - t0);  // all chunks ran
      if (done) {
        r.recordDue = false;
        r.recordedAt = r.run.steps;
        this.onRecord(r);
        return true;
      }
    }
    return false;
  }

  /**
   * Up to k whole steps of one run until `deadline` (with `force`, at least one chunk),
   * recording every `every` steps and at divergence. A step cut by the deadline stays
   * half-done in the engine; a record cut by it goes on next frame, and the run waits.
   */
  advance(r, k, every, deadline = Infinity, force = true) {
    let left = k;
    for (let first = force; left > 0 && !r.run.diverged && !r.recordDue && (first || this.now() < deadline); first = false) {
      const n = Math.min(left, every - (r.run.steps % every));
      const chunks = this.chunksThatFit(r, 'step', deadline);
      const c0 = r.run.chunksRun;
      const t0 = this.now();
      const done = r.run.train(n, chunks);
      if (Number.isFinite(deadline)) this.learn(r, 'step', r.run.chunksRun - c0, this.now() - t0);
      left -= done;
      if (r.run.diverged || (done > 0 && r.run.steps % every === 0)) this.recordUntil(r, deadline, false);
    }
    return k - left;
  }

  /** The Step button: every run trains to its next record (a multiple of `every`), over frames. */
  stepOnce(runs, every) {
    const lead = runs[0]?.run.steps ?? 0;
    this.target = lead + every - (lead % every);
  }

  /**
   * One frame of work until `deadline`: owed records first, then steps (at most `quota`
   * each), runs kept level (the ones behind go first). Playing, training goes to the
   * limit; paused, only to the Step button's target. Returns true when training should
   * stop (limit reached, all diverged).
   */
  train(runs, deadline, { every, maxSteps = 0, quota = every, playing = true }) {
    let force = true;  // one chunk of progress per frame, even with no time left
    for (const r of runs) {
      if (r.run.ready === false) {  // weights first (a new or reset run); its record waits for them
        const ready = this.prepareUntil(r, deadline, force);
        force = false;
        if (!ready) continue;
      }
      if (r.recordDue) {
        this.recordUntil(r, deadline, force);
        force = false;
      }
    }
    let limit = playing && maxSteps && !this.pastLimit ? maxSteps : Infinity;
    if (!playing) limit = this.target ?? -1;
    const active = () => runs.filter((r) => !r.run.diverged && !r.recordDue && r.run.steps < limit);
    const start = Math.min(...active().map((r) => r.run.steps));  // diverged runs stay behind: not counted
    for (let stepping = active(); stepping.length && (force || this.now() < deadline); stepping = active()) {
      const least = Math.min(...stepping.map((r) => r.run.steps));
      if (least - start >= quota) break;
      const behind = stepping.filter((r) => r.run.steps === least);
      // Steps that seem to fit for every run that is behind, half of them (as above).
      const msPerStep = behind.reduce((sum, r) => sum + (r.msPerChunk?.step ?? Infinity) * r.run.chunksPerStep, 0);
      const fits = Math.floor((deadline - this.now()) / msPerStep / 2);
      const k = Math.max(1, Math.min(quota - (least - start), limit - least, fits));
      behind.forEach((r, i) => {
        // An even share of what is left for each run behind, so one large run cannot starve the rest.
        const share = this.now() + (deadline - this.now()) / (behind.length - i);
        this.advance(r, k, every, share, force);
        force = false;
      });
    }
    if (this.target !== null && !runs.some((r) => !r.run.diverged && r.run.steps < this.target)) this.target = null;
    const stop = runs.every((r) => r.run.diverged) || (playing && this.atLimit(runs, maxSteps));
    if (stop || (!playing && this.target === null)) {
      // End on a record, so the last point drawn is where training stopped (measured over frames).
      for (const r of runs) {
        if (!r.run.diverged && !r.recordDue && r.recordedAt !== r.run.steps) {
          r.recordDue = true;
        }
      }
    }
    return stop;
  }

  /** Forgets work owed to the old weights (after the runs were reset); step 0's record is owed. */
  reset(runs) {
    for (const r of runs) {
      for (const m of r.maps()) m.reset();  // maps of the old weights, shown or half-computed
      r.recordDue = true;                   // the new step 0
    }
    this.pastLimit = false;
    this.target = null;
  }

  /** Runs with a wanted map that is out of date (runs without a 2-D input have none; a run drawing its weights waits). */
  mapsBehind(runs) {
    return runs.some((r) => r.run.ready !== false && r.maps().some((m) => m.behind(r.run.steps)));
  }

  /**
   * The wanted maps (decision-map.js), a few cells per call. One forced call per frame,
   * taking turns over every map of every run, so that many large runs cannot add up to
   * a long task and each map still progresses. Returns true if a map was completed.
   */
  workMaps(runs, deadline) {
    let completed = false;
    const maps = runs.filter((r) => r.run.ready !== false).flatMap((r) => r.maps().map((m) => [r, m]));
    const turn = this.mapTurn++ % Math.max(1, maps.length);
    let force = true;
    for (const [r, m] of [...maps.slice(turn), ...maps.slice(0, turn)]) {
      if (m.work(r.run, deadline, this.now, force)) completed = true;
      force = false;
    }
    return completed;
  }
}
