// Live numbers in the article's text: each <span class="live" data-fig data-run
// data-field data-format> shows a value read from a figure's records, never a
// number typed into the prose. Pure functions: a history in, a string out.
//
// data-field grammar (examples):
//   loss, acc, test_acc, step, path_share     network-wide fields of the latest record
//   L1.active, L-1.grad_z                     hidden layer 1, or the last (negative: from the end)
//   mean.active, min.dead, max.always_on      over the hidden layers
//   ratio.grad_z                              last layer / first layer
//   rate.grad_z                               per-layer factor (last / first)^(1 / (depth - 1))
//   halving                                   2^-depth, the open-path share if units fired independently at 1/2
//   pieces, kinks                             data=curve: linear pieces of the fit on [-1, 1]; first-layer kinks inside
//   first.EXPR, peak.EXPR                     EXPR at step 0, or its largest value over the run
//   finite.EXPR                               EXPR at the last record where it is finite (before a divergence)
//   born.10x2                                 the figure's born-dead table (web/born.js): the share
//                                             of fresh nets of depth 10, width 2 born dead, in [0, 1]
//   born.max                                  the largest share in that table (NaN until it is complete)


/** The value of `field` at record index i of a history (engine.js layout). */
function valueAt(history, i, field) {
  const { fields, layers, depth, names } = history;
  const [head, rest] = splitOnce(field);
  if (names.record.includes(field)) return fields[field][i];
  if (field === 'halving') return 2 ** -depth;
  if (field === 'pieces' || field === 'kinks') return history.fields[field]?.[i] ?? NaN;  // data=curve's extra columns
  const layerValues = (f) => {
    if (!names.layer.includes(f)) throw new Error(`unknown layer field '${f}'`);
    return layers[f].map((series) => series[i]);
  };
  if (/^L-?\d+$/.test(head)) {
    const k = Number(head.slice(1));
    const index = k < 0 ? depth + k : k - 1;
    if (index < 0 || index >= depth) throw new Error(`no layer ${k} in a ${depth}-layer net`);
    return layerValues(rest)[index];
  }
  switch (head) {
    case 'mean': { const v = layerValues(rest); return v.reduce((a, b) => a + b, 0) / v.length; }
    case 'min': return Math.min(...layerValues(rest));
    case 'max': return Math.max(...layerValues(rest));
    case 'ratio': { const v = layerValues(rest); return v[v.length - 1] / v[0]; }
    case 'rate': { const v = layerValues(rest); return (v[v.length - 1] / v[0]) ** (1 / Math.max(1, v.length - 1)); }
    default: throw new Error(`unknown field '${field}'`);
  }
}

function splitOnce(text) {
  const dot = text.indexOf('.');
  return dot < 0 ? [text, ''] : [text.slice(0, dot), text.slice(dot + 1)];
}

/** A cell of a born-dead table (web/born.js): NaN until it is measured; an error if not in the grid. */
function bornValue(table, cell) {
  if (cell === 'max') {
    if (!table || !table.done) return NaN;
    return Math.max(...table.depths.flatMap((d) => table.widths.map((w) => table.share(d, w))));
  }
  const m = /^(\d+)x(\d+)$/.exec(cell);
  if (!m) throw new Error(`born.${cell}: expected born.DEPTHxWIDTH, e.g. born.10x2`);
  if (!table) return NaN;  // the figure has not started its table (no born panel, or not yet)
  const depth = Number(m[1]), width = Number(m[2]);
  if (!table.depths.includes(depth) || !table.widths.includes(width)) {
    throw new Error(`born.${cell}: not in the grid (depths ${table.depths.join(', ')}; widths ${table.widths.join(', ')})`);
  }
  return table.share(depth, width);
}

/**
 * The value a live span asks for, from a run's history (and, for born.*, its born-dead
 * table `born`); NaN when there is no record yet.
 */
export function liveValue(history, field, { born } = {}) {
  const [head, rest] = splitOnce(field);
  if (head === 'born') return bornValue(born, rest);
  if (!history || history.rows === 0) return NaN;
  if (head === 'first') return valueAt(history, 0, rest);
  if (head === 'peak') {
    let best = -Infinity;
    for (let i = 0; i < history.rows; i++) {
      const v = valueAt(history, i, rest);
      if (Number.isFinite(v)) best = Math.max(best, v);  // a diverged record's NaN is no peak
    }
    return best === -Infinity ? NaN : best;
  }
  if (head === 'finite') {
    for (let i = history.rows - 1; i >= 0; i--) {
      const v = valueAt(history, i, rest);
      if (Number.isFinite(v)) return v;
    }
    return NaN;
  }
  return valueAt(history, history.rows - 1, field);
}

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** 5.2·10¹² / 2.4·10⁻⁴: scientific form with two significant digits, as a printed page writes it. */
export function scientific(value) {
  const [m, e] = value.toExponential(1).split('e');
  const power = String(Number(e)).replace(/./g, (c) => SUPERSCRIPT[c]);
  return `${m.replace(/\.0$/, '')}·10${power}`;
}

// Ratios outside [1/100, 10^4] read better as powers of ten than as long digit strings.
const PLAIN_MIN = 1e-2, PLAIN_MAX = 1e4;

function plainOrScientific(value) {
  const a = Math.abs(value);
  if (a !== 0 && (a >= PLAIN_MAX || a < PLAIN_MIN)) return scientific(value);
  return String(a >= 10 ? Math.round(value) : Number(value.toPrecision(2)));
}

/**
 * Formats a live value: pct 49%, pct1 49.3%, num 0.123, exp 2.4·10⁻⁴, int 1500,
 * times ×45 (×5.2·10¹² when huge or tiny), factor the same without the ×, for sentences such as
 * 约缩小为原来的 1/{factor}. Not a finite number: '–' (the page adds why).
 */
export function formatLive(value, format) {
  if (!Number.isFinite(value)) return '–';
  switch (format) {
    case 'pct': return `${Math.round(Number((100 * value).toPrecision(12)))}%`;  // 23/40 -> 58%, as the table writes it
    case 'pct1': return `${(100 * value).toFixed(1)}%`;
    case 'int': return String(Math.round(value));
    case 'exp': return value === 0 ? '0' : scientific(value);
    case 'times': return `×${plainOrScientific(value)}`;
    case 'factor': return plainOrScientific(value);
    default: return value === 0 ? '0' : String(Number(value.toPrecision(3)));
  }
}

/**
 * Why a live value is undefined, as a string-table key (page-strings.js undef_*):
 * no record yet, a diverged run, a ratio with an exact zero in it, or otherwise not a number.
 */
export function undefinedReason(history, field) {
  if (!history || history.rows === 0) return 'undef_pending';
  if (history.fields.diverged[history.rows - 1] === 1 && !field.startsWith('first.')) return 'undef_diverged';
  const [head, rest] = splitOnce(field.replace(/^(first|peak|finite)\./, ''));
  if (head === 'ratio' || head === 'rate') {
    const i = field.startsWith('first.') ? 0 : history.rows - 1;
    if (history.layers[rest]?.some((series) => series[i] === 0)) return 'undef_zero';
  }
  return 'undef_nan';
}
