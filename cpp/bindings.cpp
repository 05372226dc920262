// The embind bindings: the only file that knows about Emscripten. Thin on
// purpose: values in, values out. Arrays leave the wasm heap as copies (a view
// would go stale when memory grows), and errors come back as strings, never
// as exceptions. Each Lab object made from JS is deleted by its one owner,
// web/engine.js.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <Eigen/Core>

#ifdef RELU_LAB_BENCH
#include "bench.hpp"
#endif
#include "config.hpp"
#include "data.hpp"
#include "lab.hpp"

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
    out.set("inputs", config_inputs(r.config));  // 2: the data has a plane to map
  }
  // The lazily loaded parts (web/parts.js) a run of this config needs first.
  val parts = val::array();
  if (r.ok && r.config.data == DataKind::digits) parts.call<void>("push", std::string("digits"));
  out.set("parts", parts);
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
  explicit LabHandle(const std::string& text) : parsed_(parse_for_lab(text)), lab_(parsed_.config) {}
  std::string error() const { return parsed_.ok ? "" : parsed_.error; }
  void step(int n) { lab_.step(n); }
  void record() { lab_.record(); }
  bool record_some(int chunks) { return lab_.record_some(chunks); }
  double steps() const { return double(lab_.steps()); }
  bool diverged() const { return lab_.diverged(); }
  int record_length() const { return lab_.record_length(); }
  int rows() const { return int(lab_.log().size()) / lab_.record_length(); }
  // Flat records from row `from` on (stats.hpp's layout), copied out.
  val records(int from) const {
    const std::vector<float>& log = lab_.log();
    size_t start = std::min(log.size(), size_t(from) * lab_.record_length());
    return copy_out("Float32Array", log.data() + start, log.size() - start);
  }
  void reset() { lab_.reset(); }
  std::string set(const std::string& key, const std::string& value) { return lab_.set(key, value); }
  std::string text() const { return config_to_text(lab_.config()); }
  std::string full_text() const { return config_to_full_text(lab_.config()); }

  // Rows [first, first+count) of an nx x ny grid over [x0,x1] x [y0,y1] (row 0 at y1, the top):
  // probability of class 1 and the hidden on/off pattern hash per cell.
  val eval_grid(double x0, double x1, double y0, double y1, int nx, int ny, int first, int count) const {
    count = std::max(0, std::min(count, ny - first));
    Mat<float> pts(config_inputs(lab_.config()) == 2 ? 2 : 0, nx * count);
    val out = val::object();
    if (pts.rows() == 0) {
      out.set("error", "the decision map needs 2-D data");
      return out;
    }
    for (int r = 0; r < count; ++r)
      for (int c = 0; c < nx; ++c) {
        pts(0, r * nx + c) = float(x0 + (x1 - x0) * (c + 0.5) / nx);
        pts(1, r * nx + c) = float(y1 - (y1 - y0) * (first + r + 0.5) / ny);
      }
    std::vector<float> prob;
    std::vector<uint32_t> pattern;
    lab_.eval_points(pts, prob, pattern);
    out.set("prob", copy_out("Float32Array", prob.data(), prob.size()));
    out.set("pattern", copy_out("Uint32Array", pattern.data(), pattern.size()));
    return out;
  }

  // The data set (train or test): features (row-major per sample) and labels.
  val data(bool test) const {
    const Dataset& d = test ? lab_.data().test : lab_.data().train;
    val out = val::object();
    out.set("dims", int(d.x.rows()));
    out.set("x", copy_out("Float32Array", d.x.data(), size_t(d.x.size())));  // column-major = per sample
    std::vector<uint8_t> labels(d.label.begin(), d.label.end());
    out.set("label", copy_out("Uint8Array", labels.data(), labels.size()));
    return out;
  }

  // Weights of layer l (0-based), column-major, for tests and the weight view.
  val weights(int l) const {
    const auto& layers = lab_.net().layers;
    if (l < 0 || l >= int(layers.size())) return val::null();
    return copy_out("Float32Array", layers[l].W.data(), size_t(layers[l].W.size()));
  }

 private:
  ParseResult parsed_;
  Lab lab_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(relu_lab) {
  function("checkConfig", &config_check);
  function("schema", &schema);
  function("presets", &presets);
  function("sampleActivation", &sample_activation);
  function("simdInUse", &simd_in_use);
  function("heapInUse", &heap_in_use);
  function("provideDigits", &provide_digits_text);
  function("digitsProvided", &digits_provided);
#ifdef RELU_LAB_BENCH  // only in the benchmark build (cmake/wasm.cmake)
  function("benchSteps", &bench_steps_per_second);
  function("benchGridMs", &bench_grid_ms);
#endif
  class_<LabHandle>("Lab")
      .constructor<std::string>()
      .function("error", &LabHandle::error)
      .function("step", &LabHandle::step)
      .function("record", &LabHandle::record)
      .function("recordSome", &LabHandle::record_some)
      .function("steps", &LabHandle::steps)
      .function("diverged", &LabHandle::diverged)
      .function("recordLength", &LabHandle::record_length)
      .function("rows", &LabHandle::rows)
      .function("records", &LabHandle::records)
      .function("reset", &LabHandle::reset)
      .function("set", &LabHandle::set)
      .function("text", &LabHandle::text)
      .function("fullText", &LabHandle::full_text)
      .function("evalGrid", &LabHandle::eval_grid)
      .function("data", &LabHandle::data)
      .function("weights", &LabHandle::weights);
}
