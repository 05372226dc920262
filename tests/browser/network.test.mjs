// The units themselves, in a real Chromium with pixels read: the network diagram
// and its unit maps, dead units, focus by keyboard and pointer, the screen-reader
// summary, phones; the decision map's contour, test points and discrete colours;
// the lab's layout and its panel and compare controls; the alpha field; what a
// paused figure says when its setting changes; autoplay in view; the first screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WEIGHT_COLORS } from '../../web/network-chart.js';
import { probColor } from '../../web/charts.js';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, screenshot, waitForSteps, panelColors, hasColor, root, openShareMenu } from './harness.mjs';

const LAB = '#lab';
let browser, server;
before(async () => {
  browser = await launch();
  server = await serve({ root });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const rgbHex = (rgb) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const shadow = (page, sel, css) => page.evaluate(([s, c]) => {
  const node = document.querySelector(s).shadowRoot.querySelector(c);
  // hidden: as drawn (no boxes), not only the attribute, which a display rule can override.
  return node ? { text: node.textContent, hidden: node.getClientRects().length === 0, attribute: node.hidden } : null;
}, [sel, css]);

/** Colours of the network canvas between its first two columns of nodes: links only, no unit maps. */
function linkColors(page, sel) {
  return page.evaluate((s) => {
    const d = document.querySelector(s);
    const p = d.panels.find((q) => q.name === 'network');
    const layout = p.layouts[0], canvas = p.canvases[0];
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const x0 = Math.ceil((layout.columns[0].x + layout.node + 4) * ratio), x1 = Math.floor((layout.columns[1].x - 4) * ratio);
    const data = canvas.getContext('2d').getImageData(x0, 0, x1 - x0, canvas.height).data;
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    return [...counts.entries()].filter(([, n]) => n >= 3);
  }, sel);
}

/**
 * The colours of the decision map's cells, read at each cell's centre pixel, leaving out
 * cells with a training or test point near their centre (a dot's rim blends into the map):
 * [[r,g,b key, count]].
 */
function mapCellColors(page, sel) {
  return page.evaluate((s) => {
    const d = document.querySelector(s);
    const r = d.runs[0], g = r.map.shown;
    const p = d.panels.find((q) => q.name === 'boundary');
    const layout = p.layouts[0], canvas = p.canvases[0];
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const pts = [r.points, r.testPoints].filter(Boolean).flatMap((q) => Array.from(q.x, (x, i) => [layout.xToPx(x), layout.yToPx(q.y[i])]));
    const counts = new Map();
    const { x0, x1, y0, y1 } = g.box;
    for (let row = 0; row < g.n; row++) {
      for (let col = 0; col < g.n; col++) {
        const px = layout.xToPx(x0 + (x1 - x0) * (col + 0.5) / g.n), py = layout.yToPx(y1 - (y1 - y0) * (row + 0.5) / g.n);
        if (pts.some(([qx, qy]) => Math.hypot(qx - px, qy - py) < 6)) continue;
        const o = 4 * (Math.round(py * ratio) * canvas.width + Math.round(px * ratio));
        const key = `${data[o]},${data[o + 1]},${data[o + 2]}`;
        counts.set(key, (counts.get(key) || 0) + 1);
      }
    }
    return [...counts.entries()];
  }, sel);
}

/** Waits until run 0's unit maps (and, if asked, its decision map) are complete for some step. */
/**
 * The link colours once both signs are on the canvas, or after 20 s whatever is there: on a
 * loaded machine a diagram resized or rebuilt just before the read waits its turn to repaint.
 */
async function settledLinkColors(page, sel) {
  const both = (links) => hasColor(links, WEIGHT_COLORS.positive, 10) && hasColor(links, WEIGHT_COLORS.negative, 10);
  let links = await linkColors(page, sel);
  for (const end = Date.now() + 20000; !both(links) && Date.now() < end;) {
    await page.waitForTimeout(100);
    links = await linkColors(page, sel);
  }
  return links;
}

async function waitForMaps(page, sel, { decision = true } = {}) {
  await page.waitForFunction(([s, d]) => {
    const r = document.querySelector(s).runs?.[0];
    return r && r.unitMap.shown && (!d || r.map.shown);
  }, [sel, decision], { timeout: 30000 });
  // And the network diagram, if the figure shows one, painted to its end with a unit map (a deep
  // one is painted over several frames): its signature names the unit map it shows.
  await page.waitForFunction((s) => {
    const d = document.querySelector(s);
    const p = d.panels.find((q) => q.name === 'network');
    // panels.js panelSignature: '|'-separated, the runs' part 'recorded:step:map version:unit map version:points'.
    const unitMapShown = (sig) => Number(sig?.split('|')[4]?.split(':')[3]) > 0;
    return !p || (p.layouts?.[0] && p.signatures.some(unitMapShown));
  }, sel, { timeout: 30000 });
  await page.waitForTimeout(200);  // the next frame draws them
}

test('the network diagram: every unit drawn with its map, links in both signs, the output map', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=xor&depth=2&width=8&seed=2&lr=0.3`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 100);
  await waitForMaps(page, LAB);
  assert.deepEqual(page.errors, []);
  const links = await settledLinkColors(page, LAB);
  assert.ok(hasColor(links, WEIGHT_COLORS.positive, 10), 'positive links');
  assert.ok(hasColor(links, WEIGHT_COLORS.negative, 10), 'negative links');
  const { colors } = await panelColors(page, LAB, 'network');
  assert.ok(hasColor(colors, '#eeeeee', 2), 'off cells of unit maps');
  const layout = await page.evaluate((s) => {
    const d = document.querySelector(s);
    const p = d.panels.find((q) => q.name === 'network');
    return p.layouts[0].columns.map((c) => c.nodes.length);
  }, LAB);
  assert.deepEqual(layout, [2, 8, 8, 1], 'inputs, every hidden unit, the output');
  // Each drawn unit's map is the engine's on/off bits for that unit (16 x 16 cells).
  const maps = await page.evaluate((s) => {
    const r = document.querySelector(s).runs[0];
    return [0, 7, 8, 15].map((u) => Array.from(r.unitMap.unitCells(u)).reduce((a, b) => a + b, 0));
  }, LAB);
  assert.ok(maps.every((n) => n >= 0 && n <= 256), maps.join(','));
  await screenshot(page, 'network-lab-1280', { fullPage: false });
  await page.context().close();
});

test('above 16 units a layer shows a subset and "+N more"; dead units are grey and crossed, and named', async () => {
  // bias = -1: many units start with z < 0 for every input (dead); width 40 > 16.
  const page = await openPage(browser, `${server.url}index.html#data=circle&depth=3&width=40&bias=-1&seed=1`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 20);
  await waitForMaps(page, LAB);
  // Summaries follow the figure at a calm pace (every 2 s while it plays): wait for the first.
  await page.waitForFunction((s) => document.querySelector(s).panels.find((q) => q.name === 'network').summary.textContent !== '',
    LAB, { timeout: 10000 });
  await page.evaluate((s) => document.querySelector(s).setPlaying(false), LAB);  // the summary and the stats of one step
  await page.waitForTimeout(300);
  const info = await page.evaluate((s) => {
    const d = document.querySelector(s);
    const p = d.panels.find((q) => q.name === 'network');
    const r = d.runs[0];
    const dead = [0, 1, 2].map((l) => Array.from(r.run.unitStats(l).active.keys()).filter((u) => r.run.unitStats(l).active[u] === 0).map((u) => u + 1));
    return { drawn: p.layouts[0].columns.map((c) => c.nodes.length), more: p.layouts[0].columns.map((c) => c.more),
      dead, summary: p.summary.textContent };
  }, LAB);
  assert.deepEqual(info.drawn, [2, 15, 15, 15, 1]);
  assert.deepEqual(info.more, [0, 25, 25, 25, 0]);
  assert.ok(info.dead[0].length > 0, 'some dead units in layer 1');
  // The screen-reader summary names the dead units of each layer, every one of them.
  for (let l = 0; l < 3; l++) {
    const named = info.dead[l].length ? info.dead[l].join(', ') : 'none';
    assert.ok(info.summary.includes(`layer ${l + 1}: ${named}`), `${info.summary} / layer ${l + 1}: ${named}`);
  }
  const { colors } = await panelColors(page, LAB, 'network');
  assert.ok(hasColor(colors, '#aaaaaa', 2), 'dead units are grey');
  assert.ok(hasColor(colors, '#333333', 20), 'and crossed');
  assert.ok((await panelColors(page, LAB, 'network')).count > 10);
  await screenshot(page, 'network-dead-1280');
  await page.context().close();
});

test('keyboard: focus the diagram, arrows move between units, the map shows the unit in focus with its numbers', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=xor&depth=2&width=8&seed=2`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 50);
  await waitForMaps(page, LAB);
  await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.panel-network canvas').focus(), LAB);
  await page.keyboard.press('ArrowRight');  // layer 2
  await page.keyboard.press('ArrowDown');   // unit 2
  await page.waitForFunction((s) => {
    const d = document.querySelector(s);
    return d.focus && d.runs[0].map.unitCells(8 + 1) !== null;  // full-resolution cells of layer 2, unit 2
  }, LAB, { timeout: 30000 });
  // Paused, so the note (drawn at the last frame) and the statistics read below are of the same record.
  await page.evaluate((s) => document.querySelector(s).pause(), LAB);
  await page.waitForTimeout(300);
  const state = await page.evaluate((s) => {
    const d = document.querySelector(s);
    const cells = d.runs[0].map.unitCells(9);
    return { focus: d.focus, on: Array.from(cells).reduce((a, b) => a + b, 0), n: cells.length,
      note: d.shadowRoot.querySelector('.panel-boundary .note').textContent,
      stats: d.runs[0].run.unitStats(1) };
  }, LAB);
  assert.deepEqual([state.focus.layer, state.focus.unit], [1, 1]);
  assert.match(state.note, /^Layer 2, unit 2: on for \d+% of the training points · gradient norm [\d.e-]+ · (alive|dead|always on)/);
  const pct = Math.round(100 * state.stats.active[1]);
  assert.ok(state.note.includes(`on for ${pct}%`), `${state.note} vs ${pct}%`);
  // The big map is the unit's own on/off cells: on-blue where on, grey where off.
  const { colors } = await panelColors(page, LAB, 'boundary');
  if (state.on > 0) assert.ok(hasColor(colors, '#0072b2', 2), 'on cells');
  if (state.on < state.n) assert.ok(hasColor(colors, '#eeeeee', 2), 'off cells');
  assert.ok(!hasColor(colors.filter(([, n]) => n > 200), rgbHex(probColor(0.01, 'light')), 1), 'not the decision map');
  await screenshot(page, 'network-focus-1280');
  await page.keyboard.press('Escape');
  await page.waitForFunction((s) => document.querySelector(s).focus === null, LAB);
  await page.context().close();
});

test('pointer: hovering a unit puts it in focus; leaving lets go', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=circle&depth=1&width=4&seed=3`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 20);
  await waitForMaps(page, LAB, { decision: false });
  const at = await page.evaluate((s) => {
    const d = document.querySelector(s);
    const p = d.panels.find((q) => q.name === 'network');
    const node = p.layouts[0].columns[1].nodes[2];
    const rect = p.canvases[0].getBoundingClientRect();
    return { x: rect.left + node.x + 10, y: rect.top + node.y + 10, away: { x: rect.left - 30, y: rect.top - 30 } };
  }, LAB);
  await page.mouse.move(at.x, at.y);
  await page.waitForFunction((s) => document.querySelector(s).focus?.unit === 2, LAB);
  await page.mouse.move(at.away.x, at.away.y);
  await page.waitForFunction((s) => document.querySelector(s).focus === null, LAB);
  await page.context().close();
});

