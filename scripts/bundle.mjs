// Assembles dist/relu-lab.js: one classic script, all a figure needs.
//   1. the wasm bytes, packed (scripts/pack.mjs: LZ77 and a range coder, 7-bit ASCII
//      digits) into a string that web/unpack.js turns back into the bytes: about 18%
//      smaller after gzip than the bytes themselves,
//   2. emscripten's module factory (build/wasm/relu-lab-wasm.js),
//   3. web/main.js and its imports, bundled by esbuild.
// All three sit inside one function scope, so nothing leaks into the page.
// Beside it, the lazily loaded parts (web/parts.js) that only some figures need:
//   dist/relu-lab-digits.js, the digits data set (arithmetic-coded, cmake/encode_digits.mjs),
//   dist/relu-lab-zh.js, the element's Chinese strings (the bundle keeps only their BOOT_KEYS),
//   dist/relu-lab-share.js, the share menu's contents (links, snippets, downloads),
//   dist/relu-lab-points.js, the editor of your own points (data=custom),
//   dist/relu-lab-network.js, the network diagram's drawing (web/code-parts.js),
//   dist/relu-lab-charts.js, the activation, curve and born-dead charts (the same),
//   dist/relu-lab-controls.js, a figure's controls (the same),
//   dist/relu-lab-recorder.js, video, GIF and whole-figure images.
// Also writes the npm package's TypeScript declarations, dist/relu-lab.d.ts, from the engine's schema.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { asciiJson, latin1Literal, partScript } from './bundle-lib.mjs';
import { packedLiteral } from './pack.mjs';
import { parseCsv, encodeDigits } from '../cmake/encode_digits.mjs';
import { PART_EVENT } from '../web/parts.js';
import { declarationText } from './types-lib.mjs';
import { loadEngine } from '../web/engine.js';
import { VIEW_ATTRIBUTES } from '../web/keys.js';
import { PANELS } from '../web/panels.js';
import { BOOT_KEYS } from '../web/i18n.js';
import { ZH } from '../web/strings-zh.js';
import { STYLE } from '../web/style.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wasmPath = path.join(root, 'build/wasm/relu-lab-wasm.wasm');
const gluePath = path.join(root, 'build/wasm/relu-lab-wasm.js');


// In the bundle the Chinese table is its BOOT_KEYS only (what a figure says while it loads);
// the rest is the part relu-lab-zh.js. Node tests and scripts import the whole table.
const zhBoot = Object.fromEntries(BOOT_KEYS.map((k) => [k, ZH[k]]));
const bootStrings = {
  name: 'boot-strings',
  setup(build) {
    build.onLoad({ filter: /strings-zh\.js$/ }, () => ({ contents: `export const ZH = ${asciiJson(zhBoot)};`, loader: 'js' }));
  },
};
// The stylesheet is CSS in a template literal, which esbuild's JS minifier leaves as written:
// minified as CSS here (0.4 KB less after gzip).
const styleCss = (await esbuild.transform(STYLE, { loader: 'css', minify: true })).code.trim();
const minifiedStyle = {
  name: 'minified-style',
  setup(build) {
    build.onLoad({ filter: /web[\\/]style\.js$/ }, () => ({ contents: `export const STYLE = ${JSON.stringify(styleCss)};`, loader: 'js' }));
  },
};
// ES2022 as written (class fields, private methods): every browser that runs the engine's wasm
// SIMD (Chrome 91, Safari 16.4, Firefox 89) has them, but Firefox 89's lack of private methods;
// lowering them to ES2020 cost 0.4 KB gzipped.
const TARGET = 'es2022';
const bundle = await esbuild.build({
  entryPoints: [path.join(root, 'web/main.js')],
  bundle: true,
  format: 'iife',
  minify: true,
  write: false,
  target: TARGET,
  legalComments: 'none',
  plugins: [bootStrings, minifiedStyle],
});
// The article page's own script (language toggle, URL hash); not needed to embed a figure.
await esbuild.build({
  entryPoints: [path.join(root, 'web/page.js')],
  bundle: true, format: 'iife', minify: true, target: TARGET, legalComments: 'none',
  outfile: path.join(root, 'dist/page.js'),
});
// The parts made of code: each a module whose exports become the part's payload (under the
// part's name), its code run inside the part's function. What each is for, and when it loads:
const CODE_PARTS = [
  { name: 'recorder', entry: 'web/recorder.js', what: 'saves a figure as video, GIF or image; loaded by relu-lab.js on first use' },
  { name: 'share', entry: 'web/share-body.js', what: "a figure's share menu (links, snippets, downloads); loaded by relu-lab.js when a menu opens" },
  { name: 'points', entry: 'web/point-tools.js', what: "the editor of your own points on a figure's map; loaded by relu-lab.js when a figure offers it" },
  // The code of what only some figures show (web/code-parts.js): each loaded before a figure that shows it is built.
  { name: 'network', entry: 'web/network-part.js', codePart: true, what: 'draws the network diagram; loaded by relu-lab.js for a figure that shows the network panel' },
  { name: 'controls', entry: 'web/controls.js', codePart: true, what: "builds a figure's controls; loaded by relu-lab.js for a figure that has some" },
  { name: 'charts', entry: 'web/charts-part.js', codePart: true, what: 'draws the activation, curve and born-dead charts; loaded by relu-lab.js for a figure that shows one' },
  // Training off the main thread: loaded in the page to start the page's worker, and inside
  // the worker (relu-lab.js again) to serve the engine.
  { name: 'worker', entry: 'web/worker-part.js', what: 'trains the figures in a Worker; loaded by relu-lab.js in the page and in that worker' },
];
// The parts of code-parts.js (a panel's drawing, the controls) take a few functions from modules
// whose other exports they never use: built with those modules treated as free of side effects,
// so that (for example) i18n.js's string tables, which the controls never read, stay out.
const unusedModulesDropped = {
  name: 'unused-modules-dropped',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => ({ path: path.join(args.resolveDir, args.path), sideEffects: false }));
  },
};
for (const part of CODE_PARTS) {
  part.code = (await esbuild.build({
    entryPoints: [path.join(root, part.entry)],
    bundle: true, format: 'iife', globalName: part.name, minify: true, write: false, target: TARGET, legalComments: 'none',
    plugins: part.codePart ? [unusedModulesDropped] : [],
  })).outputFiles[0].text;
}
// The iframe auto-height helper for blogs that embed the lab as an <iframe>.
await esbuild.build({
  entryPoints: [path.join(root, 'web/iframe-resizer.js')],
  bundle: true, format: 'iife', minify: true, target: 'es2020', legalComments: 'none',
  outfile: path.join(root, 'dist/relu-lab-iframe.js'),
});
// The example blog posts (Chinese and English) sit next to the script they load.
for (const name of ['embed-example.html', 'embed-example.en.html', 'embed-example.css']) {
  fs.copyFileSync(path.join(root, 'web', name), path.join(root, 'dist', name));
}
const wasm = fs.readFileSync(wasmPath);
// Emscripten's glue comes out of the closure compiler (cmake/wasm.cmake); esbuild's pass over
// it still saves a little. Its one top-level name, createReluLabModule, stays.
const glue = (await esbuild.transform(fs.readFileSync(gluePath, 'utf8'), { minify: true, target: 'es2020' })).code;
// The digits, coded as the native build codes them: bytes 0..127, one char each.
const digitsCoded = encodeDigits(parseCsv(zlib.gunzipSync(fs.readFileSync(path.join(root, 'data/digits.csv.gz'))).toString('latin1')));
const digitsLiteral = latin1Literal(digitsCoded);
// A part must come from the same build as the bundle that loads it (web/parts.js checks).
const build = crypto.createHash('sha256').update(wasm).update(glue).update(bundle.outputFiles[0].text)
  .update(digitsLiteral).update(asciiJson(ZH)).update(CODE_PARTS.map((p) => p.code).join()).digest('hex').slice(0, 12);

