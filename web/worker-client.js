// The page's side of training off the main thread (engine-worker.js is the worker's):
// starts the page's one Worker, or says it cannot (then figures use the main-thread
// runner, unchanged); gives each figure a WorkerTrainer, which stands where the element's
// Trainer stands and forwards play, pause, step, reset and map requests; and keeps a
// RunMirror of each run with the fields panels read (history, steps, latest(), points(),
// unitStats(), weightsBetween(), curve(), ...), filled from the worker's transferred arrays.
// Not here: training (the worker), drawing, the DOM of a figure.
import { appendColumns, emptyHistory, latestRecord } from './engine.js';
import { Trainer } from './trainer.js';
import { parseConfigText } from './state.js';
import { ReplayScript } from './replay-script.js';

const READY_TIMEOUT_MS = 20000;  // a worker that has not loaded the engine by then is given up (fallback)
// After ready the page asks the worker for a sign of life every PULSE_MS; LOST_AFTER asks in a row
// unanswered and it is taken for dead (crashed, out of memory, terminated: none of these tells
// the page), and its figures go on on the main thread. Counted in asks, not ms: a page frozen
// in the background misses one ask, not ten. A worker busy with one slice answers within ms.
const PULSE_MS = 1000;
const LOST_AFTER = 10;
const ALL = 2 ** 30;  // steps for a train() call bounded by its chunks alone

/**
 * Starts the page's worker from the script at scriptUrl: the script itself when it is of the
 * page's origin, else a blob: worker that imports it. Resolves to an EngineWorker once the
 * worker's engine is loaded, or to null where no worker can run (file://, a CSP that forbids
 * it, an error), so the caller falls back to the main-thread runner.
 */
export function startEngineWorker(scriptUrl, { loadPart, names, engine, timeoutMs = READY_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    let worker = null;
    const give = (value, why) => {
      clearTimeout(timer);
      if (!value && worker) worker.terminate();
      if (why) console.info(`relu-lab: training on the main thread (${why})`);
      resolve(value);
    };
    const timer = setTimeout(() => give(null, 'the worker did not start'), timeoutMs);
    try {
      if (!scriptUrl || typeof Worker === 'undefined') return give(null, 'no worker');
      const url = new URL(scriptUrl, location.href);
      // Named by the script's URL: the worker loads its part (relu-lab-worker.js) from beside it (main.js).
      if (url.origin === location.origin && url.origin !== 'null') {
        worker = new Worker(url.href, { name: url.href });
      } else {
        const source = `importScripts(${JSON.stringify(url.href)})`;
        worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { name: url.href });
      }
    } catch (err) {
      return give(null, err.message || String(err));
    }
    worker.onerror = (e) => { e.preventDefault?.(); give(null, e.message || 'the worker failed'); };
    worker.onmessage = (e) => {
      if (e.data?.t === 'ready') {
        worker.onerror = (err) => console.error('relu-lab worker:', err.message || err);
        give(new EngineWorker(worker, { loadPart, names, engine }));
      } else if (e.data?.t === 'failed') give(null, e.data.message);
    };
  });
}

/** The page's one worker: numbers the commands, routes its answers to figures and runs. */
export class EngineWorker {
  constructor(worker, { loadPart, names, engine }) {
    Object.assign(this, { worker, loadPart, names, engine });
    this.seq = 0;             // commands sent (the worker acknowledges the last one it handled)
    this.ids = 0;             // figure and run ids
    this.figures = new Map(); // id -> WorkerTrainer
    this.runs = new Map();    // id -> RunMirror
    this.waits = new Map();   // seq -> resolve, for answers ('created', 'heap')
    this.partsSent = new Map();  // name -> Promise: each part's payload goes to the worker once
    this.lostWhy = '';        // why the worker is gone, once it is: figures train on the main thread from then on
    this.unanswered = -1;     // asks for a sign of life since the last answer (-1: none pending)
    this.pulse = setInterval(() => this.checkPulse(), PULSE_MS);
    this.pulse.unref?.();     // node's tests: the pulse does not keep the process alive
    worker.onmessage = (e) => this.receive(e.data);
  }

  checkPulse() {
    if (this.unanswered >= 0) {
      if (++this.unanswered >= LOST_AFTER) this.lose('it stopped answering');
      return;
    }
    this.unanswered = 0;
    this.ask({ t: 'ping' }).then(() => { this.unanswered = -1; });
  }

