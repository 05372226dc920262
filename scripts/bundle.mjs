// Assembles dist/relu-lab.js: one classic script, no other file needed.
//   1. the wasm bytes, inlined as a string of one char per byte (about 20% smaller
//      after gzip than base64, which SINGLE_FILE would use),
//   2. emscripten's module factory (build/wasm/relu-lab-wasm.js),
//   3. web/main.js and its imports, bundled by esbuild.
// All three sit inside one function scope, so nothing leaks into the page.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { latin1Literal } from './bundle-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wasmPath = path.join(root, 'build/wasm/relu-lab-wasm.wasm');
const gluePath = path.join(root, 'build/wasm/relu-lab-wasm.js');


const bundle = await esbuild.build({
  entryPoints: [path.join(root, 'web/main.js')],
  bundle: true,
  format: 'iife',
  minify: true,
  write: false,
  target: 'es2020',
  legalComments: 'none',
});
// The article page's own script (language toggle, URL hash); not needed to embed a figure.
await esbuild.build({
  entryPoints: [path.join(root, 'web/page.js')],
  bundle: true, format: 'iife', minify: true, target: 'es2020', legalComments: 'none',
  outfile: path.join(root, 'dist/page.js'),
});
// The recorder (video, GIF, whole-figure image): a part loaded beside relu-lab.js on first use.
await esbuild.build({
  entryPoints: [path.join(root, 'web/recorder-part.js')],
  bundle: true, format: 'iife', minify: true, target: 'es2020', legalComments: 'none',
  outfile: path.join(root, 'dist/relu-lab-recorder.js'),
});
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
// Emscripten's glue is only lightly minified without closure (which Debian lacks); esbuild
// takes it from 13.8 to 10.3 KB gzipped. Its one top-level name, createReluLabModule, stays.
const glue = (await esbuild.transform(fs.readFileSync(gluePath, 'utf8'), { minify: true, target: 'es2020' })).code;
const header = `/*! ReLU Lab (dist/relu-lab.js): the <relu-demo> element and its WebAssembly engine.
   Digits data: UCI Optical Recognition of Handwritten Digits (Alpaydin & Kaynak, 1998), CC BY 4.0.
   This file holds binary data as text: load it as UTF-8 (<script charset="utf-8">). */\n`;
const text = `${header}(function(){\nvar RELU_LAB_WASM=${latin1Literal(wasm)};\nvar RELU_LAB_WASM_SIZE=${wasm.length};\n` +
  `${glue}\n${bundle.outputFiles[0].text}})();\n`;
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist/relu-lab.js'), text, 'utf8');
const gz = zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 }).length;
console.log(`dist/relu-lab.js: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(1)} KB gzipped ` +
  `(wasm ${(wasm.length / 1024).toFixed(0)} KB, budget 150 KB gzipped)`);
