// <relu-demo>: one live figure of ReLU Lab, the unit the article, the full lab
// and bloggers' embeds are all built from. It turns attributes into runs of the
// engine, asks the shared runner for time, and draws its panels with charts.js.
// Not here: numerics (the engine), timing policy (runner.js), URL state (page.js).

import { sizeCanvas } from './charts.js';
import { Trainer } from './trainer.js';
import { t, pickLang } from './i18n.js';
import { parseList, parseCompare, parseConfigText } from './state.js';
import { drawPanel, summarize, PANELS } from './panels.js';
import { STYLE } from './style.js';
import { CONFIG_KEYS, LIVE_KEYS, VIEW_ATTRIBUTES } from './keys.js';
import { recordsToCsv, recordsToJson, shareLink, elementSnippet, iframeSnippet } from './share.js';

const DEFAULT_PANELS = ['loss', 'layers', 'boundary'];
const SLIDER_KEYS = ['depth', 'width'];  // small whole-number ranges read best as sliders
const SUMMARY_INTERVAL_MS = 2000;  // screen-reader summaries update at a calm pace

/** A whole number attribute within [lo, hi], or the fallback. */
export function intAttribute(value, fallback, lo, hi) {
  const n = Number(value);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : fallback;
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('aria') || k === 'role' || k === 'for' || k === 'tabindex') node.setAttribute(
      k.startsWith('aria') ? `aria-${k.slice(4).toLowerCase()}` : k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
}

/** Where the full lab lives, next to the script by default (dist/relu-lab.js -> index.html). */
export function defaultLabUrl(scriptUrl) {
  if (!scriptUrl) return 'index.html';
  return new URL(/\/dist\/[^/]*$/.test(scriptUrl) ? '../index.html' : 'index.html', scriptUrl).href;
}

