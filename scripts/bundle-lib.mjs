// How scripts/bundle.mjs inlines the wasm: a JS string literal of one char per
// byte (code points 0-255). After gzip this is about 20% smaller than base64.
// Only what a "..." literal cannot hold is escaped: \ " and the line breaks.

/** bytes -> the source text of a JS string literal, quotes included. */
export function latin1Literal(bytes) {
  const parts = [];
  for (const b of bytes) {
    if (b === 0x5c) parts.push('\\\\');
    else if (b === 0x22) parts.push('\\"');
    else if (b === 0x0a) parts.push('\\n');
    else if (b === 0x0d) parts.push('\\r');
    else parts.push(String.fromCharCode(b));
  }
  return `"${parts.join('')}"`;
}

/**
 * The text of a lazily loaded part (web/parts.js): a classic script that, when it runs,
 * dispatches PART_EVENT with {name, build, ...payload} on the global object and defines
 * nothing. payloadSource: the JS source of the payload's members, e.g. 'data:"..."'.
 */
export function partScript({ header = '', name, build, payloadSource, event }) {
  const head = `name:${JSON.stringify(name)},build:${JSON.stringify(build)}`;
  return `${header}(function(){self.dispatchEvent(new CustomEvent(${JSON.stringify(event)},` +
    `{detail:{${head},${payloadSource}}}))})();\n`;
}

/**
 * A byte -> code point table for inlining `bytes` with latin1Literal: the 128 most
 * frequent byte values get the code points 0..127, which UTF-8 stores in one byte
 * (128..255 take two), and the escaped ones (\ " \n \r) go to the rarest values.
 * For the wasm this saves about 1.5 KB after gzip. Returns {codes, decoder}: codes[b]
 * is b's code point; decoder is the inverse as a 256-char string (decoder[code] = byte).
 */
export function frequencyCode(bytes) {
  const count = new Array(256).fill(0);
  for (const b of bytes) count[b]++;
  const byFrequency = [...Array(256).keys()].sort((a, b) => count[b] - count[a] || a - b);
  const escaped = [0x5c, 0x22, 0x0a, 0x0d];
  const points = [...Array(256).keys()].filter((c) => !escaped.includes(c)).concat(escaped);
  const codes = new Uint8Array(256);
  byFrequency.forEach((b, i) => { codes[b] = points[i]; });
  const decoder = new Array(256);
  for (let b = 0; b < 256; b++) decoder[codes[b]] = String.fromCharCode(b);
  return { codes, decoder: decoder.join('') };
}
