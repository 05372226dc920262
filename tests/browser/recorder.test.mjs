// Recording a figure for script-less platforms (Chromium): the whole figure as one PNG
// at 2x with a caption, a GIF of it training from step 0 (decoded by the browser's own
// GIF decoder), a WebM that plays in a <video> with a duration, MP4 or a clear message,
// cancel, and the same from file://. The recorder is a lazily loaded part: the main
// bundle does not hold it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, openPage, screenshot, root, fileUrl, openShareMenu } from './harness.mjs';

let browser, server;
const fixture = path.join(root, 'build/fixtures/recorder.html');
before(async () => {
  browser = await launch();
  server = await serve({ root });
  fs.mkdirSync(path.dirname(fixture), { recursive: true });
  fs.writeFileSync(fixture, `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Recorder</title><script src="../../dist/relu-lab.js" charset="utf-8"></script></head><body><main style="max-width:900px">
<section><h2>Dead ReLUs at three learning rates</h2>
<relu-demo id="a" preset="dead-relu" compare="lr=0.01,0.1,1" panels="dead,loss" lang="en" autoplay></relu-demo></section>
</main></body></html>`);
});
after(async () => { await browser?.close(); await server?.close(); });

const openMenu = (page) => openShareMenu(page, '#a');
const shadowClick = (page, sel) => page.evaluate((s) => document.querySelector('#a').shadowRoot.querySelector(s).click(), sel);
const note = (page) => page.evaluate(() => document.querySelector('#a').shadowRoot.querySelector('.record-note').textContent);

async function download(page, buttonClass, timeout = 60000) {
  // The menu fills when it opens (its toggle event comes a task later).
  await page.waitForFunction((c) => document.querySelector('#a').shadowRoot.querySelector(`button.${c}`), buttonClass);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout }), shadowClick(page, `button.${buttonClass}`)]);
  return { name: dl.suggestedFilename(), body: fs.readFileSync(await dl.path()) };
}

/** In the page: decodes bytes with the browser's image decoder; the size, frame count and blank-ness of a region. */
const inspectImage = (page, body, type) => page.evaluate(async ([bytes, mime]) => {
  const data = Uint8Array.from(bytes);
  const out = {};
  if (mime === 'image/gif') {
    const decoder = new ImageDecoder({ data, type: mime });
    await decoder.tracks.ready;
    await decoder.completed;
    out.frames = decoder.tracks.selectedTrack.frameCount;
    const first = await decoder.decode({ frameIndex: 0 });
    const last = await decoder.decode({ frameIndex: out.frames - 1 });
    out.width = first.image.displayWidth; out.height = first.image.displayHeight;
    // The first and the last frame differ: the figure trained while it was recorded.
    const pixels = (frame) => { const c = new OffscreenCanvas(out.width, out.height); const x = c.getContext('2d');
      x.drawImage(frame.image, 0, 0); return x.getImageData(0, 0, out.width, out.height).data; };
    const a = pixels(first), b = pixels(last);
    let diff = 0;
    for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) diff++;
    out.changed = diff;
    return out;
  }
  const bitmap = await createImageBitmap(new Blob([data], { type: mime }));
  out.width = bitmap.width; out.height = bitmap.height;
  const c = new OffscreenCanvas(bitmap.width, bitmap.height);
  const x = c.getContext('2d');
  x.drawImage(bitmap, 0, 0);
  // The caption: the bottom 70 px (35 CSS px at 2x) hold its line(s); count pixels darker than the background.
  const strip = x.getImageData(0, bitmap.height - 70, bitmap.width, 70).data;
  let ink = 0;
  for (let i = 0; i < strip.length; i += 4) if (strip[i] < 180 && strip[i + 1] < 180 && strip[i + 2] < 180) ink++;
  out.captionInk = ink;
  return out;
}, [[...body], type]);

