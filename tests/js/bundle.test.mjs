// The shipped bundle: within its size test (issue 11's target, 110 KB gzipped; 109.5 KB measured
// with the wasm packed, every file at -O3, the wasm-SIMD matrix kernel, the minimal runtime's glue
// through the closure compiler, and the Chinese strings, share menu, points editor, worker code,
// controls, network diagram and rarer charts as parts, README "Speed and size"; lazily loaded
// parts such as the digits apart), free of eval (a strict CSP
// forbids it), all ASCII, and with parts that belong to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import vm from 'node:vm';
import { root, digitsPayload } from './wasm-load.mjs';
import { PART_EVENT } from '../../web/parts.js';
import { unpack } from '../../web/unpack.js';
import { ZH } from '../../web/strings-zh.js';
import { BOOT_KEYS } from '../../web/i18n.js';
import { asciiJson } from '../../scripts/bundle-lib.mjs';

const bundle = fs.readFileSync(path.join(root, 'dist/relu-lab.js'));
const digitsPart = fs.readFileSync(path.join(root, 'dist/relu-lab-digits.js'), 'utf8');

test('dist/relu-lab.js is at most 110 KB gzipped', () => {
  const gz = zlib.gzipSync(bundle, { level: 9 }).length;
  assert.ok(gz <= 110 * 1024, `${(gz / 1024).toFixed(1)} KB gzipped`);
});

test('the digits are not in the bundle, nor in its wasm: they are in relu-lab-digits.js', () => {
  const probe = digitsPayload().data.slice(2000, 2032);  // 32 coded bytes from the middle of the table
  assert.equal(bundle.toString('utf8').includes(probe), false);
  assert.equal(fs.readFileSync(path.join(root, 'build/wasm/relu-lab-wasm.wasm')).toString('latin1').includes(probe), false);
  assert.ok(digitsPart.includes(probe));
});

test('relu-lab-digits.js, run, dispatches the digits payload of this very build and defines nothing', () => {
  const build = bundle.toString('utf8').match(/RELU_LAB_BUILD="([0-9a-f]+)"/)[1];
  const self = new EventTarget();
  let detail = null;
  self.addEventListener(PART_EVENT, (e) => { detail = e.detail; });
  const context = { self, CustomEvent };
  vm.runInNewContext(digitsPart, context);
  assert.deepEqual(Object.keys(context).sort(), ['CustomEvent', 'self']);
  assert.equal(detail.name, 'digits');
  assert.equal(detail.build, build);
  assert.equal(detail.data, digitsPayload().data);
});

test('the Chinese strings are in relu-lab-zh.js (ASCII, the whole table, this build), not in the bundle, which keeps only BOOT_KEYS', () => {
  const zhPart = fs.readFileSync(path.join(root, 'dist/relu-lab-zh.js'));
  assert.ok(zhPart.every((b) => b < 128), 'the part reads the same in any charset (a GBK blog too)');
  const build = bundle.toString('utf8').match(/RELU_LAB_BUILD="([0-9a-f]+)"/)[1];
  const self = new EventTarget();
  let detail = null;
  self.addEventListener(PART_EVENT, (e) => { detail = e.detail; });
  const context = { self, CustomEvent };
  vm.runInNewContext(zhPart.toString('utf8'), context);
  assert.deepEqual(Object.keys(context).sort(), ['CustomEvent', 'self']);
  assert.equal(detail.name, 'zh');
  assert.equal(detail.build, build);
  assert.deepEqual(JSON.parse(JSON.stringify(detail.strings)), ZH);  // (objects of another realm)
  // In the bundle, as esbuild writes them (\uXXXX): the boot strings, and none of the others.
  const escaped = (s) => asciiJson(s).slice(1, -1);
  const text = bundle.toString('utf8');
  for (const key of BOOT_KEYS) assert.ok(text.includes(escaped(ZH[key])), `boot string ${key}`);
  const others = Object.keys(ZH).filter((k) => !BOOT_KEYS.includes(k) && /[^\x00-\x7f]{4,}/.test(ZH[k]));
  assert.ok(others.length > 100);
  assert.deepEqual(others.filter((k) => text.includes(escaped(ZH[k]))), [], 'Chinese strings left in the bundle');
});