  /**
   * The worker is gone: it is stopped for good, answers still awaited say so, and every
   * figure's runs are rebuilt on the main thread (WorkerTrainer.takeOver). Figures added
   * later train on the main thread (trainer()).
   */
  lose(why) {
    if (this.lostWhy) return;
    this.lostWhy = why;
    clearInterval(this.pulse);
    this.worker.terminate();
    console.warn(`relu-lab: the worker stopped (${why}); its figures go on on the main thread`);
    for (const resolve of this.waits.values()) resolve({ lost: true });
    this.waits.clear();
    for (const figure of this.figures.values()) figure.takeOver();
    this.figures.clear();
  }

  post(message, transfer = []) {
    message.seq = ++this.seq;
    this.worker.postMessage(message, transfer);
    return message.seq;
  }

  ask(message) { return new Promise((resolve) => this.waits.set(this.post(message), resolve)); }

  receive(m) {
    if (m.t === 'update') this.figures.get(m.fig)?.apply(m);
    else if (this.waits.has(m.seq)) {
      const resolve = this.waits.get(m.seq);
      this.waits.delete(m.seq);
      resolve(m);
    }
  }

  /** The parts runs will need (e.g. 'digits'), sent once: loaded by the page (web/parts.js), installed in the worker. */
  sendParts(names) {
    return Promise.all(names.map((name) => {
      if (!this.partsSent.has(name)) {
        const sent = Promise.resolve(this.loadPart(name)).then((payload) => { this.post({ t: 'part', name, payload }); });
        sent.catch(() => this.partsSent.delete(name));
        this.partsSent.set(name, sent);
      }
      return this.partsSent.get(name);
    }));
  }

  /** A figure's trainer; callbacks as Trainer's: onRecord(r) after each record; onUpdate() when anything arrived. */
  trainer(callbacks) { return this.lostWhy ? new MainThreadTrainer(callbacks) : new WorkerTrainer(this, callbacks); }

  /** Bytes in use in the worker's engine heap (the leak tests' measure, with Engine.heapInUse in the page). */
  async heapInUse() { return (await this.ask({ t: 'heap' })).bytes; }

  /** Where the worker's time went since it started (ms): {train, maps, post, commands, waited}. */
  async timeSpent() { return (await this.ask({ t: 'stats' })).spent; }

  /** A hidden page trains nothing (as the main-thread runner gets no frames). */
  setHidden(hidden) { this.post({ t: 'hidden', hidden }); }
}

/**
 * Stands for one figure's Trainer (trainer.js) when its runs live in the worker: the element
 * calls the same methods (owed, atLimit, stepOnce, reset, train, mapsBehind, workMaps), and they
 * tell the worker how to train instead of training. train() reports a stop the worker made.
 */
export class WorkerTrainer {
  constructor(link, { onRecord = () => {}, onUpdate = () => {}, onError = () => {}, onLost = () => {}, pace = () => ({}) } = {}) {
    this.onError = onError;
    this.onLost = onLost;  // (trainer) => void: the worker is gone, this figure's runs go on with `trainer` on the main thread
    this.link = link;
    this.pace = pace;  // () => {every, maxSteps, quota}: the figure's settings now, sent with every change
    this.id = ++link.ids;
    this.onRecord = onRecord;
    this.onUpdate = onUpdate;
    this.remote = true;
    this.sent = 0;            // the last command of this figure
    this.ack = 0;             // the last command the worker had handled when it last reported
    this.owedThere = false;   // work owed in the worker (records, the Step button's steps)
    this.stopped = false;     // the worker stopped training (limit, divergence): train() returns true once
    this.playSeq = 0;         // the command that last set playing: a stop from before it is stale
    this.settings = { every: 1, maxSteps: 0, quota: 1, playing: false, visible: false, pastLimit: false };
    this.target = null;       // (Trainer's field; the Step button's target lives in the worker)
    this.gotMap = false;
    this.mirrors = new Set();  // this figure's runs in the worker; while there are any, the link routes updates here
  }

  send(message) {
    this.sent = this.link.post({ ...message, fig: this.id });
    return this.sent;
  }

  get pastLimit() { return this.settings.pastLimit; }
  set pastLimit(on) { this.set({ pastLimit: Boolean(on) }); }
  atLimit(runs, maxSteps) { return Trainer.prototype.atLimit.call(this, runs, maxSteps); }
  mapsBehind(runs) { return Trainer.prototype.mapsBehind.call(this, runs); }
  /** Records or steps still owed: the worker's word, and any command it has not answered yet. */
  owed() { return this.owedThere || this.ack < this.sent; }

