// Bounded work and divergence: a step in chunks of a size fixed by the config, the
// same numbers however the work is split into calls, a step that stays half-done,
// and divergence decided once, by the training step, whatever the record interval.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "lab.hpp"

using namespace relu;

static Config config_of(const std::string& text) {
  ParseResult r = parse_config(text);
  REQUIRE(r.ok);
  return r.config;
}

static bool same_weights(const Lab& a, const Lab& b) {
  for (size_t l = 0; l < a.net().layers.size(); ++l) {
    const auto &x = a.net().layers[l], &y = b.net().layers[l];
    if (std::memcmp(x.W.data(), y.W.data(), sizeof(float) * x.W.size()) ||
        std::memcmp(x.b.data(), y.b.data(), sizeof(float) * x.b.size()) ||
        std::memcmp(x.slope.data(), y.slope.data(), sizeof(float) * x.slope.size()))
      return false;
  }
  return true;
}

TEST_CASE("chunk sizes follow from the config: one chunk for small nets, bounded work for the largest",
          "[bounded]") {
  Lab small(config_of("batch=5000&points=5000"));  // the default 2x8 net, the largest batch
  CHECK(small.step_chunk() == 4000);                // the whole training set: one chunk per step
  CHECK(small.record_chunk() == kRecordChunkMax);
  Lab big(config_of("depth=20&width=256&points=5000&batch=5000"));
  // 2*256 + 19*256*256 + 256 weights, 3 multiply-adds each per sample.
  CHECK(sample_work(big.net()) == 3L * (512 + 19L * 65536 + 256));
  CHECK(big.step_chunk() == int(kChunkWork / sample_work(big.net())));
  CHECK(big.step_chunk() >= 1);
  CHECK(big.step_chunk() * sample_work(big.net()) <= kChunkWork);
  CHECK(big.record_chunk() == big.step_chunk());
  // The same config, the same sizes (nothing measured, nothing timed).
  Lab again(config_of("depth=20&width=256&points=5000&batch=5000"));
  CHECK(again.step_chunk() == big.step_chunk());
}

TEST_CASE("a step in chunks is the whole batch's gradient step, penalties counted once", "[bounded]") {
  // 6 x 256: 17 samples per chunk, so a batch of all 30 samples is two chunks.
  const std::string text = "data=spiral&points=30&test=0&depth=6&width=256&batch=30&lr=0.05&l1=0.01&l2=0.1";
  Lab lab(config_of(text));
  REQUIRE(lab.step_chunk() < 30);
  REQUIRE(lab.step_chunk() * 2 >= 30);
  // The reference: one pass over the whole training set (the batch is all of it, in any order).
  Mlp<float> net = lab.net();
  const Config c = config_of(text);
  const Mat<float> y = make_targets(lab.data().train.label, 1);
  Cache<float> cache;
  Grads<float> g;
  Mat<float> dlogits;
  mlp_forward(net, lab.data().train.x, cache);
  loss_forward_backward(Loss::bce, cache.z.back(), y, dlogits);
  mlp_backward(net, cache, dlogits, float(c.l1), float(c.l2), g);
  lab.train(1, 1);
  CHECK(lab.step_in_progress());
  CHECK(lab.steps() == 0);
  CHECK(lab.train(1, 1) == 1);
  CHECK_FALSE(lab.step_in_progress());
  CHECK(lab.steps() == 1);
  for (size_t l = 0; l < net.layers.size(); ++l) {
    const Mat<float> expected = net.layers[l].W - float(c.lr) * g.dW[l];
    const float scale = std::max(1.0f, expected.cwiseAbs().maxCoeff());
    CHECK((lab.net().layers[l].W - expected).cwiseAbs().maxCoeff() <= 1e-6f * scale);
    const Vec<float> expected_b = net.layers[l].b - float(c.lr) * g.db[l];
    CHECK((lab.net().layers[l].b - expected_b).cwiseAbs().maxCoeff() <= 1e-6f);
  }
  // And the update is not the half-batch one (the second chunk counted).
  Lab half(config_of(text));
  half.train(1, 1);
  CHECK(same_weights(half, Lab(config_of(text))));  // half a step changes nothing yet
}

TEST_CASE("a chunked step of a curve fit (per-layer widths, mse on real targets) is the whole batch's step",
          "[bounded][curve]") {
  // 1 -> 256 x 5 -> 200 -> 1: 17 samples per chunk, so the batch of 30 is two chunks.
  const std::string text = "data=curve&points=30&test=0&width=256,256,256,256,256,200&batch=30&lr=0.05";
  Lab lab(config_of(text));
  REQUIRE(lab.net().layers[5].W.rows() == 200);
  REQUIRE(lab.step_chunk() < 30);
  REQUIRE(lab.step_chunk() * 2 >= 30);
  Mlp<float> net = lab.net();
  const Mat<float> y = make_targets(lab.data().train, 1);  // the curve's y values, not labels
  REQUIRE(y.cols() == 30);
  Cache<float> cache;
  Grads<float> g;
  Mat<float> dlogits;
  mlp_forward(net, lab.data().train.x, cache);
  loss_forward_backward(Loss::mse, cache.z.back(), y, dlogits);
  mlp_backward(net, cache, dlogits, 0.0f, 0.0f, g);
  lab.train(1, 1);
  REQUIRE(lab.step_in_progress());
  CHECK(lab.train(1, 1) == 1);
  for (size_t l = 0; l < net.layers.size(); ++l) {
    const Mat<float> expected = net.layers[l].W - float(0.05) * g.dW[l];
    const float scale = std::max(1.0f, expected.cwiseAbs().maxCoeff());
    CHECK((lab.net().layers[l].W - expected).cwiseAbs().maxCoeff() <= 1e-6f * scale);
  }
}

