// The DOM helpers the element's modules share: el(tag, props, children), and setText /
// setHidden, which write only what changed.
// Not here: anything that knows what a figure is.

/** A new element: `text` sets textContent, aria*, role, for and tabindex become attributes, the rest properties. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('aria') || k === 'role' || k === 'for' || k === 'tabindex') node.setAttribute(
      k.startsWith('aria') ? `aria-${k.slice(4).toLowerCase()}` : k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
}

// Writing the same text or the same hidden flag again is not free: the browser drops the
// old text node and lays the page out again on the next frame. A figure that sets its
// status, counter and notes every frame would lay out the whole article at 60 frames/s.
/** Sets node's text only when it differs from what it shows. */
export function setText(node, text) {
  if (node.textContent === text) return;
  // A lone text node takes the new text in place (no node removed and inserted: less style work).
  const only = node.firstChild;
  if (only && only === node.lastChild && only.nodeType === Node.TEXT_NODE && text !== '') only.data = text;
  else node.textContent = text;
}

/** Sets node.hidden only when it changes. */
export function setHidden(node, hidden) {
  if (node.hidden !== Boolean(hidden)) node.hidden = Boolean(hidden);
}
