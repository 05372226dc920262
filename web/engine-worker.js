// The worker side of training off the main thread: the one dedicated Worker of a page
// holds the engine's Runs of every figure and trains them with the same Trainer and
// DecisionMap code as the main-thread runner, in slices of a few ms, reading the page's
// messages between slices (so Pause acts within one slice). After each slice it posts
// what changed: record rows as the engine appended them, maps, unit statistics, links.
// Not here: the page's side of the protocol and the mirrors panels read (worker-client.js),
// drawing, the DOM. The clock and the scheduler are injected: node tests drive it in-process.
//
// Numbers cannot depend on this: training, record and map chunks have fixed boundaries
// (cpp/lab.hpp), so slicing the same work differently gives the same bits.
import { Trainer } from './trainer.js';
import { FigureRun, CURVE_SAMPLES } from './figure-run.js';
import { diagramUnits } from './network-view.js';

const SLICE_MS = 8;          // work per slice, shared by the figures that want time; then messages are read
const FRAME_MS = 1000 / 60;  // `speed` is steps per frame: a figure's step credit grows at this frame rate
// While a figure plays, its maps (decision map, unit maps) get at most this share of its time:
// at 20 x 256 a map costs as much as several steps, and given 40% of each slice (the paused
// rule) they took ~40% of the worker's time, so training ran at 0.38 of its rate without maps.
// At 15% they still arrive every few steps (each one complete, of one step's weights).
const MAP_SHARE_PLAYING = 0.15;

/** A figure's state in the worker: its runs, their trainer and how the page asked it to train. */
class WorkerFigure {
  constructor(now) {
    this.runs = [];  // FigureRun[] with engine Runs
    this.trainer = new Trainer({ now, onRecord: (r) => r.out.log.push(['record', r.run.steps, r.run.diverged, trainedChunks(r)]) });
    this.settings = { every: 1, maxSteps: 0, quota: 1, playing: false, visible: true };
    this.credit = 0;      // steps it may still take (speed x frames elapsed), at most two frames' worth
    this.lastT = null;    // when it last had a slice (null: it was idle)
    this.stopped = false; // training stopped by itself (limit, divergence) since the last update
    this.touched = true;  // a command arrived: the next update must acknowledge it
    this.lastOwed = null;
    this.mapCredit = 0;   // ms its maps may still take while it plays (MAP_SHARE_PLAYING of its training time)
  }
}

/**
 * Serves the engine on `port` (the worker's global scope, or a MessagePort in tests).
 * enginePromise: the Engine (engine.js), made with loadPart = the `parts` map's payloads.
 * Returns {parts}: payloads of lazily loaded parts, filled by 'part' messages.
 */
