// The digits codec: the embedded, arithmetic-coded table decodes to exactly the
// rows of data/digits.csv.gz, and the decoder behaves on streams it did not make.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "data.hpp"
#include "digits_codec.hpp"
#include "digits_data.inc"  // kDigitsCoded, kDigitsCodedBytes, kDigitsCodedRows (build/*/gen)

using namespace relu;

static std::vector<unsigned char> decode(const unsigned char* data, size_t n, int rows) {
  std::vector<unsigned char> out(size_t(rows) * 65, 0xAA);
  decode_digits(data, n, rows, out.data());
  return out;
}

TEST_CASE("digits codec: the embedded table decodes to the CSV, byte for byte", "[digits]") {
  REQUIRE(kDigitsCodedRows == 1797);
  REQUIRE(sizeof(kDigitsCoded) == kDigitsCodedBytes);
  const std::vector<unsigned char> t = decode(kDigitsCoded, kDigitsCodedBytes, kDigitsCodedRows);
  int counts[10] = {0};
  bool pixels_ok = true, labels_ok = true;
  for (int r = 0; r < 1797; ++r) {
    for (int p = 0; p < 64; ++p) pixels_ok = pixels_ok && t[65 * r + p] <= 16;
    labels_ok = labels_ok && t[65 * r + 64] <= 9;
    if (t[65 * r + 64] <= 9) counts[t[65 * r + 64]]++;
  }
  CHECK(pixels_ok);
  CHECK(labels_ok);
  const int expected[10] = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
  for (int k = 0; k < 10; ++k) CHECK(counts[k] == expected[k]);
  // FNV-1a (32-bit) over the 1797 * 65 values of the CSV in file order, one byte each.
  // Recompute with:
  //   node -e "let h=0x811c9dc5;for(const v of require('zlib').gunzipSync(require('fs')
  //     .readFileSync('data/digits.csv.gz')).toString().trim().split(/[,\n]/))
  //     h=Math.imul(h^Number(v),0x01000193)>>>0;console.log(h.toString(16))"
  uint32_t h = 0x811c9dc5u;
  for (unsigned char b : t) h = (h ^ b) * 0x01000193u;
  CHECK(h == 0xbfb62887u);
}

TEST_CASE("digits codec: make_data serves the same rows as the decoded table", "[digits]") {
  const std::vector<unsigned char> t = decode(kDigitsCoded, kDigitsCodedBytes, kDigitsCodedRows);
  std::vector<std::string> decoded, served;
  for (int r = 0; r < 1797; ++r) decoded.emplace_back(t.begin() + 65 * r, t.begin() + 65 * (r + 1));
  Split s = make_data(DataKind::digits, kDigitsRows, 0.0, 0.0, 7);  // shuffled: compare as multisets
  REQUIRE(s.train.size() == 1797);
  for (int i = 0; i < s.train.size(); ++i) {
    std::string row(65, '\0');
    for (int p = 0; p < 64; ++p) row[p] = char(int(s.train.x(p, i) * 16.0f));
    row[64] = char(s.train.label[i]);
    served.push_back(row);
  }
  std::sort(decoded.begin(), decoded.end());
  std::sort(served.begin(), served.end());
  CHECK(decoded == served);
}

TEST_CASE("digits codec: streams of all 0 bits and all 1 bits give the first and last symbols", "[digits]") {
  // With value == low the decoder always picks the first symbol and low stays 0;
  // with value == high it always picks the last and value stays == high.
  const std::vector<unsigned char> zeros = decode(nullptr, 0, 3);  // past the end reads as 0
  CHECK(std::all_of(zeros.begin(), zeros.end(), [](unsigned char b) { return b == 0; }));
  const std::vector<unsigned char> ff(400, 0x7F);  // 7 bits a byte
  const std::vector<unsigned char> top = decode(ff.data(), ff.size(), 3);
  for (int i = 0; i < 3 * 65; ++i) CHECK(int(top[i]) == (i % 65 == 64 ? 9 : 16));
}

TEST_CASE("digits codec: a truncated or corrupt stream still gives values in range", "[digits]") {
  std::vector<unsigned char> bad(kDigitsCoded, kDigitsCoded + 1000);
  for (size_t i = 0; i < bad.size(); i += 7) bad[i] ^= 0x5A;
  const std::vector<unsigned char> t = decode(bad.data(), bad.size(), kDigitsCodedRows);
  bool ok = true;
  for (int i = 0; i < 1797 * 65; ++i) ok = ok && t[i] <= (i % 65 == 64 ? 9 : 16);
  CHECK(ok);
}
