// The data sets: five 2-D toy sets and the 8x8 digits. Each is drawn from the
// project's own Rng, so a seed gives the same bytes on every platform.
// Not here: file reading, the digits bytes themselves (see provide_digits), training.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "activations.hpp"

namespace relu {

enum class DataKind { circle, xor_, gauss, spiral, noise, digits };

const std::vector<std::string>& data_names();  // in DataKind order
const char* data_name(DataKind d);

struct Dataset {
  Mat<float> x;             // features x samples
  std::vector<int> label;   // class per sample
  int classes = 2;
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

}  // namespace relu
