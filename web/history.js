// How a run's history stays bounded however long it trains: the thinning rule,
// over the columns engine.js builds. Pure functions on plain arrays (node-tested).
// Not here: reading records from the engine (engine.js), drawing (charts.js).
//
// The rule (stated once; exports and the README quote it):
//   records are numbered 0, 1, 2, ... in the order they are made (step 0 is record 0);
//   the newest HISTORY_RECENT records are all kept; of the older ones, only those whose
//   number is a multiple of the stride are kept, and the stride (1, 2, 4, ...) doubles
//   whenever more than HISTORY_OLDER older records would remain.
// So a chart shows the whole run evenly spaced, plus its recent past in full; memory and
// drawing cost stay under HISTORY_RECENT + HISTORY_OLDER rows (+ a slack that makes the
// thinning pass rare) for any run length. Record 0 (step 0) is a multiple of every
// stride, so the run's start is always there.

export const HISTORY_RECENT = 500;
export const HISTORY_OLDER = 500;
// Rows allowed above the bound before a thinning pass: each pass costs one sweep of
// the columns, so at most one per HISTORY_SLACK records (an amortised constant per record).
export const HISTORY_SLACK = 250;

/** Whether the history has dropped records (exports say so). */
export const isThinned = (history) => history.stride > 1;

/** One sentence on the thinning, for exports: '' when nothing was dropped. */
export function thinningNote(history) {
  if (!isThinned(history)) return '';
  return `thinned: ${history.rows} of ${history.recorded} records kept (all of the last ${HISTORY_RECENT}; ` +
    `before them one in every ${history.stride}, and those not yet thinned)`;
}

/**
 * Applies the rule when the history holds more than the bound plus the slack.
 * history: engine.js's {rows, seq, fields: {name: []}, layers: {name: [[]...]}, stride}.
 * Returns the history (thinned in place).
 */
export function thinHistory(history, { recent = HISTORY_RECENT, older = HISTORY_OLDER, slack = HISTORY_SLACK } = {}) {
  if (history.rows <= recent + older + slack) return history;
  const oldEnd = history.rows - recent;  // rows [0, oldEnd) are "older"
  const countKept = (stride) => {
    let n = 0;
    for (let i = 0; i < oldEnd; i++) if (history.seq[i] % stride === 0) n++;
    return n;
  };
  while (countKept(history.stride) > older) history.stride *= 2;
  const keep = [];
  for (let i = 0; i < history.rows; i++) if (i >= oldEnd || history.seq[i] % history.stride === 0) keep.push(i);
  const compact = (column) => {
    for (let j = 0; j < keep.length; j++) column[j] = column[keep[j]];
    column.length = keep.length;
  };
  compact(history.seq);
  for (const column of Object.values(history.fields)) compact(column);
  for (const perLayer of Object.values(history.layers)) for (const column of perLayer) compact(column);
  history.rows = keep.length;
  return history;
}
