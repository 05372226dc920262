// Packs bytes (the wasm) into the text web/unpack.js unpacks: an LZ77 parse chosen for the
// fewest coded bits (a shortest path over each block of positions, priced with the model's
// probabilities at the block's start), then every token coded bit by bit by the same
// adaptive model and a range coder with base-124 digits. Build time only (scripts/bundle.mjs).
import {
  PROB_ONE, PROB_SHIFT, BASE, DIGITS, TOP, charOfDigit, MIN_MATCH, MAX_MATCH, LIT, MATCH, REP, POS_STATES,
  SLOTS, ALIGN_BITS, FULL_SLOT, modelLayout, nextState, distanceSlot,
} from '../web/unpack.js';

const BLOCK = 1024;  // positions per shortest-path block (its prices are the model's at its start)
const CHAIN = 400;   // candidate match positions looked at per position
const WINDOW = BASE ** DIGITS;  // the range coder's low register spans 4 digits, plus a carry

class Coder {
  constructor(layout) {
    this.L = layout;
    this.p = new Uint16Array(layout.size).fill(PROB_ONE >> 1);
    this.low = 0;
    this.range = WINDOW - 1;
    this.cache = 0;
    this.cacheSize = 1;
    this.digits = [];
  }
  shiftLow() {
    if (this.low < (BASE - 1) * TOP || this.low >= WINDOW) {
      const carry = this.low >= WINDOW ? 1 : 0;
      let d = this.cache;
      do { this.digits.push((d + carry) % BASE); d = BASE - 1; } while (--this.cacheSize !== 0);
      this.cache = Math.floor((this.low % WINDOW) / TOP);
    }
    this.cacheSize++;
    this.low = (this.low % TOP) * BASE;
  }
  normalize() {
    while (this.range < TOP) { this.range *= BASE; this.shiftLow(); }
  }
  bit(i, b) {
    const p = this.p;
    const bound = (this.range >>> 11) * p[i];
    if (!b) { this.range = bound; p[i] += (PROB_ONE - p[i]) >> PROB_SHIFT; } else { this.low += bound; this.range -= bound; p[i] -= p[i] >> PROB_SHIFT; }
    this.normalize();
  }
  plain(v, n) {
    for (let k = n - 1; k >= 0; k--) {
      this.range = this.range >>> 1;
      if ((v >>> k) & 1) this.low += this.range;
      this.normalize();
    }
  }
  tree(base, n, v) { let m = 1; for (let k = n - 1; k >= 0; k--) { const b = (v >>> k) & 1; this.bit(base + m, b); m = (m << 1) | b; } }
  reverseTree(base, n, v) { let m = 1; for (let k = 0; k < n; k++) { const b = (v >>> k) & 1; this.bit(base + m, b); m = (m << 1) | b; } }
  length(c, posState, len) {
    const v = len - MIN_MATCH;
    if (v < 8) { this.bit(c.choice, 0); this.tree(c.low + posState * 8, 3, v); return; }
    this.bit(c.choice, 1);
    if (v < 16) { this.bit(c.choice + 1, 0); this.tree(c.mid + posState * 8, 3, v - 8); return; }
    this.bit(c.choice + 1, 1);
    this.tree(c.high, 8, v - 16);
  }
  distance(len, d) {
    const slot = distanceSlot(d);
    this.tree(this.L.slot + Math.min(len - MIN_MATCH, 3) * SLOTS, 6, slot);
    if (slot < 4) return;
    const n = (slot >> 1) - 1;
    const rest = d - ((2 | (slot & 1)) << n);
    if (slot < FULL_SLOT) { this.reverseTree(this.L.footer[slot], n, rest); return; }
    this.plain(rest >>> ALIGN_BITS, n - ALIGN_BITS);
    this.reverseTree(this.L.align, ALIGN_BITS, rest & ((1 << ALIGN_BITS) - 1));
  }
  literal(bytes, pos, state, rep0) {
    const base = this.L.literal + (pos ? bytes[pos - 1] >> 5 : 0) * 0x300;
    const byte = bytes[pos];
    let m = 1;
    let k = 7;
    if (state % 3 !== LIT) {
      const mb = bytes[pos - rep0 - 1];
      for (; k >= 0; k--) {
        const mbit = (mb >> k) & 1;
        const b = (byte >> k) & 1;
        this.bit(base + ((1 + mbit) << 8) + m, b);
        m = (m << 1) | b;
        if (b !== mbit) { k--; break; }
      }
    }
    for (; k >= 0; k--) { const b = (byte >> k) & 1; this.bit(base + m, b); m = (m << 1) | b; }
  }
  finish() {
    for (let i = 0; i <= DIGITS; i++) this.shiftLow();
    return this.digits;
  }
}

