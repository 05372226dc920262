// The data sets: five 2-D toy sets and the 8x8 digits. Each is drawn from the
// project's own Rng, so a seed gives the same bytes on every platform.
// Not here: file reading (the digits are compiled in), training.
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

// points: total before the split; noise: position noise (2-D sets);
// test: held-out fraction; seed: the data stream's seed.
// Class labels are balanced (half each) for circle, xor, gauss and spiral, random for
// noise, as they come for digits; then everything is shuffled.
Split make_data(DataKind kind, int points, double noise, double test, uint64_t seed);

}  // namespace relu
