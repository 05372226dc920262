// The GIF encoder (web/gif.js) against a decoder written here from the GIF89a
// specification (not from the encoder): every frame decodes to exactly the palette
// colours the encoder chose for it, including LZW's code-size steps and table resets
// on large noisy frames, and frame differencing keeps a mostly still animation small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPalette, GifWriter, lzw } from '../../web/gif.js';

/** GIF bytes -> {width, height, loop, frames: [{delay, rgba}]} (composited, as a viewer shows them). */
function decodeGif(bytes) {
  let pos = 0;
  const u8 = () => bytes[pos++];
  const u16 = () => { const v = bytes[pos] | (bytes[pos + 1] << 8); pos += 2; return v; };
  const text = (n) => String.fromCharCode(...bytes.subarray(pos, (pos += n)));
  assert.equal(text(6), 'GIF89a');
  const width = u16(), height = u16(), packed = u8();
  u8(); u8();
  const global = packed & 0x80 ? bytes.slice(pos, (pos += 3 * (2 << (packed & 7)))) : null;
  const screen = new Uint8Array(width * height * 4);
  const frames = [];
  let gce = { delay: 0, transparent: -1, disposal: 0 }, loop = null;
  const subBlocks = () => {
    const parts = [];
    for (let n = u8(); n; n = u8()) parts.push(bytes.subarray(pos, (pos += n)));
    return Buffer.concat(parts);
  };
  for (;;) {
    const kind = u8();
    if (kind === 0x3b) break;
    if (kind === 0x21) {
      const label = u8();
      const data = subBlocks();
      if (label === 0xf9) gce = { disposal: (data[0] >> 2) & 7, transparent: data[0] & 1 ? data[3] : -1, delay: data[1] | (data[2] << 8) };
      if (label === 0xff && data.subarray(0, 11).toString() === 'NETSCAPE2.0') loop = data[12] | (data[13] << 8);
      continue;
    }
    assert.equal(kind, 0x2c, `block 0x${kind.toString(16)} at ${pos - 1}`);
    const x0 = u16(), y0 = u16(), w = u16(), h = u16(), flags = u8();
    assert.equal(flags & 0x80, 0, 'no local colour table');
    const minBits = u8();
    const indices = unLzw(subBlocks(), minBits, w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = indices[y * w + x];
        if (i === gce.transparent) continue;
        const p = ((y0 + y) * width + x0 + x) * 4;
        screen.set([global[3 * i], global[3 * i + 1], global[3 * i + 2], 255], p);
      }
    }
    frames.push({ delay: gce.delay, rect: [x0, y0, w, h], rgba: screen.slice() });
    assert.equal(gce.disposal, 1);
  }
  return { width, height, loop, frames };
}

/** The textbook LZW decoder: the table grows one entry per code after the first, the code size with it. */
function unLzw(data, minBits, count) {
  const clear = 1 << minBits, eoi = clear + 1;
  let bits = minBits + 1, table = [], next = 0, prev = null;
  const reset = () => {
    table = Array.from({ length: clear }, (_, i) => [i]);
    table[clear] = table[eoi] = null;
    next = eoi + 1;
    bits = minBits + 1;
    prev = null;
  };
  reset();
  const out = [];
  let bitPos = 0;
  const read = () => {
    let code = 0;
    for (let b = 0; b < bits; b++, bitPos++) code |= ((data[bitPos >> 3] >> (bitPos & 7)) & 1) << b;
    return code;
  };
  for (;;) {
    assert.ok(bitPos + bits <= data.length * 8, 'ran out of data before the end code');
    const code = read();
    if (code === clear) { reset(); continue; }
    if (code === eoi) break;
    let entry;
    if (prev === null) entry = table[code];
    else {
      entry = code < next ? table[code] : [...table[prev], table[prev][0]];
      assert.ok(entry, `code ${code} not in table (next ${next})`);
      if (next < 4096) table[next++] = [...table[prev], entry[0]];
    }
    out.push(...entry);
    prev = code;
    if (next === 1 << bits && bits < 12) bits++;
  }
  assert.equal(out.length, count);
  return out;
}

function rgbaFrame(w, h, pixel) {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgba.set([...pixel(x, y), 255], (y * w + x) * 4);
  return rgba;
}