  /** Changes how the worker trains this figure (only what differs is sent). */
  set(settings) {
    const changed = Object.fromEntries(Object.entries({ ...this.pace(), ...settings }).filter(([k, v]) => this.settings[k] !== v));
    if (!Object.keys(changed).length) return;
    Object.assign(this.settings, changed);
    const seq = this.send({ t: 'fig', settings: changed });
    if ('playing' in changed) {
      this.playSeq = seq;
      this.stopped = false;
    }
  }
  setPlaying(on) { this.set({ playing: Boolean(on) }); }
  setVisible(on) { this.set({ visible: Boolean(on) }); }

  /** The element's frame: the pace it wants goes to the worker; true if the worker stopped training. */
  train(runs, deadline, { every, maxSteps = 0, quota = every, playing = true }) {
    const stopped = this.stopped;
    this.stopped = false;
    this.set(stopped ? { every, maxSteps, quota } : { every, maxSteps, quota, playing });  // stopped: the element pauses now
    return stopped;
  }

  stepOnce(runs, every) { this.send({ t: 'step', every }); }

  /** As Trainer.reset, after each mirror's reset(): maps of the old weights go; the worker does the same. */
  reset(runs) {
    for (const r of runs) for (const m of r.maps()) m.reset();
    this.settings.pastLimit = false;
    this.send({ t: 'reset' });
  }

  /** Sends the maps the figure wants when that changed; true if a new map arrived since the last call. */
  workMaps(runs) {
    for (const r of runs) {
      const wanted = JSON.stringify([r.map.request, r.unitMap.request]);
      if (r.run.sentMaps !== wanted) {
        r.run.sentMaps = wanted;
        this.link.post({ t: 'maps', run: r.run.id, map: r.map.request, unitMap: r.unitMap.request });
      }
    }
    const got = this.gotMap;
    this.gotMap = false;
    return got;
  }

  /**
   * Runs of configs `texts` in the worker (the parts they need sent first): resolves to
   * wrap(mirror, i) for each, e.g. a FigureRun; rejects with the engine's message.
   */
  async createRuns(texts, parts, wrap) {
    await this.link.sendParts(parts);
    this.link.figures.set(this.id, this);
    const ids = texts.map(() => ++this.link.ids);
    Object.assign(this.settings, this.pace());
    const answer = await this.link.ask({ t: 'create', fig: this.id, settings: { ...this.settings },
      runs: texts.map((text, i) => ({ id: ids[i], text })) });
    if (answer.error) throw new Error(answer.error);
    if (answer.lost) {  // the worker went while making them: made here, with the same numbers
      const { engine } = this.link;
      await engine.prepare([...new Set(texts.flatMap((text) => engine.missingParts(text)))]);
      return texts.map((text, i) => wrap(engine.createRun(text), i));
    }
    this.link.figures.set(this.id, this);  // again: runs of a superseded creation may have been disposed meanwhile
    this.owedThere = true;  // each new run owes its step-0 record (the worker's next update says when it is done)
    return answer.runs.map((info, i) => {
      const mirror = new RunMirror(this, info);
      this.link.runs.set(info.id, mirror);
      this.mirrors.add(mirror);
      const owner = wrap(mirror, i);
      mirror.owner = owner;
      return owner;
    });
  }

  /**
   * The worker is gone: this figure's runs are rebuilt here from their configs and replayed to
   * where the worker had them (MainThreadTrainer), then the figure trains on with that trainer.
   */
  async takeOver() {
    const { engine } = this.link;
    const mirrors = [...this.mirrors].filter((m) => m.owner);
    try {
      await engine.prepare([...new Set(mirrors.map((m) => m.base).flatMap((text) => engine.missingParts(text)))]);
      const trainer = new MainThreadTrainer({ onRecord: this.onRecord });
      trainer.pastLimit = this.pastLimit;
      for (const m of mirrors) if (!m.disposed) trainer.replay(m.owner, engine.createRun(m.base), m);
      this.onLost(trainer);
      this.onUpdate();  // the figure draws (its status says why) and asks for frames: the replay runs in them
    } catch (err) {
      this.onError(err.message || String(err));
    }
  }

  /** An update from the worker: acknowledgement, owed work, a stop, and each changed run. */
  apply(m) {
    if (m.error) {  // a bug in the worker: this figure stopped there; the element says so inside it
      console.error('relu-lab worker:', m.error);
      this.onError(m.error.split('\n')[0]);
    }
    this.ack = Math.max(this.ack, m.ack);
    this.owedThere = m.owed;
    if (m.stopped && m.ack >= this.playSeq) {
      this.stopped = true;
      this.settings.playing = false;
    }
    for (const change of m.runs) this.link.runs.get(change.id)?.apply(change);
    this.onUpdate();
  }
}

/**
 * A run in the worker as the page sees it: the fields and methods of an engine Run that
 * panels, the element and tests read, as of the worker's last update. The history is
 * built by the same appends as the worker's (appendColumns), so it is the same bit for bit.
 */
