// The one DOM helper the element's modules share: el(tag, props, children).
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
