// Compresses data/digits.csv.gz into a C++ byte table (digits_data.inc) that
// cpp/digits_codec.cpp decodes at run time. Run by the build as:
//   node cmake/encode_digits.mjs data/digits.csv.gz build/<dir>/gen/digits_data.inc
// Node 20, no packages. The output is a function of the input alone.
//
// Why: the raw 1797 x 65 bytes cost ~46 KB of dist/relu-lab.js after gzip;
// coded like this, ~33 KB.
//
// The model (mirrored exactly in cpp/digits_codec.cpp; change both or neither):
//   Rows are coded in order, each as its 64 pixels (0..16, row by row) and then
//   its label (0..9). A pixel's context is (position 0..63, bucket(left
//   neighbour), bucket(upper neighbour)), where bucket(v) is -1 outside the
//   image, 0 if v == 0, 1 if v < 8, 2 if v < 16, 3 if v == 16: 64 * 5 * 5
//   contexts of 17 symbols each. Labels have one context of 10 symbols.
//   Each context keeps adaptive counts: every symbol starts at 1, a coded symbol
//   gains INCREMENT, and when the context's total passes LIMIT every count is
//   halved, rounding up (so none reaches 0).
// The coder: the integer arithmetic coder of Witten, Neal & Cleary, "Arithmetic
//   coding for data compression", CACM 30(6), 1987, with 32-bit low/high and
//   pending ("bits to follow") for the straddle-the-middle case. Bits go out
//   most significant first, 7 to a byte (values 0..127); the decoder reads
//   zeros past the end. Exactness: range <= 2^32 and totals < 2^14, so every
//   product is below 2^46, exact in a JS number; idiv() floors exactly.
// Why 7 bits a byte: scripts/bundle.mjs inlines the wasm as a string of one
//   char per byte, which UTF-8 turns into 2 bytes for every byte >= 128. After
//   gzip, 8-bit coded bytes cost ~19% more than their size that way; 7-bit
//   bytes ~3% more (the escaped \ and "), about 5 KB less in all.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const PIXELS = 64;
export const ROW_BYTES = PIXELS + 1;  // 64 pixels, then the label
export const INCREMENT = 2;
export const LIMIT = 8192;
export const BITS_PER_BYTE = 7;

const TOP = 2 ** 32 - 1;
const HALF = 2 ** 31;
const QUARTER = 2 ** 30;

// floor(a / b) for integers a, b >= 0 below 2^53, exact whatever the float rounding.
function idiv(a, b) {
  const q = Math.floor(a / b);
  if (q * b > a) return q - 1;
  if ((q + 1) * b <= a) return q + 1;
  return q;
}

// Adaptive counts for the symbols 0..n-1 of one context.
class Counts {
  constructor(n) {
    this.count = new Array(n).fill(1);
    this.total = n;
  }
  // Cumulative count below symbol s.
  below(s) {
    let c = 0;
    for (let i = 0; i < s; ++i) c += this.count[i];
    return c;
  }
  update(s) {
    this.count[s] += INCREMENT;
    this.total += INCREMENT;
    if (this.total > LIMIT) {
      this.total = 0;
      for (let i = 0; i < this.count.length; ++i) {
        this.count[i] = (this.count[i] + 1) >> 1;
        this.total += this.count[i];
      }
    }
  }
}

const bucket = (v) => (v < 0 ? -1 : v === 0 ? 0 : v < 8 ? 1 : v < 16 ? 2 : 3);

// The model: one Counts per pixel context, one for the labels.
class Model {
  constructor() {
    this.pixel = Array.from({ length: PIXELS * 25 }, () => new Counts(17));
    this.label = new Counts(10);
  }
  // Context of pixel p of a row whose earlier pixels are already in row[0..p-1].
  context(row, p) {
    const left = p % 8 > 0 ? row[p - 1] : -1;
    const up = p >= 8 ? row[p - 8] : -1;
    return this.pixel[p * 25 + (bucket(left) + 1) * 5 + (bucket(up) + 1)];
  }
}

/** CSV text (rows of 64 pixels and a label) -> Uint8Array of rows * 65 bytes. */
export function parseCsv(text) {
  const lines = text.trim().split('\n');
  const table = new Uint8Array(lines.length * ROW_BYTES);
  lines.forEach((line, r) => {
    const cells = line.split(',').map(Number);
    if (cells.length !== ROW_BYTES) throw new Error(`row ${r + 1}: ${cells.length} values, expected ${ROW_BYTES}`);
    cells.forEach((v, i) => {
      const max = i < PIXELS ? 16 : 9;
      if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`row ${r + 1}, column ${i + 1}: ${v} is not in 0..${max}`);
      table[r * ROW_BYTES + i] = v;
    });
  });
  return table;
}

