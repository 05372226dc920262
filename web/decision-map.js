// A figure run's decision map: the network's class-1 probability and its
// linear-region pattern over a grid of the input plane. It owns the plane's box,
// the map on screen and the one being computed, and the question whether the
// data has a plane at all (the engine says how many inputs the net has).
// Not here: drawing (charts.js heatmap), when to spend time on it (trainer.js).

export class DecisionMap {
  /** inputs: the network's input count (from the engine); data: the data set's name. */
  constructor({ inputs, data }) {
    this.available = inputs === 2;  // only a 2-D input has a plane to colour
    const half = data === 'noise' ? 3 : 1.6;  // noise is N(0, 1); the other sets lie in [-1, 1]^2
    this.box = { x0: -half, x1: half, y0: -half, y1: half };
    this.shown = null;    // the last complete map: {n, box, step, rows, prob, pattern}
    this.pending = null;  // the next one, a few rows at a time; shown only when complete (no flicker)
  }

  /** Out of date for a net at `step` (never, when there is no plane). */
  behind(step) {
    return this.available && (this.pending !== null || !this.shown || this.shown.step !== step);
  }

  /** Forgets maps of old weights (after a reset). */
  reset() {
    this.shown = null;
    this.pending = null;
  }

  /**
   * Computes rows of an n x n map of `run` (an engine Run) until `deadline` on the
   * clock `now`, at least one chunk per call so a map always progresses however busy
   * training is. Returns true if a map was completed (and is now shown).
   */
  work(run, n, deadline, now) {
    if (!this.available) return false;
    if (this.pending && this.pending.n !== n) this.pending = null;
    if (!this.pending && (!this.shown || this.shown.step !== run.steps || this.shown.n !== n)) {
      this.pending = { n, box: this.box, step: run.steps, rows: 0, prob: new Float32Array(n * n),
        pattern: new Uint32Array(n * n), rowsPerCall: 4 };
    }
    let completed = false;
    for (let first = true; this.pending && (first || now() < deadline); first = false) {
      const g = this.pending;
      const t0 = now();
      const count = Math.min(g.rowsPerCall, n - g.rows);
      const part = run.grid(this.box, n, n, g.rows, count);
      if (part.error) { this.pending = null; break; }
      g.prob.set(part.prob, g.rows * n);
      g.pattern.set(part.pattern, g.rows * n);
      g.rows += count;
      // Aim for about 2 ms per call, whatever the network's size.
      const ms = now() - t0;
      g.rowsPerCall = Math.max(1, Math.min(n, Math.round(count * (2 / Math.max(ms, 0.05)))));
      if (g.rows >= n) { this.shown = g; this.pending = null; completed = true; }
    }
    return completed;
  }
}
