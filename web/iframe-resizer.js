// dist/relu-lab-iframe.js: for pages that embed ReLU Lab as an <iframe>. The lab
// in embed mode (index.html#embed&...) posts its height; this sets the height of
// the iframe that sent it, so the figure fits without a scrollbar. Nothing else.
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'relu-lab:height' || !(data.height > 0)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.height = String(Math.ceil(data.height));
  }
});
