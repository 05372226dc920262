// The data generators. 2-D sets lie roughly in [-1, 1]^2, like standardised
// features, so a learning rate means the same on each of them.
#include "data.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "digits_codec.hpp"
#include "rng.hpp"
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {
namespace {

// FNV-1a (32-bit) of the decoded table, 1797 rows of 65 bytes (tests/cpp/test_digits_codec.cpp
// recomputes it from data/digits.csv.gz): bytes that decode to anything else are refused.
constexpr uint32_t kDigitsTableHash = 0xbfb62887u;

// 1797 rows of 64 pixel counts (0..16) and a label, once provide_digits() accepted them.
std::vector<unsigned char>& digits_storage() {
  static std::vector<unsigned char> table;
  return table;
}

const unsigned char* digits_table() { return digits_storage().data(); }

constexpr double kPi = 3.14159265358979323846;

// One 2-D point of class k (0 or 1), before noise.
void draw_point(DataKind kind, int k, Rng& rng, double* px, double* py, double noise) {
  double x = 0, y = 0;
  switch (kind) {
    case DataKind::circle: {  // class 0 inside radius 0.5, class 1 in the ring 0.7..1
      double r = k == 0 ? 0.5 * std::sqrt(rng.uniform()) : 0.7 + 0.3 * rng.uniform();
      double t = 2 * kPi * rng.uniform();
      x = r * std::cos(t);
      y = r * std::sin(t);
      break;
    }
    case DataKind::xor_: {  // class 1 where x*y > 0; a small margin keeps the quadrants apart
      double ax = rng.uniform(0.05, 1.0), ay = rng.uniform(0.05, 1.0);
      bool sx = rng.uniform() < 0.5;
      x = sx ? ax : -ax;
      y = (k == 1) == sx ? ay : -ay;
      break;
    }
    case DataKind::gauss: {  // two blobs at (0.5, 0.5) and (-0.5, -0.5), sd 0.25
      double c = k == 1 ? 0.5 : -0.5;
      x = c + 0.25 * rng.normal();
      y = c + 0.25 * rng.normal();
      break;
    }
    case DataKind::spiral: {  // two interleaved arms, 1.5 turns, radius 0.05..1
      double s = rng.uniform();
      double r = 0.05 + 0.95 * s;
      double t = 3 * kPi * s + k * kPi;
      x = r * std::cos(t);
      y = r * std::sin(t);
      break;
    }
    case DataKind::noise: {  // isotropic N(0, 1), the label carries no information
      x = rng.normal();
      y = rng.normal();
      break;
    }
    case DataKind::digits:
    case DataKind::curve:
    case DataKind::custom: break;
  }
  if (kind != DataKind::noise) {
    x += noise * rng.normal();
    y += noise * rng.normal();
  }
  *px = x;
  *py = y;
}

Dataset take_columns(const Dataset& all, const std::vector<int>& order, int from, int to) {
  Dataset d;
  d.classes = all.classes;
  d.x.resize(all.x.rows(), to - from);
  for (int i = from; i < to; ++i) {
    d.x.col(i - from) = all.x.col(order[i]);
    if (!all.label.empty()) d.label.push_back(all.label[order[i]]);
    if (!all.target.empty()) d.target.push_back(all.target[order[i]]);
  }
  return d;
}

// Shuffle (Fisher-Yates with our Rng), then split off the test fraction.
Split shuffle_and_split(const Dataset& all, double test, Rng& rng) {
  const int points = all.size();
  std::vector<int> order(points);
  std::iota(order.begin(), order.end(), 0);
  for (int i = points - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
  int n_test = int(std::lround(test * points));
  Split s;
  s.train = take_columns(all, order, 0, points - n_test);
  s.test = take_columns(all, order, points - n_test, points);
  return s;
}

}  // namespace

const std::vector<std::string>& data_names() {
  static const std::vector<std::string> names = {"circle", "xor", "gauss", "spiral", "noise", "digits", "curve",
                                                 "custom"};
  return names;
}

const std::vector<std::string>& curve_target_names() {
  static const std::vector<std::string> names = {"sine", "abs", "step", "square"};
  return names;
}

double curve_value(CurveTarget t, double x) {
  switch (t) {
    case CurveTarget::sine: return std::sin(kPi * x);  // one period over [-1, 1]: needs a few pieces
    case CurveTarget::abs: return std::abs(x);         // one kink: relu(x) + relu(-x) fits it exactly
    case CurveTarget::step: return x < 0 ? 0.0 : 1.0;  // a jump: a relu net can only ramp up steeply
    case CurveTarget::square: return x * x;            // smooth and convex: pieces approximate it
  }
  return 0.0;
}

const char* data_name(DataKind d) { return data_names()[int(d)].c_str(); }

double plane_half(DataKind d) {
  if (d == DataKind::digits || d == DataKind::curve) return 0;  // 64 pixels, or one input: no plane
  return d == DataKind::noise ? kNoisePlaneHalf : kPlaneHalf;
}

std::string provide_digits(const unsigned char* coded, size_t n) {
  std::vector<unsigned char> table(size_t(kDigitsRows) * 65);
  decode_digits(coded, n, kDigitsRows, table.data());
  uint32_t h = 0x811c9dc5u;
  for (unsigned char b : table) h = (h ^ b) * 0x01000193u;
  if (h != kDigitsTableHash) {
    return "the digits data (" + std::to_string(n) + " bytes) does not decode to the table this engine expects; "
           "load relu-lab-digits.js from the same build as relu-lab.js";
  }
  digits_storage() = std::move(table);
  return "";
}

bool digits_provided() { return !digits_storage().empty(); }

Split make_data(DataKind kind, int points, double noise, double test, uint64_t seed) {
  Rng rng(seed, /*stream=*/1);
  Dataset all;
  if (kind == DataKind::digits) {
    // A seeded shuffle of the 1797 rows; the first `points` are used.
    all.classes = 10;
    std::vector<int> rows(kDigitsRows);
    std::iota(rows.begin(), rows.end(), 0);
    for (int i = kDigitsRows - 1; i > 0; --i) std::swap(rows[i], rows[rng.below(i + 1)]);
    all.x.resize(64, points);
    for (int i = 0; i < points; ++i) {
      const unsigned char* row = digits_table() + 65 * rows[i];
      for (int p = 0; p < 64; ++p) all.x(p, i) = row[p] / 16.0f;
      all.label.push_back(row[64]);
    }
  } else {
    all.classes = 2;
    all.x.resize(2, points);
    for (int i = 0; i < points; ++i) {
      int k = i < points / 2 ? 0 : 1;  // balanced: first half class 0
      double x, y;
      draw_point(kind, k, rng, &x, &y, noise);
      all.x(0, i) = float(x);
      all.x(1, i) = float(y);
      all.label.push_back(kind == DataKind::noise ? int(rng.below(2)) : k);
    }
  }
  return shuffle_and_split(all, test, rng);
}

Split make_curve_data(CurveTarget t, int points, double noise, double test, uint64_t seed) {
  Rng rng(seed, /*stream=*/1);
  Dataset all;
  all.classes = 0;
  all.x.resize(1, points);
  for (int i = 0; i < points; ++i) {
    const float x = float(rng.uniform(-1.0, 1.0));  // the target of the x the net sees
    all.x(0, i) = x;
    all.target.push_back(float(curve_value(t, x) + noise * rng.normal()));
  }
  return shuffle_and_split(all, test, rng);
}

Split make_point_data(const std::vector<LabeledPoint>& points, double test, uint64_t seed) {
  Rng rng(seed, /*stream=*/1);
  Dataset all;
  all.classes = 2;
  all.x.resize(2, int(points.size()));
  for (size_t i = 0; i < points.size(); ++i) {
    all.x(0, int(i)) = points[i].x;
    all.x(1, int(i)) = points[i].y;
    all.label.push_back(points[i].label);
  }
  return shuffle_and_split(all, test, rng);
}

}  // namespace relu

RELU_COLD_CODE_END