export function serveEngine(port, enginePromise, { now = () => performance.now(), schedule = zeroDelay(), parts = new Map() } = {}) {
  const figures = new Map();  // figure id -> WorkerFigure
  const runs = new Map();     // run id -> {figure, r}
  let hidden = false;
  let ack = 0;                // the last command handled (the page counts commands it sent)
  let engine = null;
  let ticking = false;
  const queue = [];           // commands wait for the engine, and for each other (creation awaits parts)
  let busy = false;
  // Where the worker's time went (ms), for the page's benchmark (EngineWorker.timeSpent): training,
  // maps, posting updates, handling commands; the rest of the time since `since` it waited.
  const spent = { train: 0, maps: 0, post: 0, commands: 0 };
  const since = now();
  /** Runs fn and adds its time to spent[kind]; returns that time (ms). */
  const timed = (kind, fn) => {
    const t0 = now();
    let ms = 0;
    try { fn(); } finally { ms = now() - t0; spent[kind] += ms; }
    return ms;
  };

  const wantsTime = (f) => !hidden && f.settings.visible && f.runs.length > 0 && ((f.settings.playing
    && f.runs.some((r) => !r.run.diverged)) || f.trainer.owed(f.runs) || f.trainer.mapsBehind(f.runs));

  function tick() {
    ticking = false;
    const working = [...figures.values()].filter(wantsTime);
    const share = SLICE_MS / Math.max(1, working.length);
    for (const [id, f] of figures) {
      try {
        if (working.includes(f)) work(f, now() + share);
        else f.lastT = null;  // idle: no credit builds up
        timed('post', () => post(id, f));
      } catch (err) {  // a bug must not stop the other figures: this one stops, and its page says why
        f.settings.playing = false;
        f.runs = [];
        port.postMessage({ t: 'update', fig: id, ack, owed: false, stopped: true, runs: [], error: String(err?.stack || err) });
      }
    }
    if (working.some(wantsTime)) wake();
  }
  function wake() {
    if (!ticking) { ticking = true; schedule(tick); }
  }

  /** One slice of figure f until `deadline`: as the element's workFrame does with a frame. */
  function work(f, deadline) {
    const { every, maxSteps, quota, playing } = f.settings;
    const t = now();
    f.credit = f.lastT === null ? Math.max(f.credit, quota) : Math.min(2 * quota, f.credit + quota * (t - f.lastT) / FRAME_MS);
    f.lastT = t;
    // When a map is behind, training leaves it 40% of the slice (the element's rule), or while
    // playing the map credit earned so far (MAP_SHARE_PLAYING); a paused figure's maps get their 40% at once.
    const behind = f.trainer.mapsBehind(f.runs);
    const mapMs = !behind ? 0 : playing ? Math.min(Math.max(0, f.mapCredit), deadline - t) : 0.4 * (deadline - t);
    if (playing || f.trainer.owed(f.runs)) {
      const before = f.runs.map((r) => r.run.steps);
      let stop = false;
      const trained = timed('train', () => { stop = f.trainer.train(f.runs, deadline - mapMs, { every, maxSteps, quota: Math.floor(f.credit), playing }); });
      // Training earns maps their share of the time (at most one slice's worth kept: no bursts after a map-less stretch).
      if (playing) f.mapCredit = Math.min(SLICE_MS, f.mapCredit + trained * MAP_SHARE_PLAYING / (1 - MAP_SHARE_PLAYING));
      f.credit = Math.max(0, f.credit - Math.max(0, ...f.runs.map((r, i) => r.run.steps - before[i])));
      if (stop && playing) {
        f.settings.playing = false;
        f.stopped = true;
      }
    }
    // Playing with no credit left, the maps wait (a forced chunk past the credit is paid back from the next).
    if (f.trainer.mapsBehind(f.runs) && (!playing || f.mapCredit > 0)) {
      const ms = timed('maps', () => f.trainer.workMaps(f.runs, playing ? now() + f.mapCredit : deadline));
      if (playing) f.mapCredit -= ms;
    }
  }

  /** What changed in figure `id` since its last update, if anything (arrays transferred). */
  function post(id, f) {
    const transfer = [];
    const changes = f.runs.map((r) => runChanges(r, transfer)).filter(Boolean);
    const owed = f.trainer.owed(f.runs);
    if (!changes.length && !f.touched && !f.stopped && owed === f.lastOwed) return;
    port.postMessage({ t: 'update', fig: id, ack, owed, stopped: f.stopped, runs: changes }, transfer);
    f.touched = false;
    f.stopped = false;
    f.lastOwed = owed;
  }

  function runChanges(r, transfer) {
    const { run, out } = r;
    const stepped = run.steps !== out.steps || run.ready !== out.ready;
    const maps = {};
    for (const key of ['map', 'unitMap']) {
      const m = r[key];
      if (m.shown && m.version !== out.versions[key]) {
        out.versions[key] = m.version;
        const { prob, pattern, bits } = m.shown;
        maps[key] = { ...m.shown, cellsPerCall: undefined };
        transfer.push(prob.buffer, ...(pattern ? [pattern.buffer] : []), ...bits.map((b) => b.buffer));
        m.shown = { ...m.shown, prob: null, pattern: null, bits: [] };  // sent: the worker only needs its step and key
      }
    }
    if (!stepped && !out.log.length && !out.points && !out.links && !Object.keys(maps).length) return null;
    const change = { id: out.id, epoch: out.epoch, steps: run.steps, diverged: run.diverged, ready: run.ready,
      chunksRun: run.chunksRun, log: out.log, maps };
    for (const item of out.log) if (item[0] === 'rows') transfer.push(item[1].buffer);
    if (out.log.some((item) => item[0] === 'rows')) {  // per-unit statistics of the last record (the diagram's)
      change.unitStats = run.widths.slice(0, -1).map((_, l) => run.unitStats(l));
    }
    if (run.ready) {
      // The network diagram's links at this step, for the units it draws (network-view.js), when it is shown.
      if (r.unitMap.request && (stepped || out.links)) {
        const d = r.diagram ??= diagramUnits(run.inputs, run.widths);
        const drawn = [d.inputs, ...d.hidden, d.outputs];
        change.links = drawn.slice(1).map((rows, l) => run.weightsBetween(l, rows, drawn[l]));
        out.links = false;
      }
      if (run.inputs === 1 && (stepped || out.points)) change.curve = run.curve(-1, 1, CURVE_SAMPLES);
    }
    if (out.points) {
      change.points = [run.points(false), run.points(true)];
      out.points = false;
    }
    // Every array here is the engine's fresh copy (cpp/bindings.cpp copy_out): moved, not copied again.
    for (const value of [change.unitStats, change.links, change.curve, change.points].flat()) {
      for (const a of ArrayBuffer.isView(value) ? [value] : Object.values(value ?? {})) if (ArrayBuffer.isView(a)) transfer.push(a.buffer);
    }
    out.log = [];
    out.steps = run.steps;
    out.ready = run.ready;
    return change;
  }

  /** A new FigureRun of config `text`, its appends and records collected for the next update. */
  function createRun(id, text) {
    const r = new FigureRun(engine.createRun(text));
    r.out = { id, epoch: 0, log: [], steps: -1, ready: null, versions: {}, points: false, links: false, chunkBase: r.run.chunksRun };
    r.run.onRows = (flat, extra) => r.out.log.push(['rows', flat, extra]);
    const { run } = r;
    const info = { id, depth: run.depth, data: run.data, inputs: run.inputs, planeHalf: run.planeHalf, text: run.text,
      full: run.fullText(), widths: run.widths, stepWork: run.stepWork, recordWork: run.recordWork, mapChunk: run.mapChunk,
      chunksPerStep: run.chunksPerStep, points: [run.points(false), run.points(true)] };
    return { r, info };
  }

  const handlers = {
    hidden(m) { hidden = m.hidden; },
    part(m) { parts.set(m.name, m.payload); },
    async create(m) {
      const f = figures.get(m.fig) ?? new WorkerFigure(now);
      figures.set(m.fig, f);
      handlers.fig(m);  // the figure's settings as the page has them (a figure left empty was forgotten)
      let made = [];
      try {
        await engine.prepare([...new Set(m.runs.flatMap((c) => engine.missingParts(c.text)))]);
        made = m.runs.map((c) => createRun(c.id, c.text));
      } catch (err) {
        for (const { r } of made) r.dispose();
        port.postMessage({ t: 'created', fig: m.fig, seq: m.seq, error: err.message || String(err) });
        return;
      }
      // The new runs replace the figure's runs (the page disposes the old ones once it shows the new).
      f.runs = made.map(({ r }) => r);
      for (const { r, info } of made) runs.set(info.id, { figure: f, r });
      port.postMessage({ t: 'created', fig: m.fig, seq: m.seq, runs: made.map((x) => x.info) });
    },
    fig(m) {
      const f = figures.get(m.fig);
      if (!f) return;
      for (const key of Object.keys(f.settings)) if (key in m.settings) f.settings[key] = m.settings[key];
      if ('pastLimit' in m.settings) f.trainer.pastLimit = m.settings.pastLimit;
    },
    step(m) { figures.get(m.fig)?.trainer.stepOnce(figures.get(m.fig).runs, m.every); },
    reset(m) {  // as the element's reset(): every run to step 0, then the trainer forgets work owed to old weights
      const f = figures.get(m.fig);
      if (!f) return;
      for (const r of f.runs) {
        r.run.reset();
        r.out.epoch++;
        r.out.log = [];
        r.out.chunkBase = r.run.chunksRun;  // the engine counts chunks across resets; the page's replay counts from here
        r.curve = null;
      }
      f.trainer.reset(f.runs);
    },
    set(m) {
      const { r } = runs.get(m.run) ?? {};
      if (!r) return;
      const error = r.run.set(m.key, m.value);  // the page checked it with the same rules (worker-client.js)
      if (!error) r.out.log.push(['set', trainedChunks(r), m.key, m.value]);  // where it landed, for the page's replay
      if (error) console.error(`relu-lab worker: ${m.key}=${m.value} refused here but not in the page: ${error}`);
      if (m.key === 'custom') r.out.points = true;
    },
    maps(m) {
      const { r } = runs.get(m.run) ?? {};
      if (!r) return;
      if (m.unitMap && !r.unitMap.request) r.out.links = true;  // the diagram appears: its links are owed
      r.map.want(m.map);
      r.unitMap.want(m.unitMap);
    },
    dispose(m) {
      const entry = runs.get(m.run);
      if (!entry) return;
      runs.delete(m.run);
      entry.r.dispose();
      const f = entry.figure;
      f.runs = f.runs.filter((r) => r !== entry.r);
      if (!f.runs.length) for (const [id, g] of figures) if (g === f) figures.delete(id);
    },
    heap(m) { port.postMessage({ t: 'heap', seq: m.seq, bytes: engine.heapInUse() }); },
    ping(m) { port.postMessage({ t: 'pong', seq: m.seq }); },  // the page's check that this worker still runs
    stats(m) { port.postMessage({ t: 'stats', seq: m.seq, spent: { ...spent, waited: now() - since - sumOf(spent) } }); },
  };

  async function pump() {
    if (busy || !engine) return;
    busy = true;
    while (queue.length) {
      const m = queue.shift();
      try {
        const t0 = now();  // by hand, not timed(): a handler may await (a part being fetched)
        await handlers[m.t]?.(m);
        spent.commands += now() - t0;
      } catch (err) {
        console.error('relu-lab worker:', err);
      }
      ack = m.seq;
      const f = figures.get(m.fig) ?? runs.get(m.run)?.figure;
      if (f) f.touched = true;
    }
    busy = false;
    wake();
  }

  port.onmessage = (e) => {
    queue.push(e.data);
    pump();
  };
  enginePromise.then((e) => {
    engine = e;
    port.postMessage({ t: 'ready' });
    pump();
  }, (err) => port.postMessage({ t: 'failed', message: err.message || String(err) }));
  return { parts };
}

/** Training chunks run by r since its creation or last reset (where a replay on the page must be when an event happens). */
const trainedChunks = (r) => r.run.chunksRun - r.out.chunkBase;
const sumOf = (o) => Object.values(o).reduce((a, b) => a + b, 0);

/** Runs fn as soon as the worker's queue allows, without a timer's clamp (nested setTimeout waits 4 ms). */
function zeroDelay() {
  const channel = new MessageChannel();
  let pending = null;
  channel.port1.onmessage = () => { const fn = pending; pending = null; fn(); };
  return (fn) => { pending = fn; channel.port2.postMessage(null); };
}
