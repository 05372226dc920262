// Backward passes against central finite differences, in double, for every
// activation x loss, the PReLU slope, and the l1 and l2 terms. Inputs are
// redrawn until every pre-activation is at least 0.05 from ReLU's kink, where a
// finite difference would straddle two slopes and mean nothing.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>

#include "network.hpp"

using namespace relu;

namespace {

struct Problem {
  Mlp<double> net;
  Mat<double> x, y;
  Loss loss;
  double l1, l2;
};

double objective(const Problem& p) {
  Cache<double> cache;
  Mat<double> dz;
  mlp_forward(p.net, p.x, cache);
  return loss_forward_backward(p.loss, cache.z.back(), p.y, dz) + penalty(p.net, cache, p.l1, p.l2);
}

double min_abs_hidden_z(const Problem& p) {
  Cache<double> cache;
  mlp_forward(p.net, p.x, cache);
  double m = 1e9;
  for (int l = 0; l < p.net.hidden(); ++l) m = std::min(m, cache.z[l].array().abs().minCoeff());
  return m;
}

Problem make_problem(Act act, Loss loss, double l1, double l2, uint64_t seed, bool residual = false) {
  const int outputs = loss == Loss::ce ? 3 : (loss == Loss::mse ? 2 : 1);
  for (uint64_t s = seed;; s += 1000) {
    Rng rng(s);
    // Residual: three hidden layers of 4, so layers 2 and 3 skip (layer 1's input is x, 3 wide).
    Problem p{make_mlp<double>(3, residual ? 3 : 2, 4, outputs, act, Init::he, 0.1, 0.3, rng), {}, {}, loss, l1, l2};
    p.net.residual = residual;
    p.x.resize(3, 5);
    for (int i = 0; i < p.x.size(); ++i) p.x(i) = rng.normal();
    for (auto& layer : p.net.layers)
      for (int i = 0; i < layer.slope.size(); ++i) layer.slope(i) = 0.1 + 0.3 * rng.uniform();
    p.y = Mat<double>::Zero(outputs, 5);
    for (int i = 0; i < 5; ++i) {
      if (loss == Loss::ce) p.y(rng.below(3), i) = 1;
      else if (loss == Loss::bce) p.y(0, i) = rng.below(2);
      else p.y.col(i) << rng.normal(), rng.normal();
    }
    if (min_abs_hidden_z(p) > 0.05) return p;
  }
}

// Compares one parameter block's analytic gradient with central differences.
void check_block(Problem& p, Mat<double>* param_matrix, Vec<double>* param_vector, const Mat<double>& analytic,
                 const char* what) {
  const double eps = 1e-6;
  double* data = param_matrix ? param_matrix->data() : param_vector->data();
  const Eigen::Index size = param_matrix ? param_matrix->size() : param_vector->size();
  for (Eigen::Index i = 0; i < size; ++i) {
    const double keep = data[i];
    data[i] = keep + eps;
    const double up = objective(p);
    data[i] = keep - eps;
    const double down = objective(p);
    data[i] = keep;
    const double numeric = (up - down) / (2 * eps);
    const double a = analytic(i);
    INFO(what << "[" << i << "]: analytic " << a << " numeric " << numeric);
    CHECK(std::abs(a - numeric) <= 1e-7 + 1e-5 * std::max(std::abs(a), std::abs(numeric)));
  }
}

void check_all(Problem& p) {
  Cache<double> cache;
  Grads<double> g;
  Mat<double> dlogits;
  mlp_forward(p.net, p.x, cache);
  loss_forward_backward(p.loss, cache.z.back(), p.y, dlogits);
  mlp_backward(p.net, cache, dlogits, p.l1, p.l2, g);
  for (size_t l = 0; l < p.net.layers.size(); ++l) {
    check_block(p, &p.net.layers[l].W, nullptr, g.dW[l], "dW");
    check_block(p, nullptr, &p.net.layers[l].b, g.db[l], "db");
    if (p.net.act == Act::prelu && l + 1 < p.net.layers.size())
      check_block(p, nullptr, &p.net.layers[l].slope, g.dslope[l], "dslope");
  }
}

}  // namespace

TEST_CASE("backward matches central differences for every activation and loss", "[gradients]") {
  // From the table, so a new activation is checked the day it is added.
  const Act act = GENERATE(map([](const ActInfo& row) { return row.act; }, from_range(activation_table())));
  const Loss loss = GENERATE(Loss::bce, Loss::ce, Loss::mse);
  INFO("act " << act_name(act) << ", loss " << int(loss));
  Problem p = make_problem(act, loss, 0, 0, 7);
  check_all(p);
}

