// The network diagram's units as a control: hover or tap one to put it in focus (its map large in
// the decision map's place), or focus the diagram and move with the arrow keys. Part of the
// network part (web/network-part.js), attached by <relu-demo> to each canvas of the panel.
// Not here: what focus shows (panels.js), the diagram's drawing (network-chart.js).
import { nodeAt } from './network-chart.js';
import { unitsOf, moveFocus } from './network-view.js';

/** demo: the <relu-demo> (its runs, focus, setFocus and tr); panel: its network panel. */
export function attachUnitFocus(demo, panel) {
  panel.canvases.forEach((canvas, i) => {
    canvas.setAttribute('tabindex', '0');
    canvas.setAttribute('aria-label', demo.tr('net_aria') + (demo.runs[i]?.label ? ` (${demo.runs[i].label})` : ''));
    const at = (e) => {
      const layout = panel.layouts[i];
      if (!layout) return null;
      const rect = canvas.getBoundingClientRect();
      const hit = nodeAt(layout, e.clientX - rect.left, e.clientY - rect.top);
      const hidden = hit && unitsOf(demo.runs[i]).hidden[hit.column - 1];
      return hidden && hit.column >= 1 && hit.index < hidden.length ? { run: i, layer: hit.column - 1, unit: hidden[hit.index] } : null;
    };
    canvas.addEventListener('pointermove', (e) => {
      if (e.pointerType === 'touch' || demo.focus?.pinned) return;
      demo.setFocus(at(e));
    });
    canvas.addEventListener('pointerleave', (e) => { if (e.pointerType !== 'touch' && !demo.focus?.pinned) demo.setFocus(null); });
    canvas.addEventListener('pointerdown', (e) => {  // a tap or click pins the unit; again on it lets go
      const hit = at(e);
      const same = hit && demo.focus?.pinned && demo.focus.layer === hit.layer && demo.focus.unit === hit.unit;
      demo.setFocus(hit && !same ? { ...hit, pinned: true } : null);
    });
    canvas.addEventListener('focus', () => {
      if (!demo.focus || demo.focus.run !== i) demo.setFocus({ run: i, ...moveFocus(demo.runs[i], null), pinned: true });
    });
    canvas.addEventListener('blur', () => { if (demo.focus?.run === i && demo.focus.pinned) demo.setFocus(null); });
    canvas.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { demo.setFocus(null); return; }
      if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) return;
      e.preventDefault();
      const from = demo.focus && demo.focus.run === i ? demo.focus : null;
      const next = moveFocus(demo.runs[i], from, e.key);
      if (next) demo.setFocus({ run: i, ...next, pinned: true });
    });
  });
}
