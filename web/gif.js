// An animated GIF encoder for the recorder (web/recorder.js): one palette for the
// whole animation (median cut over sampled frames), LZW-compressed frames, and
// frame differencing (only the changed rectangle is stored; unchanged pixels in it
// are transparent), which keeps a training figure's GIF small. Pure: RGBA bytes in,
// GIF bytes out, so node tests can decode what it writes.
// Format: the GIF89a specification (W3C mirror of CompuServe's 1990 text).

const BITS = 5;                    // palette search works on 5 bits per channel (32768 colour cells)
const CELLS = 1 << (3 * BITS);
const TRANSPARENT = 255;           // palette index reserved for "unchanged since the last frame"
const MAX_COLOURS = 255;
const MAX_CODE = 4096;             // GIF's LZW codes have at most 12 bits

const cellOf = (r, g, b) => ((r >> (8 - BITS)) << (2 * BITS)) | ((g >> (8 - BITS)) << BITS) | (b >> (8 - BITS));

/** Adds every `step`-th pixel of an RGBA frame to a histogram of colour cells (Uint32Array(CELLS)). */
export function addToHistogram(hist, rgba, step = 4) {
  for (let p = 0; p < rgba.length; p += 4 * step) hist[cellOf(rgba[p], rgba[p + 1], rgba[p + 2])]++;
  return hist;
}

export const newHistogram = () => new Uint32Array(CELLS);

/** An RGBA frame as colour cells (Uint16Array): half the memory, and all the palette looks at. */
export function toCells(rgba, cells = new Uint16Array(rgba.length / 4)) {
  for (let i = 0, p = 0; i < cells.length; i++, p += 4) cells[i] = cellOf(rgba[p], rgba[p + 1], rgba[p + 2]);
  return cells;
}

/**
 * A palette of at most 255 colours for a histogram of colour cells, by median cut: the
 * box holding the most pixels times its widest side is split at its median, until there
 * are enough boxes. Returns {colours: Uint8Array (rgb triples), indexOfCell(cell),
 * indexOf(r, g, b)}, which map any colour to the nearest entry (cached per cell).
 */
export function paletteFromHistogram(hist) {
  const cells = [];
  for (let c = 0; c < CELLS; c++) if (hist[c]) cells.push(c);
  const channel = (c, k) => (c >> ((2 - k) * BITS)) & ((1 << BITS) - 1);
  const centre = (c, k) => (channel(c, k) << (8 - BITS)) + (1 << (7 - BITS));
  const box = (list) => {
    let count = 0;
    const lo = [31, 31, 31], hi = [0, 0, 0];
    for (const c of list) {
      count += hist[c];
      for (let k = 0; k < 3; k++) { const v = channel(c, k); lo[k] = Math.min(lo[k], v); hi[k] = Math.max(hi[k], v); }
    }
    const sides = hi.map((h, k) => h - lo[k]);
    const axis = sides.indexOf(Math.max(...sides));
    return { list, count, axis, side: sides[axis] };
  };
  const boxes = cells.length ? [box(cells)] : [];
  while (boxes.length < MAX_COLOURS) {
    let best = -1, score = 0;
    boxes.forEach((b, i) => { const s = b.count * b.side; if (b.list.length > 1 && s > score) { score = s; best = i; } });
    if (best < 0) break;  // every box is one cell: the histogram has no more colours to give
    const { list, axis, count } = boxes[best];
    list.sort((a, b) => channel(a, axis) - channel(b, axis));
    let half = 0, cut = 0;
    while (cut < list.length - 1 && half + hist[list[cut]] <= count / 2) half += hist[list[cut++]];
    cut = Math.max(1, cut);
    boxes.splice(best, 1, box(list.slice(0, cut)), box(list.slice(cut)));
  }
  // Each box's colour: the pixel-weighted mean of its cells' centres.
  const colours = new Uint8Array(3 * Math.max(1, boxes.length));
  boxes.forEach((b, i) => {
    const sum = [0, 0, 0];
    for (const c of b.list) for (let k = 0; k < 3; k++) sum[k] += hist[c] * centre(c, k);
    for (let k = 0; k < 3; k++) colours[3 * i + k] = Math.round(sum[k] / b.count);
  });
  const n = colours.length / 3;
  const cache = new Int16Array(CELLS).fill(-1);
  const indexOfCell = (cell) => {
    let i = cache[cell];
    if (i < 0) {
      const r = centre(cell, 0), g = centre(cell, 1), b = centre(cell, 2);
      let best = Infinity;
      for (let j = 0; j < n; j++) {
        const dr = colours[3 * j] - r, dg = colours[3 * j + 1] - g, db = colours[3 * j + 2] - b;
        const d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;  // green counts most to the eye
        if (d < best) { best = d; i = j; }
      }
      cache[cell] = i;
    }
    return i;
  };
  return { colours, indexOfCell, indexOf: (r, g, b) => indexOfCell(cellOf(r, g, b)) };
}

