// dist/relu-lab-recorder.js: the recorder (web/recorder.js, with its GIF encoder) as a
// lazily loaded part beside relu-lab.js. Loaded the first time a reader saves a video,
// a GIF or the whole figure as an image; hands its functions over by dispatching the
// parts event (record-menu.js) while it runs, so it leaves no global behind.
import { PART_EVENT } from './record-menu.js';
import { composeFigure, renderPng, recordGif, recordVideo, videoFormats } from './recorder.js';

dispatchEvent(new CustomEvent(PART_EVENT, { detail: { name: 'recorder',
  recorder: { composeFigure, renderPng, recordGif, recordVideo, videoFormats } } }));
