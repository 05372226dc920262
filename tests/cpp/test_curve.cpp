// data=curve: 1-D regression with named targets and mse; and the shape of a
// one-input net: first-layer kinks at -b/w, linear pieces counted exactly.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "curve_shape.hpp"
#include "lab.hpp"

using namespace relu;

static Lab make_lab(const std::string& text) {
  ParseResult r = parse_config(text);
  INFO(r.error);
  REQUIRE(r.ok);
  return Lab(r.config);
}

// A 1 -> n -> 1 net with the given first-layer weights and biases, output weights 1.
static Mlp<float> one_layer(Act act, std::vector<float> w, std::vector<float> b) {
  Mlp<float> net;
  net.act = act;
  const int n = int(w.size());
  Layer<float> hidden, out;
  hidden.W = Eigen::Map<Mat<float>>(w.data(), n, 1);
  hidden.b = Eigen::Map<Vec<float>>(b.data(), n);
  hidden.slope = Vec<float>::Constant(n, 0.1f);
  out.W = Mat<float>::Ones(1, n);
  out.b = Vec<float>::Zero(1);
  out.slope = Vec<float>::Zero(1);
  net.layers = {hidden, out};
  return net;
}

TEST_CASE("data=curve: one input, one output, mse, no accuracy", "[curve][config]") {
  ParseResult r = parse_config("data=curve&target=abs");
  REQUIRE(r.ok);
  CHECK(config_inputs(r.config) == 1);
  CHECK(config_outputs(r.config) == 1);
  CHECK(resolved_loss(r.config) == Loss::mse);
  CHECK(parse_config("data=curve&loss=bce").error ==
        "loss=bce: data=curve is a regression task (real-valued targets, no classes); use loss=mse or auto");
  CHECK_FALSE(parse_config("data=curve&loss=ce").ok);
  CHECK(parse_config("target=wave").error == "target=wave: the function data=curve samples must be one of sine, abs, step, square");
  Lab lab(r.config);
  const Record& rec = lab.record();
  CHECK(std::isnan(rec.acc));
  CHECK(std::isnan(rec.test_acc));
  CHECK(std::isfinite(rec.loss));
}

TEST_CASE("data=curve samples its target on [-1, 1], with noise of sd `noise`", "[curve][data]") {
  for (CurveTarget t : {CurveTarget::sine, CurveTarget::abs, CurveTarget::step, CurveTarget::square}) {
    Split s = make_curve_data(t, 300, 0.0, 0.2, 5);
    REQUIRE(s.train.size() == 240);
    REQUIRE(s.test.size() == 60);
    CHECK(s.train.label.empty());
    for (int i = 0; i < s.train.size(); ++i) {
      const float x = s.train.x(0, i);
      CHECK(std::abs(x) <= 1.0f);
      CHECK(s.train.target[i] == float(curve_value(t, x)));
    }
  }
  CHECK(curve_value(CurveTarget::abs, -0.5) == 0.5);
  CHECK(curve_value(CurveTarget::step, -0.01) == 0.0);
  CHECK(curve_value(CurveTarget::step, 0.0) == 1.0);
  CHECK(curve_value(CurveTarget::square, -0.5) == 0.25);
  CHECK(curve_value(CurveTarget::sine, 0.5) == Approx(1.0));
  // Noise: residuals have about the asked sd.
  Split n = make_curve_data(CurveTarget::abs, 4000, 0.2, 0.0, 6);
  double ss = 0;
  for (int i = 0; i < n.train.size(); ++i) ss += std::pow(n.train.target[i] - std::abs(n.train.x(0, i)), 2);
  CHECK(std::sqrt(ss / n.train.size()) == Approx(0.2).epsilon(0.05));
}

TEST_CASE("curve shape: each first-layer unit's kink sits at -b/w; pieces count the kinks inside", "[curve][shape]") {
  // Kinks at 0.5, -0.25, 3 (outside [-1, 1]) and none (w = 0).
  Mlp<float> net = one_layer(Act::relu, {2, -4, 1, 0}, {-1, -1, -3, 0.5f});
  CurveShape s = curve_shape(net, -1, 1);
  REQUIRE(s.kinks.size() == 4);
  CHECK(s.kinks[0] == 0.5f);
  CHECK(s.kinks[1] == -0.25f);
  CHECK(s.kinks[2] == 3.0f);
  CHECK(std::isnan(s.kinks[3]));
  CHECK(s.pieces == 3);  // two kinks inside (-1, 1)
  REQUIRE(s.breaks.size() == 2);
  CHECK(s.breaks[0] == Approx(-0.25));
  CHECK(s.breaks[1] == Approx(0.5));
  CHECK(s.exact);
  // Two units at the same place make one kink.
  CHECK(curve_shape(one_layer(Act::relu, {1, 2}, {0, 0}), -1, 1).pieces == 2);
  // Leaky units bend too; a linear net is one straight line; a smooth one has no pieces.
  CHECK(curve_shape(one_layer(Act::leaky, {2, -4}, {-1, -1}), -1, 1).pieces == 3);
  CurveShape lin = curve_shape(one_layer(Act::linear, {2, -4}, {-1, -1}), -1, 1);
  CHECK(lin.pieces == 1);
  CHECK(lin.kinks.empty());
  CurveShape smooth = curve_shape(one_layer(Act::tanh, {2, -4}, {-1, -1}), -1, 1);
  CHECK(smooth.pieces == -1);
  CHECK(smooth.kinks.empty());
}

