// What a run in the worker did since its creation or last reset, kept on the page so that
// a lost worker's runs can be replayed here (worker-client.js MainThreadTrainer): each record
// and each live key, at the training chunk where the worker made it.
//
// Records come at a steady pace (every `every` steps, the same number of chunks apart), so
// they are kept as arithmetic runs: one entry for any number of evenly spaced records. The
// script then grows only when the pace changes (a live key, a new `every`), not with the
// run's length: a figure at every=1 for an hour keeps a handful of entries.
// Not here: training, the history (engine.js, history.js), the worker's messages.

export class ReplayScript {
  constructor() {
    // {kind: 'record', chunks, step, dChunks, dStep, count} or {kind: 'set', chunks, key, value}
    this.entries = [];
  }

  /** A record made after `chunks` training chunks, at step `step`. */
  record(chunks, step) {
    const last = this.entries[this.entries.length - 1];
    if (last?.kind === 'record') {
      const dChunks = chunks - (last.chunks + (last.count - 1) * last.dChunks);
      const dStep = step - (last.step + (last.count - 1) * last.dStep);
      if (last.count === 1) Object.assign(last, { dChunks, dStep });
      if (dChunks === last.dChunks && dStep === last.dStep) {
        last.count++;
        return;
      }
    }
    this.entries.push({ kind: 'record', chunks, step, dChunks: 0, dStep: 0, count: 1 });
  }

  /** A live key set after `chunks` training chunks. */
  set(chunks, key, value) { this.entries.push({ kind: 'set', chunks, key, value }); }

  /** The step of the last record, -1 if none. */
  lastRecordStep() {
    const last = this.entries.findLast((e) => e.kind === 'record');
    return last ? last.step + (last.count - 1) * last.dStep : -1;
  }

  /** A reader of the events in order, one at a time: {next(): event or null, advance()}. */
  reader() {
    let index = 0, k = 0;
    const entries = this.entries;
    return {
      /** The next event, [chunks, 'record', step] or [chunks, 'set', key, value], or null at the end. */
      next() {
        const e = entries[index];
        if (!e) return null;
        return e.kind === 'set' ? [e.chunks, 'set', e.key, e.value]
          : [e.chunks + k * e.dChunks, 'record', e.step + k * e.dStep];
      },
      advance() {
        const e = entries[index];
        if (e?.kind === 'record' && ++k < e.count) return;
        index++;
        k = 0;
      },
    };
  }

  /** Every event in order (tests). */
  events() {
    const out = [], reader = this.reader();
    for (let e; (e = reader.next()); reader.advance()) out.push(e);
    return out;
  }
}
