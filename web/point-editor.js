// Editing the reader's own points (data=custom) on the decision map: add a point of
// a class, erase the point nearest a click, clear all. Pure functions over plain
// point lists [{x, y, label}]; the code that travels in the config key `custom` is
// made and read by the engine only (engine.encodePoints / decodePoints).
// Not here: the DOM (relu-demo.js), the encoding (cpp/custom_data.cpp).

/** The points a run trains and tests on, as one list: where editing starts from a built-in set. */
export function pointsOfRun(run) {
  const out = [];
  for (const test of [false, true]) {
    const d = run.points(test);
    for (let i = 0; i < d.label.length; i++) out.push({ x: d.x[2 * i], y: d.x[2 * i + 1], label: d.label[i] });
  }
  return out;
}

/** The points of a code, or [] for an empty or bad one. */
export function pointsOfCode(engine, code) {
  if (!code) return [];
  const d = engine.decodePoints(code);
  if (d.error) return [];
  return Array.from(d.label, (label, i) => ({ x: d.x[i], y: d.y[i], label }));
}

/** points plus one at (x, y) of class `label`; unchanged if (x, y) lies outside [-half, half]^2. */
export function addPoint(points, x, y, label, half) {
  if (!(Math.abs(x) <= half && Math.abs(y) <= half)) return points;
  return [...points, { x, y, label }];
}

/** points without the one nearest (x, y), if it lies within `radius`. */
export function erasePoint(points, x, y, radius) {
  let best = -1, bestD = radius * radius;
  points.forEach((p, i) => {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d <= bestD) { best = i; bestD = d; }
  });
  return best < 0 ? points : points.filter((_, i) => i !== best);
}

/** Columns {x, y, label} as the decision map draws points. */
export function columns(points) {
  return { x: Float32Array.from(points, (p) => p.x), y: Float32Array.from(points, (p) => p.y),
    label: Uint8Array.from(points, (p) => p.label) };
}

/** {code} for the engine, or {error}: the engine's one encoder. */
export function encode(engine, points) {
  return engine.encodePoints(points.map((p) => p.x), points.map((p) => p.y), points.map((p) => p.label));
}
