// Decimal text <-> double without strtod/printf (cpp/decimal.hpp), checked against
// the C library: the same doubles for every text a person types, the same shortest
// %g texts, and refusals of everything that is not plain decimal text.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "decimal.hpp"
#include "rng.hpp"

using namespace relu;

static double parsed(const std::string& s) {
  double v = NAN;
  REQUIRE(parse_decimal(s, &v));
  return v;
}

// The old way: %.{p}g for p = 1..17, the first that strtod reads back.
static std::string printf_shortest(double v) {
  char buf[40];
  if (v == std::floor(v) && std::abs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  for (int p = 1; p <= 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*g", p, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

TEST_CASE("decimal: hand-picked texts give strtod's doubles", "[decimal]") {
  for (const char* s : {"0", "-0", "1", "+1", "10", "0.1", ".5", "5.", "0.003", "1e-5", "1E-05", "2.5e+3", "1e22",
                        "1e-22", "123456789012345", "0.30000000000000004", "9007199254740993", "1e-30", "3.14159",
                        "0.000001", "1500", "-0.25", "0000.0001000"}) {
    INFO(s);
    CHECK(parsed(s) == std::strtod(s, nullptr));
  }
}

TEST_CASE("decimal: random texts of up to 19 digits, exponents to +-40: exactly strtod", "[decimal]") {
  Rng rng(11, 0);
  for (int t = 0; t < 20000; ++t) {
    std::string s = rng.below(4) == 0 ? "-" : "";
    const int digits = 1 + int(rng.below(19));
    const int point = int(rng.below(uint32_t(digits + 1)));
    for (int d = 0; d < digits; ++d) {
      if (d == point) s += '.';
      s += char('0' + rng.below(10));
    }
    if (rng.below(3) == 0) s += "e" + std::to_string(int(rng.below(81)) - 40);
    INFO(s);
    REQUIRE(parsed(s) == std::strtod(s.c_str(), nullptr));
  }
}

TEST_CASE("decimal: shortest text reads back, the same text printf's %g loop gives", "[decimal]") {
  for (double v : {0.1, 0.003, 1e-5, 0.0001, 2.5, 10.0, 0.25, 123.456, 1e15 + 2, 6.02214076e23, -0.01, 1e-30, 7e22}) {
    INFO(v);
    CHECK(format_decimal(v) == printf_shortest(v));
    CHECK(parsed(format_decimal(v)) == v);
  }
  // Every double that a text of up to 15 digits gives: printf's shortest text, exactly.
  Rng rng(12, 0);
  for (int t = 0; t < 20000; ++t) {
    const int digits = 1 + int(rng.below(15));
    const double m = std::floor(rng.uniform() * std::pow(10.0, digits));
    const double v = parsed(printf_shortest(m) + "e" + std::to_string(int(rng.below(31)) - 15 - digits));
    INFO(v);
    REQUIRE(format_decimal(v) == printf_shortest(v));
  }
}

TEST_CASE("decimal: any double's shortest text reads back exactly, as printf's does", "[decimal]") {
  Rng rng(13, 0);
  for (double v : {1.0 / 3.0, 0.30000000000000004, 1e-300, 1.2345678901234567e300}) {
    INFO(v);
    CHECK(parsed(format_decimal(v)) == v);
  }
  for (int t = 0; t < 20000; ++t) {
    // Random bits in the mantissa, exponents from 1e-30 to 1e30.
    const double v = (rng.uniform() + 0.5) * std::pow(10.0, int(rng.below(61)) - 30);
    const std::string s = format_decimal(v);
    INFO(v << " -> " << s);
    REQUIRE(parsed(s) == v);
    REQUIRE(s == printf_shortest(v));
  }
}

TEST_CASE("decimal: everything but plain decimal text is refused", "[decimal]") {
  double v = 0;
  for (const char* s : {"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "inf", "nan", "1 ", " 1", "1,5", "--1",
                        "1e5.5", "1f", "١"}) {
    INFO(s);
    CHECK_FALSE(parse_decimal(s, &v));
  }
}
