// The "Record" part of a figure's share menu: save the figure as a video (WebM, MP4),
// a GIF of it training for a chosen time, or one PNG of the whole figure; a progress
// bar and a cancel button while it records; a sentence when a format is not offered.
// The recorder itself (web/recorder.js) is a lazily loaded part (web/parts.js), loaded on first use,
// so the main bundle does not carry it. Not here: recording (recorder.js).
import { el } from './dom.js';

const SECONDS = { min: 2, max: 30, default: 8 };

/**
 * tr(key, vars): translates; save(name, blob): downloads; source(recorder): the figure as the
 * recorder draws it (figure-image.js, in the part); loadRecorder(): a Promise of recorder.js's functions.
 */
export function recordSection({ tr, save, source, loadRecorder }) {
  const secondsId = `rec-seconds-${Math.random().toString(36).slice(2, 8)}`;
  const seconds = el('input', { id: secondsId, className: 'record-seconds', type: 'number', min: SECONDS.min, max: SECONDS.max,
    step: '1', value: String(SECONDS.default), inputMode: 'numeric' });
  const note = el('p', { className: 'record-note', role: 'status' });
  const bar = el('progress', { className: 'record-bar', max: 1, value: 0 });
  const phase = el('span', { className: 'record-phase' });
  let job = null;
  const cancel = el('button', { type: 'button', className: 'record-cancel', text: tr('recordCancel'),
    onclick: () => { if (job) job.cancelled = true; } });
  const progress = el('div', { className: 'record-progress', hidden: true }, [bar, phase, cancel]);
  const buttons = [];
  const lengthOf = () => {
    const n = Math.round(Number(seconds.value));
    return Number.isFinite(n) ? Math.min(SECONDS.max, Math.max(SECONDS.min, n)) : SECONDS.default;
  };

  async function run(kind, task) {
    if (job) return;
    job = { cancelled: false };
    buttons.forEach((b) => { b.disabled = true; });
    note.textContent = '';
    progress.hidden = kind === 'png';
    bar.value = 0;
    phase.textContent = tr('recordLoading');
    try {
      const recorder = await loadRecorder();
      const { blob, file } = await task(recorder, {
        seconds: lengthOf(), signal: job,
        onProgress: (stage, fraction) => {
          bar.value = fraction;
          phase.textContent = tr(stage === 'encoding' ? 'recordEncoding' : 'recordRecording', { pct: Math.round(100 * fraction) });
        },
      });
      save(file, blob);
      note.textContent = tr('recordSaved', { file, size: `${(blob.size / 1048576).toFixed(1)} MB` });
    } catch (err) {
      if (err?.name === 'Cancelled') note.textContent = tr('recordCancelled');
      else if (/^unsupported:/.test(err?.message)) note.textContent = unsupportedText(tr, err.message.slice(12), job.formats);
      else note.textContent = tr('recordFailed', { message: err?.message || String(err) });
    } finally {
      job = null;
      progress.hidden = true;
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  const button = (className, key, onclick) => {
    const b = el('button', { type: 'button', className, text: tr(key), onclick });
    buttons.push(b);
    return b;
  };
  const video = (container) => () => run('video', async (recorder, opts) => {
    job.formats = recorder.videoFormats();
    const blob = await recorder.recordVideo(source(recorder), { container, ...opts });
    return { blob, file: `relu-lab-figure.${container}` };
  });
  const row = el('div', { className: 'downloads' }, [
    button('save-webm', 'saveWebm', video('webm')),
    button('save-mp4', 'saveMp4', video('mp4')),
    button('save-gif', 'saveGif', () => run('gif', async (recorder, opts) => ({
      blob: await recorder.recordGif(source(recorder), { width: 640, ...opts }), file: 'relu-lab-figure.gif' }))),
    button('save-image', 'saveImage', () => run('png', async (recorder) => ({
      blob: await recorder.renderPng(source(recorder), { scale: 2 }), file: 'relu-lab-figure.png' }))),
  ]);
  return el('div', { className: 'record' }, [
    el('label', { className: 'record-length', for: secondsId }, [el('span', { text: tr('recordSeconds') }), seconds]),
    row, progress, note]);
}

/** Why a video format cannot be recorded here, and what can be. */
function unsupportedText(tr, container, formats = {}) {
  const NAMES = { webm: 'WebM', mp4: 'MP4' };
  const other = container === 'mp4' ? 'webm' : 'mp4';
  if (formats[other]) return tr('recordUnsupported', { format: NAMES[container], other: NAMES[other] });
  return tr('recordNoVideo');
}
