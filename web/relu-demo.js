// <relu-demo>: one live figure of ReLU Lab, the unit the article, the full lab
// and bloggers' embeds are all built from. A thin DOM shell: the attribute rules
// are figure-model.js's, each run is a FigureRun, the trainer spends the runner's
// time, panels.js draws, share-menu.js and controls.js build their parts.
// Its API (properties, methods, events) is documented in the README.
// Not here: numerics (the engine), timing policy (runner.js), URL state (page.js).

import { sizeCanvas } from './charts.js';
import { Trainer } from './trainer.js';
import { DrawTurns } from './draw-turns.js';
import { t, pickLang, hasStrings, addStrings } from './i18n.js';
import { parseConfigText, capMessages, safeMessage } from './state.js';
import { drawPanel, sizePanel, summarize, panelSignature, panelApplies, PER_RUN_PANELS } from './panels.js';
import { UNIT_MAP_N, unitsOf } from './network-view.js';
import { missingCodeParts, installPartCode, partCode, CONTROLS_PART } from './code-parts.js';
import { STYLE } from './style.js';
import { CONFIG_KEYS, VIEW_ATTRIBUTES } from './keys.js';
import { viewSettings, viewErrors, mapAttribute, resolveRuns, valueError, engineMessage, nextSeed, shareAttributes, labUrlFor, resizerUrl, PaceMeter, heavyWork } from './figure-model.js';
import { FigureRun } from './figure-run.js';
import { shareMenu } from './share-menu.js';
import { figureTitle } from './figure-image.js';
import { shareLink } from './share.js';
import { el, setText, setHidden } from './dom.js';

const MIN_SLICE_MS = 2;  // a paint in slices (the network diagram) gets at least this much of a frame
const MAX_BACKING_RATIO = 2;  // canvas pixels per CSS pixel at most (see draw())
const SUMMARY_INTERVAL_MS = 2000;  // screen-reader summaries update at a calm pace
const EMBED_PAGE_MARGIN = 32;      // the lab page's margin around its one figure in embed mode (page.css)
const messageOf = (err) => err.message || String(err);  // an Error's message, or whatever else was thrown

/**
 * Defines <relu-demo>. getEngine(): the shared engine's Promise; getWorker(): the Promise of
 * the page's EngineWorker (worker-client.js), or of null where figures train on the main
 * thread; runner: the one animation loop; scriptUrl: where relu-lab.js was loaded from;
 * loadPart(name): a lazily loaded part's payload (web/parts.js): here the recorder (relu-lab-recorder.js), the share menu's
 * contents (relu-lab-share.js) and the strings of a language other than English (relu-lab-zh.js).
 */
