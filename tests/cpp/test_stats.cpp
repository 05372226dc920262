// The statistics of docs/DESIGN.md on hand-built nets where the answer is known.
#include <catch2/catch.hpp>
#include <cmath>

#include "stats.hpp"

using namespace relu;

namespace {

// 2 inputs -> 3 relu units -> 2 relu units -> 1 output.
// Layer 1: unit 0 is dead (bias -1), unit 1 always on (bias 1), unit 2 fires when x0 > 0.
// Layer 2: unit A copies unit 2 (fires when x0 > 0), unit B = h1 - 0.5 = 0.5 always on.
Mlp<float> hand_net() {
  Mlp<float> net;
  net.act = Act::relu;
  net.layers.resize(3);
  auto& l1 = net.layers[0];
  l1.W.resize(3, 2);
  l1.W << 0, 0, 0, 0, 1, 0;
  l1.b.resize(3);
  l1.b << -1, 1, 0;
  auto& l2 = net.layers[1];
  l2.W.resize(2, 3);
  l2.W << 0, 0, 1, 0, 1, 0;
  l2.b.resize(2);
  l2.b << 0, -0.5f;
  auto& out = net.layers[2];
  out.W.resize(1, 2);
  out.W << 1, 1;
  out.b = Vec<float>::Zero(1);
  for (auto& l : net.layers) l.slope = Vec<float>::Zero(l.b.size());
  return net;
}

}  // namespace

TEST_CASE("active, dead, always-on and path share on a hand-built net", "[stats]") {
  Mlp<float> net = hand_net();
  Mat<float> x(2, 4), y(1, 4);
  x << 1, 2, -1, -2, 0, 0, 0, 0;
  y << 1, 1, 0, 0;
  std::vector<int> labels = {1, 1, 0, 0};
  Record r;
  measure(net, Loss::bce, x, y, labels, r);
  REQUIRE(r.layers.size() == 2);
  // Layer 1 fires: unit 1 on all 4 inputs, unit 2 on 2 of them: 6 of 12.
  CHECK(r.layers[0].active == Approx(0.5));
  CHECK(r.layers[0].dead == Approx(1.0 / 3));
  CHECK(r.layers[0].always_on == Approx(1.0 / 3));
  // Layer 2: A on 2 of 4, B on all 4: 6 of 8; no dead unit, one always on.
  CHECK(r.layers[1].active == Approx(0.75));
  CHECK(r.layers[1].dead == 0.0f);
  CHECK(r.layers[1].always_on == Approx(0.5));
  // Per input, (layer-1 fraction) x (layer-2 fraction): 2/3 * 1 twice, 1/3 * 1/2 twice.
  CHECK(r.path_share == Approx((2.0 / 3 + 2.0 / 3 + 1.0 / 6 + 1.0 / 6) / 4));
  // Per layer: open paths to layer 1 are its active share; to layer 2 the network's.
  CHECK(r.layers[0].path_share == Approx(0.5));
  CHECK(r.layers[1].path_share == r.path_share);
  CHECK(r.layers[0].w_norm == Approx(1.0));
  CHECK(r.layers[1].w_norm == Approx(std::sqrt(2.0)));
  CHECK(std::isnan(r.layers[0].alpha));  // relu has no slope
  // Outputs: z = h2A + h2B = x0 + 0.5 for x0 > 0, else 0.5. Accuracy: all predicted 1: 2 of 4.
  CHECK(r.acc == Approx(0.5));
}