test('phone, 375 px: a deep diagram scrolls inside its panel, the page does not', async () => {
  const page = await openPage(browser, `${server.url}index.html#depth=9&width=8&seed=1`, { width: 375, height: 800 });
  await waitForSteps(page, LAB, 10);
  await waitForMaps(page, LAB, { decision: false });
  const sizes = await page.evaluate((s) => {
    const cell = document.querySelector(s).shadowRoot.querySelector('.panel-network .cell');
    return { inner: cell.scrollWidth, outer: cell.clientWidth, page: document.documentElement.scrollWidth,
      overflow: getComputedStyle(cell).overflowX };
  }, LAB);
  assert.ok(sizes.inner > sizes.outer, `diagram ${sizes.inner} px in a ${sizes.outer} px panel`);
  assert.equal(sizes.overflow, 'auto');
  assert.ok(sizes.page <= 375, `page ${sizes.page} px wide`);
  await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.panel-network').scrollIntoView(), LAB);
  await screenshot(page, 'network-phone-375');
  await page.context().close();
});

test('decision map: the 0.5 contour, test points as rings, discrete colours', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=circle&seed=3&panels=boundary`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 300);
  await page.waitForFunction((s) => document.querySelector(s).runs[0].map.shown, LAB);
  await page.evaluate((s) => document.querySelector(s).pause(), LAB);
  await page.waitForTimeout(300);
  const before = await panelColors(page, LAB, 'boundary');
  assert.ok(hasColor(before.colors, '#222222', 3), 'the contour line, in the text colour');
  const layout = await page.evaluate((s) => document.querySelector(s).panels.find((p) => p.name === 'boundary').layouts[0].contourSegments, LAB);
  assert.ok(layout > 10, `${layout} contour segments`);
  await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.toggle-test input').click(), LAB);
  await page.waitForTimeout(300);
  const withTest = await page.evaluate((s) => {
    const d = document.querySelector(s);
    return d.runs[0].testPoints?.label.length ?? 0;
  }, LAB);
  assert.ok(withTest > 0, 'test points fetched and drawn');
  await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.toggle-discrete input').click(), LAB);
  await page.waitForTimeout(300);
  const discrete = await panelColors(page, LAB, 'boundary');
  // Discrete: the cells take only the two full class tints; the soft in-between tints are gone.
  const mid = rgbHex(probColor(0.7, 'light'));
  assert.ok(hasColor(before.colors, mid, 8), 'soft tints before');
  // In the cells (away from the dots' rims and the contour line): only the two class tints.
  const cells = await mapCellColors(page, LAB);
  const tints = [probColor(0, 'light'), probColor(1, 'light')].map((c) => c.join(','));
  const other = cells.filter(([key]) => !tints.includes(key)).reduce((a, [, n]) => a + n, 0);
  const all = cells.reduce((a, [, n]) => a + n, 0);
  assert.ok(other <= 0.03 * all, `${other} of ${all} cells in neither class tint (the contour crosses a few)`);
  assert.ok(hasColor(discrete.colors, rgbHex(probColor(1, 'light')), 1) && hasColor(discrete.colors, rgbHex(probColor(0, 'light')), 1));
  await screenshot(page, 'boundary-test-discrete-1280');
  await page.context().close();
});

test('watch units die: the text\'s links set the lab, bring it into view, its dead units turn grey and crossed, and the sentence says so', async () => {
  const page = await openPage(browser, `${server.url}index.html#lang=en`, { width: 1280, height: 900 });
  await page.waitForFunction(() => document.querySelector('#lab')?.runs?.length);
  // Section 9's sentence first: at the lab's defaults most units live, and it says how to kill them.
  const sentence = () => page.evaluate(() => document.querySelector('[data-rule="lab_dead"]').dataset.case);
  await page.evaluate(() => document.querySelector('#dead-relu').scrollIntoView());
  await page.click('a[href="#preset=dead-relu"]');
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.lr === '1' && document.querySelector('#lab').runs[0].config.opt === 'momentum');
  const inView = await page.evaluate(() => {
    const r = document.querySelector('#lab').getBoundingClientRect();
    return r.top < innerHeight && r.bottom > 0;
  });
  assert.ok(inView, 'the lab is scrolled into view');
  await waitForSteps(page, LAB, 100, 60000);
  await page.waitForFunction(() => document.querySelector('[data-rule="lab_dead"]').dataset.case === 'mostly_dead', null, { timeout: 20000 });
  await page.evaluate((s) => document.querySelector(s).pause(), LAB);
  await waitForMaps(page, LAB, { decision: false });
  await page.waitForTimeout(300);
  const dead = await page.evaluate((s) => {
    const r = document.querySelector(s).runs[0];
    return r.run.latest().layers.map((l) => l.dead);
  }, LAB);
  assert.ok(dead.reduce((a, b) => a + b, 0) / dead.length > 0.5, `dead shares ${dead.join(', ')}`);
  const colors = await panelColors(page, LAB, 'network');
  assert.ok(hasColor(colors.colors, '#aaaaaa', 2), 'dead units drawn grey');
  await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.panel-network').scrollIntoView(), LAB);
  await screenshot(page, 'lab-dead-units-1280');
  // The lab's own sentence leads back: lr 0.1 starts a fresh net whose units mostly live.
  await page.click('[data-rule="lab_dead"] a[href="#lr=0.1"]');
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.lr === '0.1' && document.querySelector('#lab').runs[0].config.opt === 'sgd');
  await page.waitForFunction(() => document.querySelector('[data-rule="lab_dead"]').dataset.case === 'mostly_alive', null, { timeout: 20000 });
  await page.click('[data-rule="lab_dead"] a[href="#lr=10"]');
  await page.waitForFunction(() => document.querySelector('#lab').runs[0].config.lr === '10');
  await page.evaluate((s) => document.querySelector(s).play(), LAB);
  await page.waitForFunction(() => document.querySelector('[data-rule="lab_dead"]').dataset.case === 'mostly_dead', null, { timeout: 30000 });
  assert.equal(await sentence(), 'mostly_dead');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('training points close together stay filled dots (only test points are rings)', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=1`, { width: 1280, height: 1000 });
  await page.waitForFunction(() => document.querySelector('#lab').engine);
  // Two class-1 points about 1.5 px apart on the map, and two class-0 points far away.
  const code = await page.evaluate(() => document.querySelector('#lab').engine.encodePoints([0.5, 0.512, -0.5, -0.488], [0.5, 0.5, -0.5, -0.5], [1, 1, 0, 0]).code);
  await page.evaluate((c) => { location.hash = `#data=custom&custom=${c}&test=0&seed=1&panels=boundary`; }, code);
  await page.waitForFunction((s) => document.querySelector(s).runs?.[0]?.config.data === 'custom' && document.querySelector(s).runs[0].map.shown, LAB);
  await page.evaluate((s) => document.querySelector(s).pause(), LAB);
  await page.waitForTimeout(300);
  const px = await page.evaluate((s) => {
    const d = document.querySelector(s);
    const p = d.panels.find((q) => q.name === 'boundary');
    const layout = p.layouts[0], canvas = p.canvases[0];
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    // One CSS px left of the first point's centre: inside its dot, on the second dot's rim.
    const x = Math.round((layout.xToPx(0.5) - 1) * ratio), y = Math.round(layout.yToPx(0.5) * ratio);
    return [...canvas.getContext('2d').getImageData(x, y, 1, 1).data];
  }, LAB);
  assert.ok(px[0] < 90 && px[2] > 120, `class 1's blue inside the dot, not the white rim: rgb(${px.slice(0, 3).join(', ')})`);
  await page.context().close();
});