// Bits to code bit b at probability p (of a 0), as a table over p.
const PRICE = Array.from({ length: PROB_ONE }, (_, p) => -Math.log2(Math.max(p, 1) / PROB_ONE));
const price = (p, b) => (b ? PRICE[PROB_ONE - p] : PRICE[p]);

/** Prices of tokens under the coder's current probabilities (read, never updated). */
class Prices {
  constructor(coder) { this.c = coder; this.L = coder.L; this.p = coder.p; this.lenCache = new Map(); }
  tree(base, n, v) { let m = 1, s = 0; for (let k = n - 1; k >= 0; k--) { const b = (v >>> k) & 1; s += price(this.p[base + m], b); m = (m << 1) | b; } return s; }
  reverseTree(base, n, v) { let m = 1, s = 0; for (let k = 0; k < n; k++) { const b = (v >>> k) & 1; s += price(this.p[base + m], b); m = (m << 1) | b; } return s; }
  length(c, posState, len) {
    const key = `${c.choice},${posState},${len}`;
    let s = this.lenCache.get(key);
    if (s !== undefined) return s;
    const v = len - MIN_MATCH;
    const p = this.p;
    if (v < 8) s = price(p[c.choice], 0) + this.tree(c.low + posState * 8, 3, v);
    else if (v < 16) s = price(p[c.choice], 1) + price(p[c.choice + 1], 0) + this.tree(c.mid + posState * 8, 3, v - 8);
    else s = price(p[c.choice], 1) + price(p[c.choice + 1], 1) + this.tree(c.high, 8, v - 16);
    this.lenCache.set(key, s);
    return s;
  }
  distance(len, d) {
    const slot = distanceSlot(d);
    let s = this.tree(this.L.slot + Math.min(len - MIN_MATCH, 3) * SLOTS, 6, slot);
    if (slot < 4) return s;
    const n = (slot >> 1) - 1;
    const rest = d - ((2 | (slot & 1)) << n);
    if (slot < FULL_SLOT) return s + this.reverseTree(this.L.footer[slot], n, rest);
    return s + (n - ALIGN_BITS) + this.reverseTree(this.L.align, ALIGN_BITS, rest & ((1 << ALIGN_BITS) - 1));
  }
  literal(bytes, pos, state, rep0) {
    const base = this.L.literal + (pos ? bytes[pos - 1] >> 5 : 0) * 0x300;
    const byte = bytes[pos];
    let m = 1, k = 7, s = 0;
    if (state % 3 !== LIT) {
      const mb = bytes[pos - rep0 - 1];
      for (; k >= 0; k--) {
        const mbit = (mb >> k) & 1, b = (byte >> k) & 1;
        s += price(this.p[base + ((1 + mbit) << 8) + m], b);
        m = (m << 1) | b;
        if (b !== mbit) { k--; break; }
      }
    }
    for (; k >= 0; k--) { const b = (byte >> k) & 1; s += price(this.p[base + m], b); m = (m << 1) | b; }
    return s;
  }
}

/** For every position, the matches before it: [len, dist, len, dist, ...] with len increasing. */
function* matchesAt(bytes) {
  const n = bytes.length;
  const head = new Int32Array(1 << 16).fill(-1);
  const prev = new Int32Array(n);
  const head2 = new Int32Array(1 << 16).fill(-1);
  for (let pos = 0; pos < n; pos++) {
    const found = [];
    const max = Math.min(MAX_MATCH, n - pos);
    let best = 1;
    if (max >= 2) {
      const h2 = bytes[pos] | (bytes[pos + 1] << 8);
      const c2 = head2[h2];
      if (c2 >= 0) { best = 2; found.push(2, pos - c2 - 1); }
      head2[h2] = pos;
    }
    if (max >= 3) {
      const h = ((bytes[pos] << 8) ^ (bytes[pos + 1] << 4) ^ bytes[pos + 2] ^ (bytes[pos + 2] << 12)) & 0xffff;
      let cand = head[h];
      for (let chain = 0; cand >= 0 && chain < CHAIN; chain++, cand = prev[cand]) {
        if (bytes[cand + best] !== bytes[pos + best]) continue;
        let len = 0;
        while (len < max && bytes[cand + len] === bytes[pos + len]) len++;
        if (len > best) {
          best = len;
          found.push(len, pos - cand - 1);
          if (len === max) break;
        }
      }
      prev[pos] = head[h];
      head[h] = pos;
    }
    yield found;
  }
}

