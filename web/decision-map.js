// A map of a figure run's network over the input plane: the class-1 probability
// per cell, and on request the linear-region pattern hash (regions panel) and
// the on/off bits of chosen units (the network diagram's unit maps). It owns
// the plane's box, the map on screen and the one being computed, and the
// question whether the data has a plane at all (the engine's input count).
// Not here: drawing (charts.js, network-chart.js), when to spend time (trainer.js).

/** What a map is asked for: n x n cells, the pattern hash or not, which units' bits (flat indices). */
// Numbers every DecisionMap made on this page: with a map's version, it names one map for
// good (a rebuilt figure's new DecisionMap counts its versions from 1 again).
let mapsMade = 0;

const requestKey = (r) => (r ? `${r.n}|${r.pattern ? 1 : 0}|${r.units.join(',')}` : '');

export class DecisionMap {
  /**
   * inputs: the network's input count; half: the plane's box [-half, half]^2 (both from
   * the engine: Run.inputs, Run.planeHalf); slot: the engine's frozen-weights slot this
   * map uses (0 or 1), so two maps of one run can each show one step's network.
   */
  constructor({ inputs, half, slot = 0 }) {
    this.available = inputs === 2 && half > 0;  // only a 2-D input has a plane to colour
    this.box = { x0: -half, x1: half, y0: -half, y1: half };
    this.slot = slot;
    this.request = null;  // {n, pattern, units}, or null: not wanted now
    this.shown = null;    // the last complete map: {n, box, step, key, version, cells, prob, pattern, units, bits}
    this.pending = null;  // the next one, a few cells at a time; shown only when complete
    this.version = 0;     // counts completed maps, so a panel knows when to redraw
    this.serial = ++mapsMade;
    this.cellsPerCall = 4;  // learned: cells per engine call for about 2 ms, within the engine's bound (run.mapChunk)
  }

  /** Sets what the map should hold (null: nothing, not shown). */
  want(request) {
    this.request = request && this.available
      ? { n: request.n, pattern: Boolean(request.pattern), units: request.units ? [...request.units] : [] } : null;
    if (this.pending && this.pending.key !== requestKey(this.request)) this.pending = null;
  }

  /** Out of date for a net at `step` (never when not wanted or there is no plane). */
  behind(step) {
    if (!this.request) return false;
    return this.pending !== null || !this.shown || this.shown.step !== step || this.shown.key !== requestKey(this.request);
  }

  /** Forgets maps of old weights (after a reset). */
  reset() {
    this.shown = null;
    this.pending = null;
  }

  /** Unit `unit`'s on/off cells in the shown map (Uint8Array n*n), or null if it was not asked for. */
  unitCells(unit) {
    const k = this.shown ? this.shown.units.indexOf(unit) : -1;
    return k < 0 ? null : this.shown.bits[k];
  }

  /**
   * Computes cells of the requested map of `run` (an engine Run) until `deadline` on
   * the clock `now`, with `force`, at least one chunk even past the deadline, so a map
   * always progresses however busy training is. The weights are frozen when a map starts: every row shows the
   * same step (no stripes). Returns true if a map was completed (and is now shown).
   */
  work(run, deadline, now, force = true) {
    const req = this.request;
    if (!req || run.ready === false || !this.behind(run.steps)) return false;  // weights still being drawn: wait
    // The engine's bound on one call (cpp/lab.hpp map_cells: kChunkWork multiply-adds, from the
    // net's size alone): a fast measured call must not grow into a long one (a 20 x 256 net: 12 cells).
    const cap = run.mapChunk ?? Infinity;
    const { n } = req;
    if (!this.pending) {
      run.freeze(this.slot);
      this.pending = { n, box: this.box, step: run.steps, key: requestKey(req), version: this.version + 1, cells: 0,
        prob: new Float32Array(n * n), pattern: req.pattern ? new Uint32Array(n * n) : null, units: req.units,
        bits: req.units.map(() => new Uint8Array(n * n)), cellsPerCall: this.cellsPerCall };
    }
    let completed = false;
    for (let first = force; this.pending && (first || now() < deadline); first = false) {
      const g = this.pending;
      const t0 = now();
      const count = Math.min(g.cellsPerCall, cap, n * n - g.cells);
      const part = run.grid(this.box, n, n, g.cells, count, { slot: this.slot, pattern: req.pattern, units: g.units });
      if (part.error) { this.pending = null; break; }
      g.prob.set(part.prob, g.cells);
      if (g.pattern) g.pattern.set(part.pattern, g.cells);
      g.units.forEach((_, k) => {  // unpack: bit i of this unit's words is cell g.cells + i
        const cells = g.bits[k], base = k * part.words;
        for (let i = 0; i < count; i++) cells[g.cells + i] = (part.bits[base + (i >> 5)] >>> (i & 31)) & 1;
      });
      g.cells += count;
      // Aim for about 2 ms per call, whatever the network's size (a 20 x 256 net: a few cells),
      // at most twice the last call's cells: a call timed at 0 ms (a coarse clock) must not
      // jump to the whole map; and never more than the engine's bound.
      const ms = now() - t0;
      g.cellsPerCall = Math.max(1, Math.min(n * n, cap, 2 * count, Math.round(count * (2 / Math.max(ms, 0.05)))));
      this.cellsPerCall = g.cellsPerCall;  // the next map starts at this pace, not at a guess
      if (g.cells >= n * n) {
        this.shown = g;
        this.version = g.version;
        this.pending = null;
        completed = true;
      }
    }
    return completed;
  }
}