test('the map toggles travel with the run: the hash, the share link and a reload keep them, and the map follows', async () => {
  const page = await openPage(browser, `${server.url}index.html#data=circle&seed=3&panels=boundary`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 50);
  for (const key of ['test', 'discrete']) {
    await page.evaluate(([s, k]) => document.querySelector(s).shadowRoot.querySelector(`.toggle-${k} input`).click(), [LAB, key]);
  }
  await page.waitForFunction(() => /map=test,discrete/.test(location.hash));
  assert.equal(await page.evaluate((s) => document.querySelector(s).getAttribute('map'), LAB), 'test,discrete');
  await openShareMenu(page, LAB);
  const link = await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('input.link').value, LAB);
  assert.match(link, /&map=test,discrete/);
  await page.context().close();

  const again = await openPage(browser, link.replace(/^.*index\.html/, `${server.url}index.html`), { width: 1280, height: 1000 });
  await waitForSteps(again, LAB, 300);
  await again.waitForFunction((s) => document.querySelector(s).runs[0].map.shown, LAB);
  await again.evaluate((s) => document.querySelector(s).pause(), LAB);
  await again.waitForTimeout(300);
  const checked = await again.evaluate((s) => ['test', 'discrete'].map((k) =>
    document.querySelector(s).shadowRoot.querySelector(`.toggle-${k} input`).checked), LAB);
  assert.deepEqual(checked, [true, true]);
  assert.ok(await again.evaluate((s) => document.querySelector(s).runs[0].testPoints?.label.length > 0, LAB), 'test points drawn');
  const tints = [probColor(0, 'light'), probColor(1, 'light')].map((c) => c.join(','));
  const cells = await mapCellColors(again, LAB);
  const other = cells.filter(([key]) => !tints.includes(key)).reduce((a, [, n]) => a + n, 0);
  assert.ok(other <= 0.03 * cells.reduce((a, [, n]) => a + n, 0), `discrete cells: ${other} in neither class tint`);
  assert.ok(cells.some(([key, n]) => key === tints[1] && n > 50), 'the map drew');
  // Unticked again: the attribute goes, and so does the key in the hash.
  for (const key of ['test', 'discrete']) {
    await again.evaluate(([s, k]) => document.querySelector(s).shadowRoot.querySelector(`.toggle-${k} input`).click(), [LAB, key]);
  }
  await again.waitForFunction(() => !/map=/.test(location.hash));
  assert.equal(await again.evaluate((s) => document.querySelector(s).hasAttribute('map'), LAB), false);
  assert.deepEqual(again.errors, []);
  await again.context().close();
});

