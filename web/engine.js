// The one module that talks to the WebAssembly engine (cpp/bindings.cpp).
// It turns the engine's flat record buffers into columns that charts can draw,
// and gives every embind object exactly one owner (a Run) that deletes it.
// Not here: drawing, timing, DOM, the thinning rule that bounds a history (history.js).
import { thinHistory } from './history.js';

// One engine per factory: all <relu-demo> elements on a page share one wasm instance.
const engines = new WeakMap();
// The smallest valid module (magic number and version). Where the page's CSP forbids WebAssembly
// (no 'wasm-unsafe-eval'), compiling it fails at once; emscripten's minimal runtime would instead
// wait forever for an instantiation that never comes, and the figure would load forever.
const EMPTY_MODULE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

/**
 * Starts (once) and returns the engine. `factory` is emscripten's module factory;
 * `wasmBinary` the module's bytes (a Uint8Array), so nothing is fetched;
 * `loadPart(name)` a Promise of a lazily loaded part's payload (web/parts.js).
 */
export function loadEngine(factory, wasmBinary, { loadPart } = {}) {
  if (!engines.has(factory)) {
    // `wasm` is what emscripten's minimal runtime reads (cmake/wasm.cmake), `wasmBinary` what
    // the full runtime of older builds read (scripts/bench-ab.mjs compares builds).
    engines.set(factory, WebAssembly.compile(EMPTY_MODULE).then(() => factory({ wasm: wasmBinary, wasmBinary }))
      .then((module) => new Engine(module, { loadPart })));
  }
  return engines.get(factory);
}

// The lazily loaded parts the engine itself needs: is it in, and how to put its payload in
// ('' or why the module refused it). Parts only the element needs (e.g. a recorder) load
// through web/parts.js directly.
const ENGINE_PARTS = {
  digits: {
    has: (module) => module.digitsProvided(),
    install: (module, payload) => module.provideDigits(String(payload.data ?? '')),
  },
};

// A history is columns of records, and carries the field names the engine gave
// (names = {record: [...], layer: [...]}, from cpp/stats.cpp through the bindings):
// no list of field names is typed in JS.

/**
 * Splits flat records (stats.hpp layout) into columns: {fields: {loss: [...]}, layers: {active: [[...]]}},
 * numbering them (seq) and thinning old ones by history.js's rule, so a history stays bounded.
 * extra: values to add to every record appended now, as fields of their own (or null).
 */
export function appendColumns(history, flat, extra = null) {
  const { record, layer } = history.names;
  const { depth } = history;
  const width = record.length + layer.length * depth;
  for (let row = 0; row + width <= flat.length; row += width) {
    record.forEach((name, i) => history.fields[name].push(flat[row + i]));
    // Columns the page adds to each record ({pieces, kinks} of data=curve): fields like the others.
    if (extra) for (const [name, value] of Object.entries(extra)) (history.fields[name] ??= []).push(value);
    for (let l = 0; l < depth; l++) {
      layer.forEach((name, i) => {
        history.layers[name][l].push(flat[row + record.length + l * layer.length + i]);
      });
    }
    history.seq.push(history.recorded++);
    history.rows++;
  }
  return thinHistory(history);
}

/**
 * An empty history of a net with `depth` hidden layers; names: {record, layer} (Engine.names).
 * rows: records held; recorded: records ever appended (the engine's row count); seq: each row's record number.
 */
export function emptyHistory(depth, names) {
  const fields = Object.fromEntries(names.record.map((n) => [n, []]));
  const layers = Object.fromEntries(names.layer.map((n) => [n, Array.from({ length: depth }, () => [])]));
  return { rows: 0, recorded: 0, seq: [], stride: 1, depth, names, fields, layers };
}

/** data=curve's shape as extra columns of a record (kept and thinned with the others): the
 *  linear pieces on [-1, 1] (NaN for a smooth activation), the first-layer kinks inside. */
function shapeColumns(curve) {
  const known = curve.pieces >= 0;
  return { pieces: known ? curve.pieces : NaN,
    kinks: known ? Array.from(curve.kinks).filter((k) => k > -1 && k < 1).length : NaN };
}

/** The last record as one object: {step, loss, ..., layers: [{active, ...}]}. */
export function latestRecord(history) {
  if (history.rows === 0) return null;
  const i = history.rows - 1;
  const rec = Object.fromEntries(history.names.record.map((n) => [n, history.fields[n][i]]));
  rec.diverged = rec.diverged === 1;
  rec.layers = Array.from({ length: history.depth }, (_, l) =>
    Object.fromEntries(history.names.layer.map((n) => [n, history.layers[n][l][i]])));
  return rec;
}

