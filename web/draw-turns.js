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
