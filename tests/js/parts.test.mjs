// The lazy-part loader (web/parts.js) against a fake document whose <script> tags run
// part scripts made by scripts/bundle-lib.mjs's partScript, the maker of dist/'s parts.
// (The real files, from http, file:// and under a strict CSP: tests/browser/embed.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { PartLoader, PART_EVENT, partUrl } from '../../web/parts.js';
import { partScript } from '../../scripts/bundle-lib.mjs';

/** A document whose appended scripts run `files[src]` with `self` = target, then fire onload (or onerror). */
function fakePage(files) {
  const target = new EventTarget();
  const appended = [];
  const doc = {
    createElement: (tag) => ({ tag, removed: false, remove() { this.removed = true; } }),
    head: {
      append(script) {
        appended.push(script);
        setTimeout(() => {
          if (!(script.src in files)) { script.onerror?.(); return; }
          vm.runInNewContext(files[script.src], { self: target, CustomEvent });
          script.onload?.();
        }, 0);
      },
    },
  };
  return { doc, target, appended };
}

const base = 'https://blog.example/static/relu-lab.js';
const part = (name, build, payloadSource) => partScript({ name, build, payloadSource, event: PART_EVENT });

test('partUrl: beside relu-lab.js, over http and file://, whatever the query', () => {
  assert.equal(partUrl(base, 'digits'), 'https://blog.example/static/relu-lab-digits.js');
  assert.equal(partUrl('file:///home/me/dist/relu-lab.js?v=2', 'digits'), 'file:///home/me/dist/relu-lab-digits.js');
});

test('a part loads once, hands over its payload and leaves no tag and no global behind', async () => {
  const { doc, target, appended } = fakePage({ [partUrl(base, 'digits')]: part('digits', 'b1', 'data:"abc",rows:3') });
  const loader = new PartLoader({ scriptUrl: base, build: 'b1', doc, target, nonce: 'n0nce' });
  const [a, b] = await Promise.all([loader.load('digits'), loader.load('digits')]);
  assert.deepEqual(a, { data: 'abc', rows: 3 });
  assert.equal(a, b);
  assert.equal(appended.length, 1);
  assert.equal(appended[0].nonce, 'n0nce');  // pages that allow scripts by nonce allow the part too
  assert.ok(appended[0].removed);
  assert.equal(await loader.load('digits'), a);  // cached: no second script
  assert.equal(appended.length, 1);
});

test('a part from another build is refused, naming both builds and the fix', async () => {
  const { doc, target } = fakePage({ [partUrl(base, 'digits')]: part('digits', 'old', 'data:""') });
  const loader = new PartLoader({ scriptUrl: base, build: 'new', doc, target });
  await assert.rejects(loader.load('digits'), /another build of ReLU Lab \(old, relu-lab\.js is new\): copy relu-lab-digits\.js and relu-lab\.js from the same dist\/ folder/);
});

test('a missing file says where it was looked for; a later load tries again', async () => {
  const files = {};
  const { doc, target, appended } = fakePage(files);
  const loader = new PartLoader({ scriptUrl: base, build: 'b', doc, target });
  await assert.rejects(loader.load('digits'),
    /could not load https:\/\/blog\.example\/static\/relu-lab-digits\.js: keep relu-lab-digits\.js in the same folder as relu-lab\.js/);
  files[partUrl(base, 'digits')] = part('digits', 'b', 'data:"x"');
  assert.deepEqual(await loader.load('digits'), { data: 'x' });
  assert.equal(appended.length, 2);
});

test('a script that runs but is not the part, and an unknown script address, are errors', async () => {
  const { doc, target } = fakePage({ [partUrl(base, 'digits')]: part('other', 'b', 'data:""') });
  const loader = new PartLoader({ scriptUrl: base, build: 'b', doc, target });
  await assert.rejects(loader.load('digits'), /ran but delivered no digits part/);
  const lost = new PartLoader({ scriptUrl: '', build: 'b', doc, target });
  await assert.rejects(lost.load('digits'), /the address of relu-lab\.js is unknown/);
});