test('the lab: network and map centre stage, large; compare maps at least 160 px wide on a phone', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=1`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 10);
  const boxes = await page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    const r = (c) => root.querySelector(c).getBoundingClientRect();
    return { controls: r('.controls'), network: r('.panel-network'), mapPanel: r('.panel-boundary'), map: r('.panel-boundary canvas'),
      loss: r('.panel-loss') };
  }, LAB);
  assert.ok(boxes.controls.right <= boxes.network.left, 'settings on one side');
  // One row of the stage: the two panels start level (the map's own toggles and point tools sit above its canvas).
  assert.ok(boxes.network.right <= boxes.map.left + 1 && Math.abs(boxes.network.top - boxes.mapPanel.top) < 2, 'network and map side by side');
  assert.ok(boxes.map.top - boxes.mapPanel.top < 160, `the map's canvas ${boxes.map.top - boxes.mapPanel.top} px below its title`);
  assert.ok(boxes.map.width >= 400, `map ${boxes.map.width} px`);
  assert.ok(boxes.loss.top >= boxes.map.bottom, 'curves below');
  await page.context().close();

  const phone = await openPage(browser, `${server.url}index.html#seed=1&compare=lr=0.01,0.1,1`, { width: 375, height: 800 });
  await waitForSteps(phone, LAB, 10);
  const widths = await phone.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('.panel-boundary canvas')]
    .map((c) => c.getBoundingClientRect().width), LAB);
  assert.equal(widths.length, 3);
  for (const w of widths) assert.ok(w >= 160, `map ${w} px`);
  await phone.context().close();
});

