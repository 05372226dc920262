// The optimizers' update rules, one and two steps by hand, and a switch mid-run.
#include <catch2/catch.hpp>
#include <cmath>

#include "lab.hpp"
#include "optim.hpp"

using namespace relu;

namespace {

// A net with no hidden layer: W is 1x2, b is 1; gradients dW = (0.5, -2), db = 1.
Mlp<float> tiny() {
  Mlp<float> net;
  net.layers.resize(1);
  net.layers[0].W.resize(1, 2);
  net.layers[0].W << 1, 1;
  net.layers[0].b = Vec<float>::Zero(1);
  net.layers[0].slope = Vec<float>::Zero(1);
  return net;
}

Grads<float> grads() {
  Grads<float> g;
  g.dW = {Mat<float>(1, 2)};
  g.dW[0] << 0.5f, -2.0f;
  g.db = {Vec<float>::Constant(1, 1.0f)};
  g.dslope = {Vec<float>::Zero(1)};
  return g;
}

}  // namespace

TEST_CASE("sgd: p <- p - lr g", "[optim]") {
  Mlp<float> net = tiny();
  Optimizer opt(Opt::sgd, net);
  opt.step(net, grads(), 0.1f, false);
  CHECK(net.layers[0].W(0, 0) == Approx(1 - 0.05));
  CHECK(net.layers[0].W(0, 1) == Approx(1 + 0.2));
  CHECK(net.layers[0].b(0) == Approx(-0.1));
}

TEST_CASE("momentum: v <- 0.9 v + g, p <- p - lr v; two steps move 2.9 lr g", "[optim]") {
  Mlp<float> net = tiny();
  Optimizer opt(Opt::momentum, net);
  opt.step(net, grads(), 0.1f, false);
  CHECK(net.layers[0].W(0, 0) == Approx(1 - 0.1 * 0.5));
  opt.step(net, grads(), 0.1f, false);
  CHECK(net.layers[0].W(0, 0) == Approx(1 - 0.1 * 2.9 * 0.5));
  CHECK(net.layers[0].W(0, 1) == Approx(1 + 0.1 * 2.9 * 2.0));
}

TEST_CASE("adam: the bias-corrected first step is lr * g / (|g| + eps)", "[optim]") {
  Mlp<float> net = tiny();
  Optimizer opt(Opt::adam, net);
  opt.step(net, grads(), 0.01f, false);
  CHECK(net.layers[0].W(0, 0) == Approx(1 - 0.01));
  CHECK(net.layers[0].W(0, 1) == Approx(1 + 0.01));
  CHECK(net.layers[0].b(0) == Approx(-0.01));
  // Second step with the same gradient: m-hat = g, v-hat = g^2 again, so the same step.
  opt.step(net, grads(), 0.01f, false);
  CHECK(net.layers[0].W(0, 0) == Approx(1 - 0.02));
}

TEST_CASE("switching optimizer mid-run starts the new one afresh", "[optim]") {
  Mlp<float> net = tiny();
  Optimizer opt(Opt::momentum, net);
  for (int i = 0; i < 50; ++i) opt.step(net, grads(), 0.01f, false);
  const float before = net.layers[0].W(0, 0);
  opt.set_kind(Opt::adam);
  opt.step(net, grads(), 0.01f, false);
  // A fresh adam step moves each weight by lr, not by momentum's accumulated velocity.
  CHECK(before - net.layers[0].W(0, 0) == Approx(0.01).epsilon(1e-3));
}

TEST_CASE("a lab that switches to adam mid-run keeps training sensibly", "[optim][lab]") {
  Lab lab(parse_config("preset=vanishing&opt=momentum").config);
  lab.step(300);
  const float loss = lab.record().loss;
  REQUIRE(lab.set("opt", "adam") == "");
  lab.step(50);
  const Record& r = lab.record();
  CHECK_FALSE(r.diverged);
  CHECK(r.loss < 2 * loss + 0.1f);
}