export class RunMirror {
  constructor(trainer, info) {
    this.trainer = trainer;
    this.id = info.id;
    this.names = trainer.link.names;
    for (const key of ['depth', 'data', 'inputs', 'planeHalf', 'text', 'widths', 'stepWork', 'recordWork', 'mapChunk', 'chunksPerStep']) {
      this[key] = info[key];
    }
    this.full = info.full;
    this.base = info.full;  // the config the worker's run had at its creation or last reset: a replay starts from it
    this.script = new ReplayScript();  // what the worker did since then (records, live keys), for a replay
    this.replayJob = null;  // a MainThreadTrainer's replay that shows this mirror until it is done
    this.pointSets = info.points;  // [train, test]: {dims, x, label, target}
    this.history = emptyHistory(this.depth, this.names);
    this.steps = 0;
    this.diverged = false;
    this.ready = false;
    this.chunksRun = 0;
    this.epoch = 0;         // resets: updates of the weights before the last reset are dropped
    this.stats = [];        // per hidden layer {active, grad_w} of the last record
    this.links = null;      // the network diagram's links at `steps`
    this.curveNow = null;   // data=curve's fitted curve at `steps`
    this.sentMaps = null;   // the map requests last sent (WorkerTrainer.workMaps)
    this.owner = null;      // the FigureRun holding this mirror
    this.disposed = false;
  }

  latest() { return latestRecord(this.history); }
  fullText() { return this.full; }
  points(test = false) { return this.pointSets[test ? 1 : 0]; }
  unitStats(l) { return this.stats[l] ?? null; }
  /** The links the diagram draws (the worker sends those of network-view.js's drawn units). */
  weightsBetween(l, rows, cols) { return this.links?.[l] ?? new Float32Array(rows.length * cols.length); }
  /** data=curve: the curve panel's samples (figure-run.js CURVE_SAMPLES over [-1, 1]) at `steps`. */
  curve() { return this.curveNow ?? { x: new Float32Array(0), y: new Float32Array(0), kinks: new Float32Array(0),
    breaks: new Float32Array(0), pieces: -1, exact: false }; }

  /**
   * A live key mid-run: checked here by the engine's own rules (the config with the new value,
   * as Lab::set checks it through the same schema), then sent. Returns '' or the message.
   */
  set(key, value) {
    const config = { ...parseConfigText(this.full), [key]: String(value) };
    const checked = this.trainer.link.engine.check(Object.entries(config).map(([k, v]) => `${k}=${v}`).join('&'));
    if (!checked.ok) return checked.error;
    this.full = checked.full;
    this.text = checked.text;
    this.trainer.link.post({ t: 'set', run: this.id, key, value: String(value) });
    this.replayJob?.later.push([key, String(value)]);
    return '';
  }

  /** Same seed, step 0 (the worker resets when WorkerTrainer.reset tells it, right after). */
  reset() {
    this.epoch++;
    this.base = this.full;  // the live keys set so far stay set (Lab::reset keeps its config)
    this.script = new ReplayScript();
    this.history = emptyHistory(this.depth, this.names);
    this.steps = 0;
    this.diverged = false;
    this.ready = false;
    this.stats = [];
    this.links = null;
    this.curveNow = null;
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.trainer.link.runs.delete(this.id);
    this.trainer.mirrors.delete(this);
    // A figure removed from the page is forgotten (the worker forgets it too when its last run goes).
    if (!this.trainer.mirrors.size) this.trainer.link.figures.delete(this.trainer.id);
    this.trainer.link.post({ t: 'dispose', run: this.id });
    this.replayJob?.abandon();
  }

  /** One run's part of an update: appends and records in the order the worker made them, then the rest. */
  apply(u) {
    if (this.disposed || u.epoch !== this.epoch) return;
    for (const item of u.log) {
      if (item[0] === 'rows') appendColumns(this.history, item[1], item[2]);
      else if (item[0] === 'set') this.script.set(item[1], item[2], item[3]);
      else {
        [, this.steps, this.diverged] = item;
        this.script.record(item[3], this.steps);
        if (this.owner) this.trainer.onRecord(this.owner);
      }
    }
    Object.assign(this, { steps: u.steps, diverged: u.diverged, ready: u.ready, chunksRun: u.chunksRun });
    if (u.unitStats) this.stats = u.unitStats;
    if (u.links) this.links = u.links;
    if (u.curve) this.curveNow = u.curve;
    if (u.points) {
      this.pointSets = u.points;
      if (this.owner) Object.assign(this.owner, { points: null, testPoints: null, curvePoints: null });  // panels' caches
    }
    for (const key of ['map', 'unitMap']) {
      const shown = u.maps[key];
      if (!shown || !this.owner) continue;
      this.owner[key].shown = shown;
      this.owner[key].version = shown.version;
      this.trainer.gotMap = true;
    }
  }
}

