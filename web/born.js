// The born-dead table of one figure run: for each depth x width of the engine's grid,
// the share of fresh nets (seeds 1..nets) that are off for every input somewhere
// (cpp/born_dead.hpp). Filled one net per engine call, so that a frame never waits
// for a whole table: the caller hands in a deadline. Not here: drawing (panels.js).

export class BornTable {
  /** `text`: the run's full config (act, init, bias, data, residual...); the grid sets depth, width, seed. */
  constructor(engine, text) {
    this.engine = engine;
    this.text = text;
    const { depths, widths, nets } = engine.bornGrid;
    this.depths = Array.from(depths);
    this.widths = Array.from(widths);
    this.nets = nets;
    this.dead = new Array(this.depths.length * this.widths.length).fill(0);
    this.next = 0;  // nets measured so far, cell by cell in row order (depth-major)
  }
  get total() { return this.dead.length * this.nets; }
  get done() { return this.next >= this.total; }

  /** Measures nets until `deadline` (ms, performance.now() clock) or the end; at least one. True if any. */
  work(deadline, now = () => performance.now()) {
    let any = false;
    while (!this.done && (!any || now() < deadline)) {
      const cell = Math.floor(this.next / this.nets), seed = 1 + (this.next % this.nets);
      const depth = this.depths[Math.floor(cell / this.widths.length)], width = this.widths[cell % this.widths.length];
      this.dead[cell] += this.engine.bornDead(this.text, depth, width, seed, 1);
      this.next++;
      any = true;
    }
    return any;
  }

  /** Nets measured in cell i (0..nets): cells fill in order. */
  measured(i) { return Math.max(0, Math.min(this.nets, this.next - i * this.nets)); }

  /** The share in [0, 1] of cell depth x width; NaN until the cell is complete or if it is not in the grid. */
  share(depth, width) {
    const r = this.depths.indexOf(depth), c = this.widths.indexOf(width);
    if (r < 0 || c < 0) return NaN;
    const i = r * this.widths.length + c;
    return this.measured(i) === this.nets ? this.dead[i] / this.nets : NaN;
  }
}

/** Fills the born tables of a figure's runs (made on first use) until the deadline; true if any work was done. */
export function workBornTables(runs, engine, deadline, now) {
  let any = false;
  for (const r of runs) {
    if (!r.born) r.born = new BornTable(engine, r.run.fullText());
    if (!r.born.done) any = r.born.work(deadline, now) || any;
  }
  return any;
}

export const bornTablesDone = (runs) => runs.every((r) => r.born && r.born.done);