test('embedded (no controls), the lab layout gives its panels the whole width: a lone map fills the figure', async () => {
  const page = await openPage(browser, `${server.url}index.html#embed&data=xor&panels=boundary&map=discrete`, { width: 800, height: 900 });
  await waitForSteps(page, LAB, 10);
  const boxes = await page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    const r = (c) => root.querySelector(c).getBoundingClientRect();
    return { frame: r('.demo'), panel: r('.panel-boundary'), map: r('.panel-boundary canvas') };
  }, LAB);
  assert.ok(boxes.panel.left - boxes.frame.left < 30, `the map's panel starts ${boxes.panel.left - boxes.frame.left} px in`);
  assert.ok(boxes.map.width >= 0.9 * (boxes.frame.width - 22), `map ${boxes.map.width} px in a ${boxes.frame.width} px figure`);
  // Discrete cells of one class meet without seams: a column through one region is one colour, pixel for pixel.
  await page.evaluate((s) => document.querySelector(s).pause(), LAB);
  await page.waitForFunction((s) => document.querySelector(s).runs[0].map.shown?.step === document.querySelector(s).runs[0].run.steps, LAB);
  // Then painted: the panel's signature names the map's version. (A fixed wait was not enough on a
  // loaded machine: a paint slower than the frame's budget rests 4x its cost before the next, draw-turns.js.)
  await page.waitForFunction((s) => {
    const d = document.querySelector(s);
    const p = d.panels.find((q) => q.name === 'boundary');
    return p.signatures[0]?.split('|')[4].startsWith(`:${d.runs[0].map.version}:`);
  }, LAB);
  const column = await page.evaluate((s) => {
    const d = document.querySelector(s);
    const p = d.panels.find((q) => q.name === 'boundary');
    const layout = p.layouts[0], canvas = p.canvases[0];
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const x = Math.round(layout.xToPx(1.5) * ratio), y0 = Math.round(layout.yToPx(1.5) * ratio), y1 = Math.round(layout.yToPx(0.3) * ratio);
    const data = canvas.getContext('2d').getImageData(x, y0, 1, y1 - y0).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return [...seen];
  }, LAB);
  assert.deepEqual(column, [probColor(1, 'light').join(',')], 'one colour down the column: no seams between rows');
  await screenshot(page, 'embed-map-800');
  await page.context().close();
});

