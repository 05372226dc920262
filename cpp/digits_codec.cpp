// The decoder described in digits_codec.hpp: the exact mirror of the encoder in
// cmake/encode_digits.mjs (change both or neither).
#include "digits_codec.hpp"

#include <cstdint>
#include <vector>
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {
namespace {

constexpr uint64_t kHalf = uint64_t(1) << 31, kQuarter = uint64_t(1) << 30;
constexpr uint32_t kIncrement = 2, kLimit = 8192;
constexpr int kBitsPerByte = 7;  // the encoder leaves the top bit of every byte 0

// Adaptive counts for the symbols 0..n-1 of one context.
struct Counts {
  int n = 0;
  uint32_t count[17] = {};
  uint32_t total = 0;

  void reset(int symbols) {
    n = symbols;
    for (int i = 0; i < n; ++i) count[i] = 1;
    total = uint32_t(n);
  }
  void update(int s) {
    count[s] += kIncrement;
    total += kIncrement;
    if (total > kLimit) {
      total = 0;
      for (int i = 0; i < n; ++i) total += count[i] = (count[i] + 1) / 2;
    }
  }
};

int bucket(int v) { return v < 0 ? -1 : v == 0 ? 0 : v < 8 ? 1 : v < 16 ? 2 : 3; }

class Decoder {
 public:
  Decoder(const unsigned char* data, size_t n) : data_(data), n_(n) {
    for (int i = 0; i < 32; ++i) value_ = 2 * value_ + bit();
  }

  // Decodes one symbol with the counts c, then updates them.
  int decode(Counts& c) {
    // All products stay below 2^32 * 2^14 = 2^46.
    const uint64_t range = high_ - low_ + 1;
    const uint64_t target = ((value_ - low_ + 1) * c.total - 1) / range;
    int s = 0;
    uint64_t below = 0;
    while (s < c.n - 1 && below + c.count[s] <= target) below += c.count[s++];
    high_ = low_ + range * (below + c.count[s]) / c.total - 1;
    low_ = low_ + range * below / c.total;
    for (;;) {
      if (high_ < kHalf) {
        // both in the lower half: nothing to subtract
      } else if (low_ >= kHalf) {
        low_ -= kHalf, high_ -= kHalf, value_ -= kHalf;
      } else if (low_ >= kQuarter && high_ < 3 * kQuarter) {
        low_ -= kQuarter, high_ -= kQuarter, value_ -= kQuarter;
      } else {
        break;
      }
      low_ = 2 * low_;
      high_ = 2 * high_ + 1;
      value_ = 2 * value_ + bit();
    }
    c.update(s);
    return s;
  }

 private:
  uint64_t bit() {
    const size_t i = pos_ / kBitsPerByte;
    const uint64_t b = i < n_ ? (data_[i] >> (kBitsPerByte - 1 - pos_ % kBitsPerByte)) & 1 : 0;
    ++pos_;
    return b;
  }

  const unsigned char* data_;
  size_t n_, pos_ = 0;
  uint64_t low_ = 0, high_ = 0xFFFFFFFFu, value_ = 0;
};

}  // namespace

void decode_digits(const unsigned char* data, size_t n, int rows, unsigned char* out) {
  std::vector<Counts> pixel(64 * 25);  // position * 25 + (bucket(left) + 1) * 5 + bucket(up) + 1
  Counts label;
  for (Counts& c : pixel) c.reset(17);
  label.reset(10);
  Decoder d(data, n);
  for (int r = 0; r < rows; ++r) {
    unsigned char* row = out + 65 * r;
    for (int p = 0; p < 64; ++p) {
      const int left = p % 8 > 0 ? row[p - 1] : -1, up = p >= 8 ? row[p - 8] : -1;
      row[p] = (unsigned char)d.decode(pixel[p * 25 + (bucket(left) + 1) * 5 + bucket(up) + 1]);
    }
    row[64] = (unsigned char)d.decode(label);
  }
}

}  // namespace relu

RELU_COLD_CODE_END
