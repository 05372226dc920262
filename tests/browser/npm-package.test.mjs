// The npm package as a user gets it: `npm pack` makes the tarball, a scratch project
// installs it (offline, from the file), esbuild bundles an example that imports it,
// tsc --noEmit type-checks the example against the shipped declarations (and rejects a
// misspelt record field), and both the bundle and the classic script run in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { launch, serve, openPage, root } from './harness.mjs';

const work = path.join(root, 'build/npm-package');
const scratch = path.join(work, 'scratch');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
let browser, server, tarball;

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

// What a user writes: import the package, create a figure, listen to its records.
const EXAMPLE = `import 'relu-lab';
import type { ReluDemoElement, ReluRecordDetail, ReluDemoAttributes } from 'relu-lab';

const settings: ReluDemoAttributes = { preset: 'dead-relu', compare: 'lr=0.01,1', panels: 'dead,loss', autoplay: '' };
const fig: ReluDemoElement = document.createElement('relu-demo');
for (const [key, value] of Object.entries(settings)) fig.setAttribute(key, String(value));
fig.addEventListener('relu-record', (e) => {
  const d: ReluRecordDetail = e.detail;
  const dead: number | undefined = d.record.layers[0]?.dead;
  document.body.dataset.last = \`\${d.label} \${d.record.step} \${d.record.loss.toFixed(4)} \${dead}\`;
});
document.addEventListener('relu-config', (e) => { document.body.dataset.config = e.detail.text; });
document.body.append(fig);
`;

before(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  const name = run('npm', ['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop();
  tarball = path.join(work, name);
  fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], scratch);
  fs.writeFileSync(path.join(scratch, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2020', module: 'esnext', moduleResolution: 'bundler',
      lib: ['es2020', 'dom'], types: [] },
    files: ['main.ts'],
  }));
  fs.writeFileSync(path.join(scratch, 'main.ts'), EXAMPLE);
  browser = await launch();
  server = await serve({ root: scratch });
});
after(async () => { await browser?.close(); await server?.close(); });

test('the tarball holds the classic script, its lazily loaded parts, the declarations and the iframe helper, and nothing else', () => {
  const listing = run('tar', ['-tzf', tarball], work).trim().split('\n').sort();
  const { files } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.ok(files.includes('dist/relu-lab.js') && files.includes('dist/relu-lab.d.ts') && files.includes('dist/relu-lab-recorder.js'));
  assert.deepEqual(listing, ['package/README.md', ...files.map((f) => `package/${f}`), 'package/package.json'].sort());
  const pkg = JSON.parse(fs.readFileSync(path.join(scratch, 'node_modules/relu-lab/package.json'), 'utf8'));
  assert.equal(pkg.exports['.'].types, './dist/relu-lab.d.ts');
  assert.equal(pkg.exports['./dist/relu-lab.js'], './dist/relu-lab.js');
});

test('tsc --noEmit accepts the example and rejects a misspelt record field and a wrong argument', () => {
  // One tsc run over two files (tsc takes seconds to load the DOM's declarations): the
  // example must type-check, and each line of bad.ts must fail with the error it should.
  fs.writeFileSync(path.join(scratch, 'bad.ts'), `import type { ReluRecord } from 'relu-lab';
export const f = (r: ReluRecord): number => r.losss;
export const g = () => document.createElement('relu-demo').setPlaying('yes');\n`);
  fs.writeFileSync(path.join(scratch, 'tsconfig.both.json'), JSON.stringify({ extends: './tsconfig.json', files: ['main.ts', 'bad.ts'] }));
  const r = spawnSync('node', [tsc, '-p', 'tsconfig.both.json'], { cwd: scratch, encoding: 'utf8' });
  const errors = r.stdout.trim().split('\n').filter((l) => /error TS/.test(l));
  assert.equal(errors.length, 2, r.stdout);
  assert.match(errors[0], /^bad\.ts\(2,\d+\): error TS2551: Property 'losss' does not exist/);
  assert.match(errors[1], /^bad\.ts\(3,\d+\): error TS2345: Argument of type 'string' is not assignable to parameter of type 'boolean'/);
});

test('esbuild bundles `import "relu-lab"`; the bundle defines the element, which trains and sends typed events', async () => {
  await esbuild.build({ entryPoints: [path.join(scratch, 'main.ts')], bundle: true, format: 'iife', target: 'es2020',
    outfile: path.join(scratch, 'out/app.js'), absWorkingDir: scratch, logLevel: 'silent' });
  // The lazily loaded parts beside the app's bundle, as the README says (copied from the installed package).
  const dist = path.join(scratch, 'node_modules/relu-lab/dist');
  for (const f of fs.readdirSync(dist).filter((f) => /^relu-lab-[a-z]+\.js$/.test(f) && f !== 'relu-lab-iframe.js')) {
    fs.copyFileSync(path.join(dist, f), path.join(scratch, 'out', f));
  }
  fs.writeFileSync(path.join(scratch, 'out/index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<link rel="icon" href="data:,"><title>app</title></head><body><script src="app.js" charset="utf-8"></script></body></html>');
  const page = await openPage(browser, `${server.url}out/index.html`);
  await page.waitForFunction(() => /^lr=1 [1-9]\d* /.test(document.body.dataset.last || ''), null, { timeout: 30000 });
  const state = await page.evaluate(() => ({ runs: document.querySelector('relu-demo').runs.length, config: document.body.dataset.config }));
  assert.equal(state.runs, 2);
  assert.match(state.config, /preset=dead-relu/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('dist/relu-lab.js from the installed package works as a classic script', async () => {
  fs.writeFileSync(path.join(scratch, 'classic.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<link rel="icon" href="data:,"><title>classic</title>' +
    '<script src="node_modules/relu-lab/dist/relu-lab.js" charset="utf-8"></script></head>' +
    '<body><relu-demo id="a" preset="lab" autoplay></relu-demo></body></html>');
  const page = await openPage(browser, `${server.url}classic.html`);
  await page.waitForFunction(() => document.querySelector('#a').runs?.[0]?.run.steps >= 20, null, { timeout: 30000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