/** What a viewer should show for an input frame: each pixel's palette colour. */
function expected(rgba, palette) {
  const out = new Uint8Array(rgba.length);
  for (let p = 0; p < rgba.length; p += 4) {
    const i = palette.indexOf(rgba[p], rgba[p + 1], rgba[p + 2]);
    out.set([palette.colours[3 * i], palette.colours[3 * i + 1], palette.colours[3 * i + 2], 255], p);
  }
  return out;
}

test('a few flat colours: the palette holds them exactly and the image decodes pixel for pixel', () => {
  const colours = [[255, 255, 255], [0, 114, 178], [230, 159, 0], [0, 0, 0]];
  const frame = rgbaFrame(37, 23, (x, y) => colours[(x * 7 + y * 3) % 4]);
  const palette = buildPalette([frame], 1);
  assert.equal(palette.colours.length / 3, 4);
  for (const c of colours) {
    const i = palette.indexOf(...c);
    // The cell centre is within 4 of the colour (5 bits per channel).
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(palette.colours[3 * i + k] - c[k]) <= 4, `${c} -> ${palette.colours.subarray(3 * i, 3 * i + 3)}`);
  }
  const gif = new GifWriter(37, 23, palette);
  gif.add(frame, 100);
  const decoded = decodeGif(gif.finish());
  assert.deepEqual([decoded.width, decoded.height, decoded.loop, decoded.frames.length], [37, 23, 0, 1]);
  assert.deepEqual(decoded.frames[0].rgba, expected(frame, palette));
  assert.equal(decoded.frames[0].delay, 10);
});

test('noise over 255 colours on a large frame: LZW\'s code sizes up to 12 bits and its table resets decode exactly', () => {
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) & 255;
  const w = 300, h = 200;
  const frame = rgbaFrame(w, h, () => [rand(), rand(), rand()]);
  const palette = buildPalette([frame], 1);
  assert.equal(palette.colours.length / 3, 255, 'median cut fills the palette');
  const gif = new GifWriter(w, h, palette);
  gif.add(frame, 50);
  const decoded = decodeGif(gif.finish());
  assert.deepEqual(decoded.frames[0].rgba, expected(frame, palette));
});

test('long runs of one index: LZW\'s code == next case (KwKwK) decodes', () => {
  const out = { bytes: [], byte(b) { this.bytes.push(b); } };
  const pixels = new Uint8Array(5000).fill(3);
  pixels[4000] = 1;
  lzw(pixels, 2, out);
  // out: min code size, sub-blocks, terminator
  const data = [];
  let p = 1;
  for (let n = out.bytes[p++]; n; n = out.bytes[p++]) { data.push(...out.bytes.slice(p, p + n)); p += n; }
  assert.deepEqual(unLzw(Uint8Array.from(data), 2, 5000), [...pixels]);
});

test('an animation: each frame stores only its changed rectangle, and every composited frame is right', () => {
  const w = 120, h = 80;
  const frames = Array.from({ length: 25 }, (_, k) => rgbaFrame(w, h, (x, y) => {
    if (x >= 10 + k * 3 && x < 20 + k * 3 && y >= 30 && y < 40) return [213, 94, 0];  // a moving square
    return x < 60 ? [255, 255, 255] : [240, 240, 240];
  }));
  const palette = buildPalette(frames);
  const gif = new GifWriter(w, h, palette);
  for (const f of frames) gif.add(f, 100);
  gif.add(frames[24], 100);  // nothing changed: still a frame, with one transparent pixel
  const bytes = gif.finish();
  const decoded = decodeGif(bytes);
  assert.equal(decoded.frames.length, 26);
  decoded.frames.slice(0, 25).forEach((f, k) => assert.deepEqual(f.rgba, expected(frames[k], palette), `frame ${k}`));
  assert.deepEqual(decoded.frames[1].rect, [10, 30, 13, 10], 'frame 1: the square moved 3 px right');
  assert.deepEqual(decoded.frames[25].rect, [0, 0, 1, 1]);
  assert.deepEqual(decoded.frames[25].rgba, expected(frames[24], palette));
  assert.ok(bytes.length < 4000, `${bytes.length} bytes for 26 frames of ${w}x${h}`);
});