/** bytes -> the packed text's digits (0..BASE-1 each). */
export function packDigits(bytes) {
  const L = modelLayout();
  const coder = new Coder(L);
  const n = bytes.length;
  const allMatches = [...matchesAt(bytes)];
  let reps = [0, 0, 0, 0];
  let state = 0;
  let pos = 0;
  const repLength = (at, d) => {
    if (at - d - 1 < 0) return 0;
    const max = Math.min(MAX_MATCH, n - at);
    let len = 0;
    while (len < max && bytes[at + len] === bytes[at - d - 1 + len]) len++;
    return len;
  };
  while (pos < n) {
    const B = Math.min(BLOCK, n - pos);
    const P = new Prices(coder);
    const size = B + MAX_MATCH + 1;
    const cost = new Float64Array(size).fill(Infinity);
    const from = new Int32Array(size), tokKind = new Int8Array(size), tokArg = new Int32Array(size);
    const nodeReps = new Array(size), nodeState = new Int8Array(size);
    cost[0] = 0;
    nodeReps[0] = reps;
    nodeState[0] = state;
    for (let i = 0; i < B; i++) {
      if (cost[i] === Infinity) continue;
      const at = pos + i, st = nodeState[i], rp = nodeReps[i], ps = at & (POS_STATES - 1);
      const base = cost[i] + price(coder.p[L.isMatch + st * POS_STATES + ps], 1);
      const relax = (j, c, kind, arg) => {
        if (c < cost[j]) {
          cost[j] = c; from[j] = i; tokKind[j] = kind; tokArg[j] = arg;
          if (kind === LIT) { nodeReps[j] = rp; } else if (kind === REP) { const r = rp.slice(); const d = r.splice(arg, 1)[0]; r.unshift(d); nodeReps[j] = r; } else { nodeReps[j] = [arg, rp[0], rp[1], rp[2]]; }
          nodeState[j] = nextState(st, kind);
        }
      };
      relax(i + 1, cost[i] + price(coder.p[L.isMatch + st * POS_STATES + ps], 0) + P.literal(bytes, at, st, rp[0]), LIT, 0);
      const repBase = base + price(coder.p[L.isRep + st], 1);
      const shortAt = L.isShort + st * POS_STATES + ps;
      for (let k = 0; k < 4; k++) {
        const len = repLength(at, rp[k]);
        if (len < 1 || (len < MIN_MATCH && k > 0)) continue;
        let c0 = repBase + P.tree(L.repIndex + st * 4, 2, k);
        if (k === 0) {
          relax(i + 1, c0 + price(coder.p[shortAt], 1), REP, 0);  // the one-byte rep0
          c0 += price(coder.p[shortAt], 0);
        }
        for (let l = MIN_MATCH; l <= len; l++) relax(i + l, c0 + P.length(L.repLen, ps, l), REP, k);
      }
      const found = allMatches[at];
      const matchBase = base + price(coder.p[L.isRep + st], 0);
      let l = MIN_MATCH;
      for (let f = 0; f < found.length; f += 2) {
        const len = found[f], d = found[f + 1];
        for (; l <= len; l++) relax(i + l, matchBase + P.length(L.matchLen, ps, l) + P.distance(l, d), MATCH, d);
      }
    }
    // Back from the block's end, then code the tokens in order with the adaptive model.
    const tokens = [];
    for (let j = B; j > 0; j = from[j]) tokens.push([from[j], j - from[j], tokKind[j], tokArg[j]]);
    tokens.reverse();
    for (const [i, len, kind, arg] of tokens) {
      const at = pos + i, ps = at & (POS_STATES - 1);
      coder.bit(L.isMatch + state * POS_STATES + ps, kind === LIT ? 0 : 1);
      if (kind === LIT) {
        coder.literal(bytes, at, state, reps[0]);
      } else {
        coder.bit(L.isRep + state, kind === REP ? 1 : 0);
        if (kind === REP) {
          coder.tree(L.repIndex + state * 4, 2, arg);
          const d = reps.splice(arg, 1)[0];
          reps = [d, ...reps];
          if (arg === 0) coder.bit(L.isShort + state * POS_STATES + ps, len === 1 ? 1 : 0);
          if (len > 1) coder.length(L.repLen, ps, len);
        } else {
          coder.length(L.matchLen, ps, len);
          coder.distance(len, arg);
          reps = [arg, reps[0], reps[1], reps[2]];
        }
      }
      state = nextState(state, kind);
    }
    pos += B;
  }
  return coder.finish();
}

/** bytes -> the source of a JS string literal (quotes included) that web/unpack.js unpacks. */
export function packedLiteral(bytes) {
  return `"${packDigits(bytes).map((d) => String.fromCharCode(charOfDigit(d))).join('')}"`;
}