test('the lab\'s own controls choose the panels and the comparison, and the link keeps them', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=2`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 10);
  await page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    root.querySelector('.view-panels summary').click();
    root.querySelector('.view-panels input[value="loss"]').click();  // hide the loss curve
  }, LAB);
  await page.waitForFunction((s) => !document.querySelector(s).shadowRoot.querySelector('.panel-loss'), LAB);
  assert.match(await page.evaluate(() => location.hash), /panels=network,boundary,curve,accuracy,layers/);
  assert.ok(await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.view-panels').open, LAB), 'the list stays open');
  await page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    const values = root.querySelector('#v-compare-values');
    values.value = '0.01, 1';
    const key = root.querySelector('#v-compare-key');
    key.value = 'lr';
    key.dispatchEvent(new Event('change'));
  }, LAB);
  await page.waitForFunction((s) => document.querySelector(s).runs.length === 2, LAB);
  assert.deepEqual(await page.evaluate((s) => document.querySelector(s).runs.map((r) => r.label), LAB), ['lr=0.01', 'lr=1']);
  assert.match(await page.evaluate(() => location.hash), /compare=lr(=|%3D)0.01,1/);
  const reload = await openPage(browser, await page.evaluate(() => location.href), { width: 1280, height: 1000 });
  await waitForSteps(reload, LAB, 1);
  assert.equal(await reload.evaluate((s) => document.querySelector(s).runs.length, LAB), 2);
  await reload.context().close();
  await page.context().close();
});

/** Picks `value` in the lab's select for `key`, as a reader would, and waits until the run has it. */
async function choose(page, key, value) {
  await page.evaluate(([s, k, v]) => {
    const select = document.querySelector(s).shadowRoot.querySelector(`#c-${k}`);
    select.value = v;
    select.dispatchEvent(new Event('change'));
  }, [LAB, key, value]);
  await page.waitForFunction(([s, k, v]) => document.querySelector(s).runs[0].config[k] === v, [LAB, key, value]);
}

test('the alpha field is shown only for activations that use it', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=1&act=relu`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 1);
  assert.equal((await shadow(page, LAB, '.field-alpha')).hidden, true, 'relu: no alpha');
  await choose(page, 'act', 'leaky');
  assert.equal((await shadow(page, LAB, '.field-alpha')).hidden, false, 'leaky: alpha');
  await page.context().close();
});

test('the target field is shown only when the data is a curve to fit', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=1`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 1);
  assert.equal((await shadow(page, LAB, '.field-target')).hidden, true, 'circle: no target');
  await choose(page, 'data', 'curve');
  assert.equal((await shadow(page, LAB, '.field-target')).hidden, false, 'curve: target');
  await page.context().close();
});

