// Which panels a frame repaints: those whose picture changed, in turn, until the
// frame's drawing budget is spent (at least one is painted), the rest in the next
// frames, starting where this frame stopped. A lab of eleven panels, or a 20-layer
// diagram beside ten charts, then never paints everything in one task.
// A panel whose paint alone costs more than the budget (a decision map on a slow
// phone: 20 ms) rests between paints, restFactor times its cost: it shows the newest
// map a few times a second instead of making every frame late.
// Not here: what a panel draws (panels.js), whether it changed (its signature, the element).

export class DrawTurns {
  /**
   * now: the clock (injected for tests); budgetMs: painting per frame, past which the rest waits;
   * restFactor: a panel slower than budgetMs waits restFactor times its last paint's cost before the next.
   */
  constructor({ now = () => performance.now(), budgetMs = 6, restFactor = 4 } = {}) {
    this.now = now;
    this.budgetMs = budgetMs;
    this.restFactor = restFactor;
    this.next = 0;  // where the next frame starts: the first panel this one left
    this.paints = new WeakMap();  // item -> {at, ms}: when its last paint started and what it cost
  }

  /** Paints the item, timing it. */
  paint(item, draw) {
    const at = this.now();
    draw(item);
    this.paints.set(item, { at, ms: this.now() - at });
  }

  /** True while an item slower than the budget rests after its last paint. */
  resting(item, now) {
    const last = this.paints.get(item);
    return Boolean(last) && last.ms > this.budgetMs && now - last.at < this.restFactor * last.ms;
  }

  /**
   * Paints, in turn from where the last frame stopped, each item for which changed(item)
   * is true, calling draw(item), until budgetMs have passed (one item at least). Items
   * for which first(item) is true are painted whatever the budget (a panel never drawn:
   * its first paint sizes its canvas, so the page's layout is right from the first frame).
   * Items are kept by identity from frame to frame (their paint costs are remembered).
   * Returns true if changed items are left for the next frame (resting ones included).
   */
  run(items, changed, draw, first = () => false) {
    const start = this.now();
    const n = items.length;
    let painted = 0;
    let left = false, rested = false;
    const from = this.next;
    for (let k = 0; k < n; k++) {
      const i = (from + k) % n;
      if (!changed(items[i])) continue;
      if (first(items[i])) {
        this.paint(items[i], draw);
        continue;
      }
      if (left) continue;
      if (this.resting(items[i], start)) {
        rested = true;
        continue;
      }
      if (painted > 0 && this.now() - start >= this.budgetMs) {
        this.next = i;
        left = true;  // go on only for first paints
        continue;
      }
      this.paint(items[i], draw);
      painted++;
    }
    if (!left) this.next = 0;
    return left || rested;
  }
}

/**
 * One paint made in slices over several frames: `slices` is an iterator (a generator that
 * yields between parts of its work, e.g. network-chart.js networkSlices) drawing on a canvas
 * of its own; `show()` runs once it has ended (it copies that canvas onto the one on the
 * page, so the reader never sees a half-painted picture) and its result is kept in `result`.
 * The slices run to their end in order, none skipped: the pixels are those of one call.
 */
export class SlicedPaint {
  constructor(slices, show, now = () => performance.now()) {
    this.slices = slices;
    this.show = show;
    this.now = now;
    this.done = false;
    this.result = undefined;
  }

  /** Runs slices for budgetMs (one at least); true once the last has run and the paint is shown. */
  run(budgetMs) {
    if (this.done) return true;
    const start = this.now();
    do {
      if (this.slices.next().done) {
        this.done = true;
        this.result = this.show();
        return true;
      }
    } while (this.now() - start < budgetMs);
    return false;
  }
}
