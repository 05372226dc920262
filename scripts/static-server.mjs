// A small static file server for the page and the browser tests (no dependency).
// Usage: node scripts/static-server.mjs [PORT] [ROOT]   (default 8000, the repository)
// Tests import serve() to start servers on free ports, optionally with extra headers
// (a strict Content-Security-Policy) or another root (a "blog" on another origin).
// It listens on 127.0.0.1 only and serves only files inside its root: malformed paths
// get 400, paths that leave the root (by "..", an encoded separator or a symlink) 403.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm', '.md': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};
const HOST = '127.0.0.1';  // never other machines: this serves a working copy

/** True when `file` (absolute, resolved) is the root or inside it. */
function inside(root, file) {
  // With the separator: /repo-sibling starts with /repo, but not with /repo/.
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * The file a request path names, or an HTTP status: 400 for a path that does not
 * decode (a bad %-escape, a NUL), 403 for one that leaves the root, by its text or
 * through a symlink. `realRoot` is the root with its own symlinks resolved.
 */
export function resolveRequest(root, realRoot, url) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0')) return { status: 400 };
  let file = path.resolve(root, `.${path.sep}${pathname}`);
  if (!inside(root, file)) return { status: 403 };
  let real;
  try {
    real = fs.realpathSync(file);
  } catch {
    return { status: 404 };
  }
  if (!inside(realRoot, real)) return { status: 403 };  // a symlink out of the root
  if (fs.statSync(real).isDirectory()) {
    file = path.join(file, 'index.html');
    try {
      real = fs.realpathSync(file);
    } catch {
      return { status: 404 };
    }
    if (!inside(realRoot, real)) return { status: 403 };
  }
  return { file: real, pathname };
}

/** Starts a server on 127.0.0.1; resolves to {url, port, close()}. headers(pathname) may add response headers. */
export function serve({ root, port = 0, headers = () => ({}) }) {
  const base = path.resolve(root);
  const realRoot = fs.realpathSync(base);
  const server = http.createServer((req, res) => {
    const found = resolveRequest(base, realRoot, req.url);
    if (found.status) {
      res.writeHead(found.status, { 'content-type': 'text/plain' }).end(http.STATUS_CODES[found.status]);
      return;
    }
    fs.readFile(found.file, (err, body) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(found.file)] || 'application/octet-stream',
        'cache-control': 'no-store', ...headers(found.pathname) });
      res.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      const { port: actual } = server.address();
      resolve({ url: `http://${HOST}:${actual}/`, port: actual, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || 8000);
  const root = path.resolve(process.argv[3] || path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  serve({ root, port }).then((s) => console.log(`ReLU Lab is served at ${s.url}  (Ctrl-C to stop)`), (err) => {
    console.error(`static-server: cannot listen on ${HOST}:${port}: ${err.message}`);
    process.exit(1);
  });
}