test('Save as image: one PNG of the whole figure at 2x, with title, panels, step counter and a caption', async () => {
  const page = await openPage(browser, `${server.url}build/fixtures/recorder.html`);
  await page.waitForFunction(() => document.querySelector('#a').runs?.[2]?.run.steps >= 100, null, { timeout: 30000 });
  await openMenu(page);
  const png = await download(page, 'save-image');
  assert.equal(png.name, 'relu-lab-figure.png');
  const cssWidth = await page.evaluate(() => document.querySelector('#a').shadowRoot.querySelector('.panels').getBoundingClientRect().width);
  const info = await inspectImage(page, png.body, 'image/png');
  assert.equal(info.width, Math.round(2 * (cssWidth + 32)), 'twice the figure\'s width (its panels and a 16 px margin)');
  assert.ok(info.height > 400, `height ${info.height}`);
  assert.ok(info.captionInk > 300, `caption pixels: ${info.captionInk}`);
  assert.match(await note(page), /Saved relu-lab-figure\.png/);
  fs.mkdirSync(path.join(root, 'build/screenshots'), { recursive: true });
  fs.writeFileSync(path.join(root, 'build/screenshots/recorder-figure.png'), png.body);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Save as GIF: 8 s of training from step 0, 640 px wide, at least 20 frames, at most 3 MB', async () => {
  const page = await openPage(browser, `${server.url}build/fixtures/recorder.html`);
  await page.waitForFunction(() => document.querySelector('#a').runs?.[2]?.run.steps >= 300, null, { timeout: 30000 });
  await openMenu(page);
  const gif = await download(page, 'save-gif', 90000);
  assert.equal(gif.name, 'relu-lab-figure.gif');
  assert.ok(gif.body.length <= 3 * 1048576, `${(gif.body.length / 1048576).toFixed(2)} MB`);
  const info = await inspectImage(page, gif.body, 'image/gif');
  assert.equal(info.width, 640);
  assert.ok(info.frames >= 20, `${info.frames} frames`);
  assert.ok(info.changed > 1000, `first and last frames differ in ${info.changed} pixels`);
  fs.writeFileSync(path.join(root, 'build/screenshots/recorder-figure.gif'), gif.body);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Save as video: a WebM that plays in a <video> with a duration; MP4 is saved or clearly refused; cancel stops', async () => {
  const page = await openPage(browser, `${server.url}build/fixtures/recorder.html`);
  await page.waitForFunction(() => document.querySelector('#a').runs?.length === 3);
  await openMenu(page);
  await page.evaluate(() => { const i = document.querySelector('#a').shadowRoot.querySelector('.record-seconds'); i.value = '3'; });
  const webm = await download(page, 'save-webm');
  assert.equal(webm.name, 'relu-lab-figure.webm');
  const played = await page.evaluate(async (bytes) => {
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([Uint8Array.from(bytes)], { type: 'video/webm' }));
    document.body.append(video);
    await new Promise((resolve, reject) => { video.onloadedmetadata = resolve; video.onerror = () => reject(new Error('video error')); });
    const duration = video.duration;
    await video.play();
    await new Promise((resolve) => { const tick = () => (video.currentTime > 0.2 ? resolve() : setTimeout(tick, 50)); tick(); });
    return { duration, width: video.videoWidth, time: video.currentTime };
  }, [...webm.body]);
  assert.ok(Number.isFinite(played.duration) && played.duration > 2 && played.duration < 5, `duration ${played.duration}`);
  assert.ok(played.width >= 600, `video width ${played.width}`);

  const mp4Offered = await page.evaluate(() => ['video/mp4;codecs=avc1.42E01E', 'video/mp4;codecs=avc1', 'video/mp4']
    .some((t) => MediaRecorder.isTypeSupported(t)));
  if (mp4Offered) {
    const mp4 = await download(page, 'save-mp4');
    assert.equal(mp4.body.subarray(4, 8).toString(), 'ftyp');
  } else {
    await shadowClick(page, 'button.save-mp4');
    await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.record-note').textContent !== '');
    assert.equal(await note(page), 'This browser cannot record MP4 video; WebM works here.');
  }

  // Cancel: the progress bar shows while recording; cancel stops it without a download.
  await shadowClick(page, 'button.save-gif');
  await page.waitForFunction(() => !document.querySelector('#a').shadowRoot.querySelector('.record-progress').hidden &&
    document.querySelector('#a').shadowRoot.querySelector('progress').value > 0.1);
  await screenshot(page, 'recorder-progress');
  let downloaded = false;
  page.on('download', () => { downloaded = true; });
  await shadowClick(page, 'button.record-cancel');
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.record-note').textContent === 'Recording cancelled.');
  await page.waitForTimeout(300);
  assert.equal(downloaded, false);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('from file:// (offline) the recorder part loads beside the script and saves the image', async () => {
  const page = await openPage(browser, fileUrl('build/fixtures/recorder.html'));
  await page.waitForFunction(() => document.querySelector('#a').runs?.length === 3);
  await openMenu(page);
  const png = await download(page, 'save-image');
  assert.equal(png.name, 'relu-lab-figure.png');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the recorder is not in the main bundle: it is dist/relu-lab-recorder.js, loaded on first use', () => {
  const main = fs.readFileSync(path.join(root, 'dist/relu-lab.js'), 'latin1');
  const part = fs.readFileSync(path.join(root, 'dist/relu-lab-recorder.js'), 'latin1');
  assert.ok(!main.includes('NETSCAPE2.0') && !main.includes('MediaRecorder'));
  assert.ok(part.includes('NETSCAPE2.0') && part.includes('MediaRecorder'));
});
