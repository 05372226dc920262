// Shared set-up for the browser tests: Debian's Chromium through playwright-core,
// a static server on a free port, and a page wrapper that records console errors.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const shotsDir = path.join(root, 'build/screenshots');
export const fileUrl = (rel) => pathToFileURL(path.join(root, rel)).href;

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu', '--disable-quic'] });
}

export { serve };

/**
 * Chromium's console report of a worker the page's CSP refused (a blob: worker where the
 * policy lists only script origins): the policy at work, after which figures train on the
 * page's thread (web/worker-client.js). Tests of such pages leave this one line out.
 */
export const REFUSED_WORKER = /^error: Creating a worker from '[^']*' violates the following Content Security Policy directive/;

/** A new page whose console errors and page errors are collected in page.errors. */
export async function openPage(browser, url, { width = 1100, height = 1400, colorScheme = 'light', reducedMotion } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') page.errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  if (url) await page.goto(url);
  return page;
}

export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), ...options });
}

/**
 * Opens the figure's share menu and waits until its contents are in: they are built by a
 * lazily loaded part (dist/relu-lab-share.js) the first time a menu opens.
 */
export async function openShareMenu(page, selector) {
  await page.evaluate((s) => { document.querySelector(s).shadowRoot.querySelector('details.menu').open = true; }, selector);
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('details.menu .menu-body textarea.snippet'), selector);
}

/** Waits until the figure (CSS selector) has a run at or past `steps`; returns its step count. */
export async function waitForSteps(page, selector, steps, timeout = 20000) {
  await page.waitForFunction(([sel, n]) => {
    const d = document.querySelector(sel);
    return d && d.runs && d.runs.length > 0 && d.runs[0].run.steps >= n;
  }, [selector, steps], { timeout });
  return page.evaluate((sel) => document.querySelector(sel).runs[0].run.steps, selector);
}

/** Distinct colours of a canvas of the figure's panel, read back from its pixels. */
export async function panelColors(page, selector, panel, index = 0) {
  return page.evaluate(([sel, name, i]) => {
    const d = document.querySelector(sel);
    const canvas = d.shadowRoot.querySelectorAll(`.panel-${name} canvas`)[i];
    if (!canvas || canvas.width === 0) return { count: 0, colors: [] };
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = new Map();
    for (let p = 0; p < data.length; p += 4) {
      const key = `${data[p]},${data[p + 1]},${data[p + 2]}`;
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    return { count: counts.size, colors: [...counts.entries()].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1]) };
  }, [selector, panel, index]);
}

/** Whether a colour (hex) appears among a canvas's pixels, within a small tolerance. */
export function hasColor(colors, hex, tol = 6) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return colors.some(([key]) => {
    const [R, G, B] = key.split(',').map(Number);
    return Math.abs(R - r) <= tol && Math.abs(G - g) <= tol && Math.abs(B - b) <= tol;
  });
}

export function loadText(page, selector) {
  return page.evaluate((sel) => {
    const d = document.querySelector(sel);
    return { status: d.shadowRoot.querySelector('.status').textContent, alert: d.shadowRoot.querySelector('.alert').textContent };
  }, selector);
}
