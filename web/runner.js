// The one object that owns time: each animation frame it shares a time budget
// among the tasks that want it (training steps), then redraws each of them once.
// Not here: what a task does, drawing code, or showing errors to the reader.
//
// Why one runner: with one requestAnimationFrame loop per chart, a page of
// demos would redraw many times per frame and train at the mercy of the
// slowest. One loop gives a fixed budget per frame, however many demos run.
//
// The budget covers drawing too: a phone at devicePixelRatio 3 can spend more
// of a frame painting canvases than training. The runner measures what drawing
// took in recent frames and gives work only what is left, so the same budget
// holds on a fast desktop and on a slow phone (the device sets the split).
//
// And the budget adapts to the device: what the browser does after our frame
// (style, layout, paint, compositing) is invisible to a script, but a frame that
// came late shows it. Each late frame (more than 1.5 display intervals after the
// last) shrinks the budget by a fifth; each frame on time grows it back by
// GROW_MS, up to budgetMs. A phone whose own frame work leaves 6 ms settles near
// 6 ms, a desktop stays at budgetMs. The display interval is the median of recent
// frame-to-frame times, taken as at most a 60 Hz frame (every frame late reads 60 Hz).

const FAILED = Symbol('failed');  // what a task call returns when it threw (a constant, not state)
const FRAME_60HZ_MS = 1000 / 60;
const FRAME_240HZ_MS = 1000 / 240;  // the shortest display interval believed (a fake clock can run faster)
const LATE = 1.5;                   // a frame this many intervals after the last one missed a display refresh
const SHRINK = 0.8;                 // a late frame's budget factor
const GROW_MS = 0.05;               // a frame on time adds this much: back from 2 to 11 ms in 3 s at 60 Hz
const PERIODS_KEPT = 30;

export class Runner {
  #now; #requestFrame; #cancelFrame; #budgetMs; #minWorkMs;
  #drawMs = 0;        // drawing's cost per frame, a moving average of measured frames
  #frameMs;           // work and drawing per frame now: budgetMs, less after late frames (adapted to the device)
  #periods = [];      // the last frame-to-frame times (ms) of an unbroken loop
  #lastStart = null;  // when the last frame started, while the loop runs unbroken; null after it slept
  #tasks = [];
  #frameId = null;    // the pending requestFrame id, or null when the loop sleeps
  #hidden = false;

  /** The clock and the frame scheduler can be replaced, so tests drive frames by hand. */
  constructor({
    now = () => performance.now(),
    requestFrame = (cb) => requestAnimationFrame(cb),
    cancelFrame = (id) => cancelAnimationFrame(id),
    budgetMs = 10,   // work and drawing together, per frame
    minWorkMs = 2,   // work always gets this much, so training progresses however slow drawing is
  } = {}) {
    this.#now = now;
    this.#requestFrame = requestFrame;
    this.#cancelFrame = cancelFrame;
    this.#budgetMs = budgetMs;
    this.#minWorkMs = minWorkMs;
    this.#frameMs = budgetMs;
  }

  /** Work and drawing's budget per frame now (ms): budgetMs on a device that keeps up, less on one that does not. */
  get frameMs() {
    return this.#frameMs;
  }

  /** Drawing's expected cost per frame (ms), as measured; work gets the budget less this. */
  get drawMs() {
    return this.#drawMs;
  }

  /** task: { wantsTime(): boolean, work(deadlineMs): void, draw(): void }. Adding twice is a no-op. */
  add(task) {
    if (!this.#tasks.includes(task)) this.#tasks.push(task);
    this.wake();
  }

  /** Stops giving the task time; safe to call from inside its own work() or draw(). */
  remove(task) {
    const i = this.#tasks.indexOf(task);
    if (i >= 0) this.#tasks.splice(i, 1);
  }

  /** Call when a task may now want time (play pressed): starts the loop if it sleeps. */
  wake() {
    if (this.#hidden || this.#frameId !== null) return;
    if (this.#anyWantsTime()) this.#frameId = this.#requestFrame(() => this.#frame());
  }

  /** True while a frame is scheduled. */
  get running() {
    return this.#frameId !== null;
  }

  /** A hidden page gets no frames (browsers throttle them anyway); showing it again wakes the loop. */
  setHidden(hidden) {
    this.#hidden = Boolean(hidden);
    if (this.#hidden && this.#frameId !== null) {
      this.#cancelFrame(this.#frameId);
      this.#frameId = null;
    }
    if (this.#hidden) this.#lastStart = null;  // the time away is not a late frame
    if (!this.#hidden) this.wake();
  }

  #frame() {
    // Cleared first, so that a wake() from inside a task (one demo starting
    // another) schedules the next frame, and the wake() below then sees it.
    this.#frameId = null;
    if (this.#hidden) return;
    const start = this.#now();
    if (this.#lastStart !== null) this.#adapt(start - this.#lastStart);
    const working = this.#tasks.filter((task) => this.#wantsTime(task));
    // An even share each, measured from when the task starts: a task that
    // overruns costs this frame some smoothness, not the others their turn.
    const workMs = Math.max(this.#minWorkMs, this.#frameMs - this.#drawMs);
    const share = workMs / Math.max(1, working.length);
    const worked = [];
    for (const task of working) {
      if (!this.#tasks.includes(task)) continue;  // removed by an earlier task
      if (this.#call(task, 'work', this.#now() + share) !== FAILED) worked.push(task);
    }
    // Drawing after all the work: each canvas is painted once per frame,
    // however many training steps its task took.
    const drawStart = this.#now();
    for (const task of worked) {
      if (this.#tasks.includes(task)) this.#call(task, 'draw');
    }
    // A moving average: one slow frame (a resize, a new map) moves it part way only.
    if (worked.length) this.#drawMs = 0.7 * this.#drawMs + 0.3 * (this.#now() - drawStart);
    this.wake();  // sleeps unless some task still wants time
    this.#lastStart = this.#frameId !== null ? start : null;  // a loop that sleeps has no late frames
  }

  /** One frame-to-frame time of the unbroken loop: a late frame shrinks the budget, one on time grows it back. */
  #adapt(period) {
    this.#periods.push(period);
    if (this.#periods.length > PERIODS_KEPT) this.#periods.shift();
    const sorted = [...this.#periods].sort((a, b) => a - b);
    const interval = Math.min(FRAME_60HZ_MS, Math.max(FRAME_240HZ_MS, sorted[Math.floor(sorted.length / 2)]));
    this.#frameMs = period > LATE * interval
      ? Math.max(this.#minWorkMs, SHRINK * this.#frameMs)
      : Math.min(this.#budgetMs, this.#frameMs + GROW_MS);
  }

  #anyWantsTime() {
    return this.#tasks.some((task) => this.#wantsTime(task));
  }

  #wantsTime(task) {
    const wants = this.#call(task, 'wantsTime');
    return wants !== FAILED && Boolean(wants);
  }

  /**
   * Calls task[method](arg). If it throws, that task alone is removed and the
   * error logged, so one broken demo cannot stop the others; showing the
   * failure on the page is the task's own job. Returns FAILED in that case.
   */
  #call(task, method, arg) {
    try {
      return task[method](arg);
    } catch (err) {
      this.remove(task);
      console.error(`Runner: a task threw in ${method}() and was removed:`, err);
      return FAILED;
    }
  }
}
