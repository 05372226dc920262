// The thinning rule that bounds a run's history (web/history.js), through
// engine.js's appendColumns as the page uses it: hand-worked small cases, then a
// million records to show that memory stays flat and the rule's promises hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thinHistory, thinningNote, isThinned, HISTORY_RECENT, HISTORY_OLDER, HISTORY_SLACK } from '../../web/history.js';
import { appendColumns, emptyHistory, latestRecord } from '../../web/engine.js';
import { loadWasmEngine } from './wasm-load.mjs';

const { names } = await loadWasmEngine();  // the field names, as the engine exports them
const RECORD_FIELDS = names.record, LAYER_FIELDS = names.layer;

const width = (depth) => RECORD_FIELDS.length + LAYER_FIELDS.length * depth;
/** Flat records whose every field is its step, so a thinned column can be checked against the step column. */
function flatRecords(from, count, depth, every = 10) {
  const flat = new Float32Array(count * width(depth));
  for (let r = 0; r < count; r++) flat.fill((from + r) * every, r * width(depth), (r + 1) * width(depth));
  return flat;
}

test('thinHistory: small bounds by hand: the last 4 kept, older ones every 4th, record 0 always', () => {
  const h = appendColumns(emptyHistory(1, names), flatRecords(0, 20, 1, 1), 1);  // unthinned: default bounds are large
  assert.equal(h.rows, 20);
  thinHistory(h, { recent: 4, older: 4, slack: 0 });
  // Older records are 0..15: 16 at stride 1, 8 at stride 2, 4 at stride 4 (0, 4, 8, 12).
  assert.deepEqual(h.seq, [0, 4, 8, 12, 16, 17, 18, 19]);
  assert.equal(h.stride, 4);
  assert.deepEqual(h.fields.step, [0, 4, 8, 12, 16, 17, 18, 19]);
  assert.deepEqual(h.layers.dead[0], [0, 4, 8, 12, 16, 17, 18, 19], 'every column thinned alike');
  assert.equal(h.rows, 8);
});

test('thinHistory: under the bound plus the slack nothing moves', () => {
  const h = appendColumns(emptyHistory(2, names), flatRecords(0, 30, 2), 2);
  thinHistory(h, { recent: 10, older: 10, slack: 10 });
  assert.equal(h.rows, 30);
  assert.equal(isThinned(h), false);
  assert.equal(thinningNote(h), '');
});

test('a million records: at most the bound is held, the start and the recent past are all there', () => {
  const depth = 2;
  let h = emptyHistory(depth, names);
  let maxRows = 0;
  const batch = 997;  // not a divisor of anything in the rule, so passes fall at odd places
  for (let from = 0; from < 1_000_000; from += batch) {
    h = appendColumns(h, flatRecords(from, Math.min(batch, 1_000_000 - from), depth), depth);
    maxRows = Math.max(maxRows, h.rows);
  }
  assert.equal(h.recorded, 1_000_000);
  assert.ok(maxRows <= HISTORY_RECENT + HISTORY_OLDER + HISTORY_SLACK + batch, `held ${maxRows} rows`);
  assert.ok(h.rows <= HISTORY_RECENT + HISTORY_OLDER + HISTORY_SLACK);
  assert.equal(h.seq[0], 0, 'step 0 is kept');
  assert.equal(h.fields.step[0], 0);
  // The newest HISTORY_RECENT records, every one.
  const tail = h.seq.slice(-HISTORY_RECENT);
  assert.deepEqual(tail, Array.from({ length: HISTORY_RECENT }, (_, i) => 1_000_000 - HISTORY_RECENT + i));
  // Older ones: every multiple of the stride is there; other rows only among those that
  // left the recent part since the last pass (at most the slack plus one batch).
  const older = h.seq.slice(0, -HISTORY_RECENT);
  const multiples = older.filter((n) => n % h.stride === 0);
  assert.deepEqual(multiples, Array.from({ length: Math.ceil((1_000_000 - HISTORY_RECENT) / h.stride) }, (_, i) => i * h.stride));
  const unswept = older.slice(older.findIndex((n) => n % h.stride !== 0));
  assert.ok(older.every((n) => n % h.stride === 0) || unswept.length <= HISTORY_SLACK + batch, `${unswept.length} unswept rows`);
  assert.ok(multiples.length <= HISTORY_OLDER && multiples.length >= HISTORY_OLDER / 2, `${multiples.length} older rows cover the run`);
  assert.equal(h.stride, 2048);  // 999,500 older records in at most 500 rows: stride 2^11
  assert.deepEqual(h.fields.step, h.seq.map((n) => n * 10), 'the columns follow seq');
  assert.equal(latestRecord(h).step, 9_999_990, 'the latest record is the last one made');
  assert.match(thinningNote(h), new RegExp(`^thinned: ${h.rows} of 1000000 records kept \\(all of the last 500; before them one in every 2048, and those not yet thinned\\)$`));
});
