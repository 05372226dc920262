// The data sets: five 2-D toy sets, the 8x8 digits, the 1-D curves of the curve
// fitting task and the reader's own points. Each is drawn (or shuffled) by the
// project's own Rng, so a seed gives the same bytes on every platform.
// Not here: file reading, the digits bytes themselves (see provide_digits), training, the
// encoding of the reader's points (custom_data.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "activations.hpp"

namespace relu {

enum class DataKind { circle, xor_, gauss, spiral, noise, digits, curve, custom };

const std::vector<std::string>& data_names();  // in DataKind order
const char* data_name(DataKind d);

// The square [-h, h]^2 of the input plane that decision maps cover, and that the
// reader's own points (data=custom) must lie in. The 2-D sets lie roughly in
// [-1, 1]^2, so 1.6 leaves a margin around them where the net extrapolates; noise is
// N(0, 1) per axis, so its box reaches three standard deviations. The page reads it
// from the engine (checkConfig's planeHalf), so there is one number, here.
constexpr double kPlaneHalf = 1.6;
constexpr double kNoisePlaneHalf = 3.0;
double plane_half(DataKind d);  // h for the 2-D sets; 0 for data without a plane (digits, curve)

// The targets of data=curve, functions of x in [-1, 1].
enum class CurveTarget { sine, abs, step, square };
const std::vector<std::string>& curve_target_names();  // in CurveTarget order
double curve_value(CurveTarget t, double x);

struct Dataset {
  Mat<float> x;             // features x samples
  std::vector<int> label;   // class per sample (classification); empty for regression
  std::vector<float> target;  // regression target per sample (data=curve); empty otherwise
  int classes = 2;            // 0 for regression
  int size() const { return int(x.cols()); }
};

struct Split {
  Dataset train, test;
};

constexpr int kDigitsRows = 1797;

// The digits table is not part of the core: a program hands it the coded bytes
// (cpp/digits_codec.hpp) before it makes a digits data set. The CLI and the Catch2
// suite use the copy compiled into cpp/digits_builtin.cpp; the page's wasm leaves it
// out (it is a third of the bundle) and gets the bytes from dist/relu-lab-digits.js,
// a script loaded only when a figure needs the digits.
// Returns "" or why the bytes were refused (they decode to another table); a refusal
// keeps whatever table was there before.
std::string provide_digits(const unsigned char* coded, size_t n);
bool digits_provided();

// points: total before the split; noise: position noise (2-D sets);
// test: held-out fraction; seed: the data stream's seed.
// data=digits needs digits_provided().
// Class labels are balanced (half each) for circle, xor, gauss and spiral, random for
// noise, as they come for digits; then everything is shuffled.
Split make_data(DataKind kind, int points, double noise, double test, uint64_t seed);

// data=curve: x uniform in [-1, 1], target curve_value(t, x) plus N(0, noise^2).
Split make_curve_data(CurveTarget t, int points, double noise, double test, uint64_t seed);

// data=custom: the reader's points as they are (no noise), shuffled and split like the others.
struct LabeledPoint {
  float x, y;
  int label;  // 0 or 1
};
Split make_point_data(const std::vector<LabeledPoint>& points, double test, uint64_t seed);

}  // namespace relu
