// The figure as the recorder (web/recorder.js) draws it: its panels' canvases and
// texts (panel titles, notes) at the places they have on screen, in CSS pixels from
// the panels' box, and the words around them (title, settings caption, step counter).
// Not here: drawing (the recorder composes), the charts themselves (panels.js).

/**
 * panelsBox: the element holding the panels; panels: [{figure, canvases}] (the element's);
 * canvasFor(panel, i): the canvas to draw for panel i (the on-screen one, or one redrawn
 * at a higher scale). Returns {width, height, items}; hidden parts are left out.
 */
export function panelLayout(panelsBox, panels, canvasFor = (panel, i) => panel.canvases[i]) {
  const origin = panelsBox.getBoundingClientRect();
  const items = [];
  let right = 0, bottom = 0;
  const place = (rect) => {
    const x = rect.left - origin.left, y = rect.top - origin.top;
    right = Math.max(right, x + rect.width);
    bottom = Math.max(bottom, y + rect.height);
    return { x, y, w: rect.width, h: rect.height };
  };
  for (const panel of panels) {
    for (const node of panel.figure.querySelectorAll('.title, .note')) {
      const rect = node.getBoundingClientRect();
      if (!rect.width || !node.textContent.trim()) continue;
      const style = getComputedStyle(node);
      // Text is drawn with textBaseline 'top': shift by half the leading, so it sits where the DOM put it.
      const size = parseFloat(style.fontSize) || 13;
      const lineHeight = parseFloat(style.lineHeight) || size * 1.45;
      const at = place(rect);
      items.push({ text: node.textContent.trim(), x: at.x, y: at.y + Math.max(0, (lineHeight - size) / 2),
        font: `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`, color: style.color });
    }
    panel.canvases.forEach((canvas, i) => {
      const rect = canvas.getBoundingClientRect();
      if (!rect.width || !rect.height || canvas.closest('[hidden]')) return;
      items.push({ canvas: canvasFor(panel, i), ...place(rect) });
    });
  }
  return { width: Math.max(right, 1), height: Math.max(bottom, 1), items };
}

/** The title of a figure in a recording: the `title` attribute, else its section's heading, else ReLU Lab and the preset. */
export function figureTitle(element, preset) {
  const own = element.getAttribute('title');
  if (own) return own;
  const heading = element.closest('section, article')?.querySelector('h1, h2, h3');
  if (heading?.textContent.trim()) return heading.textContent.trim();
  return preset ? `ReLU Lab: ${preset}` : 'ReLU Lab';
}

/**
 * What recorder.js needs from a figure. element: the <relu-demo>; panelsBox, panels: its
 * panels; drawAt(scale): redraws every panel with `scale` backing pixels per CSS pixel
 * (1 for video and GIF, 2 for the PNG); stepText(); caption, link: the words under the
 * figure; restart(), stop(): training from step 0 while recording, and after.
 */
export function recordingSource({ element, panelsBox, panels, drawAt, stepText, title, caption, link, restart, stop }) {
  const frame = panelsBox.closest('.demo') || panelsBox;
  const host = getComputedStyle(element);
  const muted = panels[0]?.figure.querySelector('.note');
  return {
    title, caption, link, stepText, restart, stop,
    font: host.fontFamily,
    colors: {
      bg: getComputedStyle(frame).backgroundColor || '#fff',
      text: host.color,
      muted: muted ? getComputedStyle(muted).color : host.color,
    },
    layout(scale = 1) {
      // Sharper than the screen (the 2x PNG): redraw at that scale first. Video and GIF
      // frames take the canvases as they are, which the figure keeps drawing as it trains.
      if (scale > (devicePixelRatio || 1)) drawAt(scale);
      return panelLayout(panelsBox, panels);
    },
  };
}
