// The embind bindings: the only file that knows about Emscripten. Thin on
// purpose: values in, values out. Arrays leave the wasm heap as copies (a view
// would go stale when memory grows), and errors come back as strings, never
// as exceptions. Each Lab object made from JS is deleted by its one owner,
// web/engine.js.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <array>

#include <Eigen/Core>

#ifdef RELU_LAB_BENCH
#include "bench.hpp"
#endif
#include "born_dead.hpp"
#include "config.hpp"
#include "curve_shape.hpp"
#include "custom_data.hpp"
#include "data.hpp"
#include "lab.hpp"
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

using namespace emscripten;
using namespace relu;

namespace {

template <class T>
val copy_out(const char* type, const T* data, size_t n) {
  return val::global(type).new_(typed_memory_view(n, data));  // new TypedArray(view) copies
}

val config_check(const std::string& text) {
  ParseResult r = parse_config(text);
  val out = val::object();
  out.set("ok", r.ok);
  out.set("error", r.error);
  out.set("text", r.ok ? config_to_text(r.config) : std::string());
  out.set("full", r.ok ? config_to_full_text(r.config) : std::string());
  if (r.ok) {
    out.set("depth", r.config.depth);
    out.set("data", std::string(data_name(r.config.data)));
    val widths = val::array();
    for (int w : layer_widths(r.config)) widths.call<void>("push", w);
    out.set("widths", widths);  // units per hidden layer
    out.set("inputs", config_inputs(r.config));
    out.set("planeHalf", plane_half(r.config.data));  // decision maps cover [-h, h]^2 (0: no plane)
  }
  // The lazily loaded parts (web/parts.js) a run of this config needs first.
  val parts = val::array();
  if (r.ok && r.config.data == DataKind::digits) parts.call<void>("push", std::string("digits"));
  out.set("parts", parts);
  return out;
}

// ---- data=custom: the one encoder and decoder of the points (custom_data.hpp) ----

std::vector<LabeledPoint> points_from(val xs_js, val ys_js, val labels_js) {
  std::vector<float> xs = convertJSArrayToNumberVector<float>(xs_js), ys = convertJSArrayToNumberVector<float>(ys_js);
  std::vector<int> labels = convertJSArrayToNumberVector<int>(labels_js);
  std::vector<LabeledPoint> points;
  for (size_t i = 0; i < xs.size() && i < ys.size() && i < labels.size(); ++i) points.push_back({xs[i], ys[i], labels[i]});
  return points;
}

val points_out(const std::vector<LabeledPoint>& points) {
  std::vector<float> xs, ys;
  std::vector<uint8_t> labels;
  for (const LabeledPoint& p : points) {
    xs.push_back(p.x);
    ys.push_back(p.y);
    labels.push_back(uint8_t(p.label));
  }
  val out = val::object();
  out.set("x", copy_out("Float32Array", xs.data(), xs.size()));
  out.set("y", copy_out("Float32Array", ys.data(), ys.size()));
  out.set("label", copy_out("Uint8Array", labels.data(), labels.size()));
  return out;
}

// Points (x, y, label arrays) -> {code} or {error}.
val encode_points_js(val xs, val ys, val labels) {
  std::string code;
  std::string error = encode_points(points_from(xs, ys, labels), &code);
  val out = val::object();
  if (error.empty()) out.set("code", code);
  else out.set("error", error);
  return out;
}

// A code -> {x, y, label} (Float32Array, Float32Array, Uint8Array) or {error}.
val decode_points_js(const std::string& code) {
  std::vector<LabeledPoint> points;
  std::string error = decode_points(code, &points);
  if (!error.empty()) {
    val out = val::object();
    out.set("error", "custom=: " + error);
    return out;
  }
  return points_out(points);
}

// CSV text -> {code, points: {x, y, label}, rescaled, scale, shiftX, shiftY} or {error}.
val points_from_csv_js(const std::string& text) {
  CsvPoints csv = parse_points_csv(text);
  val out = val::object();
  std::string code;
  std::string error = csv.ok ? encode_points(csv.points, &code) : csv.error;
  if (!error.empty()) {
    out.set("error", error);
    return out;
  }
  std::vector<LabeledPoint> decoded;
  decode_points(code, &decoded);  // the points as the run will see them (on the code's grid)
  out.set("code", code);
  out.set("points", points_out(decoded));
  out.set("rescaled", csv.rescaled);
  out.set("scale", csv.scale);
  out.set("shiftX", csv.shift_x);
  out.set("shiftY", csv.shift_y);
  return out;
}

// The limits the page states next to its controls.
val custom_limits() {
  val out = val::object();
  out.set("half", kCustomHalf);
  out.set("maxPoints", kCustomMaxPoints);
  out.set("minPoints", kCustomMinPoints);
  out.set("charsPerPoint", kCustomCharsPerPoint);
  return out;
}

// The coded digits from dist/relu-lab-digits.js, as a string of chars 0..127 (one per
// byte; embind's UTF-8 conversion leaves those unchanged): "" or why they were refused.
std::string provide_digits_text(const std::string& coded) {
  return provide_digits(reinterpret_cast<const unsigned char*>(coded.data()), coded.size());
}

val schema() {
  val keys = val::array();
  for (const KeySpec& k : config_schema()) {
    val o = val::object();
    o.set("name", std::string(k.name));
    const char* types[] = {"integer", "real", "choice", "text"};
    o.set("type", std::string(types[int(k.type)]));
    o.set("default", std::string(k.fallback));
    o.set("min", k.min);
    o.set("max", k.max);
    o.set("minOpen", k.min_open);
    val choices = val::array();
    for (const auto& c : k.choices) choices.call<void>("push", c);
    o.set("choices", choices);
    o.set("help", std::string(k.help));
    o.set("list", key_takes_list(k));  // accepts a comma list, one entry per hidden layer
    keys.call<void>("push", o);
  }
  return keys;
}

val presets() {
  val list = val::array();
  for (const Preset& p : preset_table()) {
    val o = val::object();
    o.set("name", std::string(p.name));
    o.set("description", std::string(p.description));
    o.set("settings", std::string(p.settings));
    list.call<void>("push", o);
  }
  return list;
}

// f and f' of one activation at the given points, as the network computes them.
val sample_activation(const std::string& name, double alpha, val xs_js) {
  std::vector<double> xs = convertJSArrayToNumberVector<double>(xs_js);
  Act a = Act::relu;
  val out = val::object();
  if (!act_from_name(name, &a)) {
    out.set("error", "act=" + name + ": unknown activation");
    return out;
  }
  std::vector<float> f(xs.size()), df(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) {
    f[i] = float(act_value(a, xs[i], alpha));
    df[i] = float(act_slope(a, xs[i], alpha));
  }
  out.set("f", copy_out("Float32Array", f.data(), f.size()));
  out.set("df", copy_out("Float32Array", df.data(), df.size()));
  return out;
}

// Born dead (cpp/born_dead.hpp): of the fresh nets for seeds [first, first + count) at this
// depth and width, how many have a hidden layer off for every training input. The page asks
// a few seeds at a time, so one table spreads over frames. {dead} or {error}.
val born_dead_count(const std::string& text, int depth, int width, int first, int count) {
  ParseResult r = parse_config(text);
  val out = val::object();
  if (!r.ok) {
    out.set("error", r.error);
    return out;
  }
  Config c = r.config;
  const std::string bad = set_config_value(c, "depth", std::to_string(depth)) + set_config_value(c, "width", std::to_string(width));
  if (!bad.empty() || first < 0 || count < 0) {
    out.set("error", bad.empty() ? "born dead: seeds must be whole numbers >= 0" : bad);
    return out;
  }
  int dead = 0;
  for (int s = first; s < first + count; ++s) {
    c.seed = uint32_t(s);
    dead += born_dead(c);
  }
  out.set("dead", dead);
  return out;
}

// The default table: depths, widths and nets per cell (the CLI's defaults too).
val born_dead_grid() {
  val out = val::object();
  val depths = val::array(), widths = val::array();
  for (int d : born_dead_depths()) depths.call<void>("push", d);
  for (int w : born_dead_widths()) widths.call<void>("push", w);
  out.set("depths", depths);
  out.set("widths", widths);
  out.set("nets", kBornDeadNets);
  return out;
}

// The names of the flat record's fields (stats.hpp), and the keys that change
// mid-run (lab.hpp): web/engine.js reads them here instead of typing them again.
val record_fields() {
  val names = val::array();
  for (const char* f : kRecordFields) names.call<void>("push", std::string(f));
  return names;
}

val layer_fields() {
  val names = val::array();
  for (const char* f : kLayerFieldNames) names.call<void>("push", std::string(f));
  return names;
}

// The activation table: name, formula, and whether the alpha key means anything for it
// (the page shows the alpha field only then).
val activations() {
  val list = val::array();
  for (const ActInfo& a : activation_table()) {
    val o = val::object();
    o.set("name", std::string(a.name));
    o.set("formula", std::string(a.formula));
    o.set("usesAlpha", act_uses_slope(a.act));
    list.call<void>("push", o);
  }
  return list;
}

val live_keys() {
  val keys = val::array();
  for (const char* k : kLiveKeys) keys.call<void>("push", std::string(k));
  return keys;
}

// The CLI's rule for quoting a value in a message (config.hpp), for the page's alert box.
std::string printable_text(const std::string& text, int max_chars) { return printable(text, size_t(std::max(1, max_chars))); }

// The record log's thinning constants (record_log.hpp), for web/history.js.
val log_rule() {
  val o = val::object();
  o.set("recent", kLogRecent);
  o.set("older", kLogOlder);
  o.set("slack", kLogSlack);
  return o;
}

std::string simd_in_use() { return Eigen::SimdInstructionSetsInUse(); }

// Bytes the allocator has handed out and not yet got back: the tests check that
// removing figures returns the heap to its baseline (no leaked Lab).
double heap_in_use() { return double(mallinfo().uordblks); }

// A config a Lab can be built from now: digits runs wait for their data (web/engine.js
// loads it first); without it the lab falls back to the defaults and says why.
ParseResult parse_for_lab(const std::string& text) {
  ParseResult r = parse_config(text);
  if (r.ok && r.config.data == DataKind::digits && !digits_provided()) {
    r = parse_config("");
    r.ok = false;
    r.error = "data=digits: the digits data is not loaded yet (relu-lab-digits.js)";
  }
  return r;
}

// One lab, owned by JS. Construct only from text that config_check accepted;
// otherwise it holds the defaults and error() says why.
class LabHandle {
 public:
  // Staged (lab.hpp): the weights are drawn by initSome over frames, not here, so creating
  // a 20 x 256 run is not one long task. Whatever reads the weights draws the rest first.
  explicit LabHandle(const std::string& text) : parsed_(parse_for_lab(text)), lab_(parsed_.config, true) {}
  bool init_some(double chunks) { return lab_.init_some(long(std::max(0.0, std::min(chunks, 1e15)))); }
  bool initialized() const { return lab_.initialized(); }
  int map_chunk() const { return lab_.map_chunk(); }
  double step_work() const { return lab_.step_work(); }
  double record_work() const { return lab_.record_work(); }
  std::string error() const { return parsed_.ok ? "" : parsed_.error; }
  void step(int n) { lab_.step(n); }
  // Bounded work (cpp/lab.hpp): up to `steps` whole steps in at most `chunks` chunks.
  // Numbers arrive as doubles: Infinity means no bound.
  double train(double steps, double chunks) {
    auto whole = [](double v) { return long(std::max(0.0, std::min(v, 1e15))); };
    return double(lab_.train(whole(steps), whole(chunks)));
  }
  double chunks_run() const { return double(lab_.chunks_run()); }
  bool step_in_progress() const { return lab_.step_in_progress(); }
  int step_chunk() const { return lab_.step_chunk(); }
  int record_chunk() const { return lab_.record_chunk(); }
  int chunks_per_step() const { return lab_.chunks_per_step(); }
  void record() { lab_.record(); }
  bool record_some(int chunks) { return lab_.record_some(chunks); }
  double steps() const { return double(lab_.steps()); }
  bool diverged() const { return lab_.diverged(); }
  int record_length() const { return lab_.record_length(); }
  // The log holds a bounded, thinned selection of the records (record_log.hpp); records
  // are numbered in the order they were made, and JS asks for those it has not seen.
  int rows() const { return lab_.record_log().rows(); }
  double recorded() const { return double(lab_.record_log().appended()); }
  // Flat records numbered `from` or later (stats.hpp's layout), copied out.
  val records(double from) const {
    const std::vector<float>& log = lab_.log();
    const size_t start = size_t(lab_.record_log().row_of(long(from))) * lab_.record_length();
    return copy_out("Float32Array", log.data() + start, log.size() - start);
  }
  // The record number of each row (for tests: the page's history thins by the same rule).
  val record_numbers() const {
    std::vector<double> n(lab_.record_log().rows());
    for (int i = 0; i < int(n.size()); ++i) n[i] = double(lab_.record_log().number(i));
    return copy_out("Float64Array", n.data(), n.size());
  }
  void reset() { lab_.reset(); }
  std::string set(const std::string& key, const std::string& value) { return lab_.set(key, value); }
  std::string text() const { return config_to_text(lab_.config()); }
  std::string full_text() const { return config_to_full_text(lab_.config()); }

