// The element's stylesheet, adopted into each shadow root as a constructable
// stylesheet (a strict CSP blocks <style> elements and style attributes in markup).
// The CSS text ships as it is (no minifier sees it), so the comments on its rules live here:
// - .menu summary::before: a flex summary loses the browser's triangle; draw one, turned down while open, so the menu shows it opens.
// - .counter: it changes every frame while training; a box of fixed size with its own layer, so the browser repaints only the counter, not the whole page (a 20-figure article on a phone).
// - .field[hidden]: a field that means nothing for these runs (alpha, target).
// - canvas:focus-visible: the cell clips what overflows it, which would clip a focused canvas's outline too; the ring is drawn inside.
// - .widths: four buttons per row, the whole width, also on a phone.
// - .demo.lab: settings on one side; the network and the map centre stage; curves below.
// - .controls[hidden] + .panels: no settings shown (an embed), the panels take the whole width, and a lone staged panel both columns.
// - canvas[role="slider"]: the activation plot; a vertical swipe scrolls the page, a horizontal drag moves x.
// - canvas { will-change: transform }: each canvas on its own layer; a repainted chart then does not make
//   the browser repaint the page around it (measured: the document's paint 4x cheaper on a phone).
export const STYLE = `
:host { display: block; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif;
  color: var(--relu-text, #1d1d1f); margin: 1em 0; }
:host([hidden]) { display: none; }
.demo { border: 1px solid var(--relu-border, #d0d0d7); border-radius: 10px; padding: 10px;
  background: var(--relu-bg, #fff); }
.transport[hidden] { display: none; }
.transport { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
button, select, input { font: inherit; color: inherit; }
button { min-height: 44px; min-width: 44px; padding: 6px 14px; border-radius: 8px; cursor: pointer;
  border: 1px solid var(--relu-border, #b8b8c2); background: var(--relu-button, #f3f3f7); }
button.play { background: #0072B2; color: #fff; border-color: #0072B2; min-width: 84px; }
button:hover { filter: brightness(0.96); }
:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.menu { flex-basis: 100%; }
.menu summary { cursor: pointer; min-height: 44px; display: inline-flex; align-items: center; padding: 0 4px;
  color: var(--relu-muted, #444); list-style: none; }
.menu summary::-webkit-details-marker { display: none; }
.menu summary::before { content: "▸"; display: inline-block; width: 1em; margin-right: 4px; transition: transform 0.15s; }
.menu[open] summary::before { transform: rotate(90deg); }
@media (prefers-reduced-motion: reduce) { .menu summary::before { transition: none; } }
.record { display: grid; gap: 6px; }
.record-length { display: flex; align-items: center; gap: 8px; font-size: 13px; color: var(--relu-muted, #444); }
.record-length input { width: 5em; min-height: 44px; padding: 4px 8px; border-radius: 8px; box-sizing: border-box;
  border: 1px solid var(--relu-border, #b8b8c2); background: var(--relu-bg, #fff); }
.record-progress { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.record-progress[hidden] { display: none; }
.record-progress progress { flex: 1 1 160px; height: 12px; accent-color: #0072B2; }
.record-note:empty { display: none; }
.no-lab { margin: 0; font-size: 13px; color: var(--relu-muted, #444); }
.menu-body { display: grid; gap: 8px; margin: 6px 0; }
.copyable { display: grid; gap: 4px; }
.copyable label { font-size: 13px; color: var(--relu-muted, #444); }
.copyable input, .copyable textarea { font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; width: 100%;
  box-sizing: border-box; padding: 6px; border-radius: 6px; border: 1px solid var(--relu-border, #b8b8c2);
  background: var(--relu-bg, #fff); color: inherit; }
.copyable button { justify-self: start; }
.downloads { display: flex; flex-wrap: wrap; gap: 6px; }
.menu-note:empty { display: none; }
.counter { margin-left: auto; font-variant-numeric: tabular-nums; color: var(--relu-muted, #555);
  display: inline-block; width: 9.5em; height: 1.45em; text-align: right; white-space: nowrap; overflow: hidden;
  contain: strict; will-change: transform; }
.status:empty, .alert:empty, .alert[hidden] { display: none; }
.status { margin: 8px 0 0; color: var(--relu-muted, #444); }
.status.busy::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 8px;
  border: 2px solid #0072B2; border-right-color: transparent; border-radius: 50%; vertical-align: -2px;
  animation: spin 0.8s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .status.busy::before { animation: none; } }
.alert { margin: 8px 0 0; padding: 8px 10px; border-radius: 8px; background: #fdf0e6; color: #7a3500;
  border: 1px solid #D55E00; }
.controls { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin-top: 10px; }
.controls[hidden] { display: none; }
.field { display: flex; flex-direction: column; gap: 2px; font-size: 13px; color: var(--relu-muted, #444); }
.field[hidden] { display: none; }
.field input[type="range"] { padding: 0; accent-color: #0072B2; }
.field :disabled { opacity: 0.6; cursor: not-allowed; }
.field select, .field input { min-height: 44px; padding: 4px 8px; border-radius: 8px; box-sizing: border-box;
  border: 1px solid var(--relu-border, #b8b8c2); background: var(--relu-bg, #fff); width: 100%; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); gap: 12px; margin-top: 10px; }
.panel { margin: 0; min-width: 0; }
.title { font-weight: 600; font-size: 13px; margin-bottom: 4px; }
.canvases { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 160px), 1fr)); gap: 6px; }
.cell { min-width: 0; overflow: hidden; }
canvas:focus-visible { outline-offset: -3px; }
.cell.scroll { overflow-x: auto; overscroll-behavior-x: contain; }
.panel-network .canvases { grid-template-columns: minmax(0, 1fr); }
.panel-network canvas { touch-action: pan-x pan-y; }
.widths { grid-column: 1 / -1; }
.widths .layer-row { display: flex; align-items: center; gap: 6px; }
.widths .layer-name { min-width: 5.5em; }
.widths .layer-units { min-width: 2.5em; text-align: center; font-variant-numeric: tabular-nums; }
.widths button { padding: 4px 10px; }
.points-tools { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 6px; font-size: 13px; }
.points-tools button[aria-pressed="true"] { outline: 2px solid #0072B2; outline-offset: 1px; }
.points-tools .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px; vertical-align: -1px; }
.points-csv[hidden] { display: none; }
.points-csv { display: grid; gap: 6px; margin-bottom: 6px; font-size: 13px; }
.points-csv textarea { min-height: 88px; font: 12px ui-monospace, monospace; box-sizing: border-box; width: 100%; }
.points-csv input[type="file"] { min-height: 44px; }
.view-panels, .view-compare { grid-column: 1 / -1; }
.view-panels summary { cursor: pointer; min-height: 44px; display: flex; align-items: center; }
.panel-choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 0 10px; }
.view-compare { display: grid; gap: 4px; }
.toggles { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; color: var(--relu-muted, #444); margin-bottom: 4px; }
.toggle { display: inline-flex; align-items: center; gap: 6px; min-height: 44px; cursor: pointer; }
.toggle input { width: 20px; height: 20px; margin: 0; accent-color: #0072B2; }
.demo.lab { display: grid; grid-template-columns: minmax(190px, 240px) minmax(0, 1fr); column-gap: 16px; align-items: start; }
.demo.lab > .transport, .demo.lab > .alert, .demo.lab > .status { grid-column: 1 / -1; }
.demo.lab > .controls { grid-column: 1; grid-template-columns: 1fr; align-content: start; }
.demo.lab > .panels { grid-column: 2; display: block; }
.demo.lab > .controls[hidden] + .panels { grid-column: 1 / -1; }
.stage { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
.stage > :only-child { grid-column: 1 / -1; }
.curves { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr)); gap: 12px; margin-top: 14px; }
.curves:empty { display: none; }
@media (max-width: 760px) {
  .demo.lab { display: block; }
  .demo.lab > .controls { grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); }
  .stage { grid-template-columns: minmax(0, 1fr); }
}
.cell[hidden] { display: none; }
canvas { display: block; touch-action: pan-y; will-change: transform; }
canvas[role="slider"] { cursor: ew-resize; touch-action: pan-y; }
.note { font-size: 12px; color: var(--relu-muted, #555); min-height: 0; }
.summary { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: 0; }
@media (prefers-color-scheme: dark) {
  :host { color: var(--relu-text, #e8e8ee); }
  .demo { background: var(--relu-bg, #1b1c22); border-color: #3a3b45; }
  button { background: #2a2b33; border-color: #4a4b55; }
  .field input[type="range"] { padding: 0; accent-color: #0072B2; }
.field select, .field input { background: #24252c; border-color: #4a4b55; }
  .counter, .status, .field, .note, .menu summary, .copyable label, .toggles { color: #b8b8c4; }
  .alert { background: #3a2415; color: #ffd7b8; }
}
`;
