// Panels painted in turn within a frame's drawing budget (web/draw-turns.js), with a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DrawTurns } from '../../web/draw-turns.js';

// Eleven panels, like the full lab; painting one costs `ms[i]` on the clock.
function panels(ms) {
  const clock = { t: 0 };
  const items = ms.map((cost, i) => ({ i, cost, changed: true, painted: 0, never: false }));
  const turns = new DrawTurns({ now: () => clock.t, budgetMs: 6 });
  const frame = () => {
    const start = clock.t;
    const left = turns.run(items, (p) => p.changed, (p) => { clock.t += p.cost; p.painted++; p.changed = false; p.never = false; },
      (p) => p.never);
    return { left, ms: clock.t - start };
  };
  return { items, frame };
}

test('a frame paints changed panels until its budget is spent, the rest in the next frames', () => {
  const { items, frame } = panels([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
  const frames = [];
  for (let f = 0; f < 20 && items.some((p) => p.changed); f++) frames.push(frame());
  // 4 ms each, budget 6: two a frame (the second starts at 4 < 6), never all eleven at once.
  assert.ok(frames.every((f) => f.ms <= 6 + 4), `frames ${frames.map((f) => f.ms)}`);
  assert.equal(frames.length, 6);
  assert.deepEqual(frames.map((f) => f.left), [true, true, true, true, true, false]);
  for (const p of items) assert.equal(p.painted, 1, `panel ${p.i} painted once`);
});

test('a panel slower than the budget is painted alone; unchanged panels cost nothing', () => {
  const { items, frame } = panels([30, 1, 1]);
  items[1].changed = false;
  assert.deepEqual(frame(), { left: true, ms: 30 });
  assert.deepEqual(frame(), { left: false, ms: 1 });
  assert.deepEqual(items.map((p) => p.painted), [1, 0, 1]);
});

test('panels that change every frame do not starve the ones after them: each frame starts where the last stopped', () => {
  const { items, frame } = panels(Array(11).fill(3));
  const last = items.map(() => -1);
  for (let f = 0; f < 30; f++) {
    for (const p of items) p.changed = true;  // a small net: a new record every frame, every chart changes
    const before = items.map((p) => p.painted);
    frame();
    items.forEach((p, i) => { if (p.painted > before[i]) last[i] = f; });
    if (f >= 10) for (let i = 0; i < items.length; i++) assert.ok(f - last[i] <= 5, `panel ${i} last painted at frame ${last[i]}, now ${f}`);
  }
});

test('a panel never painted is painted in the first frame, whatever the budget (its canvas gets its size)', () => {
  const { items, frame } = panels([4, 4, 4, 4, 4]);
  for (const p of items) p.never = true;
  assert.deepEqual(frame(), { left: false, ms: 20 });
  for (const p of items) { p.changed = true; }
  items[4].never = true;  // a panel added later (the reader ticked its box)
  const f = frame();
  assert.equal(f.left, true);
  assert.ok(items[4].painted === 2 && items[0].painted === 2 && items[1].painted === 2, 'the new one and the budget\'s two');
  assert.deepEqual(items.map((p) => p.painted), [2, 2, 1, 1, 2]);
});

test('a panel slower than the whole budget rests between paints (4x its cost); the cheap ones paint every frame', () => {
  const clock = { t: 0 };
  const items = [{ cost: 20, painted: 0 }, { cost: 1, painted: 0 }, { cost: 1, painted: 0 }];
  const turns = new DrawTurns({ now: () => clock.t, budgetMs: 6 });
  let late = 0;
  for (let f = 0; f < 60; f++) {  // one second of frames 16.7 ms apart, every panel changed every frame (a small net)
    const start = f * (1000 / 60);
    clock.t = Math.max(clock.t, start);
    const left = turns.run(items, () => true, (p) => { clock.t += p.cost; p.painted++; });
    assert.equal(left, true, 'a resting panel is still owed a paint');
    if (clock.t - start > 1000 / 60) late++;
  }
  // The map: painted once per 80 ms at most (12 or 13 of 60 frames), its newest picture each time.
  assert.ok(items[0].painted >= 10 && items[0].painted <= 13, `slow panel painted ${items[0].painted} times`);
  assert.ok(items[1].painted >= 45 && items[2].painted >= 45, `cheap panels ${items[1].painted}, ${items[2].painted}`);
  assert.ok(late <= 13, `${late} late frames`);
});