  // Copies the weights into slot 0 or 1, so a map computed over several frames
  // shows one step's net even while training goes on (no stripes of different steps).
  void freeze(int slot) {
    ready();
    if (slot < 0 || slot >= int(frozen_.size())) return;
    frozen_[slot] = lab_.net();
    has_frozen_[slot] = true;
  }

  // Cells [first, first+count) of an nx x ny grid over [x0,x1] x [y0,y1], row by row from the
  // top (cell i is column i % nx of row i / nx; row 0 at y1), evaluated on the net frozen in
  // `slot` (or the live one if none): class-1 probability per cell; the on/off pattern hash if
  // `pattern`; and the on/off bits of each unit in `units` (flat hidden-unit indices) as
  // {bits: Uint32Array, words: words per unit} (lab.hpp's layout). Cells, not rows: one row of
  // a 20 x 256 net is already tens of ms, so chunks must be able to be smaller than a row.
  val eval_plane(int slot, double x0, double x1, double y0, double y1, int nx, int ny, int first, int count,
                 bool pattern, val units_js) {
    ready();
    first = std::max(0, first);
    count = std::max(0, std::min(count, nx * ny - first));
    val out = val::object();
    if (config_inputs(lab_.config()) != 2) {
      out.set("error", "the decision map needs 2-D data");
      return out;
    }
    Mat<float> pts(2, count);
    for (int k = 0; k < count; ++k) {
      const int cell = first + k, r = cell / nx, c = cell % nx;
      pts(0, k) = float(x0 + (x1 - x0) * (c + 0.5) / nx);
      pts(1, k) = float(y1 - (y1 - y0) * (r + 0.5) / ny);
    }
    PlaneRequest want;
    want.pattern = pattern;
    want.units = convertJSArrayToNumberVector<int>(units_js);
    const bool frozen = slot >= 0 && slot < int(frozen_.size()) && has_frozen_[slot];
    PlaneEval result;
    relu::eval_plane(frozen ? frozen_[slot] : lab_.net(), lab_.loss(), pts, want, result);
    out.set("prob", copy_out("Float32Array", result.prob.data(), result.prob.size()));
    if (pattern) out.set("pattern", copy_out("Uint32Array", result.pattern.data(), result.pattern.size()));
    out.set("bits", copy_out("Uint32Array", result.bits.data(), result.bits.size()));
    out.set("words", result.words_per_unit);
    return out;
  }