export class Engine {
  constructor(module, { loadPart } = {}) {
    this.module = module;
    this.schema = module.schema();
    this.presets = module.presets();
    this.bornGrid = module.bornDeadGrid();  // {depths, widths, nets}: the born-dead table's cells
    // The engine's own lists (cpp/stats.cpp, cpp/lab.hpp): record field names, and the keys that change mid-run.
    this.names = Object.freeze({ record: module.recordFields(), layer: module.layerFields() });
    this.liveKeys = module.liveKeys();
    this.activations = module.activations();  // [{name, formula, usesAlpha}], the engine's table
    this.loadPart = loadPart;
    this.installing = new Map();  // part name -> Promise, resolved once installed in the module
  }
  /** {ok, error, text, full, depth, data, inputs, planeHalf, parts}: the same rules and messages as the CLI. */
  check(text) { return this.module.checkConfig(text); }
  /** Is part `name` (e.g. 'digits') in the engine, so runs that need it can be made now? */
  hasPart(name) { return Boolean(ENGINE_PARTS[name]?.has(this.module)); }
  /** Parts that config `text` needs and the engine lacks: load them with prepare() first. */
  missingParts(text) { return (this.check(text).parts || []).filter((p) => !this.hasPart(p)); }
  /** Loads and installs the named parts (each once); resolves when every one is in. */
  prepare(names) {
    return Promise.all(names.filter((n) => !this.hasPart(n)).map((name) => {
      if (!this.installing.has(name)) {
        const part = ENGINE_PARTS[name];
        const promise = (async () => {
          if (!part) throw new Error(`unknown part '${name}'`);
          if (!this.loadPart) throw new Error(`this engine cannot load relu-lab-${name}.js`);
          const error = part.install(this.module, await this.loadPart(name));
          if (error) throw new Error(error);
        })();
        promise.catch(() => this.installing.delete(name));  // may be retried
        this.installing.set(name, promise);
      }
      return this.installing.get(name);
    })).then(() => undefined);
  }
  /** f and f' of an activation at xs, computed by the same code the network runs. */
  activation(name, alpha, xs) { return this.module.sampleActivation(name, alpha, Array.from(xs)); }
  /**
   * Born dead (cpp/born_dead.hpp): how many of the fresh nets for seeds [first, first + count)
   * of config `text`, at this depth and width, are off for every input somewhere. Throws on a bad config.
   */
  bornDead(text, depth, width, first, count) {
    const r = this.module.bornDeadCount(text, depth, width, first, count);
    if (r.error) throw new Error(r.error);
    return r.dead;
  }
  simd() { return this.module.simdInUse(); }
  /**
   * A value as the engine's messages show it (cpp/config.hpp printable): the rule of
   * web/state.js showValue, checked equal by tests/js/engine.test.mjs.
   */
  printable(text, maxChars = 40) { return this.module.printable(String(text), maxChars); }
  /** Bytes allocated in the wasm heap right now (for leak tests). */
  heapInUse() { return this.module.heapInUse(); }
  /**
   * data=custom's points <-> their code in the config key `custom` (cpp/custom_data.hpp is
   * the one encoder): encodePoints -> {code} or {error}; decodePoints -> {x, y, label} or {error}.
   */
  encodePoints(xs, ys, labels) { return this.module.encodePoints(Array.from(xs), Array.from(ys), Array.from(labels)); }
  decodePoints(code) { return this.module.decodePoints(code); }
  /** CSV text `x,y,label` -> {code, points, rescaled, scale, shiftX, shiftY} or {error: 'line N: ...'}. */
  pointsFromCsv(text) { return this.module.pointsFromCsv(text); }
  /** {half, maxPoints, minPoints, charsPerPoint}: the box [-half, half]^2 and the size limit. */
  customLimits() { return this.module.customLimits(); }
  /** A new run, or throws an Error with the config message. The caller must dispose() it. */
  createRun(text) {
    const checked = this.check(text);
    if (!checked.ok) throw new Error(checked.error);
    const missing = checked.parts.filter((p) => !this.hasPart(p));
    if (missing.length) throw new Error(`${missing.join(', ')}: not loaded yet; await engine.prepare(['${missing.join("', '")}']) first`);
    return new Run(this.module, checked, this.names);
  }
}

