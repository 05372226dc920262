// The dev server (scripts/static-server.mjs) against hostile paths: it answers 400 to
// malformed ones and stays up, never serves outside its root (a sibling folder whose
// name starts with the root's, "..", encoded separators, symlinks), and listens on
// 127.0.0.1 only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { serve } from '../../scripts/static-server.mjs';

let dir, server;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relu-serve-'));
  fs.mkdirSync(path.join(dir, 'repo/sub'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'repo-sibling'));
  fs.writeFileSync(path.join(dir, 'repo/index.html'), '<p>root</p>');
  fs.writeFileSync(path.join(dir, 'repo/a.txt'), 'inside');
  fs.writeFileSync(path.join(dir, 'repo/sub/index.html'), '<p>sub</p>');
  fs.writeFileSync(path.join(dir, 'repo-sibling/secret.txt'), 'secret');
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'secret');
  fs.symlinkSync(path.join(dir, 'repo-sibling/secret.txt'), path.join(dir, 'repo/link-out.txt'));
  fs.symlinkSync(path.join(dir, 'repo-sibling'), path.join(dir, 'repo/dir-out'));
  fs.symlinkSync(path.join(dir, 'repo/a.txt'), path.join(dir, 'repo/link-in.txt'));
  server = await serve({ root: path.join(dir, 'repo') });
});
after(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** GET with the path sent exactly as written (like curl --path-as-is). */
function get(rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('files and folders inside the root are served', async () => {
  assert.deepEqual(await get('/a.txt'), { status: 200, body: 'inside' });
  assert.deepEqual(await get('/'), { status: 200, body: '<p>root</p>' });
  assert.deepEqual(await get('/sub/'), { status: 200, body: '<p>sub</p>' });
  assert.equal((await get('/nope.txt')).status, 404);
  assert.deepEqual(await get('/link-in.txt'), { status: 200, body: 'inside' }, 'a symlink inside the root is fine');
});

test('a malformed path gets 400 and the server stays up', async () => {
  // Before: an uncaught URIError killed the server.
  for (const p of ['/%E0%A4%A', '/%', '/%zz', '/a%00.txt', '/%C0%AF']) assert.equal((await get(p)).status, 400, p);
  assert.equal((await get('/a.txt')).status, 200, 'still serving');
});

test('nothing outside the root: a sibling with the same prefix, "..", encoded separators', async () => {
  // Before: a plain prefix check served /repo-sibling/secret.txt for the root /repo.
  for (const p of ['/..%2Frepo-sibling/secret.txt', '/../repo-sibling/secret.txt', '/..%2F..%2Foutside.txt',
    '/sub/..%2F..%2Frepo-sibling%2Fsecret.txt', '/..%5Crepo-sibling%5Csecret.txt', '/%2E%2E/outside.txt']) {
    const r = await get(p);
    assert.notEqual(r.body, 'secret', p);
    assert.ok(r.status === 403 || r.status === 404, `${p}: ${r.status}`);
  }
  assert.equal((await get('/..%2Frepo-sibling/secret.txt')).status, 403);
});

test('symlinks out of the root are refused', async () => {
  assert.equal((await get('/link-out.txt')).status, 403);
  assert.equal((await get('/dir-out/secret.txt')).status, 403);
});

test('it listens on 127.0.0.1 only, whatever the caller asks', async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const other = await serve({ root: path.join(dir, 'repo'), host: '0.0.0.0' });
  try {
    assert.match(other.url, /^http:\/\/127\.0\.0\.1:/);
    const lan = Object.values(os.networkInterfaces()).flat().find((i) => i.family === 'IPv4' && !i.internal);
    if (lan) {  // a non-loopback address of this machine must not answer
      const refused = await new Promise((resolve) => {
        http.get({ host: lan.address, port: other.port, path: '/a.txt', timeout: 2000 }, () => resolve(false))
          .on('error', () => resolve(true)).on('timeout', function () { this.destroy(); resolve(true); });
      });
      assert.equal(refused, true, `reachable on ${lan.address}`);
    }
  } finally {
    await other.close();
  }
});
