// Which panels a frame repaints: those whose picture changed, in turn, until the
// frame's drawing budget is spent (at least one is painted), the rest in the next
// frames, starting where this frame stopped. A lab of eleven panels, or a 20-layer
// diagram beside ten charts, then never paints everything in one task.
// Not here: what a panel draws (panels.js), whether it changed (its signature, the element).

export class DrawTurns {
  /** now: the clock (injected for tests); budgetMs: painting per frame, past which the rest waits. */
  constructor({ now = () => performance.now(), budgetMs = 6 } = {}) {
    this.now = now;
    this.budgetMs = budgetMs;
    this.next = 0;  // where the next frame starts: the first panel this one left
  }

  /**
   * Paints, in turn from where the last frame stopped, each item for which changed(item)
   * is true, calling draw(item), until budgetMs have passed (one item at least). Items
   * for which first(item) is true are painted whatever the budget (a panel never drawn:
   * its first paint sizes its canvas, so the page's layout is right from the first frame).
   * Returns true if changed items are left for the next frame.
   */
  run(items, changed, draw, first = () => false) {
    const start = this.now();
    const n = items.length;
    let painted = 0;
    let left = false;
    const from = this.next;
    for (let k = 0; k < n; k++) {
      const i = (from + k) % n;
      if (!changed(items[i])) continue;
      if (first(items[i])) {
        draw(items[i]);
        continue;
      }
      if (left) continue;
      if (painted > 0 && this.now() - start >= this.budgetMs) {
        this.next = i;
        left = true;  // go on only for first paints
        continue;
      }
      draw(items[i]);
      painted++;
    }
    if (!left) this.next = 0;
    return left;
  }
}