test('the points and noise fields are hidden where the data ignores them', async () => {
  const page = await openPage(browser, `${server.url}index.html#seed=1`, { width: 1280, height: 1000 });
  await waitForSteps(page, LAB, 1);
  assert.equal((await shadow(page, LAB, '.field-points')).hidden, false, 'circle: points');
  assert.equal((await shadow(page, LAB, '.field-noise')).hidden, false, 'circle: noise');
  await choose(page, 'data', 'noise');
  assert.equal((await shadow(page, LAB, '.field-points')).hidden, false, 'data=noise: points');
  assert.equal((await shadow(page, LAB, '.field-noise')).hidden, true, 'data=noise: its positions are the noise');
  await page.context().close();
});

test('a finished figure whose setting changes says what happened and what to press', async () => {
  const fixtures = path.join(root, 'build/fixtures');
  fs.mkdirSync(fixtures, { recursive: true });
  fs.writeFileSync(path.join(fixtures, 'finished.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><script src="/dist/relu-lab.js" charset="utf-8"></script></head>
<body><relu-demo id="a" lang="en" steps="30" autoplay panels="loss"></relu-demo></body></html>`);
  const page = await openPage(browser, `${server.url}build/fixtures/finished.html`);
  await page.waitForFunction(() => document.querySelector('#a').runs?.[0]?.run.steps === 30 && !document.querySelector('#a').playing);
  await page.evaluate(() => document.querySelector('#a').setAttribute('depth', '3'));
  await page.waitForFunction(() => document.querySelector('#a').runs[0].run.depth === 3);
  await page.waitForTimeout(100);
  const status = await shadow(page, '#a', '.status');
  assert.match(status.text, /started again from step 0 and is paused\. Press Play/);
  await page.evaluate(() => document.querySelector('#a').setAttribute('lr', '0.5'));
  await page.waitForTimeout(100);
  assert.match((await shadow(page, '#a', '.status')).text, /lr is now 0.5\. Press Play to go on training from step 0/);
  await page.evaluate(() => document.querySelector('#a').play());
  await page.waitForTimeout(100);
  assert.doesNotMatch((await shadow(page, '#a', '.status')).text, /Press Play/);
  await page.context().close();
});

test('autoplay waits until a figure is mostly in view', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { width: 1100, height: 800 });
  await page.waitForFunction(() => document.getElementById('fig-sparse').runs?.length > 0);
  // Only the top 60 px of the figure show.
  await page.evaluate(() => {
    const fig = document.getElementById('fig-sparse');
    window.scrollBy(0, fig.getBoundingClientRect().top - innerHeight + 60);
  });
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => document.getElementById('fig-sparse').runs[0].run.steps), 0, 'a sliver: no steps');
  await page.evaluate(() => document.getElementById('fig-sparse').scrollIntoView({ block: 'center' }));
  await waitForSteps(page, '#fig-sparse', 10);
  await page.context().close();
});

for (const [width, height, lang, scheme] of [[1280, 800, 'en', 'light'], [375, 667, 'zh', 'light'], [375, 667, 'en', 'dark'], [1280, 800, 'zh', 'dark']]) {
  test(`first screen, ${width} px ${lang} ${scheme}: a live network diagram above the fold, one sentence, a link`, async () => {
    const page = await openPage(browser, `${server.url}index.html#lang=${lang}`, { width, height, colorScheme: scheme });
    await waitForSteps(page, '#fig-hero', 50);
    await waitForMaps(page, '#fig-hero', { decision: false });
    const r = await page.evaluate(() => {
      const hero = document.getElementById('fig-hero');
      const canvas = hero.shadowRoot.querySelector('.panel-network canvas').getBoundingClientRect();
      const lead = document.querySelector('.hero-lead');
      return { top: canvas.top, bottom: canvas.bottom, scrollY, link: lead.querySelector('a').getAttribute('href'),
        sentences: lead.textContent.split(/[.。](\s|$)/).filter((s) => s.trim()).length };
    });
    assert.equal(r.scrollY, 0);
    assert.ok(r.top < height * 0.75, `the diagram starts at ${r.top} px`);
    assert.ok(r.bottom <= height + 1, `and ends at ${r.bottom} px, within ${height}`);
    assert.equal(r.link, '#expressiveness');
    assert.equal(r.sentences, 1);
    const links = await settledLinkColors(page, '#fig-hero');
    assert.ok(hasColor(links, WEIGHT_COLORS.positive, 10) && hasColor(links, WEIGHT_COLORS.negative, 10), 'live links');
    await screenshot(page, `first-screen-${width}-${lang}-${scheme}`);
    await page.context().close();
  });
}

test('a 20 x 256 diagram painted in slices over frames ends pixel for pixel as one paint of the same spec', async () => {
  // The one-call paint, from the same modules, beside the element in the page.
  const esbuild = await import('esbuild');
  const helper = await esbuild.build({ stdin: { resolveDir: root, contents: `
    import { networkChart, networkLayout } from './web/network-chart.js';
    import { networkSpec } from './web/network-view.js';
    import { sizeCanvas } from './web/charts.js';
    window.onePaint = { networkChart, networkLayout, networkSpec, sizeCanvas };` }, bundle: true, write: false, format: 'iife' });
  const page = await openPage(browser, `${server.url}index.html#data=spiral&depth=20&width=256&seed=4`, { width: 1280, height: 1000 });
  await page.addScriptTag({ content: helper.outputFiles[0].text });
  await waitForSteps(page, LAB, 1, 60000);
  await page.evaluate((s) => document.querySelector(s).setPlaying(false), LAB);
  // Paused, with everything the worker owes in and the unit maps of the last step complete.
  await page.waitForFunction((s) => {
    const d = document.querySelector(s);
    return !d.trainer.owed(d.runs) && !d.trainer.mapsBehind(d.runs) && d.runs[0].unitMap.shown;
  }, LAB, { timeout: 60000 });
  // What the diagram shows, as one string (maps, statuses, shares, links): the comparison counts
  // only if the data did not change while the diagram was painted (a late message from the worker).
  await page.evaluate(() => {
    window.specPrint = (d) => {
      const spec = window.onePaint.networkSpec(d.runs[0], null);
      const sum = (a) => (a ? Array.from(a).reduce((x, v) => x + (Number.isFinite(v) ? v : 7), 0) : -1);
      return JSON.stringify([spec.columns.map((c) => [c.status, c.shares ?? [], c.maps.map(sum)]), spec.links.map(sum), spec.mapN]);
    };
  });
  let sliced = 0, diff = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    // One slice a frame (a drawing budget of 0 ms), the frames counted while the diagram is in slices.
    sliced = await page.evaluate((s) => new Promise((resolve, reject) => {
      const d = document.querySelector(s);
      d.drawTurns.budgetMs = 0;
      const p = d.panels.find((q) => q.name === 'network');
      let frames = 0, started = false;
      const settled = () => !d.dirty && !(p.slicing || []).some(Boolean);
      const tick = () => {
        if ((p.slicing || []).some(Boolean)) { started = true; frames++; }
        if (started && settled()) { resolve(frames); return; }
        if (performance.now() > 60000 + t0) { reject(new Error('the diagram never settled')); return; }
        requestAnimationFrame(tick);
      };
      const t0 = performance.now();
      window.printBefore = window.specPrint(d);
      d.panels.forEach((q) => { q.signatures = []; });  // paint everything again, the diagram in slices
      d.redraw();
      requestAnimationFrame(tick);
    }), LAB);
    assert.ok(sliced >= 10, `painted over ${sliced} frames`);
    diff = await page.evaluate((s) => {
      const d = document.querySelector(s);
      const p = d.panels.find((q) => q.name === 'network');
      const canvas = p.canvases[0], r = d.runs[0];
      const { networkChart, networkLayout, networkSpec, sizeCanvas } = window.onePaint;
      const spec = networkSpec(r, null);
      const layout = networkLayout(spec.columns, d.widthOf(canvas.parentElement));
      const labels = spec.columns.map((c, k) => (c.kind === 'input' ? d.tr('net_in') : c.kind === 'output' ? d.tr('net_out')
        : d.tr('net_layer', { l: k })));
      const scratch = document.createElement('canvas');
      sizeCanvas(scratch, layout.width, layout.height, canvas.width / layout.width);
      networkChart(scratch, { ...spec, layout, labels, theme: d.theme, moreText: (n) => d.tr('net_more', { n }) });
      if (scratch.width !== canvas.width || scratch.height !== canvas.height) return `size ${scratch.width}x${scratch.height} vs ${canvas.width}x${canvas.height}`;
      const a = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const b = scratch.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let differing = 0, first = -1;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { differing++; if (first < 0) first = i; }
      return { differing, first, pixels: a.length / 4, layers: layout.columns.length, stable: window.specPrint(d) === window.printBefore };
    }, LAB);
    if (typeof diff !== 'object' || diff.stable) break;
  }
  assert.ok(diff.stable !== false, 'the diagram\'s data changed during every one of 5 paints');
  assert.equal(typeof diff, 'object', diff);
  assert.equal(diff.layers, 22);
  assert.equal(diff.differing, 0, `${diff.differing} bytes differ, the first at byte ${diff.first} of ${4 * diff.pixels}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