// The declarations take the config keys, choices and ranges from the engine itself, run in node.
const factory = vm.runInThisContext(`${fs.readFileSync(gluePath, 'utf8')}\n;createReluLabModule`, { filename: gluePath });
const engine = await loadEngine(factory, wasm);
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist/relu-lab.d.ts'), declarationText({ schema: engine.schema, viewAttributes: VIEW_ATTRIBUTES,
  panels: PANELS, recordFields: engine.names.record, layerFields: engine.names.layer }));
const header = `/*! ReLU Lab (dist/relu-lab.js): the <relu-demo> element and its WebAssembly engine.
   It loads relu-lab-digits.js from its own folder when a figure needs the digits.
   All ASCII: the wasm is packed as text (web/unpack.js), so any charset reads it. */\n`;
const wasmPacked = packedLiteral(wasm);
const text = `${header}(function(){\nvar RELU_LAB_WASM=${wasmPacked};\nvar RELU_LAB_WASM_SIZE=${wasm.length};\n` +
  `var RELU_LAB_BUILD=${JSON.stringify(build)};\n${glue}\n${bundle.outputFiles[0].text}})();\n`;
const digitsPart = partScript({
  header: `/*! ReLU Lab (dist/relu-lab-digits.js): the 8x8 digits data set, loaded by relu-lab.js when a figure needs it.
   UCI Optical Recognition of Handwritten Digits (Alpaydin & Kaynak, 1998), CC BY 4.0. */\n`,
  name: 'digits', build, event: PART_EVENT, payloadSource: `data:${digitsLiteral}`,
});
const codeParts = CODE_PARTS.map((p) => [p.name, partScript({
  header: `/*! ReLU Lab (dist/relu-lab-${p.name}.js): ${p.what}. */\n`,
  name: p.name, build, event: PART_EVENT, payloadSource: `${p.name}:(function(){${p.code}return ${p.name}})()`,
})]);
const zhPart = partScript({
  header: '/*! ReLU Lab (dist/relu-lab-zh.js): the figures\' Chinese strings, loaded by relu-lab.js when a figure is in Chinese. */\n',
  name: 'zh', build, event: PART_EVENT, payloadSource: `strings:${asciiJson(ZH)}`,
});
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
const gzKB = (s) => (zlib.gzipSync(Buffer.from(s, 'utf8'), { level: 9 }).length / 1024).toFixed(1);
fs.writeFileSync(path.join(root, 'dist/relu-lab.js'), text, 'utf8');
const parts = [['digits', digitsPart], ['zh', zhPart], ...codeParts];
for (const [name, part] of parts) fs.writeFileSync(path.join(root, `dist/relu-lab-${name}.js`), part, 'utf8');
console.log(`dist/relu-lab.js: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, ${gzKB(text)} KB gzipped ` +
  `(wasm ${(wasm.length / 1024).toFixed(0)} KB, test 110 KB gzipped); parts, gzipped: ` +
  parts.map(([name, part]) => `relu-lab-${name}.js ${gzKB(part)} KB`).join(', '));