  // data=curve: the fitted y(x) at n points over [x0, x1], each first-layer unit's
  // kink, the x where some unit switches, and the count of linear pieces
  // (curve_shape.hpp); {error} for a net with more than one input.
  val curve(double x0, double x1, int n) {
    ready();
    val out = val::object();
    if (config_inputs(lab_.config()) != 1) {
      out.set("error", "the curve panel needs one input (data=curve)");
      return out;
    }
    n = std::max(2, std::min(n, 4096));
    Mat<float> xs(1, n);
    for (int i = 0; i < n; ++i) xs(0, i) = float(x0 + (x1 - x0) * i / (n - 1));
    std::vector<float> y;
    lab_.eval_outputs(xs, y);
    const CurveShape shape = curve_shape(lab_.net(), x0, x1);
    std::vector<float> breaks(shape.breaks.begin(), shape.breaks.end());
    out.set("x", copy_out("Float32Array", xs.data(), size_t(n)));
    out.set("y", copy_out("Float32Array", y.data(), y.size()));
    out.set("kinks", copy_out("Float32Array", shape.kinks.data(), shape.kinks.size()));
    out.set("breaks", copy_out("Float32Array", breaks.data(), breaks.size()));
    out.set("pieces", shape.pieces);
    out.set("exact", shape.exact);
    return out;
  }