export class Run {
  constructor(module, checked, names) {
    this.lab = new module.Lab(checked.full);
    this.depth = checked.depth;
    this.data = checked.data;
    this.inputs = checked.inputs;  // the network's input count: 2 means a plane (decision maps)
    this.planeHalf = checked.planeHalf;  // the plane's box [-h, h]^2 that maps cover (0: no plane)
    this.text = checked.text;
    this.names = names;
    this.history = emptyHistory(this.depth, names);
    this.onRows = null;  // (flat, extra) => void: told of every append to history (engine-worker.js)
    this.widths = this.lab.layerWidths();  // units per hidden layer, then the outputs
    const expected = names.record.length + names.layer.length * this.depth;
    if (this.lab.recordLength() !== expected) {  // a stale wasm build would silently shift every column
      this.dispose();
      throw new Error(`engine records have ${this.lab.recordLength()} fields, its field names say ${expected}: rebuild`);
    }
    // No record yet: the step-0 record is measured in chunks like any other (a large
    // net's would block the page for seconds here). The trainer owes it from the start.
    // Nor all the weights: they are drawn by initSome (cpp/lab.hpp, staged), before it.
  }
  /** Whether every initial weight is drawn (a new or reset run draws them with initSome). */
  get ready() { return this.lab.initialized(); }
  /** Draws up to `chunks` chunks of the initial weights (2^16 each); true once all are drawn. */
  initSome(chunks) { return this.lab.initSome(chunks); }
  /** Cells per grid() call that keep its work bounded (cpp/lab.hpp map_cells: from the net's size alone). */
  get mapChunk() { return this.lab.mapChunk(); }
  /** Multiply-adds of one training step and of one record (from the config alone, cpp/lab.hpp). */
  get stepWork() { return this.lab.stepWork(); }
  get recordWork() { return this.lab.recordWork(); }
  get steps() { return this.lab.steps(); }
  get diverged() { return this.lab.diverged(); }
  /** Training chunks run so far (the trainer times them). */
  get chunksRun() { return this.lab.chunksRun(); }
  /** Chunks of one step (a step over a large batch of a large net is many). */
  get chunksPerStep() { return this.lab.chunksPerStep(); }
  get stepInProgress() { return this.lab.stepInProgress(); }
  /** n whole steps at once, however long they take (tests, scripts). */
  step(n) {
    this.lab.step(n);
    this.#sync();
  }
  /**
   * Bounded work (cpp/lab.hpp): up to `steps` whole steps in at most `chunks` chunks;
   * a step may stay half-done until the next call. Returns the steps completed.
   */
  train(steps, chunks) {
    const done = this.lab.train(steps, chunks);
    this.#sync();  // a diverging step appends its record itself
    return done;
  }
  /** Measures on the whole training set and appends to history. */
  record() {
    this.lab.record();
    this.#sync();
  }
  /**
   * The same record, a few chunks at a time (cpp/lab.hpp): true when it is complete
   * and in history. An update in between abandons it.
   */
  recordSome(chunks) {
    if (!this.lab.recordSome(chunks)) return false;
    this.#sync();
    return true;
  }
  /**
   * Appends the engine's records this history has not seen (history.recorded counts them);
   * one-input nets add their shape (cpp/curve_shape.hpp) as extra columns.
   */
  #sync() {
    // The engine's log is bounded by the same rule as the history (cpp/record_log.hpp,
    // web/history.js); its newest records are never thinned before this reads them.
    if (this.lab.recorded() <= this.history.recorded) return;
    const extra = this.inputs === 1 ? shapeColumns(this.lab.curve(-1, 1, 2)) : null;
    const flat = this.lab.records(this.history.recorded);
    appendColumns(this.history, flat, extra);
    // The worker (engine-worker.js) sends each append as it is, so that a page's copy of the
    // history (worker-client.js) is built by the same appends and thins at the same rows.
    this.onRows?.(flat, extra);
  }
  latest() { return latestRecord(this.history); }
  /** Same seed: same data, same initial weights; the step-0 record is owed again. */
  reset() {
    this.lab.reset();
    this.history = emptyHistory(this.depth, this.names);
  }
  /** lr, opt, l1, l2 or batch mid-run; returns '' or the error message. */
  set(key, value) {
    const error = this.lab.set(key, String(value));
    if (!error) this.text = this.lab.text();
    return error;
  }
  fullText() { return this.lab.fullText(); }
  /** Copies the weights into slot 0 or 1: later grid() calls on that slot see this step's net. */
  freeze(slot) { this.lab.freeze(slot); }
  /**
   * Cells [first, first+count) of an nx x ny grid (row by row, row 0 at the top), forward only, on the net
   * frozen in `slot` (-1: the live one): {prob, pattern (if asked), bits, words}. bits holds, for
   * each of `units` (flat hidden-unit indices), `words` 32-bit words of its on/off bit per cell.
   */
  grid(box, nx, ny, first, count, { slot = -1, pattern = true, units = [] } = {}) {
    return this.lab.evalPlane(slot, box.x0, box.x1, box.y0, box.y1, nx, ny, first, count, pattern, Array.from(units));
  }
  /**
   * data=curve: {x, y, kinks, breaks, pieces, exact} over [x0, x1] at n points: the fitted
   * curve, each first-layer unit's kink, the switches of all units and the count of linear
   * pieces (-1 for a smooth activation), as cpp/curve_shape.hpp computes them; {error} otherwise.
   */
  curve(x0, x1, n) { return this.lab.curve(x0, x1, n); }
  /** Hidden layer l's units at the last record: {active, grad_w} (Float32Arrays), or null. */
  unitStats(l) { return this.lab.unitStats(l); }
  /** W of layer l (0-based; the last is the output layer) at rows x cols, row-major. */
  weightsBetween(l, rows, cols) { return this.lab.weightsBetween(l, Array.from(rows), Array.from(cols)); }
  points(test = false) { return this.lab.data(test); }
  weights(layer) { return this.lab.weights(layer); }
  dispose() {
    if (this.lab) this.lab.delete();
    this.lab = null;
  }
}