/** A palette for a few RGBA frames (every `step`-th pixel sampled). */
export function buildPalette(frames, step = 4) {
  const hist = newHistogram();
  for (const rgba of frames) addToHistogram(hist, rgba, step);
  return paletteFromHistogram(hist);
}

/** A growing byte buffer. */
class Bytes {
  constructor(size = 1 << 16) { this.buf = new Uint8Array(size); this.length = 0; }
  byte(b) {
    if (this.length === this.buf.length) { const next = new Uint8Array(this.buf.length * 2); next.set(this.buf); this.buf = next; }
    this.buf[this.length++] = b;
  }
  word(w) { this.byte(w & 255); this.byte((w >> 8) & 255); }
  text(s) { for (let i = 0; i < s.length; i++) this.byte(s.charCodeAt(i)); }
  bytes() { return this.buf.subarray(0, this.length); }
}

/**
 * LZW's dictionary: (prefix code, next index) -> code, one flat table of 4096 x 256
 * entries; `stamp` marks the entries of the current generation, so starting over (a
 * clear code, a new frame) costs nothing. Kept across frames: it is 4 MB.
 */
export class LzwTable {
  constructor() {
    this.codes = new Uint16Array(MAX_CODE * 256);
    this.stamp = new Uint16Array(MAX_CODE * 256);
    this.generation = 0;
  }
  /** A new, empty generation's number. */
  fresh() {
    if (++this.generation === 0x10000) { this.stamp.fill(0); this.generation = 1; }
    return this.generation;
  }
}

/**
 * GIF's LZW for one image: `pixels` are palette indices (Uint8Array), `minBits` the
 * initial code size. Codes go out least significant bit first, in sub-blocks of at most
 * 255 bytes. The code size grows exactly when a decoder's table reaches the next power
 * of two; the decoder builds each entry one code later than the encoder, hence the
 * check before the encoder adds its own entry.
 */
export function lzw(pixels, minBits, out, table = new LzwTable()) {
  const clear = 1 << minBits, eoi = clear + 1;
  const { codes, stamp } = table;
  let generation = table.fresh(), bits = minBits + 1, next = eoi + 1;
  let acc = 0, accBits = 0;
  const block = new Uint8Array(255);
  let blockLen = 0;
  out.byte(minBits);
  const flushBlock = () => {
    if (!blockLen) return;
    out.byte(blockLen);
    for (let i = 0; i < blockLen; i++) out.byte(block[i]);
    blockLen = 0;
  };
  const emit = (code) => {
    acc |= code << accBits;
    accBits += bits;
    while (accBits >= 8) {
      block[blockLen++] = acc & 255;
      if (blockLen === 255) flushBlock();
      acc >>>= 8;
      accBits -= 8;
    }
    if (next === 1 << bits && bits < 12) bits++;
  };
  emit(clear);
  let prefix = pixels[0];
  for (let i = 1; i < pixels.length; i++) {
    const p = pixels[i];
    const key = prefix * 256 + p;
    if (stamp[key] === generation) { prefix = codes[key]; continue; }
    emit(prefix);
    if (next < MAX_CODE) {
      codes[key] = next++;
      stamp[key] = generation;
    }
    if (next === MAX_CODE) {  // table full: start over, as the decoder will on the clear code
      emit(clear);
      generation = table.fresh();
      bits = minBits + 1;
      next = eoi + 1;
    }
    prefix = p;
  }
  emit(prefix);
  emit(eoi);
  if (accBits > 0) { block[blockLen++] = acc & 255; if (blockLen === 255) flushBlock(); }
  flushBlock();
  out.byte(0);  // block terminator
}

