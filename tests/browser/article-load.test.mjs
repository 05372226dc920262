// The article's load (index.html) in Chromium: the figures in view are built first.
// CHECKOUT=other/built/checkout serves that checkout's page instead (to see these fail on main).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, openPage, root } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve({ root: process.env.CHECKOUT || root }); });
after(async () => { await browser?.close(); await server?.close(); });

const allBuilt = (page) => page.waitForFunction(() => [...document.querySelectorAll('relu-demo')].every((d) => d.runs?.length > 0),
  null, { timeout: 60000 });

/** The article at `hash`, with `init` run in the page before any of its own scripts. */
async function load(hash, { width = 1280, height = 900, init = null } = {}) {
  const page = await openPage(browser, null, { width, height });
  if (init) await page.addInitScript(init);
  await page.goto(`${server.url}index.html${hash}`);
  await allBuilt(page);
  return page;
}

test('the figures in view are built before those out of view', async () => {
  // Each figure says relu-config once its first runs are in: the order they were built in.
  const page = await load('#dead-relu', { init: () => {
    window.builtOrder = [];
    document.addEventListener('relu-config', (e) => { if (!window.builtOrder.includes(e.target.id)) window.builtOrder.push(e.target.id); });
  } });
  const { order, inView } = await page.evaluate(() => ({ order: window.builtOrder,
    inView: [...document.querySelectorAll('#dead-relu relu-demo')].filter((d) => d.getBoundingClientRect().top < innerHeight).map((d) => d.id) }));
  assert.ok(inView.length > 0, 'a figure of #dead-relu is in view');
  assert.equal(order.length, 16);
  assert.ok(inView.includes(order[0]), `built first: ${order[0]} (in view: ${inView.join(', ')}); order ${order.join(', ')}`);
  await page.context().close();
});