export function defineReluDemo({ getEngine, getWorker = async () => null, runner, scriptUrl = '', loadPart = null }) {
  if (customElements.get('relu-demo')) return;  // the script included twice: keep the first
  let sheet = null;  // one constructable stylesheet shared by every instance (a strict CSP blocks <style>)
  // What part `name` (relu-lab-NAME.js) exports under `key` (its name), once loaded.
  const partExport = (name, key = name) => (loadPart ? loadPart(name).then((p) => p[key])
    : Promise.reject(new Error(`this page cannot load relu-lab-${name}.js`)));
  // The recorder (video, GIF, whole-figure image) is a part, loaded the first time a reader asks.
  const loadRecorder = () => partExport('recorder');
  // So is the editor of your own points (relu-lab-points.js), loaded when a figure offers it.
  const loadPointTools = () => partExport('points');
  // The share menu's contents are a part too (relu-lab-share.js), loaded when a reader first opens one.
  const loadShareBody = () => partExport('share');
  // A language other than English is a part too (relu-lab-zh.js): resolves once its strings are
  // in, or with the reason they could not be (the figure then speaks English and says why).
  const loadLanguage = (lang) => (hasStrings(lang) ? Promise.resolve('')
    : partExport(lang, 'strings').then((strings) => { addStrings(lang, strings); return ''; }, messageOf));
  // So is the code of what only some figures show (code-parts.js: a panel's drawing, the controls):
  // resolves once it is in, or with the reason it could not be.
  const loadCode = (part) => partExport(part).then((code) => { installPartCode(part, code); return ''; }, messageOf);

  // Figures are built one per task, those in view first: the engine arrives for all of them at
  // once, and an article's figures built in that one task are a long task before any first curve.
  const unbuilt = new Map();  // figure -> the engine it waits to be built with
  const buildNext = () => {
    const figures = [...unbuilt.keys()];
    const next = figures.find((d) => d.visible) || figures[0];
    if (!next) return;  // removed from the page meanwhile
    const engine = unbuilt.get(next);
    unbuilt.delete(next);
    if (unbuilt.size) setTimeout(buildNext, 0);  // the next one's turn, whatever this one's build does
    next.build(engine);
  };
  const queueBuild = (figure, engine) => { if (unbuilt.set(figure, engine).size === 1) setTimeout(buildNext, 0); };
  // Before that, each figure starts loading in a task of its own, in document order: reading its
  // attributes and asking for its code is a few ms, and customElements.define connects every
  // figure of an article at once, in the task that defines the element (16 figures: tens of ms).
  const unstarted = new Set();
  const startNext = () => {
    const [next] = unstarted;
    if (!next) return;
    unstarted.delete(next);
    if (unstarted.size) setTimeout(startNext, 0);
    next.start();
  };
  const queueStart = (figure) => { if (unstarted.add(figure).size === 1) setTimeout(startNext, 0); };

  class ReluDemo extends HTMLElement {
    static get observedAttributes() { return [...CONFIG_KEYS, ...VIEW_ATTRIBUTES]; }

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLE);
      }
      root.adoptedStyleSheets = [sheet];
      this.engine = null;
      this.loading = null;     // while what the figure needs loads (start): a promise, then null once built or failed
      this.partsWanted = 0;  // counts rebuilds that waited for a lazily loaded part
      this.runs = [];          // FigureRun[] (figure-run.js): one, or one per compared value
      this.playing = false;
      this.visible = false;
      this.error = '';         // a failure inside the figure (a bug), shown until the next rebuild
      this.languageError = ''; // why the figure's language could not load (it speaks English meanwhile)
      this.partErrors = {};    // part -> why a code part (code-parts.js) could not load (said where it would show)
      this.controlsError = ''; // why the controls could not load, for the alert
      this.pointsFailure = ''; // why the points editor could not load: kept across rebuilds (one may come before a retry fails again)
      this.refusals = [];      // [{key, name, vars}]: config values refused, and what the figure does instead (i18n key)
      this.pace = new PaceMeter();  // steps per second while playing, for the "trains slowly" note
      this.hover = {};         // panel -> hovered x
      this.activationX = 1;
      this.focus = null;       // the network diagram's unit in focus: {run, layer, unit, pinned}
      this.notice = null;      // {key, vars}: what a change to a paused figure did, until Play
      this.pointTool = { mode: 'add', label: 1, csvOpen: false, note: '' };  // your own points: what a click does, the CSV's message
      this.draft = null;       // your points while fewer than the engine accepts (shown, not yet a run)
      this.pointsPart = null;  // the points editor's functions (point-tools.js), once its part is in
      this.pointsLoading = null;
      this.lastSummary = 0;
      this.workTimes = [];
      this.drawTimes = [];
      this.drawTurns = new DrawTurns();  // which changed panels this frame paints (the rest: next frames)
      this.onRunRecord = (r) => {
        if (r.run.diverged) this.emit('relu-diverged', { step: r.run.steps, label: r.label });
        this.emit('relu-record', { label: r.label, record: r.run.latest(), run: this.runs.indexOf(r) });
      };
      // Training here, or (once the page's worker is known to run) a WorkerTrainer in its place.
      this.trainer = new Trainer({ onRecord: this.onRunRecord });
      this.dirty = true;
      this.rebuildQueued = false;
      this.task = {
        wantsTime: () => this.wantsTime(),
        work: (deadline) => this.work(deadline),
        draw: () => this.draw(),
      };
      this.status = el('div', { className: 'status', role: 'status' });
      this.alert = el('div', { className: 'alert', role: 'alert' });
      this.transport = el('div', { className: 'transport' });
      this.controlsBox = el('div', { className: 'controls' });
      this.panelsBox = el('div', { className: 'panels' });
      this.frame = el('div', { className: 'demo', role: 'group' },
        [this.transport, this.alert, this.status, this.controlsBox, this.panelsBox]);
      root.append(this.frame);
    }

    get lang() { return pickLang(this.getAttribute('lang'), navigator.languages || []); }
    // React 19 and Vue set `lang` as a property (HTMLElement has one): it must be settable.
    set lang(value) { this.setAttribute('lang', value); }
    tr(key, vars) { return t(this.lang, key, vars); }
    /** The attributes as a plain object, for the figure model's pure functions. */
    attributeMap() {
      const attrs = {};
      for (const a of this.attributes) attrs[a.name] = a.value;
      return attrs;
    }
    /** How the figure looks and paces itself (figure-model.js), recomputed when an attribute changes. */
    get view() { return (this.viewCache ??= viewSettings(this.attributeMap())); }
    get every() { return this.view.every; }
    get maxSteps() { return this.view.maxSteps; }
    get stepsPerFrame() { return this.view.stepsPerFrame; }
    get panelNames() { return this.view.panels; }
    /** How decision maps draw, {test, discrete}: the `map` attribute (the boundary panel's toggles set it). */
    get mapOptions() { return this.view.map; }
    /** Messages for presentation attributes the figure cannot use (they fall back to defaults). */
    viewErrors() { return (this.viewErrorsCache ??= viewErrors(this.attributeMap())); }

    /** Where this figure trains: 'worker' (the page's one Worker), 'main' (this thread), '' (not known yet). */
    get mode() { return !this.engine ? '' : this.trainer.remote ? 'worker' : 'main'; }

    get theme() { return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'; }

    connectedCallback() {
      runner.add(this.task);
      this.intersection = new IntersectionObserver((entries) => {
        const e = entries[entries.length - 1];
        this.visible = e.isIntersecting;
        // Mostly in view: half of the figure, or half of the screen for a figure taller than it.
        // Autoplay waits for that, so a figure does not finish its run while only a sliver shows.
        this.mostlyVisible = e.isIntersecting && (e.intersectionRatio >= 0.5
          || (e.rootBounds !== null && e.intersectionRect.height >= 0.5 * e.rootBounds.height));
        this.trainer.setVisible?.(this.visible);
        this.maybeAutoplay();
        if (this.visible) this.redraw();
      }, { threshold: [0, 0.25, 0.5, 0.75, 1] });
      this.intersection.observe(this);
      this.resize = new ResizeObserver(() => this.redraw());
      this.resize.observe(this);
      if (this.runs.length) {  // moved in the DOM: the runs go on where they were
        this.redraw();
        return;
      }
      if (!this.engine) this.showStatus(this.tr('loading'), true);
      if (!this.loading) queueStart(this);
    }

    /** Starts loading what the figure needs, in its turn (queueStart); it is built once all is in. */
    start() {
      // The engine, the page's worker, the figure's language and the code of its panels and controls
      // load side by side; the figure is built once all are in.
      this.loading = Promise.all([getEngine(), getWorker(), this.languageArrived(), this.codeArrived()]).then(([engine, worker]) => {
        if (worker && !this.trainer.remote) {
          this.trainer = worker.trainer({ onRecord: this.onRunRecord, onUpdate: () => this.redraw(),
            onError: (message) => { this.setPlaying(false); this.error = safeMessage(message); this.renderStatus(); },
            onLost: (trainer) => { this.trainer = trainer; this.notice = { key: 'workerLost' }; },  // the worker died: on here (then onUpdate)
            pace: () => ({ every: this.every, maxSteps: this.maxSteps, quota: this.stepsPerFrame }) });
          this.trainer.setVisible(this.visible);
        }
        if (this.isConnected) queueBuild(this, engine);
        else this.loading = null;  // removed meanwhile: started again if connected again
      }, (err) => {
        this.loading = null;
        this.showStatus(this.tr('loadFailed', { message: messageOf(err) }));
      });
    }

    /** The figure's first runs and chrome, in its turn (queueBuild). */
    build(engine) {
      this.engine = engine;
      this.loading = null;
      this.rebuild();
      const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.autoplayPending = this.hasAttribute('autoplay') && !reduced;
      this.maybeAutoplay();
    }

    /** Resolves when the figure's language is in (or could not be: languageError says why). */
    languageArrived() {
      const lang = this.lang;
      return loadLanguage(lang).then((error) => { if (lang === this.lang) this.languageError = error ? this.tr('languageFailed', { message: error }) : ''; });
    }

    /** The code parts (code-parts.js) the figure's panels and controls need, not in and not failed. */
    missingCode() {
      return missingCodeParts(this.panelNames, this.hasControls).filter((part) => !(part in this.partErrors));
    }

    /** Whether the figure shows controls (config keys or view settings): their code is a part. */
    get hasControls() { return this.view.controls.length > 0 || this.view.viewControls.length > 0; }

    /** Resolves when the code of the figure's panels and controls is in (or could not be: partErrors says why). */
    codeArrived() {
      // The point tools too, for a figure that may edit points: its first chrome then has them,
      // instead of a loading line and a second build (a failure is said by pointsToolbar).
      const points = this.view.controls.includes('custom') && !this.pointsPart ? this.loadPoints() : null;
      return Promise.all([...this.missingCode().map((part) => loadCode(part).then((error) => { if (error) this.partErrors[part] = error; })),
        points]);
    }

    /** Starts an autoplay figure once, when the engine is there and the figure is mostly in view. */
    maybeAutoplay() {
      if (!this.autoplayPending || !this.mostlyVisible || !this.runs.length) return;
      this.autoplayPending = false;
      this.setPlaying(true);
    }

    disconnectedCallback() {
      runner.remove(this.task);
      unstarted.delete(this);  // started when connected again
      if (unbuilt.delete(this)) this.loading = null;  // loaded but not built: started and built when connected again
      this.intersection?.disconnect();
      this.resize?.disconnect();
      // Moving a figure is a disconnect and a connect in the same task: free the runs
      // only if it is still out of the document once the task's DOM changes are done.
      queueMicrotask(() => {
        if (this.isConnected) return;
        this.disposeRuns(this.runs);
        this.runs = [];
      });
    }

    attributeChangedCallback(name, oldValue, newValue) {
      this.viewCache = null;
      this.viewErrorsCache = null;  // both are read every frame: a 100,000-item list is parsed once
      if (oldValue === newValue) return;
      if (name === 'lang' && !hasStrings(this.lang)) {  // its strings first (relu-lab-zh.js), then the chrome
        this.languageArrived().then(() => { if (this.runs.length) this.buildChrome(); this.redraw(); });
        return;
      }
      if (!this.engine) return;
      if (VIEW_ATTRIBUTES.includes(name) && name !== 'compare') {  // how it looks, not what it computes
        if (this.runs.length) this.buildChrome();
        this.redraw();
        return;
      }
      // A live key changes the run as it is, except a diverged one: its weights are NaN, so
      // a lower lr can only help from a fresh start (what the divergence message promises).
      if (this.engine.liveKeys.includes(name) && newValue !== null && this.runs.length && !this.hasAttribute('compare')
        && !this.runs.some((r) => r.run.diverged)) {
        this.setLive(name, newValue);
        return;
      }
      // Several attributes often change together: rebuild once, after them all.
      if (!this.rebuildQueued) {
        this.rebuildQueued = true;
        queueMicrotask(() => {
          this.rebuildQueued = false;
          if (this.isConnected) this.rebuild();  // removed meanwhile: nothing to build (nothing to leak)
        });
      }
    }

    // ---- runs -------------------------------------------------------------

    /**
     * Builds the runs the attributes ask for. A refused value is left out and named
     * (figure-model.js resolveRuns): the same link gives the same run on load and on a
     * later change. If the result is what already runs, the runs go on untouched.
     */
    rebuild() {
      const { runs: wanted, refused, compareError } = resolveRuns(this.attributeMap(), (text) => this.engine.check(text));
      const same = this.runs.length === wanted.length
        && wanted.every((c, i) => c.label === this.runs[i].label && c.result.full === this.runs[i].run.fullText());
      const inUse = parseConfigText((same ? this.runs[0].run.fullText() : wanted[0].result.full));
      this.refusals = refused.map(({ key, message }) => ({ key,
        name: key in inUse ? (same ? 'refusedKeeps' : 'refusedUses') : 'refusedDropped', vars: { message, key, value: inUse[key] } }));
      if (compareError) this.refusals.push({ key: 'compare', name: 'refusedCompare', vars: { message: compareError } });
      this.error = '';
      if (same) {
        this.buildChrome();
        this.redraw();
        return;
      }
      this.draft = null;  // new runs: their points are the ones to edit
      // Digits runs wait for their data, a second script loaded on first need (web/parts.js).
      const parts = [...new Set(wanted.flatMap((c) => c.result.parts))];
      const missing = parts.filter((p) => !this.engine.hasPart(p));
      // A later rebuild supersedes this one (its ticket); a failure of this one's parts is said unless it was.
      const ticket = missing.length || this.trainer.remote ? ++this.partsWanted : 0;
      const failed = (err) => { if (ticket === this.partsWanted) this.showStatus(this.tr('partFailed', { message: messageOf(err) })); };
      if (missing.length) {
        this.showStatus(this.tr('loadingPart'), true);
        this.engine.prepare(missing).then(() => {
          if (ticket === this.partsWanted && this.isConnected) this.rebuild();
        }, failed);
        return;
      }
      const make = (run, c) => new FigureRun(run, { label: c.label, config: parseConfigText(c.result.full) });
      if (this.trainer.remote) {  // the runs are made in the worker: the old ones go on until the new ones are there
        this.trainer.createRuns(wanted.map((c) => c.result.full), parts, (run, i) => make(run, wanted[i])).then((runs) => {
          if (ticket === this.partsWanted && this.isConnected) this.installRuns(runs);
          else this.disposeRuns(runs);
        }, failed);
        return;
      }
      this.installRuns(wanted.map((c) => make(this.engine.createRun(c.result.full), c)));
    }

    /** New runs in place of the old ones (disposed), and everything that depends on them. */
    installRuns(runs) {
      const old = this.runs;
      // A paused figure that had trained drops back to step 0: say so, and what to press.
      this.notice = old.length && !this.playing && old[0].run.steps > 0 ? { key: 'restarted' } : null;
      this.focus = null;  // the unit in focus belonged to the old runs
      this.runs = runs;
      this.disposeRuns(old);
      // The heaviest run's work per step, from the engine's counts (figure-model.js heavyWork).
      this.heavy = this.runs.map((r) => heavyWork(r.run.stepWork, r.run.recordWork, this.every))
        .reduce((a, b) => (b.step + b.record / this.every > a.step + a.record / this.every ? b : a));
      this.trainer.pastLimit = false;  // new runs start below any step limit
      this.pace.reset();
      this.buildChrome();
      this.redraw();
      this.emitConfig();
      this.maybeAutoplay();  // runs that waited for a part (digits) start now, if the figure is in view
    }

    /** Tells the page the settings changed; byUser when a control or button of this figure did it. */
    emitConfig() {
      this.emit('relu-config', { text: this.runs[0].run.text, byUser: Boolean(this.changedByUser) });
      // Controls changed together (data, then opt): the queued rebuild applies the reader's
      // changes too, so it is still "by the user" (the page writes its link only then).
      if (!this.rebuildQueued) this.changedByUser = false;
    }

    disposeRuns(runs) { for (const r of runs) r.dispose(); }

    setLive(key, value) {
      const message = valueError(key, value) || engineMessage(this.runs.map((r) => r.run.set(key, value)).find(Boolean) || '', value);
      this.refusals = this.refusals.filter((m) => m.key !== key);
      if (message) {
        this.refusals.push({ key, name: 'refusedKeeps', vars: { message, key, value: this.runs[0].config[key] } });
      } else {
        this.error = '';
        for (const r of this.runs) {
          r.config[key] = value;
          if (key === 'custom') { r.points = null; r.testPoints = null; }  // new points, the same weights
        }
        // Paused (or finished): the change waits for Play; say so rather than nothing happening.
        if (!this.playing) {
          this.notice = key === 'custom'
            ? { key: 'pointsChanged', vars: { n: this.engine.decodePoints(value).label.length,  // train and test (a worker's points come later)
              step: this.runs[0].run.steps } }
            : { key: 'liveChanged', vars: { key, value, step: this.runs[0].run.steps } };
        }
        this.pace.reset();
        this.redraw();
      }
      this.renderStatus();
      this.emitConfig();
    }

    play() { this.setPlaying(true); }
    pause() { this.setPlaying(false); }
    newSeed() { this.reset(true); }

    setPlaying(on) {
      // Play at the step limit means "keep going": the limit is for how far a figure runs by itself.
      if (on && this.trainer.atLimit(this.runs, this.maxSteps)) this.trainer.pastLimit = true;
      if (on && !this.playing) this.pace.reset();
      this.playing = on;
      this.trainer.setPlaying?.(on);  // a worker hears of Pause now, not at the next frame
      if (on) this.notice = null;
      this.updateTransport();
      runner.wake();
    }

    reset(newSeed = false) {
      if (newSeed) {
        const seed = nextSeed(this.runs[0]?.config.seed);
        this.changedByUser = true;
        this.setAttribute('seed', String(seed));  // rebuilds through attributeChangedCallback
        return;
      }
      for (const r of this.runs) r.run.reset();
      this.trainer.reset(this.runs);
      this.notice = null;
      this.error = '';
      this.dirty = true;
      this.renderStatus();
      runner.wake();
    }

    stepOnce() {
      this.setPlaying(false);
      this.notice = null;
      this.trainer.stepOnce(this.runs, this.every);
      this.redraw();
    }

    emit(type, detail) { this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })); }

    // ---- time (called by the runner) -------------------------------------

    /** What each run's maps should hold now, from the panels shown and the unit in focus. */
    updateMapRequests() {
      const names = this.panelNames;
      const boundary = names.includes('boundary') || names.includes('regions');
      const network = names.includes('network');
      this.runs.forEach((r, i) => {
        const focus = this.focus && this.focus.run === i && names.includes('boundary')
          ? [unitsOf(r).offsets[this.focus.layer] + this.focus.unit] : [];
        // The pattern hash costs a pass over every unit per cell: only for the regions panel.
        r.map.want(boundary ? { n: this.view.grid, pattern: names.includes('regions'), units: focus } : null);
        r.unitMap.want(network ? { n: UNIT_MAP_N, units: unitsOf(r).flat } : null);
      });
    }

    wantsTime() {
      if (!this.engine || !this.runs.length || !this.visible || document.hidden) return false;
      const mapsBehind = this.trainer.mapsBehind(this.runs);
      const born = this.bornCode();
      const bornBehind = born && !born.bornTablesDone(this.runs);
      return this.dirty || mapsBehind || bornBehind || this.trainer.owed(this.runs) ||
        (this.playing && this.runs.some((r) => !r.run.diverged));
    }

    work(deadline) {
      const start = performance.now();
      try {
        this.workFrame(deadline);
      } catch (err) {  // a bug must not freeze the figure silently: stop, and say so inside it
        this.setPlaying(false);
        this.error = safeMessage(messageOf(err));
        this.renderStatus();
        console.error(err);
      }
      const end = performance.now();
      if (this.playing && this.runs.length) this.pace.note(this.runs[0].run.steps, end, end - start);
      // The last 240 frames' work in ms, for scripts/bench-page.mjs (the 10 ms budget).
      this.workTimes.push(end - start);
      if (this.workTimes.length > 240) this.workTimes.shift();
    }

    workFrame(deadline) {
      const now = performance.now();
      this.updateMapRequests();
      const maps = this.trainer.mapsBehind(this.runs);
      // When a decision map is behind, training leaves it 40% of this frame's share:
      // a large net could otherwise spend every frame on steps and never show a map.
      const trainUntil = maps ? now + 0.6 * (deadline - now) : deadline;
      // Paused, the trainer still does what is owed (records, the Step button's steps).
      if (this.playing || this.trainer.owed(this.runs)) {
        const progress = () => this.runs.map((r) => `${r.run.steps}:${r.run.history.recorded}`).join();
        const before = progress();
        const stop = this.trainer.train(this.runs, trainUntil,
          { every: this.every, maxSteps: this.maxSteps, quota: this.stepsPerFrame, playing: this.playing });
        if (stop && this.playing) this.setPlaying(false);
        if (progress() !== before) this.dirty = true;  // a record in progress changes nothing to draw
      }
      if (this.trainer.workMaps(this.runs, deadline)) {
        this.dirty = true;
      }
      // Born-dead tables: fresh nets only, so they fill in whether or not the figure plays.
      const born = this.bornCode();
      if (born && born.workBornTables(this.runs, this.engine, deadline)) {
        this.dirty = true;
        this.emit('relu-born', { done: born.bornTablesDone(this.runs) });  // the article's born.* numbers follow
      }
    }

    /** born.js's table filling, with the born panel's part (code-parts.js), when that panel is shown. */
    bornCode() { return this.panelNames.includes('born') ? partCode('charts') : null; }

    // ---- DOM --------------------------------------------------------------

    /** Transport, controls and panel skeletons, in the current language. */
    buildChrome() {
      // Panels or controls whose code is a part not in yet (an attribute changed): the figure keeps
      // what it shows until the part is there, then builds complete.
      if (this.missingCode().length) {
        this.codeArrived().then(() => { if (this.runs.length && this.isConnected) { this.buildChrome(); this.redraw(); } });
        return;
      }
      // Rebuilding replaces the controls and buttons: the one with focus would drop it to
      // <body> (New seed could not be pressed twice, a select moved one step). Put it back.
      const focused = this.shadowRoot.activeElement;
      const again = !focused ? null : focused.id ? `#${focused.id}` : focused.matches('.transport button')
        ? `.transport button.${[...focused.classList].join('.')}` : focused.matches('.menu summary') ? '.menu summary' : null;
      this.frame.setAttribute('aria-label', this.tr('figure'));
      this.frame.classList.toggle('lab', this.view.layout === 'lab');
      this.buildTransport();
      this.buildControls();
      this.buildPanels();
      this.renderStatus();
      if (again) this.shadowRoot.querySelector(again)?.focus({ preventScroll: true });
    }

    buildTransport() {
      const button = (key, hint, onClick) => el('button', { type: 'button', className: key, text: this.tr(key),
        title: hint, onclick: onClick });
      this.playButton = button('play', this.tr('playHint'), () => this.setPlaying(!this.playing));
      this.counter = el('span', { className: 'counter', ariaLive: 'off' });
      this.transport.hidden = !this.view.transport;
      this.transport.replaceChildren(
        this.playButton,
        button('step', this.tr('stepHint', { n: this.every }), () => this.stepOnce()),
        button('reset', this.tr('resetHint'), () => this.reset(false)),
        button('newSeed', this.tr('newSeedHint'), () => this.reset(true)),
        this.counter,
        shareMenu({ tr: (k, v) => this.tr(k, v), root: this.shadowRoot, snapshot: () => this.shareSnapshot(),
          recording: { source: (recorder) => this.recordingSource(recorder), loadRecorder }, loadBody: loadShareBody }));
      this.updateTransport();
    }

    /** What the share menu offers right now: attributes (with the seed the runs use), records, images. */
    shareSnapshot() {
      const images = (this.panels || []).flatMap((p) => p.canvases.map((canvas, i) => {
        const many = p.canvases.length > 1;
        return { name: p.name, canvas, label: this.tr(`panel_${p.name}`) + (many ? ` ${i + 1}` : ''),
          file: `relu-lab-${p.name}${many ? `-${i + 1}` : ''}.png` };
      }));
      return {
        attrs: this.attributesNow(),
        labUrl: this.labUrl(),
        scriptUrl,
        resizerUrl: resizerUrl(scriptUrl),
        title: figureTitle(this, this.getAttribute('preset')),
        // The iframe starts as tall as this figure is here, plus the embed page's margins; its script then fits it.
        height: Math.ceil(this.closedHeight()) + EMBED_PAGE_MARGIN,
        histories: this.histories(),
        images,
      };
    }

    /** The figure's height with its menu closed (the open menu is not part of what an iframe shows). */
    closedHeight() {
      const menu = this.transport.querySelector('details.menu');
      const open = menu?.open ? menu.getBoundingClientRect().height - menu.querySelector('summary').getBoundingClientRect().height : 0;
      return this.getBoundingClientRect().height - open;
    }

    /** The lab page share links open: lab-url, else the default beside the script's dist/ folder, else null. */
    labUrl() { return labUrlFor(this.attributeMap(), scriptUrl); }

    /** The figure as the recorder draws it (figure-image.js, in the recorder part): panels, title, step counter, caption. */
    recordingSource(recorder) {
      const lab = this.labUrl();
      const attrs = this.attributesNow();
      // The figure's own settings (as the reader would type them), not one compared run's.
      const settings = CONFIG_KEYS.filter((k) => attrs[k] != null && attrs[k] !== '').map((k) => `${k}=${attrs[k]}`).join(', ')
        || this.tr('defaults');
      const compare = attrs.compare;
      return recorder.recordingSource({
        element: this, panelsBox: this.panelsBox, panels: this.panels || [],
        drawAt: (scale) => { this.dirty = true; this.draw(scale); this.redraw(); },
        stepText: () => this.tr('stepCounter', { n: this.runs[0]?.run.steps ?? 0 }),
        title: figureTitle(this, this.getAttribute('preset')),
        caption: this.tr('recordCaption', { settings: compare ? `${settings}; compare=${compare}` : settings }),
        link: lab ? shareLink(lab, attrs) : '',
        restart: () => { this.reset(false); this.setPlaying(true); },
        stop: () => this.redraw(),
      });
    }

    /** The element's attributes as they stand, with the seed the runs actually use. */
    attributesNow() { return shareAttributes(this.attributeMap(), this.runs[0]?.config.seed); }

    updateTransport() {
      if (!this.playButton) return;
      setText(this.playButton, this.tr(this.playing ? 'pause' : 'play'));  // every frame: only what changed (dom.js)
      if (this.playButton.getAttribute('aria-pressed') !== String(this.playing)) this.playButton.setAttribute('aria-pressed', String(this.playing));
      if (this.counter && this.runs.length) setText(this.counter, this.tr('stepCounter', { n: this.runs[0].run.steps }));
    }

    buildControls() {
      const tr = (k, v) => this.tr(k, v);
      // The controls' code is a part (relu-lab-controls.js), in by now if the figure has controls.
      const code = partCode(CONTROLS_PART);
      // Without it (relu-lab.js copied alone) the figure's alert says so (renderStatus), as for the points editor.
      this.controlsError = !code && this.hasControls && this.partErrors[CONTROLS_PART]
        ? this.tr('controlsFailed', { message: this.partErrors[CONTROLS_PART] }) : '';
      if (!code) {
        this.controlsBox.replaceChildren();
        this.controlsBox.hidden = true;
        return;
      }
      const { buildFields, buildViewFields } = code;
      const fields = [
        ...buildViewFields({ keys: this.view.viewControls, panels: this.panelNames, shown: this.shownPanels().length, compare: this.view.compare,
          configKeys: CONFIG_KEYS, tr, onView: (name, value) => this.onViewControl(name, value),
          panelsOpen: this.panelsMenuOpen, onPanelsToggle: (open) => { this.panelsMenuOpen = open; } }),
        ...buildFields({
          keys: this.view.controls, schema: this.engine.schema, config: this.runs[0]?.config || {},
          preset: this.getAttribute('preset'), compare: this.view.compare, tr,
          onChange: (key, value) => this.onControl(key, value),
          activations: this.engine.activations, acts: this.runs.map((r) => r.config.act), datas: this.runs.map((r) => r.config.data),
        }),
      ];
      this.controlsBox.replaceChildren(...fields);
      this.controlsBox.hidden = fields.length === 0;
      this.controlsBox.setAttribute('aria-label', this.tr('controls'));
    }

    onControl(key, value) {
      this.changedByUser = true;
      if (key === 'preset') {
        // A preset replaces the other settings: drop them, keep presentation.
        for (const k of CONFIG_KEYS) if (k !== 'preset' && k !== 'seed') this.removeAttribute(k);
        if (value) this.setAttribute('preset', value); else this.removeAttribute('preset');
        return;
      }
      if (key === 'width' || key === 'depth') {
        // A width list sets the depth, and the engine refuses the two disagreeing: change them together
        // (one rebuild: attribute changes are batched).
        const widths = key === 'width' ? value.split(',').map(Number)
          : partCode(CONTROLS_PART).resizedWidths(this.runs[0]?.config || {}, Number(value));
        const uniform = widths.every((w) => w === widths[0]);
        this.setAttribute('depth', String(widths.length));
        if (widths.length) this.setAttribute('width', uniform ? String(widths[0]) : widths.join(','));
        return;
      }
      this.setAttribute(key, value);  // the attribute is the state; callbacks do the rest
    }

    // ---- your own points (data=custom) -----------------------------------

    /** Editing points on the map: asked for (controls custom or all), one run, a plane. */
    get editsPoints() {
      return this.view.controls.includes('custom') && this.runs.length === 1 && this.runs[0].run.inputs === 2;
    }

    /**
     * The toolbar above the map (class 0, class 1, erase, clear all, CSV). Its code is a
     * part (relu-lab-points.js, web/point-tools.js): until it is in, a line saying it loads,
     * then the chrome again.
     */
    pointsToolbar() {
      if (this.pointsPart) return this.pointsPart.toolbar(this);
      this.loadPoints().then(() => { if (this.pointsPart && this.isConnected && this.runs.length && this.editsPoints) this.buildChrome(); });
      return el('div', { className: 'points-tools', role: 'status', text: this.tr('pointsLoading') });
    }

    /** The point tools' part, loaded once (a figure may ask before it is built: codeArrived); a failure goes to the alert. */
    loadPoints() {
      if (!this.pointsLoading) {
        this.pointsLoading = loadPointTools().then((part) => { this.pointsPart = part; this.pointsFailure = ''; }, (err) => {
          this.pointsLoading = null;  // may be retried on the next rebuild
          this.pointsFailure = messageOf(err);
          this.renderStatus();
        });
      }
      return this.pointsLoading;
    }

    /** Asks for a redraw on the next frame (the runner wakes if it slept). */
    redraw() {
      this.dirty = true;
      runner.wake();
    }

    /** A view control changed panels, compare or map: the attribute changes, and the page hears of it. */
    onViewControl(name, value) {
      this.panelsMenuOpen = Boolean(this.shadowRoot.querySelector('.view-panels')?.open);  // ('toggle' comes later)
      const focused = this.shadowRoot.activeElement;
      const refocus = focused?.closest?.('.view-panels') ? `.view-panels input[value="${focused.value}"]` : null;
      if (value === null) this.removeAttribute(name); else this.setAttribute(name, value);
      this.emit('relu-view', { panels: this.getAttribute('panels'), compare: this.getAttribute('compare'), map: this.getAttribute('map') });
      if (refocus) this.shadowRoot.querySelector(refocus)?.focus();  // the controls were rebuilt: keep the keyboard's place
    }

    /** The panels drawn: the lab shows only those its data can fill (a curve takes the map's place). */
    shownPanels() { return this.view.layout === 'lab' ? this.panelNames.filter((n) => panelApplies(n, this.runs)) : this.panelNames; }

    buildPanels() {
      const names = this.shownPanels();
      // The panels' and cells' widths, kept from a ResizeObserver (widthOf): reading clientWidth
      // while painting, after a canvas or a note changed, makes the browser lay out the page
      // again in the middle of the frame, once per panel (a forced synchronous layout).
      this.widths = new WeakMap();
      this.sizeObserver?.disconnect();
      this.sizeObserver ??= new ResizeObserver((entries) => {
        let changed = false;
        for (const e of entries) {
          const width = Math.round(e.contentRect.width);
          if (this.widths.get(e.target) !== width) { this.widths.set(e.target, width); changed = true; }
        }
        if (changed) { this.redraw(); }
      });
      this.panels = names.map((name) => {
        const many = PER_RUN_PANELS.includes(name) ? this.runs.length : 1;
        const canvases = Array.from({ length: many }, (_, i) => {
          const c = el('canvas', { role: 'img' });
          c.setAttribute('aria-label', this.tr(`panel_${name}`) + (this.runs[i]?.label ? ` (${this.runs[i].label})` : ''));
          return c;
        });
        const title = el('div', { className: 'title', text: this.tr(`panel_${name}`) });
        const summary = el('p', { className: 'summary' });
        const note = el('div', { className: 'note' });
        const cells = canvases.map((c) => el('div', { className: name === 'network' ? 'cell scroll' : 'cell' }, [c]));
        const figure = el('figure', { className: `panel panel-${name}` },
          [title, ...(name === 'boundary' ? [this.mapToggles(), ...(this.editsPoints ? [this.pointsToolbar()] : [])] : []),
            el('div', { className: 'canvases' }, cells), note, summary]);
        // signatures: what each canvas (one per run for PER_RUN_PANELS) last showed (draw-turns.js paints the changed).
        const panel = { name, figure, canvases, summary, note, layouts: [], drawTimes: [], signatures: [] };
        // The activation slider and the diagram's unit focus come with their panels' parts (code-parts.js).
        if (name === 'activation') {
          partCode('charts')?.attachActivationSlider(panel, { label: this.tr('slider_x'), x: () => this.activationX,
            set: (x) => { this.activationX = x; this.redraw(); } });
        } else if (name === 'network') partCode('network')?.attachUnitFocus(this, panel);
        else this.attachHover(panel);
        if (name === 'boundary' && this.editsPoints) this.pointsPart?.attachEditing(this, panel);  // clicks edit the points
        return panel;
      });
      for (const p of this.panels) {
        this.sizeObserver.observe(p.figure);
        for (const c of p.canvases) this.sizeObserver.observe(c.parentElement);
      }
      if (this.view.layout === 'lab') {  // the network and the maps centre stage, the curves below
        const staged = (p) => p.name === 'network' || p.name === 'boundary' || p.name === 'curve';
        this.panelsBox.replaceChildren(
          el('div', { className: 'stage' }, this.panels.filter(staged).map((p) => p.figure)),
          el('div', { className: 'curves' }, this.panels.filter((p) => !staged(p)).map((p) => p.figure)));
      } else {
        this.panelsBox.replaceChildren(...this.panels.map((p) => p.figure));
      }
    }

    attachHover(panel) {
      const canvas = panel.canvases[0];
      canvas.addEventListener('pointermove', (e) => {
        const layout = panel.layouts[0];
        if (!layout || !layout.pxToX) return;
        const rect = canvas.getBoundingClientRect();
        this.hover[panel.name] = layout.pxToX(e.clientX - rect.left);
        this.redraw();
      });
      canvas.addEventListener('pointerleave', () => { this.hover[panel.name] = null; this.redraw(); });
    }

    /** "Show test data" and "discretize output": the `map` attribute, so the link and the snippets keep them. */
    mapToggles() {
      const box = (key, label) => {
        const input = el('input', { type: 'checkbox', checked: Boolean(this.mapOptions[key]) });
        input.addEventListener('change', () => {
          this.onViewControl('map', mapAttribute({ ...this.mapOptions, [key]: input.checked }));
          this.shadowRoot.querySelector(`.toggle-${key} input`)?.focus();  // rebuilt: keep the keyboard's place
        });
        return el('label', { className: `toggle toggle-${key}` }, [input, ' ', this.tr(label)]);
      };
      return el('div', { className: 'toggles' }, [box('test', 'show_test'), box('discrete', 'discretize')]);
    }

    /** The unit in focus ({run, layer, unit, pinned}) or null; the panels follow on the next frame. */
    setFocus(focus) {
      const same = (a, b) => (a && b ? a.run === b.run && a.layer === b.layer && a.unit === b.unit && a.pinned === b.pinned : a === b);
      if (same(focus, this.focus)) return;
      this.focus = focus;
      this.lastSummary = 0;  // the summaries name the unit now
      this.redraw();
    }

    showStatus(text, busy = false) {
      setText(this.status, text);  // every frame: written only when it changes (dom.js)
      this.status.classList.toggle('busy', busy);
    }

    renderStatus() {
      const r0 = this.runs[0];
      let text = '';
      const diverged = this.runs.find((r) => r.run.diverged);
      if (diverged) text = this.tr('diverged', { step: diverged.run.steps }) + (diverged.label ? ` (${diverged.label})` : '');
      else if (this.notice) text = this.tr(this.notice.key, this.notice.vars);
      else if (r0 && this.trainer.atLimit(this.runs, this.maxSteps)) text = this.tr('reachedEnd', { step: r0.run.steps, max: this.maxSteps });
      else if (this.playing && this.pace.slow) text = this.tr('slow', { rate: Number(this.pace.rate.toPrecision(2)) });
      else if (this.heavy?.heavy) text = this.tr('heavy', this.heavy);  // said before any step was timed
      this.showStatus(text);
      // Each message once and at most a few: attributes come from anyone (figure-model.js).
      const { shown, more } = capMessages([this.error, this.languageError, this.controlsError,
        this.pointsFailure && this.editsPoints ? this.tr('pointsFailed', { message: this.pointsFailure }) : '', ...this.refusals.map((m) => this.tr(m.name, m.vars)),
        ...this.viewErrors().map((m) => this.tr('badSetting', { message: m }))]);
      setText(this.alert, [...shown, ...(more ? [this.tr('moreMessages', { n: more })] : [])].join(' '));
      setHidden(this.alert, shown.length === 0);
    }

    /** Redraws what changed; `scale`: backing pixels per CSS pixel (the screen's, or 2 for the recorder's PNG). */
    draw(scale = devicePixelRatio || 1) {
      if (!this.dirty || !this.runs.length || !this.panels) return;
      const start = performance.now();
      this.drawPanels(scale);
      // The last 240 redraws in ms, for scripts/bench-page.mjs (with workTimes: the frame's whole cost).
      this.drawTimes.push(performance.now() - start);
      if (this.drawTimes.length > 240) this.drawTimes.shift();
    }

    /** A panel's or cell's width in CSS px as last laid out (ResizeObserver), read once if not yet reported. */
    widthOf(node) {
      let width = this.widths.get(node);
      if (width === undefined) this.widths.set(node, width = node.clientWidth);
      return width;
    }

    drawPanels(scale) {
      this.dirty = false;
      const theme = this.theme;
      const ctx = {
        runs: this.runs, theme, tr: (k, v) => this.tr(k, v), engine: this.engine, hover: this.hover,
        activationX: this.activationX, band: this.getAttribute('band'), lang: this.lang, focus: this.focus,
        mapOptions: this.mapOptions, partErrors: this.partErrors,
      };
      // More backing pixels than 2 per CSS pixel are not seen on a phone at devicePixelRatio 3,
      // but cost 2.25x the painting: the backing store is capped at 2.
      const dpr = Math.min(MAX_BACKING_RATIO, scale || devicePixelRatio || 1);
      // Redraw only what changed: a curve changes with a record, a map when a new one is complete
      // (and at the scale asked for: the recorder's 2x image, then the screen's again). What does
      // not fit in this frame's drawing budget is painted in the next frames (draw-turns.js). A
      // panel with one canvas per run (six 20-layer diagrams in a compare) is painted run by run.
      // The units are kept on their panel: draw-turns.js remembers each one's paint cost.
      const units = this.panels.flatMap((panel) => (panel.units ??= PER_RUN_PANELS.includes(panel.name) && this.runs.length > 1
        ? this.runs.map((_, run) => ({ panel, run })) : [{ panel, run: undefined }]));
      // Every width this frame needs, read before anything is painted: one layout at most
      // (none once the ResizeObserver has reported them).
      for (const p of this.panels) { this.widthOf(p.figure); for (const c of p.canvases) this.widthOf(c.parentElement); }
      ctx.widthOf = (node) => this.widthOf(node);
      const changed = (u) => {
        const width = this.widthOf(u.panel.figure);
        if (width === 0) return false;  // hidden or not laid out yet
        const sub = u.run === undefined ? ctx : { ...ctx, runs: [this.runs[u.run]] };
        u.wanted = `${panelSignature(u.panel.name, sub, width)}@${scale}`;
        return u.wanted !== u.panel.signatures[u.run ?? 0];
      };
      const draw = (u) => {
        const { panel } = u;
        const k = u.run ?? 0;
        // A paint in slices (the network diagram) shows what was wanted when it began: that is
        // its signature once it ends, and until then the panel counts as changed.
        const painting = (ctx.sliceMs !== undefined && (panel.slicing ??= [])[k]) || u.wanted;
        panel.signatures[k] = painting;
        const drawStart = performance.now();
        try {
          // A paint in slices takes what is left of this frame's drawing budget, and 2 ms at least
          // (within the budget): a small diagram, a millisecond in all, is then never spread over frames.
          const sliceMs = ctx.sliceMs === undefined ? undefined
            : Math.max(Math.min(ctx.sliceMs, MIN_SLICE_MS), ctx.sliceMs - (drawStart - framePaintStart));
          panel.layouts = drawPanel(panel, u.run === undefined ? { ...ctx, sliceMs } : { ...ctx, only: u.run, sliceMs },
            size);
          (panel.slicing ??= [])[k] = panel.layouts.unfinished ? painting : undefined;
          if (panel.layouts.unfinished) {
            panel.signatures[k] = undefined;
            this.dirty = true;  // its next slices in the next frames
          }
          // Its last 60 redraws in ms, for scripts/bench-longtasks.mjs (which panel a long frame spent its time on).
          panel.drawTimes.push(performance.now() - drawStart);
          if (panel.drawTimes.length > 60) panel.drawTimes.shift();
        } catch (err) {  // a bug in one panel must not stop the figure: say so where it would have been
          panel.note.textContent = `${panel.name}: ${err.message}`;
          console.error(err);
        }
      };
      // A panel never drawn gets its canvases' sizes at once (the page's layout is right from
      // the first frame), and its paint waits for its turn like any other.
      const size = (canvas, w, h) => sizeCanvas(canvas, w, h, dpr);
      for (const panel of this.panels) {
        if (panel.sized || !this.widthOf(panel.figure)) continue;
        panel.sized = true;
        try { sizePanel(panel, ctx, size); } catch (err) { console.error(err); }
      }
      // The recorder's image (a scale of its own) paints every panel now.
      const turns = scale === (devicePixelRatio || 1) ? this.drawTurns : new DrawTurns({ budgetMs: Infinity });
      // A panel too slow for one frame's budget paints in slices of that budget (the recorder's all at once).
      ctx.sliceMs = Number.isFinite(turns.budgetMs) ? turns.budgetMs : undefined;
      const framePaintStart = performance.now();
      if (turns.run(units, changed, draw)) this.dirty = true;  // panels left for the next frame
      // "First curve drawn" (a budget: 0.5 s after navigation), once a record is on the panels, for bench-page.mjs.
      if (!this.firstDrawn && this.runs.every((r) => r.run.history.rows > 0)) {
        this.firstDrawn = true;
        performance.mark('relu-demo:first-draw', { detail: { id: this.id } });
      }
      this.updateTransport();
      this.renderStatus();
      const now = performance.now();
      if (now - this.lastSummary > SUMMARY_INTERVAL_MS || !this.playing) {
        // Before the first record there is nothing to summarise: keep asking every frame until there is.
        if (this.runs.every((r) => r.run.history.rows > 0)) this.lastSummary = now;
        for (const panel of this.panels) {
          try { setText(panel.summary, summarize(panel.name, ctx)); } catch (err) { console.error(err); }
        }
      }
    }

    /** The records of every run, for export and for the article's live numbers. */
    histories() { return this.runs.map((r) => ({ label: r.label, config: { ...r.config }, history: r.run.history })); }
  }

  customElements.define('relu-demo', ReluDemo);
}
