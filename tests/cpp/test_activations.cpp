// The activation table: hand-computed values of f and f', and ReLU's kink.
#include <catch2/catch.hpp>
#include <cmath>

#include "activations.hpp"

using namespace relu;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("relu'(0) is exactly 0, and relu(0) is 0", "[activations]") {
  CHECK(act_value(Act::relu, 0.0, 0.0) == 0.0);
  CHECK(act_slope(Act::relu, 0.0, 0.0) == 0.0);
  // Leaky and prelu treat z = 0 as the negative side too: slope alpha there.
  CHECK(act_slope(Act::leaky, 0.0, 0.01) == double(0.01f));
}

TEST_CASE("f and f' match hand-computed values", "[activations]") {
  struct Row { Act a; double z, alpha, f, df; };
  const double e = std::exp(1.0);
  const double s2 = 1 / (1 + std::exp(-2.0));  // sigmoid(2); its slope is s2 (1 - s2)
  const double Phi1 = 0.5 * (1 + std::erf(1 / std::sqrt(2.0)));  // the normal CDF at 1
  const double phi1 = std::exp(-0.5) / std::sqrt(2 * M_PI);     // the normal density at 1
  const Row rows[] = {
      {Act::relu, 2.5, 0, 2.5, 1}, {Act::relu, -3, 0, 0, 0},
      {Act::leaky, -2, 0.01, -0.02, 0.01}, {Act::leaky, 3, 0.01, 3, 1},
      {Act::prelu, -2, 0.25, -0.5, 0.25},
      {Act::elu, -1, 0, 1 / e - 1, 1 / e}, {Act::elu, 2, 0, 2, 1},
      {Act::softplus, 0, 0, std::log(2.0), 0.5}, {Act::softplus, 1, 0, std::log(1 + e), e / (1 + e)},
      {Act::gelu, 0, 0, 0, 0.5}, {Act::gelu, 1, 0, Phi1, Phi1 + phi1},
      {Act::gelu, -1, 0, -(1 - Phi1), (1 - Phi1) - phi1},  // Phi(-1) = 1 - Phi(1); the slope is negative here
      {Act::silu, 0, 0, 0, 0.5}, {Act::silu, 2, 0, 2 * s2, s2 * (1 + 2 * (1 - s2))},
      {Act::silu, -2, 0, -2 * (1 - s2), (1 - s2) * (1 - 2 * s2)},
      {Act::sigmoid, 0, 0, 0.5, 0.25}, {Act::sigmoid, 2, 0, s2, s2 * (1 - s2)},
      {Act::tanh, 0, 0, 0, 1}, {Act::tanh, 1, 0, std::tanh(1.0), 1 - std::tanh(1.0) * std::tanh(1.0)},
      {Act::linear, -7, 0, -7, 1},
  };
  for (const Row& r : rows) {
    INFO(act_name(r.a) << " at z=" << r.z);
    CHECK_THAT(act_value(r.a, r.z, r.alpha), WithinRel(r.f, 1e-6) || WithinAbs(r.f, 1e-7));
    CHECK_THAT(act_slope(r.a, r.z, r.alpha), WithinRel(r.df, 1e-6) || WithinAbs(r.df, 1e-7));
  }
}

TEST_CASE("sigmoid's slope never exceeds 1/4 and attains it at 0", "[activations]") {
  double best = 0;
  for (double z = -8; z <= 8; z += 0.01) best = std::max(best, act_slope(Act::sigmoid, z, 0));
  CHECK(best <= 0.25);
  CHECK_THAT(best, WithinAbs(0.25, 1e-4));
}

TEST_CASE("softplus does not overflow for large inputs", "[activations]") {
  CHECK_THAT(act_value(Act::softplus, 500.0, 0), WithinRel(500.0, 1e-6));
  CHECK(act_value(Act::softplus, -500.0, 0) >= 0.0);
  CHECK(std::isfinite(act_value(Act::softplus, 1000.0, 0)));
}

TEST_CASE("every activation has a unique name that round-trips", "[activations]") {
  for (const auto& row : activation_table()) {
    Act a;
    REQUIRE(act_from_name(row.name, &a));
    CHECK(a == row.act);
    CHECK(std::string(act_name(a)) == row.name);
  }
  Act a;
  CHECK_FALSE(act_from_name("swish", &a));
}

TEST_CASE("gelu and silu are rows of the table, and every row has a formula", "[activations]") {
  Act a;
  CHECK(act_from_name("gelu", &a));
  CHECK(a == Act::gelu);
  CHECK(act_from_name("silu", &a));
  CHECK(a == Act::silu);
  for (const auto& row : activation_table()) CHECK(std::string(row.formula).size() > 0);
}

TEST_CASE("gelu and silu are smooth: no kink at 0, and both dip below zero for negative inputs", "[activations]") {
  for (Act a : {Act::gelu, Act::silu}) {
    INFO(act_name(a));
    // The slope is continuous through 0 (unlike relu's jump from 0 to 1).
    CHECK_THAT(act_slope(a, 1e-3, 0) - act_slope(a, -1e-3, 0), WithinAbs(0.0, 1e-2));  // relu jumps by 1
    // Large negative inputs give a tiny negative output, large positive ones pass through.
    CHECK(act_value(a, -1.0, 0) < 0.0);
    CHECK_THAT(act_value(a, -30.0, 0), WithinAbs(0.0, 1e-6));
    CHECK_THAT(act_value(a, 30.0, 0), WithinRel(30.0, 1e-6));
    CHECK(std::isfinite(act_slope(a, -100.0, 0)));
    CHECK(std::isfinite(act_slope(a, 100.0, 0)));
  }
}