/**
 * An animated GIF writer. new GifWriter(width, height, palette); add(rgba, delayMs) per
 * frame; finish() -> Uint8Array. Each frame after the first stores only the rectangle
 * that changed, its unchanged pixels transparent (disposal "leave in place").
 */
export class GifWriter {
  constructor(width, height, palette, { loop = 0 } = {}) {
    Object.assign(this, { width, height, palette, frames: 0 });
    this.out = new Bytes(1 << 20);
    this.shown = new Uint8Array(width * height);  // palette index now on screen, per pixel
    this.indices = new Uint8Array(width * height);
    this.table = new LzwTable();
    const out = this.out;
    out.text('GIF89a');
    out.word(width);
    out.word(height);
    out.byte(0xf7);  // global colour table of 256 entries (2^(7+1)), 8-bit colour resolution
    out.byte(0);     // background colour index
    out.byte(0);     // square pixels
    for (let i = 0; i < 256; i++) {
      const j = i < palette.colours.length / 3 ? i : 0;
      out.byte(palette.colours[3 * j]); out.byte(palette.colours[3 * j + 1]); out.byte(palette.colours[3 * j + 2]);
    }
    // NETSCAPE2.0 application extension: loop `loop` times (0: for ever).
    out.byte(0x21); out.byte(0xff); out.byte(11); out.text('NETSCAPE2.0');
    out.byte(3); out.byte(1); out.word(loop); out.byte(0);
  }

  /** A frame as RGBA bytes (width x height x 4). */
  add(rgba, delayMs) { this.addCells(toCells(rgba), delayMs); }

  /** A frame as colour cells (toCells). */
  addCells(cells, delayMs) {
    const { width, height, palette, indices, shown, out } = this;
    for (let i = 0; i < indices.length; i++) indices[i] = palette.indexOfCell(cells[i]);
    let x0 = 0, y0 = 0, x1 = width - 1, y1 = height - 1;
    if (this.frames > 0) {
      x0 = width; y0 = height; x1 = -1; y1 = -1;
      for (let y = 0; y < height; y++) {
        for (let x = 0, i = y * width; x < width; x++, i++) {
          if (indices[i] !== shown[i]) {
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
            if (y < y0) y0 = y;
            y1 = y;
          }
        }
      }
      if (x1 < 0) { x0 = 0; y0 = 0; x1 = 0; y1 = 0; }  // nothing changed: one transparent pixel carries the delay
    }
    const w = x1 - x0 + 1, h = y1 - y0 + 1;
    const rect = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y0 + y) * width + x0 + x;
        const same = this.frames > 0 && indices[i] === shown[i];
        rect[y * w + x] = same ? TRANSPARENT : indices[i];
        shown[i] = indices[i];
      }
    }
    // Graphic control extension: disposal 1 (leave in place), transparency on index 255.
    out.byte(0x21); out.byte(0xf9); out.byte(4);
    out.byte((1 << 2) | 1);
    out.word(Math.max(2, Math.round(delayMs / 10)));  // centiseconds; browsers slow anything below 2
    out.byte(TRANSPARENT);
    out.byte(0);
    // Image descriptor: the changed rectangle, no local colour table.
    out.byte(0x2c); out.word(x0); out.word(y0); out.word(w); out.word(h); out.byte(0);
    lzw(rect, 8, out, this.table);
    this.frames++;
  }

  finish() {
    this.out.byte(0x3b);
    return this.out.bytes().slice();
  }
}
