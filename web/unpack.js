// Unpacks the wasm the bundle carries as text (scripts/pack.mjs packs it at build time):
// LZ77 matches and literals, coded bit by bit with adaptive probabilities by a range coder
// whose output digits are base 124, one ASCII char each: every ASCII char but the four a
// "..." literal cannot hold as they are (\n \r " \). So gzip, which a server applies on
// top, finds nothing left to squeeze, and no char takes two bytes of UTF-8.
// This is the bundle's largest part: coded so, it is about 18% smaller after gzip than the
// wasm bytes are. Not here: the encoder and its parsing (scripts/pack.mjs).

// The model, shared with the encoder (one source): probabilities of a 0 bit are 11-bit
// integers moved 1/32 of the way towards each bit seen.
export const PROB_ONE = 2048;
export const PROB_SHIFT = 5;
// Range coder: the range spans 4 digits (BASE^4, about 2^27.8) and takes a digit when it
// falls below BASE^3.
export const BASE = 124;
export const DIGITS = 4;
export const TOP = BASE ** (DIGITS - 1);
export const ESCAPED = [10, 13, 34, 92];
/** A digit's char code: the digits run over 0..127, skipping ESCAPED. */
export const charOfDigit = (d) => ESCAPED.reduce((c, e) => (c >= e ? c + 1 : c), d);
export const MIN_MATCH = 2;
export const MAX_MATCH = MIN_MATCH + 8 + 8 + 255;
export const REPS = 4;  // the last four match distances, reused at lower cost
// Tokens' kinds; the state is the kinds of the last two tokens (3 x 3 contexts).
export const LIT = 0;
export const MATCH = 1;
export const REP = 2;
export const STATES = 9;
export const POS_STATES = 4;  // a token's position mod 4 (wasm has 4-byte structure in places)
export const LIT_CONTEXTS = 8;  // literals are coded in the context of the byte before's top 3 bits
export const SLOTS = 64;       // distance slots: about 2 log2(distance)
export const ALIGN_BITS = 4;
export const FULL_SLOT = 14;   // from this slot on, a distance's middle bits are coded as plain bits

/** The offsets of each probability table in one array; encoder and decoder use the same layout. */
export function modelLayout() {
  let n = 0;
  const take = (size) => { const at = n; n += size; return at; };
  const lengthCoder = () => ({ choice: take(2), low: take(POS_STATES * 8), mid: take(POS_STATES * 8), high: take(256) });
  const layout = {
    isMatch: take(STATES * POS_STATES), isRep: take(STATES), repIndex: take(STATES * 4), isShort: take(STATES * POS_STATES),
    literal: take(LIT_CONTEXTS * 0x300), matchLen: lengthCoder(), repLen: lengthCoder(),
    slot: take(4 * SLOTS), footer: [], align: 0,
  };
  for (let slot = 0; slot < FULL_SLOT; slot++) layout.footer.push(slot < 4 ? 0 : take(1 << ((slot >> 1) - 1)));
  layout.align = take(1 << ALIGN_BITS);
  layout.size = n;
  return layout;
}

/** The next state after a token of `kind`. */
export const nextState = (state, kind) => (state % 3) * 3 + kind;

/** A distance (0-based) -> its slot. */
export function distanceSlot(d) {
  if (d < 4) return d;
  const top = 31 - Math.clz32(d);
  return 2 * top + ((d >>> (top - 1)) & 1);
}

/** The packed text (a string of digit chars) -> `size` bytes. */
export function unpack(text, size) {
  const slices = unpacking(text, size, Infinity);
  for (let s = slices.next(); ; s = slices.next()) if (s.done) return s.value;
}

/**
 * The same bytes, `slice` at a time, awaiting pause() between slices: a page unpacks the
 * engine without one long task (the whole wasm takes tens of ms on a phone-class CPU).
 */
export async function unpackInSlices(text, size, pause, slice = 1 << 15) {
  const slices = unpacking(text, size, slice);
  for (;;) {
    await pause();  // the first slice too: the task that asked for the engine has work of its own
    const s = slices.next();
    if (s.done) return s.value;
  }
}

