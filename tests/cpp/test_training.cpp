// Training as a whole: it learns what it should, a linear net cannot learn xor,
// divergence is flagged, resets reproduce, and a pinned fixed-seed run.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "lab.hpp"

using namespace relu;

static Lab make_lab(const std::string& text) {
  ParseResult r = parse_config(text);
  REQUIRE(r.ok);
  return Lab(r.config);
}

TEST_CASE("a 3x16 relu net reaches at least 97% training accuracy on circle", "[training]") {
  Lab lab = make_lab("data=circle&depth=3&width=16&opt=adam&lr=0.01&seed=1");
  lab.step(1500);
  CHECK(lab.record().acc >= 0.97f);
}

TEST_CASE("a linear net stays at or below 75% on xor at any depth", "[training]") {
  Lab lab = make_lab("data=xor&act=linear&depth=3&width=16&opt=adam&lr=0.01&seed=1");
  lab.step(1500);
  const Record& r = lab.record();
  CHECK(r.acc <= 0.75f);
  CHECK_FALSE(r.diverged);
  // The relu twin on the same seed learns it.
  Lab twin = make_lab("data=xor&act=relu&depth=3&width=16&opt=adam&lr=0.01&seed=1");
  twin.step(1500);
  CHECK(twin.record().acc >= 0.95f);
}

TEST_CASE("a diverging learning rate is flagged, training stops, nothing crashes", "[training]") {
  Lab lab = make_lab("data=circle&depth=4&width=16&act=linear&lr=10");
  lab.step(200);
  CHECK(lab.diverged());
  long stopped_at = lab.steps();
  CHECK(stopped_at < 200);
  lab.step(10);  // stays stopped
  CHECK(lab.steps() == stopped_at);
  const Record& r = lab.record();
  CHECK(r.diverged);
  // Shares of a NaN net are unknown, not "all dead".
  CHECK(std::isnan(r.acc));
  CHECK(std::isnan(r.layers[0].dead));
  CHECK(std::isnan(r.layers[0].active));
  // reset recovers: same seed, fresh weights, no flag.
  lab.reset();
  CHECK_FALSE(lab.diverged());
  CHECK(lab.steps() == 0);
  CHECK(std::isfinite(lab.record().loss));
}

TEST_CASE("reset reproduces the same initial weights and the same run", "[training]") {
  Lab lab = make_lab("preset=sparse");
  float w0 = lab.net().layers[0].W(0, 0);
  float loss0 = lab.record().loss;
  lab.step(30);
  float loss30 = lab.record().loss;
  lab.reset();
  CHECK(lab.net().layers[0].W(0, 0) == w0);
  CHECK(lab.record().loss == loss0);
  lab.step(30);
  CHECK(lab.record().loss == loss30);
  CHECK(lab.log().size() == size_t(2 * lab.record_length()));
}

TEST_CASE("prelu learns its slope; leaky keeps it fixed", "[training]") {
  Lab prelu = make_lab("data=spiral&depth=2&width=16&act=prelu&alpha=0.25&opt=adam&lr=0.01");
  Lab leaky = make_lab("data=spiral&depth=2&width=16&act=leaky&alpha=0.25&opt=adam&lr=0.01");
  prelu.step(300);
  leaky.step(300);
  CHECK(prelu.record().layers[0].alpha != Approx(0.25f).epsilon(1e-3));
  CHECK(leaky.record().layers[0].alpha == 0.25f);
}

TEST_CASE("a deep relu net at init on noise: about half active in every layer, paths fall about 2^-N",
          "[training][claims]") {
  Lab lab = make_lab("preset=two-n");
  const Record& r = lab.record();
  REQUIRE(r.layers.size() == 12);
  for (const auto& s : r.layers) CHECK(s.active == Approx(0.5).margin(0.15));
  // Open paths: far below the per-layer rate, within a factor of ten of 2^-12.
  CHECK(r.path_share < 0.01f);
  CHECK(r.path_share > std::pow(2.0f, -12.0f) / 10);
}

TEST_CASE("pinned run: fixed seed, first losses and active fractions", "[training][pinned]") {
  Lab lab = make_lab("data=circle&depth=2&width=8&seed=7&lr=0.1");
  const Record r0 = lab.record();
  lab.step(10);
  const Record r10 = lab.record();
  // Pinned from the native build; the wasm build of this suite checks the same numbers.
  CHECK(r0.loss == Approx(0.8622822).epsilon(1e-4));
  CHECK(r10.loss == Approx(0.7604582).epsilon(1e-4));
  CHECK(r0.layers[0].active == Approx(0.5144531).epsilon(1e-4));
  CHECK(r10.layers[1].active == Approx(0.3761719).epsilon(1e-4));
}