  // Units per hidden layer, then the outputs: the network's shape.
  val layer_widths() const {
    val widths = val::array();
    for (const auto& layer : lab_.net().layers) widths.call<void>("push", int(layer.b.size()));
    return widths;
  }

  // Hidden layer l's units as the last record measured them: {active, grad_w} (stats.hpp), or null.
  val unit_stats(int l) const {
    const auto& units = lab_.unit_stats();
    if (l < 0 || l >= int(units.size())) return val::null();
    val out = val::object();
    out.set("active", copy_out("Float32Array", units[l].active.data(), units[l].active.size()));
    out.set("grad_w", copy_out("Float32Array", units[l].grad_w.data(), units[l].grad_w.size()));
    return out;
  }

  // W of layer l restricted to the given rows (units of layer l) and columns (its inputs),
  // row-major: the links the network diagram draws, without copying a 256 x 256 matrix.
  val weights_between(int l, val rows_js, val cols_js) {
    ready();
    const auto& layers = lab_.net().layers;
    if (l < 0 || l >= int(layers.size())) return val::null();
    const Mat<float>& W = layers[l].W;
    const std::vector<int> rows = convertJSArrayToNumberVector<int>(rows_js);
    const std::vector<int> cols = convertJSArrayToNumberVector<int>(cols_js);
    std::vector<float> out;
    out.reserve(rows.size() * cols.size());
    for (int r : rows)
      for (int c : cols)
        out.push_back(r >= 0 && r < W.rows() && c >= 0 && c < W.cols() ? W(r, c) : 0.0f);
    return copy_out("Float32Array", out.data(), out.size());
  }