/** The decoder: yields after each `slice` bytes (or a little past, at a token's end), returns the bytes. */
function* unpacking(text, size, slice) {
  const L = modelLayout();
  const p = new Uint16Array(L.size).fill(PROB_ONE >> 1);
  const out = new Uint8Array(size);
  let at = 0;
  const digitOf = new Uint8Array(128);
  for (let d = 0; d < BASE; d++) digitOf[charOfDigit(d)] = d;
  const digit = () => digitOf[text.charCodeAt(at++)];
  let range = BASE ** DIGITS - 1;
  let code = 0;
  for (let i = 0; i <= DIGITS; i++) code = code * BASE + digit();  // the first digit is always 0
  const bit = (i) => {
    const bound = Math.imul(range >>> 11, p[i]);
    let b;
    if (code < bound) { range = bound; p[i] += (PROB_ONE - p[i]) >> PROB_SHIFT; b = 0; } else { range -= bound; code -= bound; p[i] -= p[i] >> PROB_SHIFT; b = 1; }
    while (range < TOP) { range = Math.imul(range, BASE); code = Math.imul(code, BASE) + digit(); }
    return b;
  };
  const plain = (n) => {  // n bits at probability 1/2, high bit first
    let v = 0;
    for (let k = 0; k < n; k++) {
      range >>>= 1;
      let b = 0;
      if (code >= range) { code -= range; b = 1; }
      v = (v << 1) | b;
      while (range < TOP) { range = Math.imul(range, BASE); code = Math.imul(code, BASE) + digit(); }
    }
    return v;
  };
  const tree = (base, n) => { let m = 1; for (let k = 0; k < n; k++) m = (m << 1) | bit(base + m); return m - (1 << n); };
  const reverseTree = (base, n) => { let m = 1, v = 0; for (let k = 0; k < n; k++) { const b = bit(base + m); m = (m << 1) | b; v |= b << k; } return v; };
  const length = (c, posState) => {
    if (!bit(c.choice)) return MIN_MATCH + tree(c.low + posState * 8, 3);
    if (!bit(c.choice + 1)) return MIN_MATCH + 8 + tree(c.mid + posState * 8, 3);
    return MIN_MATCH + 16 + tree(c.high, 8);
  };
  const reps = [0, 0, 0, 0];
  let state = 0;
  let pos = 0;
  for (let pause = slice; pos < size;) {
    if (pos >= pause) { yield; pause += slice; }
    const posState = pos & (POS_STATES - 1);
    if (!bit(L.isMatch + state * POS_STATES + posState)) {
      const base = L.literal + (pos ? out[pos - 1] >> 5 : 0) * 0x300;
      let m = 1;
      if (state % 3 !== LIT) {  // right after a match: the byte a rep0 match would give guides the bits
        let mb = out[pos - reps[0] - 1];
        do {
          const mbit = (mb >> 7) & 1;
          mb <<= 1;
          const b = bit(base + ((1 + mbit) << 8) + m);
          m = (m << 1) | b;
          if (b !== mbit) break;
        } while (m < 0x100);
      }
      while (m < 0x100) m = (m << 1) | bit(base + m);
      out[pos++] = m & 0xff;
      state = nextState(state, LIT);
      continue;
    }
    let len;
    if (bit(L.isRep + state)) {
      const k = tree(L.repIndex + state * 4, 2);
      const d = reps[k];
      reps.splice(k, 1);
      reps.unshift(d);
      // A one-byte match at the last distance (common in code: the same opcode again) has its own bit.
      len = k === 0 && bit(L.isShort + state * POS_STATES + posState) ? 1 : length(L.repLen, posState);
      state = nextState(state, REP);
    } else {
      len = length(L.matchLen, posState);
      const slot = tree(L.slot + Math.min(len - MIN_MATCH, 3) * SLOTS, 6);
      let d = slot;
      if (slot >= 4) {
        const n = (slot >> 1) - 1;
        d = (2 | (slot & 1)) << n;
        if (slot < FULL_SLOT) d += reverseTree(L.footer[slot], n);
        else d += (plain(n - ALIGN_BITS) << ALIGN_BITS) + reverseTree(L.align, ALIGN_BITS);
      }
      reps.pop();
      reps.unshift(d);
      state = nextState(state, MATCH);
    }
    const from = pos - reps[0] - 1;
    for (let k = 0; k < len; k++) out[pos + k] = out[from + k];
    pos += len;
  }
  return out;
}