test('the engine glue runs in strict code, as a bundler evaluates relu-lab.js inside an ES module', async () => {
  const glue = fs.readFileSync(path.join(root, 'build/wasm/relu-lab-wasm.js'), 'utf8');
  const factory = vm.runInNewContext(`'use strict';\n${glue}\n;createReluLabModule`, { WebAssembly, TextDecoder, console });
  const module = await factory({ wasm: fs.readFileSync(path.join(root, 'build/wasm/relu-lab-wasm.wasm')) });
  assert.equal(module.checkConfig('lr=0.1').ok, true);
});

test('the bundle is all ASCII, packed wasm included: it reads the same whatever charset a page gives it', () => {
  assert.ok(bundle.every((b) => b < 128));
});

// (That nothing is fetched is shown in Chromium: the strict-CSP test allows no connect-src.)
test('no eval or new Function anywhere in the bundle (strict CSP)', () => {
  const text = bundle.toString('utf8');
  assert.doesNotMatch(text, /\beval\(/);
  assert.doesNotMatch(text, /new Function\(/);
});

test('the packed wasm unpacks to exactly build/wasm/relu-lab-wasm.wasm', () => {
  const context = {};
  const text = bundle.toString('utf8');
  // The three declarations the bundle starts with, evaluated as the browser would.
  const decl = text.slice(text.indexOf('var RELU_LAB_WASM='), text.indexOf('var RELU_LAB_BUILD='));
  vm.runInNewContext(decl, context);
  const wasm = fs.readFileSync(path.join(root, 'build/wasm/relu-lab-wasm.wasm'));
  assert.equal(context.RELU_LAB_WASM_SIZE, wasm.length);
  assert.ok(Buffer.from(unpack(context.RELU_LAB_WASM, context.RELU_LAB_WASM_SIZE)).equals(wasm));
  // Packed for gzip: the packed text gzips smaller than the bytes it stands for.
  const packedGz = zlib.gzipSync(Buffer.from(context.RELU_LAB_WASM, 'utf8'), { level: 9 }).length;
  assert.ok(packedGz < 0.9 * zlib.gzipSync(wasm, { level: 9 }).length, `${packedGz} bytes gzipped`);
});

// The drawing of the panels few figures show (web/code-parts.js): in their parts, not in the bundle.
const PANEL_PART_CODE = {
  // The diagram's "+N more" under a layer of many units: only its drawing writes it.
  network: { exports: ['attachUnitFocus', 'networkChart', 'networkPaintInSlices', 'networkSpec', 'unitMapSpec', 'unitText'], probe: /\.moreText\(/ },
  // The activation plot's readout of f' when the caller names no function.
  charts: { exports: ['activationPlot', 'attachActivationSlider', 'bornTablesDone', 'cellTable', 'curveChart', 'workBornTables'], probe: /f'\(x\)/ },
};
for (const [name, { exports, probe }] of Object.entries(PANEL_PART_CODE)) {
  test(`relu-lab-${name}.js holds ${exports.join(', ')} (this build, defines nothing), and the bundle does not`, () => {
    const part = fs.readFileSync(path.join(root, `dist/relu-lab-${name}.js`), 'utf8');
    const build = bundle.toString('utf8').match(/RELU_LAB_BUILD="([0-9a-f]+)"/)[1];
    const self = new EventTarget();
    let detail = null;
    self.addEventListener(PART_EVENT, (e) => { detail = e.detail; });
    const context = { self, CustomEvent };
    vm.runInNewContext(part, context);
    assert.deepEqual(Object.keys(context).sort(), ['CustomEvent', 'self']);
    assert.equal(detail.name, name);
    assert.equal(detail.build, build);
    assert.deepEqual(Object.keys(detail[name]).sort(), exports);
    assert.match(part, probe);
    assert.doesNotMatch(bundle.toString('utf8'), probe);
  });
}