/** Uint8Array of rows * 65 bytes -> the coded bytes (Uint8Array). */
export function encodeDigits(table) {
  const bytes = [];
  let acc = 0, nacc = 0;  // bits not yet in a byte
  const put = (bit) => {
    acc = (acc << 1) | bit;
    if (++nacc === BITS_PER_BYTE) {
      bytes.push(acc);
      acc = 0;
      nacc = 0;
    }
  };
  let low = 0, high = TOP, pending = 0;
  const putWithPending = (bit) => {
    put(bit);
    for (; pending > 0; --pending) put(1 - bit);
  };
  const encode = (counts, s) => {
    const range = high - low + 1;
    const lo = counts.below(s);
    high = low + idiv(range * (lo + counts.count[s]), counts.total) - 1;
    low = low + idiv(range * lo, counts.total);
    for (;;) {
      if (high < HALF) {
        putWithPending(0);
      } else if (low >= HALF) {
        putWithPending(1);
        low -= HALF;
        high -= HALF;
      } else if (low >= QUARTER && high < 3 * QUARTER) {
        ++pending;
        low -= QUARTER;
        high -= QUARTER;
      } else {
        break;
      }
      low = 2 * low;
      high = 2 * high + 1;
    }
    counts.update(s);
  };

  const model = new Model();
  for (let r = 0; r * ROW_BYTES < table.length; ++r) {
    const row = table.subarray(r * ROW_BYTES, (r + 1) * ROW_BYTES);
    for (let p = 0; p < PIXELS; ++p) encode(model.context(row, p), row[p]);
    encode(model.label, row[PIXELS]);
  }
  // Two more bits pick a value inside [low, high] whatever bits follow.
  ++pending;
  putWithPending(low < QUARTER ? 0 : 1);
  while (nacc > 0) put(0);
  return Uint8Array.from(bytes);
}

/** The coded bytes -> Uint8Array of rows * 65 bytes. The mirror of cpp/digits_codec.cpp. */
export function decodeDigits(bytes, rows) {
  let bitIndex = 0;
  const get = () => {
    const i = Math.floor(bitIndex / BITS_PER_BYTE);
    const bit = i < bytes.length ? (bytes[i] >> (BITS_PER_BYTE - 1 - bitIndex % BITS_PER_BYTE)) & 1 : 0;
    ++bitIndex;
    return bit;
  };
  let low = 0, high = TOP, value = 0;
  for (let i = 0; i < 32; ++i) value = 2 * value + get();
  const decode = (counts) => {
    const range = high - low + 1;
    const target = idiv((value - low + 1) * counts.total - 1, range);
    let s = 0, lo = 0;
    while (s < counts.count.length - 1 && lo + counts.count[s] <= target) lo += counts.count[s++];
    high = low + idiv(range * (lo + counts.count[s]), counts.total) - 1;
    low = low + idiv(range * lo, counts.total);
    for (;;) {
      if (high < HALF) {
        // nothing to subtract
      } else if (low >= HALF) {
        low -= HALF;
        high -= HALF;
        value -= HALF;
      } else if (low >= QUARTER && high < 3 * QUARTER) {
        low -= QUARTER;
        high -= QUARTER;
        value -= QUARTER;
      } else {
        break;
      }
      low = 2 * low;
      high = 2 * high + 1;
      value = 2 * value + get();
    }
    counts.update(s);
    return s;
  };

  const model = new Model();
  const table = new Uint8Array(rows * ROW_BYTES);
  for (let r = 0; r < rows; ++r) {
    const row = table.subarray(r * ROW_BYTES, (r + 1) * ROW_BYTES);
    for (let p = 0; p < PIXELS; ++p) row[p] = decode(model.context(row, p));
    row[PIXELS] = decode(model.label);
  }
  return table;
}

/** The text of digits_data.inc: the constants and the coded bytes as a C++ initializer list. */
export function incSource(coded, rows) {
  const lines = [];
  for (let i = 0; i < coded.length; i += 24) lines.push(Array.from(coded.subarray(i, i + 24)).join(','));
  return '// Generated from data/digits.csv.gz by cmake/encode_digits.mjs. Do not edit.\n' +
    '// The digits data set, arithmetic-coded; cpp/digits_codec.hpp describes the code.\n' +
    `constexpr int kDigitsCodedRows = ${rows};\n` +
    `constexpr unsigned kDigitsCodedBytes = ${coded.length};\n` +
    `const unsigned char kDigitsCoded[] = {\n${lines.join(',\n')}\n};\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node cmake/encode_digits.mjs IN.csv.gz OUT.inc');
    process.exit(2);
  }
  const table = parseCsv(zlib.gunzipSync(fs.readFileSync(input)).toString('latin1'));
  const rows = table.length / ROW_BYTES;
  const coded = encodeDigits(table);
  const back = decodeDigits(coded, rows);
  if (Buffer.compare(Buffer.from(back), Buffer.from(table)) !== 0) {
    console.error('encode_digits.mjs: the coded data does not decode back to the input');
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, incSource(coded, rows));
}
