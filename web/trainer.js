// How one figure spends the time the runner gives it: training steps in chunks
// that end on record boundaries, records that wait for the next frame when they
// would not fit, the `steps` limit, and decision maps a few rows at a time.
// Not here: the animation loop (runner.js), drawing, the DOM. The clock is
// injected, so node tests drive it with fake runs and a fake clock.
//
// It works on FigureRuns (figure-run.js): `r.run` is an engine Run (step,
// recordSome, grid, steps, diverged), `r.recordDue` and `r.map` are written here.

export class Trainer {
  /** onRecord(r) is told after every record (the element emits events from it). */
  constructor({ now = () => performance.now(), onRecord = () => {} } = {}) {
    this.now = now;
    this.onRecord = onRecord;
    this.msPerStep = 0.05;   // learned: the cost of one training step (first measurement replaces this guess)
    this.stepsTimed = false;
    this.msPerChunk = 0.2;   // learned: the cost of one record chunk (64 samples)
    this.pastLimit = false;  // play was pressed at the limit: keep going
  }

  /** At the `steps` limit (maxSteps > 0), and not told to go on past it. */
  atLimit(runs, maxSteps) {
    return Boolean(maxSteps) && !this.pastLimit && runs.length > 0 && runs[0].run.steps >= maxSteps;
  }

  /**
   * Work owed whether or not the figure plays: a record started and not finished.
   * Divergence stops play, and the record due at the divergence step is the one the
   * reader most needs (relu-diverged waits for it): the element keeps asking for
   * frames, and calls train(..., {playing: false}), until nothing is owed.
   */
  owed(runs) { return runs.some((r) => r.recordDue); }

  /** The whole record now, whatever the time. */
  record(r) {
    r.run.record();
    r.recordDue = false;
    this.onRecord(r);
  }

  /**
   * The record in progress, a few chunks at a time until `deadline` (at least one
   * chunk, so it always progresses). Returns true when it is complete; until then
   * r.recordDue holds the run back: a record measures the whole training set and
   * can cost as much as ten steps, too much for what is left of a frame.
   */
  recordUntil(r, deadline) {
    for (;;) {
      const chunks = Number.isFinite(deadline) ? Math.max(1, Math.floor((deadline - this.now()) / this.msPerChunk / 2)) : 1e6;
      const t0 = this.now();
      const done = r.run.recordSome(chunks);
      this.msPerChunk = Math.max(0.01, 0.5 * this.msPerChunk + 0.5 * (this.now() - t0) / chunks);
      if (done) {
        r.recordDue = false;
        this.onRecord(r);
        return true;
      }
      r.recordDue = true;
      if (this.now() >= deadline) return false;
    }
  }

  /**
   * Up to k steps of one run, recording every `every` steps and at divergence;
   * a record not finished by `deadline` goes on next frame and the run waits for it.
   */
  advance(r, k, every, deadline = Infinity) {
    let left = k;
    while (left > 0 && !r.run.diverged && !r.recordDue) {
      const n = Math.min(left, every - (r.run.steps % every));
      r.run.step(n);
      left -= n;
      if (r.run.steps % every === 0 || r.run.diverged) this.recordUntil(r, deadline);
    }
  }

  /** The Step button: `every` steps of each run, recorded now, whatever the time. */
  stepOnce(runs, every) {
    for (const r of runs) {
      if (r.recordDue) this.record(r);
      this.advance(r, every, every);  // no deadline: each record completes at once
    }
  }

  /**
   * One frame of training until `deadline`: last frame's records first, then as many
   * steps as fit (at most `quota`), in chunks that end on record boundaries and at
   * the limit. Returns true when training should stop (limit reached, all diverged).
   */
  train(runs, deadline, { every, maxSteps = 0, quota = every, playing = true }) {
    for (const r of runs) if (r.recordDue) this.recordUntil(r, deadline);  // last frame's, first
    if (!playing) return false;  // paused (or stopped by divergence): owed records only
    const limit = maxSteps && !this.pastLimit ? maxSteps : Infinity;
    const active = () => runs.filter((r) => !r.run.diverged && !r.recordDue && r.run.steps < limit);
    for (let done = 0; done < quota && this.now() < deadline && active().length;) {
      const stepping = active();
      const lead = stepping[0];
      const toBoundary = Math.min(every - (lead.run.steps % every), limit - lead.run.steps);
      // Half of what seems to fit, then measure again: a wrong estimate costs at most
      // half the time left, and the chunks shrink as the deadline nears.
      const fits = Math.floor((deadline - this.now()) / (this.msPerStep * stepping.length));
      const k = this.stepsTimed ? Math.max(1, Math.min(quota - done, toBoundary, Math.ceil(fits / 2))) : 1;  // first: time one
      const t0 = this.now();
      for (const r of stepping) this.advance(r, k, every, deadline);
      const measured = (this.now() - t0) / (k * stepping.length);
      this.msPerStep = this.stepsTimed ? 0.5 * this.msPerStep + 0.5 * measured : measured;
      this.stepsTimed = true;
      done += k;
    }
    const stop = runs.every((r) => r.run.diverged) || this.atLimit(runs, maxSteps);
    if (stop) {  // end on a record, so the last point drawn is where training stopped
      for (const r of runs) if (!r.run.diverged && r.run.steps % every !== 0) this.record(r);
    }
    return stop;
  }

  /** Forgets work owed to the old weights (after the runs were reset). */
  reset(runs) {
    for (const r of runs) {
      for (const m of r.maps()) m.reset();  // maps of the old weights, shown or half-computed
      r.recordDue = false;                  // a record owed by the old run
    }
    this.pastLimit = false;
  }

  /** Runs with a wanted map that is out of date (runs without a 2-D input have none). */
  mapsBehind(runs) {
    return runs.some((r) => r.maps().some((m) => m.behind(r.run.steps)));
  }

  /** The wanted maps (decision-map.js), a few rows per call. Returns true if a map was completed. */
  workMaps(runs, deadline) {
    let completed = false;
    for (const r of runs) for (const m of r.maps()) if (m.work(r.run, deadline, this.now)) completed = true;
    return completed;
  }
}