export function defineReluDemo({ getEngine, runner, scriptUrl = '' }) {
  if (customElements.get('relu-demo')) return;  // the script included twice: keep the first
  let sheet = null;  // one constructable stylesheet shared by every instance (a strict CSP blocks <style>)

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
      this.runs = [];          // figure runs: {run, label, config, grid, next, recordDue} (see trainer.js)
      this.playing = false;
      this.visible = false;
      this.error = '';
      this.hover = {};         // panel -> hovered x
      this.activationX = 1;
      this.lastSummary = 0;
      this.workTimes = [];
      this.trainer = new Trainer({
        onRecord: (r) => {
          if (r.run.diverged) this.emit('relu-diverged', { step: r.run.steps, label: r.label });
          this.emit('relu-record', { label: r.label, record: r.run.latest(), run: this.runs.indexOf(r) });
        },
      });
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
    get every() { return intAttribute(this.getAttribute('every'), 10, 1, 10000); }
    get maxSteps() { return intAttribute(this.getAttribute('steps'), 0, 0, 10000000); }
    get stepsPerFrame() { return intAttribute(this.getAttribute('speed'), this.every, 1, 100000); }
    get panelNames() {
      const names = parseList(this.getAttribute('panels') || '').filter((p) => PANELS.includes(p));
      return names.length ? names : DEFAULT_PANELS;
    }
    /** Messages for presentation attributes the figure cannot use (they fall back to defaults). */
    viewErrors() {
      const errors = [];
      const unknownPanels = parseList(this.getAttribute('panels') || '').filter((p) => !PANELS.includes(p));
      if (unknownPanels.length) errors.push(`panels: unknown '${unknownPanels.join("', '")}'; panels are ${PANELS.join(', ')}`);
      const unknownControls = parseList(this.getAttribute('controls') || '').filter((k) => k !== 'all' && !CONFIG_KEYS.includes(k));
      if (unknownControls.length) errors.push(`controls: unknown '${unknownControls.join("', '")}'; controls are config keys or 'all'`);
      for (const [name, lo, hi] of [['every', 1, 10000], ['steps', 0, 10000000], ['speed', 1, 100000], ['grid', 8, 200]]) {
        const v = this.getAttribute(name);
        if (v !== null && intAttribute(v, NaN, lo, hi) !== Number(v)) errors.push(`${name}=${v}: must be a whole number in [${lo}, ${hi}]`);
      }
      const band = this.getAttribute('band');
      if (band !== null && band !== 'brain' && band !== '') errors.push(`band=${band}: the only band is 'brain'`);
      const transport = this.getAttribute('transport');
      if (transport !== null && transport !== 'none' && transport !== '') errors.push(`transport=${transport}: use 'none' to hide it`);
      return errors;
    }

    get theme() { return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'; }

    connectedCallback() {
      runner.add(this.task);
      this.intersection = new IntersectionObserver((entries) => {
        this.visible = entries[entries.length - 1].isIntersecting;
        if (this.visible) { this.dirty = true; runner.wake(); }
      });
      this.intersection.observe(this);
      this.resize = new ResizeObserver(() => { this.dirty = true; runner.wake(); });
      this.resize.observe(this);
      if (!this.engine) this.showStatus(this.tr('loading'), true);
      getEngine().then((engine) => {
        this.engine = engine;
        if (!this.isConnected) return;
        this.rebuild();
        const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
        if (this.hasAttribute('autoplay') && !reduced) this.setPlaying(true);
      }, (err) => this.showStatus(this.tr('loadFailed', { message: err.message || String(err) })));
    }

    disconnectedCallback() {
      runner.remove(this.task);
      this.intersection?.disconnect();
      this.resize?.disconnect();
      this.disposeRuns(this.runs);
      this.runs = [];
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue || !this.engine) return;
      if (VIEW_ATTRIBUTES.includes(name) && name !== 'compare') {  // how it looks, not what it computes
        if (this.runs.length) this.buildChrome();
        this.dirty = true;
        runner.wake();
        return;
      }
      if (LIVE_KEYS.includes(name) && newValue !== null && this.runs.length && !this.hasAttribute('compare')) {
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

    /** The config text from the attributes, in schema order; {error} if a value holds a separator. */
    configText(extra = {}) {
      const items = [];
      for (const key of CONFIG_KEYS) {
        const value = key in extra ? extra[key] : this.getAttribute(key);
        if (value === null || value === undefined) continue;
        // The engine splits its text on these: a value holding one would read as other keys.
        if (/[&;=\s]/.test(value)) return { error: `${key}=${value}: a value cannot contain spaces, '&', ';' or '='` };
        items.push(`${key}=${value}`);
      }
      return { text: items.join('&') };
    }

    /** Run texts: one, or one per compared value (same seed, one key differs). */
    runSpecs() {
      const compare = parseCompare(this.getAttribute('compare'));
      if (compare && compare.error) return { error: compare.error };
      if (compare && !CONFIG_KEYS.includes(compare.key)) {
        return { error: `compare='${this.getAttribute('compare')}': '${compare.key}' is not a config key` };
      }
      const variants = compare ? compare.values.map((v) => ({ label: `${compare.key}=${v}`, extra: { [compare.key]: v } }))
        : [{ label: '', extra: {} }];
      const specs = [];
      for (const { label, extra } of variants) {
        const { text, error } = this.configText(extra);
        if (error) return { error };
        specs.push({ label, text });
      }
      return { specs };
    }

    rebuild() {
      const { specs, error } = this.runSpecs();
      const checked = error ? [] : specs.map((s) => ({ ...s, result: this.engine.check(s.text) }));
      const bad = error || checked.map((c) => c.result).find((r) => !r.ok)?.error;
      if (bad) {
        // Nothing half-applies: keep the runs we have; with none yet, fall back to the defaults.
        this.error = this.tr('badSetting', { message: bad });
        if (this.runs.length) { this.buildChrome(); this.dirty = true; runner.wake(); return; }
        checked.length = 0;
        checked.push({ label: '', text: '', result: this.engine.check('') });
      } else {
        this.error = '';
      }
      const old = this.runs;
      this.runs = checked.map((c) => {
        const run = this.engine.createRun(c.result.full);
        return { run, label: c.label, config: parseConfigText(c.result.full), grid: null, next: null, recordDue: false };
      });
      this.disposeRuns(old);
      this.trainer.pastLimit = false;  // new runs start below any step limit
      this.buildChrome();
      this.dirty = true;
      runner.wake();
      this.emitConfig();
    }

    /** Tells the page the settings changed; byUser when a control or button of this figure did it. */
    emitConfig() {
      this.emit('relu-config', { text: this.runs[0].run.text, byUser: this.changedByUser });
      this.changedByUser = false;
    }

    disposeRuns(runs) { for (const r of runs) r.run.dispose(); }

    setLive(key, value) {
      const message = this.runs.map((r) => r.run.set(key, value)).find(Boolean);
      if (message) {
        this.error = this.tr('badSetting', { message });
      } else {
        this.error = '';
        for (const r of this.runs) r.config[key] = value;
      }
      this.renderStatus();
      this.emitConfig();
    }

    setPlaying(on) {
      // Play at the step limit means "keep going": the limit is for how far a figure runs by itself.
      if (on && this.trainer.atLimit(this.runs, this.maxSteps)) this.trainer.pastLimit = true;
      this.playing = on;
      this.updateTransport();
      runner.wake();
    }

    reset(newSeed = false) {
      if (newSeed) {
        const seed = ((Number(this.runs[0]?.config.seed) || 0) + 1) % 2147483648;  // the schema's range wraps
        this.changedByUser = true;
        this.setAttribute('seed', String(seed));  // rebuilds through attributeChangedCallback
        return;
      }
      for (const r of this.runs) r.run.reset();
      this.trainer.reset(this.runs);
      this.error = '';
      this.dirty = true;
      this.renderStatus();
      runner.wake();
    }

    stepOnce() {
      this.setPlaying(false);
      this.trainer.stepOnce(this.runs, this.every);
      this.dirty = true;
      runner.wake();
    }

    emit(type, detail) { this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })); }

    // ---- time (called by the runner) -------------------------------------

    gridWanted() {
      return this.panelNames.some((p) => p === 'boundary' || p === 'regions') && this.runs.some((r) => r.config.data !== 'digits');
    }

    wantsTime() {
      if (!this.engine || !this.runs.length || !this.visible || document.hidden) return false;
      const mapsBehind = this.gridWanted() && this.trainer.mapsBehind(this.runs);
      return this.dirty || mapsBehind || (this.playing && this.runs.some((r) => !r.run.diverged));
    }

    work(deadline) {
      const start = performance.now();
      try {
        this.workFrame(deadline);
      } catch (err) {  // a bug must not freeze the figure silently: stop, and say so inside it
        this.setPlaying(false);
        this.error = err.message || String(err);
        this.renderStatus();
        console.error(err);
      }
      // The last 240 frames' work in ms, for scripts/bench-page.mjs (the 10 ms budget).
      this.workTimes.push(performance.now() - start);
      if (this.workTimes.length > 240) this.workTimes.shift();
    }

    workFrame(deadline) {
      const now = performance.now();
      const maps = this.gridWanted();
      // When a decision map is behind, training leaves it 40% of this frame's share:
      // a large net could otherwise spend every frame on steps and never show a map.
      const trainUntil = maps && this.trainer.mapsBehind(this.runs) ? now + 0.6 * (deadline - now) : deadline;
      if (this.playing) {
        const stop = this.trainer.train(this.runs, trainUntil,
          { every: this.every, maxSteps: this.maxSteps, quota: this.stepsPerFrame });
        if (stop) this.setPlaying(false);
        this.dirty = true;
      }
      if (maps && this.trainer.workMaps(this.runs, deadline, intAttribute(this.getAttribute('grid'), 48, 8, 200))) {
        this.dirty = true;
      }
    }

    // ---- DOM --------------------------------------------------------------

    /** Transport, controls and panel skeletons, in the current language. */
    buildChrome() {
      this.frame.setAttribute('aria-label', this.tr('figure'));
      this.buildTransport();
      this.buildControls();
      this.buildPanels();
      this.renderStatus();
    }

    buildTransport() {
      const button = (key, hint, onClick) => el('button', { type: 'button', className: key, text: this.tr(key),
        title: hint, onclick: onClick });
      this.playButton = button('play', this.tr('playHint'), () => this.setPlaying(!this.playing));
      this.counter = el('span', { className: 'counter', ariaLive: 'off' });
      this.transport.hidden = this.getAttribute('transport') === 'none';
      this.transport.replaceChildren(
        this.playButton,
        button('step', this.tr('stepHint', { n: this.every }), () => this.stepOnce()),
        button('reset', this.tr('resetHint'), () => this.reset(false)),
        button('newSeed', this.tr('newSeedHint'), () => this.reset(true)),
        this.counter,
        this.buildMenu());
      this.updateTransport();
    }

    /** Share & export: a disclosure (keyboard-operable as it is) with links, snippets and downloads. */
    buildMenu() {
      const summary = el('summary', { text: this.tr('menu') });
      const body = el('div', { className: 'menu-body' });
      const menu = el('details', { className: 'menu' }, [summary, body]);
      menu.addEventListener('toggle', () => { if (menu.open) this.fillMenu(body); });
      return menu;
    }

    /** The element's attributes as they stand, with the seed the runs actually use. */
    attributesNow() {
      const attrs = {};
      for (const a of this.attributes) attrs[a.name] = a.value;
      if (this.runs[0]) attrs.seed = this.runs[0].config.seed;
      delete attrs.autoplay;
      return attrs;
    }

    fillMenu(body) {
      const attrs = this.attributesNow();
      const labUrl = this.getAttribute('lab-url') || defaultLabUrl(scriptUrl);
      const link = shareLink(labUrl, attrs);
      const snippet = `${elementSnippet(scriptUrl || 'relu-lab.js', attrs)}`;
      const note = el('p', { className: 'menu-note', role: 'status' });
      const copyable = (labelKey, value, rows, className) => {
        const id = `m-${className}`;
        const field = rows === 1
          ? el('input', { id, className, readOnly: true, value })
          : el('textarea', { id, className, readOnly: true, rows, value });
        const copy = el('button', { type: 'button', text: this.tr(rows === 1 ? 'copyLink' : 'copyEmbed'),
          onclick: () => this.copy(field, note) });
        return el('div', { className: 'copyable' }, [el('label', { for: id, text: this.tr(labelKey) }), field, copy]);
      };
      const downloads = [
        el('button', { type: 'button', className: 'csv', text: this.tr('downloadCsv'),
          onclick: () => this.download('relu-lab-records.csv', new Blob([recordsToCsv(this.histories())], { type: 'text/csv' })) }),
        el('button', { type: 'button', className: 'json', text: this.tr('downloadJson'),
          onclick: () => this.download('relu-lab-records.json', new Blob([recordsToJson(this.histories())], { type: 'application/json' })) }),
        ...(this.panels || []).flatMap((p) => p.canvases.map((canvas, i) => el('button', {
          type: 'button', className: `png png-${p.name}`,
          text: this.tr('downloadPng', { panel: this.tr(`panel_${p.name}`) + (p.canvases.length > 1 ? ` ${i + 1}` : '') }),
          onclick: () => canvas.toBlob((blob) => this.download(`relu-lab-${p.name}${p.canvases.length > 1 ? `-${i + 1}` : ''}.png`, blob), 'image/png'),
        }))),
      ];
      body.replaceChildren(
        copyable('linkLabel', link, 1, 'link'),
        copyable('embedLabel', `${snippet}\n\n<!-- ${this.tr('iframeLabel')} -->\n${iframeSnippet(labUrl, attrs)}`, 5, 'snippet'),
        el('div', { className: 'downloads' }, downloads),
        note);
    }

    async copy(field, note) {
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
        note.textContent = this.tr('copied');
      } catch {
        note.textContent = this.tr('copyManual');  // file:// or no permission: the text is selected
      }
    }

    download(name, blob) {
      const a = el('a', { href: URL.createObjectURL(blob), download: name });
      this.shadowRoot.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    }

    updateTransport() {
      if (!this.playButton) return;
      this.playButton.textContent = this.tr(this.playing ? 'pause' : 'play');
      this.playButton.setAttribute('aria-pressed', String(this.playing));
      if (this.counter && this.runs.length) this.counter.textContent = this.tr('stepCounter', { n: this.runs[0].run.steps });
    }

    buildControls() {
      const wanted = parseList(this.getAttribute('controls') || '');
      const keys = wanted.includes('all') ? CONFIG_KEYS : wanted.filter((k) => CONFIG_KEYS.includes(k));
      const config = this.runs[0]?.config || {};
      const fields = keys.map((key) => {
        const spec = this.engine.schema.find((s) => s.name === key);
        const id = `c-${key}`;
        let input;
        if (spec.type === 'choice') {
          input = el('select', { id }, spec.choices.map((c) => el('option', { value: c, text: c })));
          if (key === 'preset') input.prepend(el('option', { value: '', text: '—' }));
        } else if (SLIDER_KEYS.includes(key)) {
          input = el('input', { id, type: 'range', min: spec.min, max: spec.max, step: '1' });
        } else {
          input = el('input', { id, type: 'number', min: spec.min, max: spec.max, inputMode: 'decimal',
            step: spec.type === 'integer' ? '1' : 'any' });
        }
        input.value = key === 'preset' ? (this.getAttribute('preset') || '') : (config[key] ?? spec.default);
        input.title = spec.help;
        input.addEventListener('change', () => this.onControl(key, input.value));
        const compared = parseCompare(this.getAttribute('compare'));
        if (compared?.key === key) {  // the runs differ in this key: one control cannot show them all
          input.disabled = true;
          input.title = this.tr('comparedHint', { values: compared.values.join(', ') });
        }
        const name = el('span', { text: this.tr(`key_${key}`) });
        if (input.type === 'range') {
          // A slider shows its value beside the name, and follows the drag before the change lands.
          const value = el('output', { text: input.value });
          input.addEventListener('input', () => { value.textContent = input.value; });
          name.append(': ', value);
        }
        return el('label', { className: 'field', for: id }, [name, input]);
      });
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
      this.setAttribute(key, value);  // the attribute is the state; callbacks do the rest
    }

    buildPanels() {
      const names = this.panelNames;
      this.panels = names.map((name) => {
        const many = (name === 'boundary' || name === 'regions') ? this.runs.length : 1;
        const canvases = Array.from({ length: many }, (_, i) => {
          const c = el('canvas', { role: 'img' });
          c.setAttribute('aria-label', this.tr(`panel_${name}`) + (this.runs[i]?.label ? ` (${this.runs[i].label})` : ''));
          return c;
        });
        const title = el('div', { className: 'title', text: this.tr(`panel_${name}`) });
        const summary = el('p', { className: 'summary' });
        const note = el('div', { className: 'note' });
        const figure = el('figure', { className: `panel panel-${name}` },
          [title, el('div', { className: 'canvases' }, canvases.map((c) => el('div', { className: 'cell' }, [c]))), note,
            summary]);
        const panel = { name, figure, canvases, summary, note, layouts: [] };
        if (name === 'activation') this.attachActivationSlider(panel);
        else this.attachHover(panel);
        return panel;
      });
      this.panelsBox.replaceChildren(...this.panels.map((p) => p.figure));
    }

    attachHover(panel) {
      const canvas = panel.canvases[0];
      canvas.addEventListener('pointermove', (e) => {
        const layout = panel.layouts[0];
        if (!layout || !layout.pxToX) return;
        const rect = canvas.getBoundingClientRect();
        this.hover[panel.name] = layout.pxToX(e.clientX - rect.left);
        this.dirty = true;
        runner.wake();
      });
      canvas.addEventListener('pointerleave', () => { this.hover[panel.name] = null; this.dirty = true; runner.wake(); });
    }

    /** The activation plot's x is a slider: drag it, or focus it and use the arrow keys. */
    attachActivationSlider(panel) {
      const canvas = panel.canvases[0];
      canvas.setAttribute('role', 'slider');
      canvas.setAttribute('tabindex', '0');
      canvas.setAttribute('aria-label', this.tr('slider_x'));
      canvas.setAttribute('aria-valuemin', '-4');
      canvas.setAttribute('aria-valuemax', '4');
      canvas.setAttribute('aria-valuenow', String(this.activationX));
      const moveTo = (x) => {
        this.activationX = Math.round(Math.max(-4, Math.min(4, x)) * 100) / 100;
        canvas.setAttribute('aria-valuenow', String(this.activationX));
        this.dirty = true;
        runner.wake();
      };
      const fromPointer = (e) => {
        const layout = panel.layouts[0];
        if (!layout) return;
        const rect = canvas.getBoundingClientRect();
        moveTo(layout.pxToX(e.clientX - rect.left));
      };
      canvas.addEventListener('pointerdown', (e) => { canvas.setPointerCapture?.(e.pointerId); fromPointer(e); });
      canvas.addEventListener('pointermove', (e) => { if (e.buttons) fromPointer(e); });
      canvas.addEventListener('keydown', (e) => {
        const steps = { ArrowLeft: -0.1, ArrowDown: -0.1, ArrowRight: 0.1, ArrowUp: 0.1, PageDown: -1, PageUp: 1 };
        if (e.key in steps) { moveTo(this.activationX + steps[e.key]); e.preventDefault(); }
        else if (e.key === 'Home') { moveTo(-4); e.preventDefault(); }
        else if (e.key === 'End') { moveTo(4); e.preventDefault(); }
      });
    }

    showStatus(text, busy = false) {
      this.status.textContent = text;
      this.status.classList.toggle('busy', busy);
    }

    renderStatus() {
      const r0 = this.runs[0];
      let text = '';
      const diverged = this.runs.find((r) => r.run.diverged);
      if (diverged) text = this.tr('diverged', { step: diverged.run.steps }) + (diverged.label ? ` (${diverged.label})` : '');
      else if (r0 && this.trainer.atLimit(this.runs, this.maxSteps)) text = this.tr('reachedEnd', { step: r0.run.steps, max: this.maxSteps });
      this.showStatus(text);
      const messages = [this.error, ...this.viewErrors().map((m) => this.tr('badSetting', { message: m }))].filter(Boolean);
      this.alert.textContent = messages.join(' ');
      this.alert.hidden = messages.length === 0;
    }

    draw() {
      if (!this.dirty || !this.runs.length || !this.panels) return;
      this.dirty = false;
      if (!this.firstDrawn) {  // "first curve point drawn" (a budget in DESIGN.md), for the page benchmark
        this.firstDrawn = true;
        performance.mark('relu-demo:first-draw');
      }
      const theme = this.theme;
      const ctx = {
        runs: this.runs, theme, tr: (k, v) => this.tr(k, v), engine: this.engine, hover: this.hover,
        activationX: this.activationX, band: this.getAttribute('band'), lang: this.lang,
      };
      for (const panel of this.panels) {
        const width = panel.figure.clientWidth;
        if (width === 0) continue;  // hidden or not laid out yet
        try {
          panel.layouts = drawPanel(panel, ctx, (canvas, w, h) => sizeCanvas(canvas, w, h, devicePixelRatio || 1));
        } catch (err) {  // a bug in one panel must not stop the figure: say so where it would have been
          panel.note.textContent = `${panel.name}: ${err.message}`;
          console.error(err);
        }
      }
      this.updateTransport();
      this.renderStatus();
      const now = performance.now();
      if (now - this.lastSummary > SUMMARY_INTERVAL_MS || !this.playing) {
        this.lastSummary = now;
        for (const panel of this.panels) {
          try { panel.summary.textContent = summarize(panel.name, ctx); } catch (err) { console.error(err); }
        }
      }
    }

    /** The records of every run, for export and for the article's live numbers. */
    histories() { return this.runs.map((r) => ({ label: r.label, config: { ...r.config }, history: r.run.history })); }
  }

  customElements.define('relu-demo', ReluDemo);
}
