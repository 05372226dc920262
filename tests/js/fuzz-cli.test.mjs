// Replays tests/fuzz/cli-cases.jsonl against the native CLI: every case exits with
// its status, and a refusal is one safe line on stderr (tests/fuzz/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { root } from './wasm-load.mjs';

const cli = path.join(root, 'build/native/relu-lab');
const cases = fs.readFileSync(path.join(root, 'tests/fuzz/cli-cases.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(cli, args);
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test(`the CLI fuzz corpus: ${cases.length} cases exit with their status, refusals in one safe line`, async () => {
  assert.ok(cases.length >= 1000);
  const failures = [];
  for (let i = 0; i < cases.length; i += 4) {  // four at a time
    const batch = cases.slice(i, i + 4);
    const results = await Promise.all(batch.map((c) => run(c.args)));
    batch.forEach((c, k) => {
      const r = results[k];
      const name = JSON.stringify(c.args).slice(0, 120);
      const problems = [];
      if (r.status !== c.status) problems.push(`status ${r.status}, expected ${c.status}`);
      if (c.status === 2) {
        if (r.stdout !== '') problems.push('stdout not empty');
        const lines = r.stderr.split('\n');
        if (lines.length !== 2 || lines[1] !== '') problems.push(`stderr has ${lines.length - 1} lines`);
        if (!lines[0].startsWith('relu-lab: ')) problems.push(`stderr does not start with "relu-lab: ": ${lines[0].slice(0, 80)}`);
        if (RAW_CONTROL.test(lines[0])) problems.push('raw control characters on stderr');
        if (lines[0].length > 400) problems.push(`stderr line of ${lines[0].length} characters`);
      } else if (c.status === 0 && r.stderr !== '') {
        problems.push(`stderr: ${r.stderr.slice(0, 80)}`);
      }
      if (problems.length) failures.push(`${name}: ${problems.join('; ')}`);
    });
  }
  assert.deepEqual(failures, []);
});