  // The data set (train or test): features (row-major per sample) and labels.
  val data(bool test) const {
    const Dataset& d = test ? lab_.data().test : lab_.data().train;
    val out = val::object();
    out.set("dims", int(d.x.rows()));
    out.set("x", copy_out("Float32Array", d.x.data(), size_t(d.x.size())));  // column-major = per sample
    std::vector<uint8_t> labels(d.label.begin(), d.label.end());
    out.set("label", copy_out("Uint8Array", labels.data(), labels.size()));
    if (!d.target.empty()) out.set("target", copy_out("Float32Array", d.target.data(), d.target.size()));  // curve
    return out;
  }

  // Weights of layer l (0-based), column-major, for tests and the weight view.
  val weights(int l) {
    ready();
    const auto& layers = lab_.net().layers;
    if (l < 0 || l >= int(layers.size())) return val::null();
    return copy_out("Float32Array", layers[l].W.data(), size_t(layers[l].W.size()));
  }

 private:
  // The weights in full before anything reads them (at once if initSome has not finished:
  // correct, though long for a large net; the page waits for initialized() instead).
  void ready() { lab_.init_some(std::numeric_limits<long>::max()); }

  ParseResult parsed_;
  Lab lab_;
  std::array<Mlp<float>, 2> frozen_;  // slot 0: the decision map, slot 1: the unit maps
  std::array<bool, 2> has_frozen_ = {false, false};
};

}  // namespace

