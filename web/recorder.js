// Records a figure for platforms that take neither scripts nor iframes (CSDN, Zhihu,
// WeChat): the whole figure composed on one canvas (title, step counter, every panel,
// a caption with the settings and the lab's address), saved as a PNG, as a GIF of it
// training (web/gif.js), or as a video through MediaRecorder (WebM, MP4 where offered).
// Loaded lazily, as the part relu-lab-recorder.js (scripts/bundle.mjs, web/parts.js), when a
// reader asks for a recording. Not here: the menu's buttons (share-menu.js), what the
// figure draws (the element hands over a `source`, see composeFigure).

import { GifWriter, newHistogram, addToHistogram, toCells, paletteFromHistogram } from './gif.js';

// How a figure's panels are read off the page for a recording: part of the part, not of the main bundle.
export { recordingSource } from './figure-image.js';

const PAD = 16;          // CSS px around the composed figure
const GIF_FPS = 10;      // frames per second of a GIF: smooth enough for curves, and small
const HISTOGRAM_STEP = 7;  // every 7th pixel of every frame goes into the GIF's palette

/** Wraps text into lines no wider than `width` at the context's font (words, or CJK characters). */
function wrap(ctx, text, width) {
  const tokens = text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) || [];
  const lines = [];
  let line = '';
  for (const token of tokens) {
    if (line && ctx.measureText(line + token).width > width) { lines.push(line.trimEnd()); line = token.trimStart(); }
    else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/**
 * Draws the whole figure onto `canvas` (made if not given). source: {title, caption, link,
 * stepText(), colors: {bg, text, muted}, font, layout(scale)} where layout returns the panels
 * as {width, height, items: [{canvas, x, y, w, h} | {text, x, y, font, color}]} in CSS px.
 * width: output width in pixels (GIF, video), or scale: pixels per CSS px (PNG at 2x).
 */
export function composeFigure(source, { width = 0, scale = 1, canvas = null, layout = null } = {}) {
  const panels = layout || source.layout(scale);
  const figureWidth = panels.width + 2 * PAD;
  const s = width > 0 ? width / figureWidth : scale;
  const out = canvas || document.createElement('canvas');
  const ctx = out.getContext('2d');
  const font = (size, weight = 400) => `${weight} ${size}px ${source.font}`;
  // Measure the header and the caption at the figure's own width.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.font = font(18, 600);
  const step = source.stepText();
  ctx.font = font(14);
  const stepWidth = ctx.measureText(step).width;
  ctx.font = font(18, 600);
  const titleLines = wrap(ctx, source.title, panels.width - stepWidth - 16);
  ctx.font = font(12);
  const captionLines = [...wrap(ctx, source.caption, panels.width), ...(source.link ? wrap(ctx, source.link, panels.width) : [])];
  const header = PAD + titleLines.length * 24 + 8;
  const footer = 10 + captionLines.length * 17 + PAD;
  const figureHeight = header + panels.height + footer;
  const w = Math.round(figureWidth * s), h = Math.round(figureHeight * s);
  if (out.width !== w) out.width = w;
  if (out.height !== h) out.height = h;
  ctx.setTransform(s, 0, 0, s, 0, 0);
  ctx.fillStyle = source.colors.bg;
  ctx.fillRect(0, 0, figureWidth, figureHeight);
  ctx.textBaseline = 'top';
  ctx.fillStyle = source.colors.text;
  ctx.font = font(18, 600);
  titleLines.forEach((line, i) => ctx.fillText(line, PAD, PAD + i * 24));
  ctx.font = font(14);
  ctx.fillStyle = source.colors.muted;
  ctx.textAlign = 'right';
  ctx.fillText(step, figureWidth - PAD, PAD + 3);
  ctx.textAlign = 'left';
  for (const item of panels.items) {
    if (item.canvas) {
      if (item.canvas.width > 0 && item.canvas.height > 0) ctx.drawImage(item.canvas, PAD + item.x, header + item.y, item.w, item.h);
    } else {
      ctx.font = item.font;
      ctx.fillStyle = item.color;
      ctx.fillText(item.text, PAD + item.x, header + item.y);
    }
  }
  ctx.font = font(12);
  ctx.fillStyle = source.colors.muted;
  captionLines.forEach((line, i) => ctx.fillText(line, PAD, header + panels.height + 10 + i * 17));
  return out;
}

/** Raised when the reader cancels; the menu says "cancelled", not "failed". */
export class Cancelled extends Error {
  constructor() { super('cancelled'); this.name = 'Cancelled'; }
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The whole figure as one PNG, `scale` pixels per CSS pixel (2: sharp on any screen and in print). */
export async function renderPng(source, { scale = 2 } = {}) {
  const canvas = composeFigure(source, { scale });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser made no PNG'))), 'image/png'));
}

/**
 * A GIF of the figure training from step 0 for `seconds`, `width` px wide. Recording keeps
 * each frame as colour cells and a histogram; the palette is built from all of them at the
 * end, then frames are encoded one per task so the page stays responsive.
 * onProgress(phase: 'recording' | 'encoding', fraction); signal: {cancelled}.
 */
export async function recordGif(source, { seconds = 8, width = 640, onProgress = () => {}, signal = {} } = {}) {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const hist = newHistogram();
  const frames = [];  // {cells, at}
  source.restart();
  const start = performance.now();
  let last = -Infinity;
  for (;;) {
    await nextFrame();
    if (signal.cancelled) throw new Cancelled();
    const now = performance.now() - start;
    if (now - last < 1000 / GIF_FPS - 4) continue;  // a frame every 100 ms, on whatever display rate
    last = now;
    composeFigure(source, { width, canvas });
    const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    addToHistogram(hist, rgba, HISTOGRAM_STEP);
    frames.push({ cells: toCells(rgba), at: now, width: canvas.width, height: canvas.height });
    onProgress('recording', Math.min(1, now / (seconds * 1000)));
    if (now >= seconds * 1000) break;
  }
  source.stop();
  // The caption and the title could wrap differently as the step counter grows: keep one size.
  const { width: gw, height: gh } = frames[0];
  const usable = frames.filter((f) => f.width === gw && f.height === gh);
  const gif = new GifWriter(gw, gh, paletteFromHistogram(hist));
  for (let i = 0; i < usable.length; i++) {
    if (signal.cancelled) throw new Cancelled();
    const delay = i + 1 < usable.length ? usable[i + 1].at - usable[i].at : 1000 / GIF_FPS;
    gif.addCells(usable[i].cells, delay);
    usable[i].cells = null;
    onProgress('encoding', (i + 1) / usable.length);
    await nextTask();
  }
  return new Blob([gif.finish()], { type: 'image/gif' });
}

const VIDEO_TYPES = {
  webm: ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'],
  mp4: ['video/mp4;codecs=avc1.42E01E', 'video/mp4;codecs=avc1', 'video/mp4'],
};

/** The MediaRecorder type this browser offers for each container, or null: {webm, mp4}. */
export function videoFormats() {
  const ok = (t) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(t);
  const hasCapture = typeof HTMLCanvasElement !== 'undefined' && 'captureStream' in HTMLCanvasElement.prototype;
  return Object.fromEntries(Object.entries(VIDEO_TYPES).map(([k, types]) => [k, hasCapture ? types.find(ok) || null : null]));
}

/** A video (`container`: 'webm' or 'mp4') of the figure training from step 0 for `seconds`. */
export async function recordVideo(source, { container = 'webm', seconds = 8, width = 960, onProgress = () => {}, signal = {} } = {}) {
  const mimeType = videoFormats()[container];
  if (!mimeType) throw new Error(`unsupported:${container}`);
  const canvas = composeFigure(source, { width });
  const stream = canvas.captureStream(30);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 2500000 });
  const chunks = [];
  recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  source.restart();
  recorder.start(500);
  const start = performance.now();
  try {
    for (;;) {
      await nextFrame();
      if (signal.cancelled) throw new Cancelled();
      composeFigure(source, { width, canvas });
      const now = performance.now() - start;
      onProgress('recording', Math.min(1, now / (seconds * 1000)));
      if (now >= seconds * 1000) break;
    }
  } finally {
    source.stop();
    recorder.stop();
    for (const track of stream.getTracks()) track.stop();
    await stopped;
  }
  const durationMs = performance.now() - start;
  const blob = new Blob(chunks, { type: mimeType.split(';')[0] });
  return container === 'webm' ? withWebmDuration(blob, durationMs) : blob;
}