TEST_CASE("any split of the work into calls gives the same weights and records, bit for bit", "[bounded]") {
  const std::string text = "data=circle&points=300&depth=6&width=256&batch=100&opt=adam&lr=0.01&act=prelu";
  Lab whole(config_of(text));
  REQUIRE(whole.step_chunk() < 100);  // several chunks per step
  whole.record();
  whole.step(3);
  whole.record();
  Lab pieces(config_of(text));
  while (!pieces.record_some(1)) {
  }
  long done = 0, calls = 0;
  while (done < 3) {
    done += pieces.train(3 - done, 1);  // one chunk per call, like a busy frame
    ++calls;
    if (pieces.step_in_progress()) CHECK_FALSE(pieces.record_some(1));  // measuring mid-step is fine
  }
  CHECK(calls > 3);
  CHECK(pieces.steps() == 3);
  CHECK(same_weights(whole, pieces));
  while (!pieces.record_some(2)) {
  }
  REQUIRE(pieces.log().size() == whole.log().size());
  CHECK(std::memcmp(pieces.log().data(), whole.log().data(), whole.log().size() * sizeof(float)) == 0);
}

TEST_CASE("a map's cells per call follow from the config and bound its multiply-adds", "[bounded]") {
  Lab small(config_of("seed=1"));
  Lab big(config_of("depth=20&width=256&points=5000"));
  const long weights = (2 * 256 + 19L * 65536 + 256);
  CHECK(big.map_chunk() == int(kChunkWork / weights));  // one multiply-add per weight per cell, forward only
  CHECK(big.map_chunk() >= 1);
  CHECK(long(big.map_chunk()) * weights <= kChunkWork);
  CHECK(small.map_chunk() > 48 * 48);  // the default net's whole map is one call
  CHECK(Lab(config_of("depth=20&width=256&points=5000&seed=9")).map_chunk() == big.map_chunk());  // not the seed, not timing
  // The work of a step (batch 32 of the 4000 training points) and of a record (all 5000 points).
  CHECK(big.step_work() == 32.0 * 3 * weights);
  CHECK(big.record_work() == 5000.0 * 3 * weights);
}

TEST_CASE("a staged lab draws the same weights in any split of init_some, and trains to the same records",
          "[bounded]") {
  // 2*200 + 2*200*200 + 200 weights: more than one init chunk; init=zero checks 0 * normal's sign bit too.
  for (const std::string text : {"depth=3&width=200&init=xavier&act=prelu&alpha=0.2&bias=0.1",
                                 "depth=2&width=256&init=zero&residual=1", "data=digits&depth=2&width=16"}) {
    Lab whole(config_of(text));
    REQUIRE(whole.initialized());
    Lab staged(config_of(text), true);
    CHECK_FALSE(staged.initialized());
    long calls = 0;
    while (!staged.init_some(calls % 2 ? 1 : 0)) ++calls;  // 0 chunks draws nothing; 1 chunk at a time
    CHECK(calls >= 1);
    CHECK(same_weights(whole, staged));
    // A staged lab that is told to train before its draws are done finishes them first.
    Lab eager(config_of(text), true);
    eager.init_some(1);
    whole.record();
    whole.step(5);
    whole.record();
    eager.record();
    eager.step(5);
    eager.record();
    CHECK(same_weights(whole, eager));
    REQUIRE(eager.log().size() == whole.log().size());
    CHECK(std::memcmp(eager.log().data(), whole.log().data(), whole.log().size() * sizeof(float)) == 0);
    // Reset stages the draws again, from the same seed.
    eager.reset();
    CHECK_FALSE(eager.initialized());
    CHECK(eager.init_some(1L << 40));
    CHECK(same_weights(Lab(config_of(text)), eager));
  }
}

TEST_CASE("train never runs more steps than asked, and a paused step resumes where it was", "[bounded]") {
  Lab lab(config_of("preset=sparse"));
  CHECK(lab.step_chunk() >= 32);  // a small net: one chunk per step
  CHECK(lab.train(5, 100) == 5);
  CHECK(lab.steps() == 5);
  CHECK(lab.train(2, 1) == 1);
  CHECK(lab.steps() == 6);
  Lab big(config_of("depth=20&width=256&points=400&batch=320"));
  const int chunks = (320 + big.step_chunk() - 1) / big.step_chunk();
  REQUIRE(chunks > 2);
  CHECK(big.train(1, chunks - 1) == 0);
  CHECK(big.step_in_progress());
  big.step(1);  // finishes the step in progress: one step, not two
  CHECK(big.steps() == 1);
  CHECK_FALSE(big.step_in_progress());
}

