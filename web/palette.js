// Colours for ReLU Lab's charts: series colours, the two class colours and the
// light/dark theme colours, all in one place so every figure agrees.
// Not for drawing or layout (that is charts.js); no DOM, no state.

// Okabe–Ito palette: eight colours that stay distinguishable under the common
// forms of colour-vision deficiency. Source: M. Okabe and K. Ito, "Color
// Universal Design (CUD): how to make figures and presentations that are
// friendly to colorblind people" (2002/2008), https://jfly.uni-koeln.de/color/ ;
// popularised by B. Wong, "Points of view: Color blindness", Nature Methods 8,
// 441 (2011).
export const OKABE_ITO = Object.freeze({
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
});

// Series order: the high-contrast colours first. Yellow is hard to see on a
// white page, so it comes late; black is invisible on a dark page, so the dark
// theme swaps it for white.
const SERIES_LIGHT = Object.freeze([
  OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.orange,
  OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.black, OKABE_ITO.yellow,
]);
const SERIES_DARK = Object.freeze([
  OKABE_ITO.skyBlue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.orange,
  OKABE_ITO.reddishPurple, OKABE_ITO.yellow, '#FFFFFF', OKABE_ITO.blue,
]);

// Class 0 orange, class 1 blue: the pair stays apart for every colour-vision
// type, and a diverging orange -> neutral -> blue scale reads as "how sure".
const CLASS_COLORS = Object.freeze([OKABE_ITO.orange, OKABE_ITO.blue]);

const THEMES = Object.freeze({
  light: Object.freeze({
    background: '#FFFFFF', text: '#222222', mutedText: '#666666',
    axis: '#555555', grid: '#E8E8E8', reference: '#777777',
    band: 'rgba(0, 158, 115, 0.15)', shade: 'rgba(0, 0, 0, 0.06)',
    neutral: '#FFFFFF', pointOutline: '#FFFFFF',
    boxBackground: 'rgba(255, 255, 255, 0.92)', boxBorder: '#BBBBBB',
  }),
  dark: Object.freeze({
    background: '#1E1E1E', text: '#E6E6E6', mutedText: '#A0A0A0',
    axis: '#9A9A9A', grid: '#333333', reference: '#A8A8A8',
    band: 'rgba(0, 158, 115, 0.25)', shade: 'rgba(255, 255, 255, 0.07)',
    neutral: '#2A2A2A', pointOutline: '#111111',
    boxBackground: 'rgba(30, 30, 30, 0.92)', boxBorder: '#555555',
  }),
});

/** Theme colours; anything but 'dark' means light. */
export function themeColors(theme) {
  return theme === 'dark' ? THEMES.dark : THEMES.light;
}

/** Colour of the i-th series (cycles after eight). */
export function seriesColor(i, theme) {
  const list = theme === 'dark' ? SERIES_DARK : SERIES_LIGHT;
  const k = ((Math.trunc(i) % list.length) + list.length) % list.length;
  return list[Number.isFinite(k) ? k : 0];
}

/** Colour of class k: 0 orange, 1 blue; further classes (digits) reuse the series colours. */
export function classColor(k, theme) {
  if (k === 0 || k === 1) return CLASS_COLORS[k];
  return seriesColor(k, theme);
}

/** '#RRGGBB' -> [r, g, b] with 0..255 integers. */
export function hexToRgb(hex) {
  const n = parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