TEST_CASE("curve shape of a deep net: the output is linear on every piece, and no switch is missed", "[curve][shape]") {
  // residual=1 adds a skip between the two 12-unit layers (not into the 8-unit one): the
  // pieces must follow h = h_prev + f(z) there.
  const std::string residual = GENERATE(as<std::string>{}, "0", "1");
  INFO("residual=" << residual);
  Lab lab = make_lab("data=curve&target=sine&width=12,12,8&opt=adam&lr=0.01&seed=3&residual=" + residual);
  REQUIRE(lab.net().skips(1) == (residual == "1"));
  REQUIRE(!lab.net().skips(2));
  lab.step(400);
  const CurveShape s = curve_shape(lab.net(), -1, 1);
  REQUIRE(s.exact);
  REQUIRE(s.pieces == int(s.breaks.size()) + 1);
  CHECK(s.pieces > 3);
  // Dense sampling: each piece holds one on/off pattern, and patterns differ across a break.
  const int n = 20001;
  Mat<float> xs(1, n);
  for (int i = 0; i < n; ++i) xs(0, i) = float(-1 + 2.0 * i / (n - 1));
  std::vector<float> prob;
  std::vector<uint32_t> pattern;
  Cache<float> cache;
  mlp_forward(lab.net(), xs, cache);
  std::set<std::pair<int, uint32_t>> piece_patterns;
  auto piece_of = [&](double x) { return int(std::upper_bound(s.breaks.begin(), s.breaks.end(), x) - s.breaks.begin()); };
  int changes = 0;
  uint32_t last = 0;
  for (int i = 0; i < n; ++i) {
    uint32_t h = 2166136261u;
    for (int l = 0; l < lab.net().hidden(); ++l)
      for (Eigen::Index u = 0; u < cache.z[l].rows(); ++u) h = (h ^ uint32_t(cache.z[l](u, i) > 0.0f)) * 16777619u;
    const double x = xs(0, i);
    bool near_break = false;
    for (double b : s.breaks) near_break = near_break || std::abs(x - b) < 1e-5;
    if (!near_break) piece_patterns.insert({piece_of(x), h});
    if (i > 0 && h != last) ++changes;
    last = h;
  }
  CHECK(int(piece_patterns.size()) == s.pieces);  // one pattern per piece, no piece without points
  CHECK(changes <= s.pieces - 1);                 // sampling can only miss switches, never add them
  // Linear within each piece: the midpoint's output is the mean of two symmetric points'.
  std::vector<double> edges = {-1};
  edges.insert(edges.end(), s.breaks.begin(), s.breaks.end());
  edges.push_back(1);
  for (size_t k = 0; k + 1 < edges.size(); ++k) {
    const double a = edges[k], b = edges[k + 1], m = (a + b) / 2, d = (b - a) / 4;
    Mat<float> three(1, 3);
    three << float(m - d), float(m), float(m + d);
    std::vector<float> y;
    lab.eval_outputs(three, y);
    CHECK(y[1] == Approx((y[0] + y[2]) / 2).margin(1e-4));
  }
}

TEST_CASE("curve fitting: relu units bend the fit towards |x|, a linear net fits a straight line", "[curve][training]") {
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    const std::string common = "data=curve&target=abs&noise=0&depth=1&width=8&opt=adam&lr=0.01&seed=" +
                               std::to_string(seed);
    Lab relu_lab = make_lab(common);
    Lab linear_lab = make_lab(common + "&act=linear");
    relu_lab.step(2000);
    linear_lab.step(2000);
    const float relu_loss = relu_lab.record().loss, linear_loss = linear_lab.record().loss;
    INFO("seed " << seed << ": relu " << relu_loss << ", linear " << linear_loss);
    CHECK(relu_loss < 0.005f);
    // The best line through |x| on [-1, 1] is y = 1/2: mse 1/12.
    CHECK(linear_loss == Approx(1.0 / 12).epsilon(0.1));
    CHECK(curve_shape(linear_lab.net(), -1, 1).pieces == 1);
    CHECK(curve_shape(relu_lab.net(), -1, 1).pieces >= 2);
  }
}
