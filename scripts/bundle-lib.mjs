// How scripts/bundle.mjs writes a lazily loaded part: its payload (the digits) as a JS
// string literal of one char per byte (code points 0-255), which after gzip is about
// 20% smaller than base64; only what a "..." literal cannot hold is escaped: \ " and
// the line breaks. (The wasm is packed instead: scripts/pack.mjs.)

/**
 * A JS literal of `value` (JSON) in ASCII only, \uXXXX for the rest, upper-case hex as esbuild
 * writes it: it reads the same in any charset, and a test can look for a string in the bundle.
 */
export function asciiJson(value) {
  return JSON.stringify(value).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

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