// The step of the record flagged diverged, recording every `every` steps as the CLI does.
static long divergence_step(const std::string& text, long every, long steps = 300) {
  Lab lab(config_of(text));
  lab.record();
  while (lab.steps() < steps && !lab.diverged()) {
    lab.step(int(std::min(every, steps - lab.steps())));
    lab.record();
  }
  const int width = lab.record_length();
  const std::vector<float>& log = lab.log();
  for (size_t row = 0; row + width <= log.size(); row += width)
    if (log[row + 6] == 1.0f) return long(log[row]);
  return -1;
}

TEST_CASE("divergence is decided by the training step: the same step whatever the record interval",
          "[bounded][divergence]") {
  // Before: dead-prelu 13 with every 1, 14 with every 10 (a record declared it from an
  // overflowing full-set loss while the weights were finite); likewise the others here.
  for (const char* text : {"preset=dead-prelu", "preset=vanishing&lr=10", "act=linear&lr=10",
                           "act=softplus&lr=10&opt=momentum&loss=mse", "preset=dead-leaky&lr=3",
                           "act=linear&lr=10&points=5000"}) {
    INFO(text);
    const long at = divergence_step(text, 1);
    REQUIRE(at > 0);
    for (long every : {2L, 3L, 10L, 50L, 1000L}) {
      INFO("every " << every);
      CHECK(divergence_step(text, every) == at);
    }
  }
}

TEST_CASE("a diverged net's record exists at the divergence step, with every statistic NaN",
          "[bounded][divergence]") {
  Lab lab(config_of("act=linear&lr=10"));
  lab.record();
  lab.step(300);
  REQUIRE(lab.diverged());
  const long at = lab.steps();
  // Appended by the step itself: no record() call needed, and none adds another.
  const int width = lab.record_length();
  REQUIRE(lab.log().size() == size_t(2 * width));
  const float* row = lab.log().data() + width;
  CHECK(row[0] == float(at));
  CHECK(row[6] == 1.0f);
  for (int f = 1; f < width; ++f)
    if (f != 6) CHECK(std::isnan(row[f]));
  CHECK(lab.record().step == at);
  CHECK(lab.record_some(1));
  CHECK(lab.log().size() == size_t(2 * width));
  // Its decision map: no probabilities, no regions (hash 0).
  Mat<float> pts(2, 3);
  pts << 0, 0.5f, -1, 0, 0.5f, 1;
  std::vector<float> prob;
  std::vector<uint32_t> pattern;
  lab.eval_points(pts, prob, pattern);
  for (int i = 0; i < 3; ++i) {
    CHECK(std::isnan(prob[i]));
    CHECK(pattern[i] == 0u);
  }
}

TEST_CASE("a finite net's map never uses the hash 0", "[bounded]") {
  Lab lab(config_of("preset=expressive"));
  Mat<float> pts = Mat<float>::Random(2, 200);
  std::vector<float> prob;
  std::vector<uint32_t> pattern;
  lab.eval_points(pts, prob, pattern);
  for (int i = 0; i < 200; ++i) {
    CHECK(std::isfinite(prob[i]));
    CHECK(pattern[i] != 0u);
  }
}

TEST_CASE("the record log stays bounded by its stated rule, however long the run", "[bounded][log]") {
  Lab lab(config_of("points=10&depth=1&width=2&test=0"));
  const int bound = kLogRecent + kLogOlder + kLogSlack;
  lab.record();
  for (int i = 0; i < 20000; ++i) {
    lab.step(1);
    lab.record();
  }
  const RecordLog& log = lab.record_log();
  CHECK(log.appended() == 20001);
  CHECK(log.rows() <= bound);
  CHECK(log.stride() > 1);
  CHECK(log.data().size() == size_t(log.rows()) * lab.record_length());
  CHECK(log.number(0) == 0);  // step 0 stays
  CHECK(log.data()[0] == 0.0f);
  for (int row = 0; row < log.rows(); ++row) {
    INFO("row " << row);
    // Record n is of step n (one record per step from step 0): the rows are the records they claim.
    CHECK(log.data()[size_t(row) * lab.record_length()] == float(log.number(row)));
    if (row > 0) CHECK(log.number(row) > log.number(row - 1));
  }
  // The newest kLogRecent are all there; older rows off the stride only in the slack not yet thinned.
  for (int k = 1; k <= kLogRecent; ++k) CHECK(log.number(log.rows() - k) == 20001 - k);
  int off_stride = 0, older = 0;
  for (int row = 0; row < log.rows() - kLogRecent; ++row) {
    ++older;
    off_stride += log.number(row) % log.stride() != 0;
  }
  CHECK(off_stride <= kLogSlack);
  CHECK(older - off_stride <= kLogOlder);
  // row_of finds records by number, for the bindings' records(from).
  CHECK(log.row_of(20000) == log.rows() - 1);
  CHECK(log.row_of(20001) == log.rows());
}
