// The activation plot's x as a slider: drag it, or focus it and use the arrow keys. Part of the
// charts part (web/charts-part.js), attached by <relu-demo> to the activation panel's canvas.
// Not here: the plot (charts.js activationPlot), where x is kept (the element).

/** panel: the activation panel; label: its accessible name; x(): the slider's value; set(x): a new value. */
export function attachActivationSlider(panel, { label, x, set }) {
  const canvas = panel.canvases[0];
  canvas.setAttribute('role', 'slider');
  canvas.setAttribute('tabindex', '0');
  canvas.setAttribute('aria-label', label);
  canvas.setAttribute('aria-valuemin', '-4');
  canvas.setAttribute('aria-valuemax', '4');
  canvas.setAttribute('aria-valuenow', String(x()));
  const moveTo = (value) => {
    set(Math.round(Math.max(-4, Math.min(4, value)) * 100) / 100);
    canvas.setAttribute('aria-valuenow', String(x()));
  };
  const fromPointer = (e) => {
    const layout = panel.layouts[0];
    if (!layout) return;
    const rect = canvas.getBoundingClientRect();
    moveTo(layout.pxToX(e.clientX - rect.left));
  };
  canvas.addEventListener('pointerdown', (e) => { canvas.setPointerCapture?.(e.pointerId); fromPointer(e); });
  canvas.addEventListener('pointermove', (e) => { if (e.buttons) fromPointer(e); });
  canvas.addEventListener('keydown', (e) => {
    const steps = { ArrowLeft: -0.1, ArrowDown: -0.1, ArrowRight: 0.1, ArrowUp: 0.1, PageDown: -1, PageUp: 1 };
    if (e.key in steps) { moveTo(x() + steps[e.key]); e.preventDefault(); }
    else if (e.key === 'Home') { moveTo(-4); e.preventDefault(); }
    else if (e.key === 'End') { moveTo(4); e.preventDefault(); }
  });
}