EMSCRIPTEN_BINDINGS(relu_lab) {
  function("checkConfig", &config_check);
  function("schema", &schema);
  function("presets", &presets);
  function("sampleActivation", &sample_activation);
  function("bornDeadCount", &born_dead_count);
  function("bornDeadGrid", &born_dead_grid);
  function("recordFields", &record_fields);
  function("layerFields", &layer_fields);
  function("liveKeys", &live_keys);
  function("activations", &activations);
  function("printable", &printable_text);
  function("logRule", &log_rule);
  function("simdInUse", &simd_in_use);
  function("heapInUse", &heap_in_use);
  function("encodePoints", &encode_points_js);
  function("decodePoints", &decode_points_js);
  function("pointsFromCsv", &points_from_csv_js);
  function("customLimits", &custom_limits);
  function("provideDigits", &provide_digits_text);
  function("digitsProvided", &digits_provided);
#ifdef RELU_LAB_BENCH  // only in the benchmark build (cmake/wasm.cmake)
  function("benchSteps", &bench_steps_per_second);
  function("benchRefSteps", &bench_reference_steps_per_second);
  function("benchGridMs", &bench_grid_ms);
  function("benchProduct", &bench_product_gmacs);
#endif
  class_<LabHandle>("Lab")
      .constructor<std::string>()
      .function("error", &LabHandle::error)
      .function("step", &LabHandle::step)
      .function("train", &LabHandle::train)
      .function("chunksRun", &LabHandle::chunks_run)
      .function("stepInProgress", &LabHandle::step_in_progress)
      .function("stepChunk", &LabHandle::step_chunk)
      .function("recordChunk", &LabHandle::record_chunk)
      .function("chunksPerStep", &LabHandle::chunks_per_step)
      .function("initSome", &LabHandle::init_some)
      .function("initialized", &LabHandle::initialized)
      .function("mapChunk", &LabHandle::map_chunk)
      .function("stepWork", &LabHandle::step_work)
      .function("recordWork", &LabHandle::record_work)
      .function("record", &LabHandle::record)
      .function("recordSome", &LabHandle::record_some)
      .function("steps", &LabHandle::steps)
      .function("diverged", &LabHandle::diverged)
      .function("recordLength", &LabHandle::record_length)
      .function("rows", &LabHandle::rows)
      .function("records", &LabHandle::records)
      .function("recorded", &LabHandle::recorded)
      .function("recordNumbers", &LabHandle::record_numbers)
      .function("reset", &LabHandle::reset)
      .function("set", &LabHandle::set)
      .function("text", &LabHandle::text)
      .function("fullText", &LabHandle::full_text)
      .function("curve", &LabHandle::curve)
      .function("freeze", &LabHandle::freeze)
      .function("evalPlane", &LabHandle::eval_plane)
      .function("layerWidths", &LabHandle::layer_widths)
      .function("unitStats", &LabHandle::unit_stats)
      .function("weightsBetween", &LabHandle::weights_between)
      .function("data", &LabHandle::data)
      .function("weights", &LabHandle::weights);
}

RELU_COLD_CODE_END
