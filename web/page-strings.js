// The article's own text (index.html), in English and Chinese. Elements carry
// data-i18n="key" (plain text) or data-i18n-html="key" (our own markup: links,
// emphasis). A node test fails if a key is missing in either language.
export const PAGE_STRINGS = {
  en: {
    title: 'ReLU Lab: testing the claims about ReLU, live',
    heading: 'ReLU Lab',
    tagline: 'Every claim about the ReLU activation, tested live in your browser.',
    lab_title: 'Your turn: the full lab',
    lab_intro: 'Every setting of the engine. The address bar keeps the state: copy the link to share exactly this run, seed included.',
    hashErrors: 'Some settings in the link were ignored:',
    noscript: 'ReLU Lab needs JavaScript and WebAssembly.',
    footer_data: 'Digits: UCI Optical Recognition of Handwritten Digits (Alpaydin & Kaynak, 1998), CC BY 4.0.',
  },
  zh: {
    title: 'ReLU Lab：现场检验关于 ReLU 的说法',
    heading: 'ReLU Lab',
    tagline: '关于 ReLU 激活函数的每一个说法，都在你的浏览器里现场检验。',
    lab_title: '轮到你了：完整实验台',
    lab_intro: '引擎的每一项设置都在这里。地址栏保存当前状态：复制链接即可分享这一次运行，连随机种子一起。',
    hashErrors: '链接中的部分设置被忽略：',
    noscript: 'ReLU Lab 需要 JavaScript 和 WebAssembly。',
    footer_data: '手写数字数据：UCI Optical Recognition of Handwritten Digits（Alpaydin & Kaynak, 1998），CC BY 4.0。',
  },
};