TEST_CASE("grad_z and grad_w are the norms of the backward pass on the whole set", "[stats]") {
  Mlp<float> net = hand_net();
  Mat<float> x(2, 4), y(1, 4);
  x << 1, 2, -1, -2, 0, 0, 0, 0;
  y << 1, 0, 1, 0;
  std::vector<int> labels = {1, 0, 1, 0};
  Record r;
  measure(net, Loss::bce, x, y, labels, r);
  // By hand: logits (1.5, 2.5, 0.5, 0.5); dlogit_n = (sigmoid(z_n) - y_n) / 4.
  auto s = [](double z) { return 1 / (1 + std::exp(-z)); };
  double d[4] = {(s(1.5) - 1) / 4, s(2.5) / 4, (s(0.5) - 1) / 4, s(0.5) / 4};
  // Layer 2: dz2A = d on inputs where A fires (x0 > 0), dz2B = d on all inputs.
  double gz2 = std::sqrt(d[0] * d[0] + d[1] * d[1] + (d[0] * d[0] + d[1] * d[1] + d[2] * d[2] + d[3] * d[3]));
  CHECK(r.layers[1].grad_z == Approx(gz2).epsilon(1e-5));
  // dW2 = dz2 h1^T with h1 = (0, 1, max(x0, 0)): row A = (0, d0+d1, d0+2 d1), row B = (0, sum d, d0+2 d1).
  double sum = d[0] + d[1] + d[2] + d[3], a = d[0] + 2 * d[1];
  double gw2 = std::sqrt(std::pow(d[0] + d[1], 2) + a * a + sum * sum + a * a);
  CHECK(r.layers[1].grad_w == Approx(gw2).epsilon(1e-5));
  // The loss is the mean BCE.
  double loss = (-std::log(s(1.5)) - std::log(1 - s(2.5)) - std::log(s(0.5)) - std::log(1 - s(0.5))) / 4;
  CHECK(r.loss == Approx(loss).epsilon(1e-6));
}

TEST_CASE("a net with no hidden layer has path share 1 and no layer records", "[stats]") {
  Rng rng(3);
  Mlp<float> net = make_mlp<float>(2, 0, 8, 1, Act::relu, Init::he, 0, 0.01, rng);
  Mat<float> x = Mat<float>::Random(2, 10), y = Mat<float>::Zero(1, 10);
  Record r;
  measure(net, Loss::bce, x, y, std::vector<int>(10, 0), r);
  CHECK(r.layers.empty());
  CHECK(r.path_share == 1.0f);
}

TEST_CASE("the flat record layout holds the header then each layer's fields", "[stats]") {
  Record r;
  r.step = 50;
  r.loss = 0.25f;
  r.diverged = true;
  r.layers.resize(2);
  r.layers[1].grad_z = 7;
  std::vector<float> flat;
  append_flat(r, flat);
  REQUIRE(flat.size() == size_t(kRecordHeader + 2 * kLayerFields));
  CHECK(flat[0] == 50);
  CHECK(flat[1] == 0.25f);
  CHECK(flat[6] == 1);
  CHECK(flat[kRecordHeader + kLayerFields + 4] == 7);
  CHECK(std::string(kLayerFieldNames[4]) == "grad_z");
}

TEST_CASE("a record in chunks gives the numbers of one pass over the whole set", "[stats]") {
  Rng rng(5);
  Mlp<float> net = make_mlp<float>(2, 3, 16, 1, Act::relu, Init::he, 0, 0.01, rng);
  const int n = 300;  // not a multiple of the chunk
  Mat<float> x(2, n), y(1, n);
  std::vector<int> labels(n);
  for (int i = 0; i < n; ++i) {
    x(0, i) = float(rng.normal());
    x(1, i) = float(rng.normal());
    labels[i] = int(rng.below(2));
    y(0, i) = float(labels[i]);
  }
  Record whole;
  measure(net, Loss::bce, x, y, labels, whole);
  Measurement chunked(net, n, 0);
  for (int from = 0; from < n; from += 64) {
    const int m = std::min(64, n - from);
    chunked.add_train(net, Loss::bce, x.middleCols(from, m), y.middleCols(from, m), labels.data() + from);
  }
  Record r = chunked.finish(net);
  CHECK(r.loss == Approx(whole.loss).epsilon(1e-6));
  CHECK(r.acc == whole.acc);
  CHECK(r.path_share == Approx(whole.path_share).epsilon(1e-9));
  for (int l = 0; l < 3; ++l) {
    CHECK(r.layers[l].active == whole.layers[l].active);
    CHECK(r.layers[l].dead == whole.layers[l].dead);
    CHECK(r.layers[l].always_on == whole.layers[l].always_on);
    CHECK(r.layers[l].grad_w == Approx(whole.layers[l].grad_w).epsilon(1e-5));
    CHECK(r.layers[l].grad_z == Approx(whole.layers[l].grad_z).epsilon(1e-5));
  }
  CHECK(std::isnan(r.test_loss));
}