/**
 * MediaRecorder writes WebM without a duration (it streams, and does not go back), so
 * players show none and cannot seek until they have read it all. This writes the
 * Duration element (EBML id 0x4489, a float of TimecodeScale units, 1 ms by default)
 * into the Segment's Info element, whose size grows by the element's 11 bytes.
 */
export async function withWebmDuration(blob, durationMs) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const vintLength = (b) => { let n = 1; while (n <= 8 && !(b & (0x80 >> (n - 1)))) n++; return n; };
  const readId = (p) => { const n = vintLength(bytes[p]); let v = 0; for (let i = 0; i < n; i++) v = v * 256 + bytes[p + i]; return { v, n }; };
  const readSize = (p) => {
    const n = vintLength(bytes[p]);
    let v = bytes[p] & (0xff >> n);
    let unknown = v === (0xff >> n);
    for (let i = 1; i < n; i++) { v = v * 256 + bytes[p + i]; unknown &&= bytes[p + i] === 0xff; }
    return { v, n, unknown };
  };
  let p = 0;
  const ebml = readId(p);
  if (ebml.v !== 0x1a45dfa3) return blob;  // not WebM: leave it
  const headerSize = readSize(p + ebml.n);
  p += ebml.n + headerSize.n + headerSize.v;
  const segment = readId(p);
  if (segment.v !== 0x18538067) return blob;
  const segSize = readSize(p + segment.n);
  if (!segSize.unknown) return blob;  // a sized segment would need its size rewritten too: not what recorders write
  p += segment.n + segSize.n;
  while (p < bytes.length) {
    const id = readId(p);
    const size = readSize(p + id.n);
    const body = p + id.n + size.n;
    if (id.v === 0x1549a966) {  // Info
      for (let q = body; q < body + size.v;) {  // already has a Duration: nothing to do
        const cid = readId(q), csize = readSize(q + cid.n);
        if (cid.v === 0x4489) return blob;
        q += cid.n + csize.n + csize.v;
      }
      const duration = new Uint8Array(11);
      duration.set([0x44, 0x89, 0x88]);  // id, size 8
      new DataView(duration.buffer).setFloat64(3, durationMs);
      const newSize = size.v + duration.length;
      const sizeBytes = new Uint8Array(8);  // an 8-byte size vint: 0x01 then 7 bytes
      sizeBytes[0] = 0x01;
      for (let i = 7, v = newSize; i >= 1; i--, v = Math.floor(v / 256)) sizeBytes[i] = v & 255;
      return new Blob([bytes.subarray(0, p + id.n), sizeBytes, bytes.subarray(body, body + size.v), duration,
        bytes.subarray(body + size.v)], { type: blob.type });
    }
    if (size.unknown) break;
    p = body + size.v;
  }
  return blob;
}
