// Edge cases of <relu-demo> found in review: each was a real bug once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, root } from './harness.mjs';

const fixtures = path.join(root, 'build/fixtures');
let browser, server;
before(async () => {
  browser = await launch();
  server = await serve({ root });
  fs.mkdirSync(fixtures, { recursive: true });
});
after(async () => { await browser?.close(); await server?.close(); });

async function pageWith(body) {
  const name = `edge-${Math.random().toString(36).slice(2)}.html`;
  fs.writeFileSync(path.join(fixtures, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="/dist/relu-lab.js" charset="utf-8"></script></head><body>${body}</body></html>`);
  // Fixtures are served from the repository root, so /dist/ resolves.
  return openPage(browser, `${server.url}build/fixtures/${name}`);
}
const ready = (page, sel = '#a') => page.waitForFunction((s) => document.querySelector(s).runs?.length > 0, sel);
const alertOf = (page, sel = '#a') => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.alert').textContent, sel);

test('a figure removed while a change is pending builds nothing and leaks nothing', async () => {
  const page = await pageWith('<relu-demo id="keep" preset="lab"></relu-demo>');
  await ready(page, '#keep');
  const heap = await page.evaluate(async () => {
    const engine = document.querySelector('#keep').engine;
    const cycle = async () => {
      const d = document.createElement('relu-demo');
      d.setAttribute('preset', 'sparse');
      document.body.append(d);
      while (!d.runs?.length) await new Promise((r) => setTimeout(r, 1));
      d.setAttribute('seed', '9');  // queues a rebuild...
      d.remove();                   // ...that must not run
      await new Promise((r) => setTimeout(r, 0));
      return d.runs.length;
    };
    await cycle();
    const baseline = engine.heapInUse();
    let leftover = 0;
    for (let i = 0; i < 30; i++) leftover += await cycle();
    return { baseline, after: engine.heapInUse(), leftover };
  });
  assert.equal(heap.leftover, 0, 'no runs kept by removed figures');
  assert.equal(heap.after, heap.baseline);
  await page.context().close();
});

test('removing a live attribute (lr) goes back to the default, and the value cannot smuggle keys', async () => {
  const page = await pageWith('<relu-demo id="a" preset="lab" lr="0.05"></relu-demo>');
  await ready(page);
  await page.evaluate(() => document.querySelector('#a').removeAttribute('lr'));
  await page.waitForFunction(() => document.querySelector('#a').runs[0].config.lr === '0.1');
  assert.equal(await alertOf(page), '');
  await page.evaluate(() => document.querySelector('#a').setAttribute('lr', '0.05&depth=5'));
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.alert').textContent !== '');
  assert.match(await alertOf(page), /lr=0\.05&depth=5: a value cannot contain spaces, '&', ';' or '='\. The figure keeps lr=0\.1\./);
  assert.equal(await page.evaluate(() => document.querySelector('#a').runs[0].run.depth), 2);
  await page.evaluate(() => document.querySelector('#a').setAttribute('seed', '1 depth=5'));
  await page.waitForFunction(() => /seed=1 depth=5: a value cannot contain/.test(document.querySelector('#a').shadowRoot.querySelector('.alert').textContent));
  await page.context().close();
});

test('steps="25" stops at exactly 25 with a record there; play then goes on', async () => {
  const page = await pageWith('<relu-demo id="a" preset="lab" steps="25" speed="100" autoplay></relu-demo>');
  await page.waitForFunction(() => document.querySelector('#a').runs?.[0] && !document.querySelector('#a').playing
    && document.querySelector('#a').runs[0].run.steps > 0);
  const state = await page.evaluate(() => {
    const d = document.querySelector('#a');
    return { steps: d.runs[0].run.steps, last: d.runs[0].run.latest().step, status: d.shadowRoot.querySelector('.status').textContent };
  });
  assert.deepEqual([state.steps, state.last], [25, 25]);
  assert.match(state.status, /Stopped at step 25/);
  await page.evaluate(() => document.querySelector('#a').shadowRoot.querySelector('button.play').click());
  await page.waitForFunction(() => document.querySelector('#a').runs[0].run.steps >= 60);
  await page.context().close();
});

test('reset drops a pending record: the history restarts with one step-0 row', async () => {
  const page = await pageWith('<relu-demo id="a" preset="lab"></relu-demo>');
  await ready(page);
  await page.evaluate(() => {
    const d = document.querySelector('#a');
    d.stepOnce();  // Step trains over the next frames (bounded work per frame)
    d.runs[0].recordDue = true;  // as the scheduler leaves it when a record did not fit a frame
    d.reset();
    d.stepOnce();
  });
  await page.waitForFunction(() => {
    const d = document.querySelector('#a');
    return d.runs[0].run.steps === 10 && !d.trainer.owed(d.runs);
  });
  const steps = await page.evaluate(() => [...document.querySelector('#a').runs[0].run.history.fields.step]);
  assert.deepEqual(steps, [0, 10]);
  await page.context().close();
});

test('comparing 2-D data with digits keeps training; the digits map says why it is empty', async () => {
  const page = await pageWith('<relu-demo id="a" compare="data=circle,digits" panels="loss,boundary" autoplay></relu-demo>');
  await page.waitForFunction(() => document.querySelector('#a').runs?.[1]?.run.steps >= 60, null, { timeout: 20000 });
  const note = await page.evaluate(() => document.querySelector('#a').shadowRoot.querySelector('.panel-boundary .note').textContent);
  assert.match(note, /data=digits: This panel needs 2-D data/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('presentation attributes the figure cannot use are reported inside it', async () => {
  const page = await pageWith('<relu-demo id="a" preset="lab" panels="loss,bogus" every="0" transport="off"></relu-demo>');
  await ready(page);
  const alert = await alertOf(page);
  assert.match(alert, /panels: unknown 'bogus'; panels are activation, loss/);
  assert.match(alert, /every=0: must be a whole number in \[1, 10000\]/);
  assert.match(alert, /transport=off: use 'none' to hide it/);
  await page.context().close();
});
