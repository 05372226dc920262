// One small driver over the three browser engines the page is held to, so the same
// core checks (tests/browser/core-checks.mjs) run in each:
//   chromium: Debian's Chromium through playwright-core (as the other browser tests)
//   firefox:  Debian's Firefox ESR through WebDriver BiDi (puppeteer-core)
//   webkit:   WebKitGTK's MiniBrowser through WebKitWebDriver (selenium-webdriver) on an Xvfb display
// Each engine drives one tab that navigates from page to page (engines take seconds to
// start, pages a second to open). Not a general automation library: only what the checks use.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root, shotsDir } from './harness.mjs';

/** A URL of this repository's test-only error probe (tests/browser/error-probe.js) under `base`. */
export const probeSrc = (base) => `${base}tests/browser/error-probe.js`;

/**
 * A copy of a page of the repository (e.g. 'index.html') in build/probe/, with the error
 * probe as its first script and a <base> so its relative links still resolve. Returns the
 * copy's path relative to the repository, for file:// and http alike.
 */
export function probedCopy(rel) {
  const html = fs.readFileSync(path.join(root, rel), 'utf8');
  const depth = rel.split('/').length - 1;
  const up = '../'.repeat(depth + 2);  // from build/probe/<rel> back to the repository
  // The probe's URL is resolved against the <base>, i.e. from the repository's root.
  const head = `<base href="${up}${path.posix.dirname(rel) === '.' ? '' : `${path.posix.dirname(rel)}/`}">` +
    `<script src="${'../'.repeat(depth)}tests/browser/error-probe.js"></script>`;
  const out = path.join(root, 'build/probe', rel);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, html.replace(/<meta charset="utf-8">/i, (m) => `${m}${head}`));
  return `build/probe/${rel}`;
}

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function waitForPort(port, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Xvfb on the first free display (-displayfd tells which); resolves to {display, stop()}. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let text = '', log = '';
    child.stderr.on('data', (d) => { log += d; });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${log.slice(-300)}`)));
    child.stdio[3].on('data', (d) => {
      text += d;
      if (text.includes('\n')) resolve({ display: `:${text.trim()}`, stop: () => stopChild(child) });
    });
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); });
}

/** The errors collected by error-probe.js in the current page; a page without the probe is an error itself. */
const PROBE_ERRORS = () => (window.__reluErrors ? window.__reluErrors.slice() : ['error-probe.js is not loaded: errors would go unseen']);

class PlaywrightTab {
  static async launch() {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu', '--disable-quic'] });
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const tab = new PlaywrightTab(browser, await context.newPage());
    return tab;
  }
  constructor(browser, page) {
    Object.assign(this, { name: 'chromium', browser, page, native: [] });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') this.native.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => this.native.push(`pageerror: ${e.message}`));
  }
  async goto(url) { this.native = []; await this.page.goto('about:blank'); await this.page.goto(url); }
  evaluate(fn, arg) { return this.page.evaluate(fn, arg); }
  async setSize(width, height) { await this.page.setViewportSize({ width, height }); }
  async screenshot(file) { await this.page.screenshot({ path: file }); }
  close() { return this.browser.close(); }
}

class PuppeteerTab {
  static async launch() {
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true,
      protocol: 'webDriverBiDi' });
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    return new PuppeteerTab(browser, page);
  }
  constructor(browser, page) {
    Object.assign(this, { name: 'firefox', browser, page, native: [] });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') this.native.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => this.native.push(`pageerror: ${e.message}`));
  }
  async goto(url) { this.native = []; await this.page.goto('about:blank'); await this.page.goto(url); }
  evaluate(fn, arg) { return this.page.evaluate(fn, arg); }
  async setSize(width, height) { await this.page.setViewport({ width, height }); }
  async screenshot(file) { await this.page.screenshot({ path: file }); }
  close() { return this.browser.close(); }
}

/** WebKitGTK's MiniBrowser (package webkit2gtk-driver pulls it in), under the machine's multiarch folder. */
function miniBrowser() {
  const lib = '/usr/lib';
  for (const dir of fs.readdirSync(lib)) {
    const file = path.join(lib, dir, 'webkit2gtk-4.1/MiniBrowser');
    if (fs.existsSync(file)) return file;
  }
  throw new Error('MiniBrowser not found under /usr/lib/*/webkit2gtk-4.1/: run scripts/deps.sh (apt-get install webkit2gtk-driver)');
}

class SeleniumTab {
  static async launch() {
    const { Builder } = await import('selenium-webdriver');
    const xvfb = await startXvfb();
    const port = await freePort();
    const server = spawn('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: xvfb.display }, stdio: 'ignore' });
    try {
      await waitForPort(port, 15000);
      const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] },
      }).build();
      await driver.manage().setTimeouts({ script: 60000 });
      const tab = new SeleniumTab(driver, server, xvfb);
      await tab.setSize(1100, 900);
      return tab;
    } catch (err) {
      await stopChild(server);
      await xvfb.stop();
      throw err;
    }
  }
  constructor(driver, server, xvfb) { Object.assign(this, { name: 'webkit', driver, server, xvfb, native: [] }); }
  async goto(url) { await this.driver.get('about:blank'); await this.driver.get(url); }
  /** fn runs in the page (it may be async); its result must survive JSON, as with the other drivers. */
  async evaluate(fn, arg) {
    const script = `var arg = arguments[0], done = arguments[arguments.length - 1];
      Promise.resolve().then(function () { return (${fn})(arg); })
        .then(function (v) { done({ ok: v === undefined ? null : v }); }, function (e) { done({ err: String(e && e.stack || e) }); });`;
    const r = await this.driver.executeAsyncScript(script, arg ?? null);
    if (r && 'err' in r) throw new Error(`in WebKit: ${r.err}`);
    return r.ok;
  }
  async setSize(width, height) { await this.driver.manage().window().setRect({ width, height }); }
  async screenshot(file) { fs.writeFileSync(file, Buffer.from(await this.driver.takeScreenshot(), 'base64')); }
  async close() {
    try { await this.driver.quit(); } finally {
      await stopChild(this.server);
      await this.xvfb.stop();
    }
  }
}

const DRIVERS = { chromium: PlaywrightTab, firefox: PuppeteerTab, webkit: SeleniumTab };

/** Starts an engine with one tab. The tab's methods: goto, evaluate, waitFor, errors, setSize, shot, close. */
export async function launchEngine(name) {
  const tab = await DRIVERS[name].launch();
  /** Polls fn(arg) in the page until it returns something truthy; returns that. The timeout is generous:
   *  on a loaded 2-core machine WebKitGTK under Xvfb draws only a few frames per second. */
  tab.waitFor = async (fn, arg, { timeout = 120000, what = 'condition' } = {}) => {
    const until = Date.now() + timeout;
    for (;;) {
      const v = await tab.evaluate(fn, arg);
      if (v) return v;
      if (Date.now() > until) throw new Error(`${name}: timed out after ${timeout} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** Console errors and warnings, uncaught errors and CSP violations of the current page. */
  tab.errors = async () => [...tab.native, ...await tab.evaluate(PROBE_ERRORS)];
  tab.shot = async (label) => {
    fs.mkdirSync(shotsDir, { recursive: true });
    await tab.screenshot(path.join(shotsDir, `${name}-${label}.png`));
  };
  return tab;
}
