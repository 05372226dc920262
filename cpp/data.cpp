// The data generators. 2-D sets lie roughly in [-1, 1]^2, like standardised
// features, so a learning rate means the same on each of them.
#include "data.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "digits_codec.hpp"
#include "rng.hpp"

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
    case DataKind::digits: break;
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
    d.label.push_back(all.label[order[i]]);
  }
  return d;
}

}  // namespace

const std::vector<std::string>& data_names() {
  static const std::vector<std::string> names = {"circle", "xor", "gauss", "spiral", "noise", "digits"};
  return names;
}

const char* data_name(DataKind d) { return data_names()[int(d)].c_str(); }

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
  std::vector<int> order;
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
  // Shuffle (Fisher-Yates with our Rng), then split off the test fraction.
  order.resize(points);
  std::iota(order.begin(), order.end(), 0);
  for (int i = points - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
  int n_test = int(std::lround(test * points));
  Split s;
  s.train = take_columns(all, order, 0, points - n_test);
  s.test = take_columns(all, order, points - n_test, points);
  return s;
}

}  // namespace relu
