// The page's script of what a worker's run did (web/replay-script.js): the events come back
// exactly as they went in, and a steady run keeps a few entries however long it trains
// (issue 10 item 8: nothing grows with a run's length).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayScript } from '../../web/replay-script.js';

test('events come back in order, as they went in, across changes of pace', () => {
  const script = new ReplayScript();
  const events = [];
  const record = (chunks, step) => { script.record(chunks, step); events.push([chunks, 'record', step]); };
  const set = (chunks, key, value) => { script.set(chunks, key, value); events.push([chunks, 'set', key, value]); };
  record(0, 0);
  for (let s = 3; s <= 30; s += 3) record(s * 5, s);     // every=3 at 5 chunks a step
  set(152, 'lr', '0.3');                                 // mid-step
  record(155, 31);                                       // a record after a set starts a new run
  record(160, 32);
  record(165, 33);
  record(175, 35);                                       // every=2 from here
  record(185, 37);
  set(185, 'every', '4');
  set(185, 'batch', '10');
  record(190, 41);                                       // a lone record between sets
  set(190, 'lr', '0.1');
  assert.deepEqual(script.events(), events);
  assert.equal(script.lastRecordStep(), 41);
  assert.equal(script.entries.length, 8, 'entries: records 0..30, set, records 31..33, records 35 and 37, set, set, record 41, set');
});

test('a run at every=1 for a million records keeps one entry', () => {
  const script = new ReplayScript();
  for (let s = 0; s < 1e6; s++) script.record(s * 7, s);
  assert.equal(script.entries.length, 1);
  assert.equal(script.lastRecordStep(), 1e6 - 1);
  const reader = script.reader();
  for (let s = 0; s < 1e6; s++, reader.advance()) {
    const [chunks, , step] = reader.next();
    if (chunks !== s * 7 || step !== s) assert.fail(`event ${s}: ${chunks}, ${step}`);
  }
  assert.equal(reader.next(), null);
});

test('an empty script has no events and no record', () => {
  const script = new ReplayScript();
  assert.deepEqual(script.events(), []);
  assert.equal(script.lastRecordStep(), -1);
});