TEST_CASE("record_some measures a chunk at a time; a step in between abandons the record", "[training][record]") {
  Lab lab = make_lab("data=circle&points=400&test=0.2&depth=2&width=8");
  Lab twin = make_lab("data=circle&points=400&test=0.2&depth=2&width=8");
  // 320 training + 80 test samples: 5 + 2 chunks of 64.
  int calls = 0;
  while (!lab.record_some(1)) ++calls;
  CHECK(calls == 6);  // done on the 7th call
  const Record& whole = twin.record();
  // The same chunks, the same sums: identical bytes (NaN alphas included, so memcmp, not ==).
  REQUIRE(lab.log().size() == twin.log().size());
  CHECK(std::memcmp(lab.log().data(), twin.log().data(), lab.log().size() * sizeof(float)) == 0);
  CHECK(lab.log().size() == size_t(lab.record_length()));
  CHECK(whole.step == 0);
  // Half a record, then a step: the partial measurement is dropped, the next record is of step 1.
  CHECK_FALSE(lab.record_some(2));
  lab.step(1);
  CHECK(lab.record_some(100));
  CHECK(lab.log().size() == size_t(2 * lab.record_length()));
  CHECK(lab.log()[lab.record_length()] == 1.0f);  // its step field
}

TEST_CASE("a plane evaluation's unit bits and pattern hash are the forward pass's z > 0", "[training][plane]") {
  Lab lab = make_lab("data=xor&depth=3&width=5&seed=4");
  lab.step(30);
  // 70 cells: the last word of bits partly used; 300: more than one block of cells through the
  // layers (lab.cpp's kPlaneBlock, wasm build), the last one partial.
  for (const int cells : {70, 300}) {
    INFO("cells=" << cells);
    Rng rng(9);
    Mat<float> x(2, cells);
    for (int i = 0; i < x.cols(); ++i) { x(0, i) = float(rng.normal()); x(1, i) = float(rng.normal()); }
    Cache<float> cache;
    mlp_forward(lab.net(), x, cache);
    PlaneRequest want;
    want.pattern = true;
    want.units = {12, 0, 7, 4};  // layer 3 unit 2, layer 1 unit 0, layer 2 unit 2, layer 1 unit 4 (any order)
    PlaneEval out;
    eval_plane(lab.net(), lab.loss(), x, want, out);
    const int words = (cells + 31) / 32;
    REQUIRE(out.words_per_unit == words);
    REQUIRE(out.bits.size() == size_t(4 * words));
    int wrong_bits = 0, wrong_hashes = 0, wrong_probs = 0;
    for (size_t k = 0; k < want.units.size(); ++k) {
      const int l = want.units[k] / 5, u = want.units[k] % 5;
      for (int i = 0; i < x.cols(); ++i) {
        const bool bit = (out.bits[k * words + i / 32] >> (i % 32)) & 1u;
        wrong_bits += bit != (cache.z[l](u, i) > 0.0f);
      }
    }
    for (int i = 0; i < x.cols(); ++i) {
      uint32_t h = 2166136261u;  // FNV-1a over every hidden unit's bit, layer by layer
      for (int l = 0; l < 3; ++l)
        for (int u = 0; u < 5; ++u) h = (h ^ uint32_t(cache.z[l](u, i) > 0.0f)) * 16777619u;
      wrong_hashes += out.pattern[i] != h;
      // The forward pass's own logits, bit for bit: the same sums whatever the cells beside them.
      const float p = class1_probability(lab.loss(), cache.z[3], i);
      wrong_probs += std::memcmp(&p, &out.prob[i], sizeof p) != 0;
      CHECK(out.prob[i] == Approx(1.0 / (1.0 + std::exp(-double(cache.z[3](0, i))))).epsilon(1e-5));
    }
    CHECK(wrong_bits == 0);
    CHECK(wrong_hashes == 0);
    CHECK(wrong_probs == 0);
    PlaneEval bare;
    eval_plane(lab.net(), lab.loss(), x, PlaneRequest{}, bare);
    CHECK(bare.pattern.empty());
    CHECK(bare.bits.empty());
    CHECK(bare.prob == out.prob);
  }
}

TEST_CASE("per-unit statistics agree with the layer's record and with the forward pass", "[training][units]") {
  Lab lab = make_lab("data=circle&depth=2&width=6&lr=1&seed=2");
  CHECK(lab.unit_stats().empty());
  lab.step(40);
  const Record& r = lab.record();
  const auto& units = lab.unit_stats();
  REQUIRE(units.size() == 2);
  Cache<float> cache;
  mlp_forward(lab.net(), lab.data().train.x, cache);
  const int n = lab.data().train.size();
  for (int l = 0; l < 2; ++l) {
    REQUIRE(units[l].active.size() == 6);
    double mean = 0, dead = 0, on = 0;
    for (int u = 0; u < 6; ++u) {
      const int fired = int((cache.z[l].row(u).array() > 0.0f).count());
      CHECK(units[l].active[u] == Approx(double(fired) / n));
      mean += units[l].active[u] / 6;
      dead += units[l].active[u] == 0.0f ? 1.0 / 6 : 0;
      on += units[l].active[u] == 1.0f ? 1.0 / 6 : 0;
      if (fired == 0) CHECK(units[l].grad_w[u] == 0.0f);  // a dead unit learns nothing
      CHECK(units[l].grad_w[u] >= 0.0f);
    }
    CHECK(mean == Approx(r.layers[l].active).epsilon(1e-5));
    CHECK(dead == Approx(r.layers[l].dead));
    CHECK(on == Approx(r.layers[l].always_on));
    double sq = 0;
    for (float g : units[l].grad_w) sq += double(g) * g;
    CHECK(std::sqrt(sq) == Approx(r.layers[l].grad_w).epsilon(1e-4));  // the row norms make up ||dL/dW||
  }
  lab.reset();
  CHECK(lab.unit_stats().empty());
}