/**
 * A figure's trainer on the main thread after its worker was lost: first replays each run,
 * rebuilt from its config, to where the worker had it, as the worker did it (each record and
 * each live key at the same training chunk: cpp/lab.hpp's chunks have fixed boundaries, so the
 * same calls give the same bits, the history included), in bounded chunks within the
 * element's frames; the runs show the worker's last state meanwhile. Then it is the Trainer.
 */
export class MainThreadTrainer extends Trainer {
  constructor({ onRecord } = {}) {
    super({ onRecord });
    this.replays = new Map();  // FigureRun -> its replay job (below), for replays not done yet
  }

  replay(owner, run, mirror) {
    const job = {
      run, mirror, msPerChunk: {},
      events: mirror.script.reader(),
      lastRecordStep: mirror.script.lastRecordStep(),
      steps: mirror.steps,
      // A live key the reader sets meanwhile goes to the mirror (the figure shows it): it is set on
      // the replayed run where the replay ends, the worker's last state, which is where the reader set it.
      later: [],
      // A figure removed mid-replay disposes the mirror it still shows, and no frame comes to this
      // trainer again: the replayed run goes with it, or its engine memory would stay taken.
      abandon: () => { if (this.replays.delete(owner)) run.dispose(); },
    };
    this.replays.set(owner, job);
    mirror.replayJob = job;
  }

  setVisible() {}
  setPlaying() {}

  owed(runs) { return runs.some((r) => this.replays.has(r)) || super.owed(runs); }
  mapsBehind(runs) { return !runs.some((r) => this.replays.has(r)) && super.mapsBehind(runs); }
  workMaps(runs, deadline) { return !runs.some((r) => this.replays.has(r)) && super.workMaps(runs, deadline); }

  train(runs, deadline, options) {
    if (!runs.some((r) => this.replays.has(r))) return super.train(runs, deadline, options);
    let force = true;
    for (const r of runs) {
      const job = this.replays.get(r);
      if (!job) continue;
      if (!this.replayUntil(job, deadline, force)) { force = false; continue; }
      this.adopt(r, job, options.every);
      this.replays.delete(r);
    }
    return false;
  }

  /** The replay's next chunks until `deadline` (with `force`, at least one call); true when it is where the worker was. */
  replayUntil(job, deadline, force) {
    if (!this.prepareUntil(job, deadline, force)) return false;
    const { run } = job;
    for (let first = force; first || this.now() < deadline; first = false) {
      const event = job.events.next();
      const left = (event ? event[0] : Infinity) - run.chunksRun;  // a fresh Lab counts its chunks from 0
      if (left > 0 && !run.diverged && (event || run.steps < job.steps)) {
        const c0 = run.chunksRun, t0 = this.now();
        run.train(event ? ALL : job.steps - run.steps, Math.min(left, this.chunksThatFit(job, 'step', deadline)));
        this.learn(job, 'step', run.chunksRun - c0, this.now() - t0);
      } else if (!event) {
        return true;
      } else if (event[1] === 'set') {
        run.set(event[2], event[3]);
        job.events.advance();
      } else {
        const chunks = this.chunksThatFit(job, 'record', deadline), t0 = this.now();
        if (run.recordSome(chunks)) job.events.advance();
        else this.learn(job, 'record', chunks, this.now() - t0);
      }
    }
    return false;
  }

  /** Reset mid-replay: the replay is dropped, its run starts over at step 0 in the mirror's place (as the element's reset does). */
  reset(runs) {
    for (const r of runs) {
      const job = this.replays.get(r);
      if (!job) continue;
      this.replays.delete(r);
      job.mirror.replayJob = null;
      job.run.reset();
      r.run = job.run;
    }
    super.reset(runs);
  }

  /** The replayed run in place of the worker's mirror, owing the record the worker's run owed (if it did). */
  adopt(r, job, every) {
    job.mirror.replayJob = null;
    for (const [key, value] of job.later) job.run.set(key, value);
    r.run = job.run;
    r.recordedAt = job.lastRecordStep;
    r.recordDue = !job.run.diverged && r.recordedAt !== job.run.steps && job.run.steps % every === 0;
    r.msPerChunk = job.msPerChunk;
    Object.assign(r, { points: null, testPoints: null, curvePoints: null });  // panels' caches of the worker's arrays
  }
}
