// The project's own random numbers: a SplitMix64 generator and a Box-Muller
// normal sampler. The standard library's distributions differ between libstdc++
// (native) and libc++ (emscripten), so native and wasm would draw different data
// and weights; these few lines draw the same numbers on every platform.
#pragma once
#include <cmath>
#include <cstdint>

namespace relu {

class Rng {
 public:
  // `stream` separates independent uses of one seed (data, weights, batches),
  // so changing the batch order never changes the data set.
  explicit Rng(uint64_t seed, uint64_t stream = 0)
      : state_(seed * 0x9E3779B97F4A7C15ull + stream * 0xD1B54A32D192ED03ull + 1) {}

  uint64_t next_u64() {  // SplitMix64 (Steele, Lea & Flood 2014)
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return double(next_u64() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n): multiply-shift, no modulo bias worth noting for n < 2^32.
  uint32_t below(uint32_t n) { return uint32_t(((next_u64() >> 32) * uint64_t(n)) >> 32); }
  // Standard normal by Box-Muller, computed in double: a one-ulp difference
  // between two libm's almost never changes the value once rounded to float.
  double normal() {
    double u1 = 1.0 - uniform();  // (0, 1], so log never sees 0
    double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  uint64_t state_;
};

}  // namespace relu