TEST_CASE("residual nets: backward matches central differences for every activation", "[gradients][residual]") {
  const Act act = GENERATE(map([](const ActInfo& row) { return row.act; }, from_range(activation_table())));
  const Loss loss = GENERATE(Loss::bce, Loss::ce);
  INFO("act " << act_name(act) << ", loss " << int(loss));
  Problem p = make_problem(act, loss, 0, 0, 5, true);
  REQUIRE(!p.net.skips(0));  // the first hidden layer's input is x: no skip
  REQUIRE(p.net.skips(1));
  REQUIRE(p.net.skips(2));
  REQUIRE(!p.net.skips(3));  // nor into the output layer
  check_all(p);
}

TEST_CASE("residual nets: the l1 penalty's gradient flows through the skips too", "[gradients][residual]") {
  Problem p = make_problem(Act::tanh, Loss::bce, 0.05, 0.1, 13, true);
  check_all(p);
}

TEST_CASE("residual forward: h_l = h_(l-1) + f(z_l) between equal widths, plain f(z) elsewhere", "[gradients][residual]") {
  Rng rng(3);
  Mlp<double> net = make_mlp<double>(2, 3, 4, 1, Act::sigmoid, Init::he, 0.0, 0.0, rng);
  net.residual = true;
  Mat<double> x(2, 3);
  x << 0.5, -1, 2, 1, 0.25, -0.75;
  Cache<double> cache;
  mlp_forward(net, x, cache);
  Mat<double> f;
  act_forward(Act::sigmoid, cache.z[0], net.layers[0].slope, f);
  CHECK((cache.h[1] - f).cwiseAbs().maxCoeff() == 0.0);  // 2 -> 4: widths differ, no skip
  for (int l = 1; l <= 2; ++l) {
    act_forward(Act::sigmoid, cache.z[l], net.layers[l].slope, f);
    CHECK((cache.h[l + 1] - (cache.h[l] + f)).cwiseAbs().maxCoeff() < 1e-15);
  }
  // Off by default: the same weights give plain layers.
  net.residual = false;
  Cache<double> plain;
  mlp_forward(net, x, plain);
  act_forward(Act::sigmoid, plain.z[2], net.layers[2].slope, f);
  CHECK((plain.h[3] - f).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("the l1 activation penalty and l2 weight decay have the right gradients", "[gradients]") {
  const Act act = GENERATE(Act::relu, Act::leaky, Act::tanh);
  INFO("act " << act_name(act));
  Problem p = make_problem(act, Loss::bce, 0.05, 0.1, 11);
  check_all(p);
  // And the penalty value itself: l1 * mean over samples of sum |h| + l2/2 * sum W^2.
  Cache<double> cache;
  mlp_forward(p.net, p.x, cache);
  double expected = 0;
  for (int l = 1; l <= p.net.hidden(); ++l) expected += 0.05 * cache.h[l].array().abs().sum() / 5.0;
  for (const auto& layer : p.net.layers) expected += 0.05 * layer.W.squaredNorm();
  CHECK(penalty(p.net, cache, 0.05, 0.1) == Approx(expected).epsilon(1e-12));
}

TEST_CASE("a tiny relu net matches a hand-computed forward and backward pass", "[gradients][golden]") {
  // x = (1, 2); W1 = [[1, -1], [0.5, 2]], b1 = (0, -1); W2 = [1, -2], b2 = 0.5; mse, y = 1.
  Mlp<double> net;
  net.act = Act::relu;
  net.layers.resize(2);
  net.layers[0].W.resize(2, 2);
  net.layers[0].W << 1, -1, 0.5, 2;
  net.layers[0].b.resize(2);
  net.layers[0].b << 0, -1;
  net.layers[0].slope = Vec<double>::Zero(2);
  net.layers[1].W.resize(1, 2);
  net.layers[1].W << 1, -2;
  net.layers[1].b = Vec<double>::Constant(1, 0.5);
  net.layers[1].slope = Vec<double>::Zero(1);
  Mat<double> x(2, 1), y(1, 1), dlogits;
  x << 1, 2;
  y << 1;
  Cache<double> cache;
  mlp_forward(net, x, cache);
  // z1 = (1 - 2, 0.5 + 4 - 1) = (-1, 3.5); h1 = (0, 3.5); z2 = 0 - 7 + 0.5 = -6.5.
  CHECK(cache.z[0](0) == -1.0);
  CHECK(cache.z[0](1) == 3.5);
  CHECK(cache.h[1](0) == 0.0);
  CHECK(cache.z[1](0) == -6.5);
  // loss = (-6.5 - 1)^2 = 56.25, dz2 = 2 * (-7.5) = -15.
  CHECK(loss_forward_backward(Loss::mse, cache.z[1], y, dlogits) == 56.25);
  Grads<double> g;
  mlp_backward(net, cache, dlogits, 0.0, 0.0, g);
  CHECK(g.dW[1](0, 0) == 0.0);     // h1[0] = 0
  CHECK(g.dW[1](0, 1) == -52.5);   // -15 * 3.5
  CHECK(g.db[1](0) == -15.0);
  // dh1 = W2^T dz2 = (-15, 30); the first unit is off, so dz1 = (0, 30).
  CHECK(g.dz[0](0) == 0.0);
  CHECK(g.dz[0](1) == 30.0);
  CHECK(g.dW[0](1, 0) == 30.0);
  CHECK(g.dW[0](1, 1) == 60.0);
  CHECK(g.dW[0](0, 0) == 0.0);
  CHECK(g.db[0](1) == 30.0);
}

TEST_CASE("losses are stable at extreme logits and match hand values", "[gradients][loss]") {
  Mat<double> z(1, 2), y(1, 2), dz;
  z << 1000, -1000;
  y << 1, 0;
  CHECK(bce_loss(z, y, dz) == Approx(0.0).margin(1e-12));  // confident and right: no log(0)
  y << 0, 1;
  CHECK(bce_loss(z, y, dz) == Approx(1000.0));  // confident and wrong: large but finite
  Mat<double> zc(3, 1), yc(3, 1), dzc;
  zc << 1000, 0, -1000;
  yc << 0, 1, 0;
  CHECK(ce_loss(zc, yc, dzc) == Approx(1000.0));
  zc << 0, 0, 0;
  CHECK(ce_loss(zc, yc, dzc) == Approx(std::log(3.0)));
  CHECK(dzc(1) == Approx(1.0 / 3 - 1));
  Mat<float> zf(1, 1), yf(1, 1), dzf;
  zf << 0;
  yf << 1;
  CHECK(bce_loss(zf, yf, dzf) == Approx(std::log(2.0)));
}

TEST_CASE("a one-chunk bce step: the same gradient bits as the full loss, and finite exactly when the value is",
          "[gradients][loss]") {
  // Logits from tiny to near float's largest, NaN and infinities among them, so that the
  // shortcut (bce's value skipped where the logits alone bound it) meets both sides of its bound.
  Rng rng(5, 1);
  const float kMax = std::numeric_limits<float>::max();
  int shortcut_finite = 0, computed_finite = 0, computed_not = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    const int n = 1 + int(rng.below(70));
    Mat<float> z(1, n), y(1, n), dz_full, dz;
    for (int i = 0; i < n; ++i) {
      const double magnitude = std::pow(10.0, rng.uniform() * 39.0 - 1.0);  // 0.1 .. 1e38
      z(0, i) = float((rng.below(2) ? 1 : -1) * std::min(magnitude * (trial % 3 == 0 ? 3.4 : 1.0), 3.4e38));
      y(0, i) = float(rng.below(2));
    }
    if (trial % 50 == 1) z(0, 0) = std::numeric_limits<float>::quiet_NaN();
    if (trial % 50 == 2) z(0, n - 1) = -std::numeric_limits<float>::infinity();
    if (trial % 50 == 3) {  // two confident wrong answers that overflow only once summed
      z.setConstant(2.5e38f);
      y.setZero();
    }
    const float value = bce_loss(z, y, dz_full, float(n));
    Arr<float> work;
    const bool finite = bce_gradient_finite(z, y, dz, float(n), work);
    INFO("trial " << trial << " n " << n << " value " << value);
    REQUIRE(finite == std::isfinite(value));
    REQUIRE(std::memcmp(dz.data(), dz_full.data(), sizeof(float) * n) == 0);
    const bool small = z.cwiseAbs().maxCoeff() < kMax / (8.0f * float(n));
    (finite ? (small ? shortcut_finite : computed_finite) : computed_not)++;
  }
  // Every path was taken: finite from the bound, finite and infinite from the value.
  CHECK(shortcut_finite > 100);
  CHECK(computed_finite > 10);
  CHECK(computed_not > 10);
}
