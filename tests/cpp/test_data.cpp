// The data sets: determinism, shapes, balance, and the compiled-in digits.
#include <catch2/catch.hpp>
#include <cstring>

#include "data.hpp"

using namespace relu;

static bool same_bytes(const Mat<float>& a, const Mat<float>& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(float) * a.size()) == 0;
}

TEST_CASE("the same seed gives identical bytes, another seed differs", "[data]") {
  const DataKind kind = GENERATE(DataKind::circle, DataKind::xor_, DataKind::gauss, DataKind::spiral,
                                 DataKind::noise, DataKind::digits);
  INFO(data_name(kind));
  Split a = make_data(kind, 200, 0.1, 0.25, 42), b = make_data(kind, 200, 0.1, 0.25, 42);
  Split c = make_data(kind, 200, 0.1, 0.25, 43);
  CHECK(same_bytes(a.train.x, b.train.x));
  CHECK(same_bytes(a.test.x, b.test.x));
  CHECK(a.train.label == b.train.label);
  CHECK_FALSE(same_bytes(a.train.x, c.train.x));
  // Shapes: 150 train, 50 test; 2 features (64 for digits).
  CHECK(a.train.size() == 150);
  CHECK(a.test.size() == 50);
  CHECK(a.train.x.rows() == (kind == DataKind::digits ? 64 : 2));
  CHECK(int(a.train.label.size()) == 150);
}

TEST_CASE("2-D sets are balanced and lie roughly in [-1, 1]^2", "[data]") {
  const DataKind kind = GENERATE(DataKind::circle, DataKind::xor_, DataKind::gauss, DataKind::spiral);
  INFO(data_name(kind));
  Split s = make_data(kind, 400, 0.0, 0.0, 5);
  int ones = 0;
  for (int k : s.train.label) ones += k;
  CHECK(ones == 200);
  CHECK(s.train.x.cwiseAbs().maxCoeff() <= 1.8f);  // gauss tails go a little beyond 1
  CHECK(s.test.size() == 0);
}

TEST_CASE("circle: class 0 within radius 0.5, class 1 in the ring 0.7..1 without noise", "[data]") {
  Split s = make_data(DataKind::circle, 300, 0.0, 0.0, 9);
  for (int i = 0; i < s.train.size(); ++i) {
    float r = s.train.x.col(i).norm();
    if (s.train.label[i] == 0) CHECK(r <= 0.5f + 1e-6f);
    else CHECK((r >= 0.7f - 1e-6f && r <= 1.0f + 1e-6f));
  }
}

TEST_CASE("xor: the label is the sign of x*y", "[data]") {
  Split s = make_data(DataKind::xor_, 200, 0.0, 0.0, 2);
  for (int i = 0; i < s.train.size(); ++i)
    CHECK((s.train.x(0, i) * s.train.x(1, i) > 0) == (s.train.label[i] == 1));
}

TEST_CASE("noise: labels are random, about half each", "[data]") {
  Split s = make_data(DataKind::noise, 2000, 0.0, 0.0, 4);
  int ones = 0;
  for (int k : s.train.label) ones += k;
  CHECK(ones > 900);
  CHECK(ones < 1100);
}

TEST_CASE("digits: all 1797 rows load, pixels in [0, 1], the known class counts", "[data]") {
  Split s = make_data(DataKind::digits, kDigitsRows, 0.0, 0.0, 1);
  REQUIRE(s.train.size() == 1797);
  CHECK(s.train.classes == 10);
  CHECK(s.train.x.minCoeff() == 0.0f);
  CHECK(s.train.x.maxCoeff() == 1.0f);
  int counts[10] = {0};
  for (int k : s.train.label) counts[k]++;
  // UCI optdigits test set as shipped by scikit-learn.
  const int expected[10] = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
  for (int k = 0; k < 10; ++k) CHECK(counts[k] == expected[k]);
  // Pixels are counts 0..16 divided by 16.
  CHECK(((s.train.x.array() * 16.0f) - (s.train.x.array() * 16.0f).round()).abs().maxCoeff() == 0.0f);
}
