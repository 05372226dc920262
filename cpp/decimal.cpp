// Decimal text <-> double (see decimal.hpp). Parsing follows Clinger's fast path:
// an integer below 2^53 times or divided by an exact power of ten is one IEEE
// operation, so it is correctly rounded; other texts go through double-double. Formatting tries 1, 2, ... significant
// digits and keeps the first text that reads back to the same double, so the
// round trip format -> parse is exact by construction.
#include "decimal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {
namespace {

// 10^0 .. 10^22: all exactly representable in a double.
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Double-double arithmetic (a value as an unevaluated sum hi + lo, about 106 bits), for
// the cases outside the fast path: Dekker's exact product and Knuth's exact sum, with
// plain IEEE operations (no fma, no long double, which is software in wasm).
struct DD {
  double hi, lo;
};
DD quick_two_sum(double a, double b) {  // |a| >= |b|
  const double s = a + b;
  return {s, b - (s - a)};
}
DD two_sum(double a, double b) {
  const double s = a + b, bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}
DD two_prod(double a, double b) {
  const double p = a * b;
  const double ca = 134217729.0 * a, cb = 134217729.0 * b;  // 2^27 + 1: split into 26-bit halves
  const double ah = ca - (ca - a), al = a - ah, bh = cb - (cb - b), bl = b - bh;
  return {p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
}
DD mul(DD a, DD b) {
  DD p = two_prod(a.hi, b.hi);
  p.lo += a.hi * b.lo + a.lo * b.hi;
  return quick_two_sum(p.hi, p.lo);
}
DD div(DD a, DD b) {
  const double q1 = a.hi / b.hi;
  const DD p = mul(b, {q1, 0});
  const DD r = two_sum(a.hi, -p.hi);
  const double q2 = (r.hi + (r.lo - p.lo + a.lo)) / b.hi;
  return quick_two_sum(q1, q2);
}

// m * 10^e, correctly rounded in the fast path (m <= 2^53, |e| <= 22: one IEEE
// operation on exact operands, Clinger's observation), else to about 2^-100.
DD scale10_dd(uint64_t m, int e) {
  const DD v = two_sum(double(m >> 32) * 4294967296.0, double(m & 0xffffffffu));  // m exactly
  DD p = {1, 0};
  for (int k = std::abs(e); k > 0; k -= 22) p = mul(p, {kPow10[std::min(k, 22)], 0});
  return e >= 0 ? mul(v, p) : div(v, p);
}
double scale10(uint64_t m, int e) {
  if (m <= (uint64_t(1) << 53) && e >= -22 && e <= 22) return e >= 0 ? double(m) * kPow10[e] : double(m) / kPow10[-e];
  const DD v = scale10_dd(m, e);
  return v.hi + v.lo;
}

std::string digits_of(uint64_t n) {
  std::string s;
  do { s.insert(s.begin(), char('0' + n % 10)); n /= 10; } while (n);
  return s;
}

// %g-style text of m * 10^(exp10 - (digits of m) + 1), m without trailing zeros.
std::string g_text(bool negative, uint64_t m, int exp10) {
  std::string d = digits_of(m);
  while (d.size() > 1 && d.back() == '0') d.pop_back();
  const int p = int(d.size());
  std::string out = negative ? "-" : "";
  if (exp10 < -4 || exp10 >= p) {  // %g's rule for the exponent form
    out += d.substr(0, 1);
    if (p > 1) out += "." + d.substr(1);
    const int a = std::abs(exp10);
    out += std::string(exp10 < 0 ? "e-" : "e+") + (a < 10 ? "0" : "") + digits_of(uint64_t(a));
  } else if (exp10 < 0) {
    out += "0." + std::string(size_t(-exp10 - 1), '0') + d;
  } else if (exp10 + 1 >= p) {
    out += d + std::string(size_t(exp10 + 1 - p), '0');
  } else {
    out += d.substr(0, size_t(exp10 + 1)) + "." + d.substr(size_t(exp10 + 1));
  }
  return out;
}

}  // namespace

bool parse_decimal(const std::string& text, double* value) {
  size_t i = 0;
  const size_t n = text.size();
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  uint64_t m = 0;     // the first significant digits, at most 19 of them
  int exp10 = 0;      // value = m * 10^exp10 (before the exponent part)
  int digits = 0, kept = 0;
  bool dot = false;
  for (; i < n; ++i) {
    const char c = text[i];
    if (c == '.' && !dot) { dot = true; continue; }
    if (c < '0' || c > '9') break;
    ++digits;
    if (m == 0 && c == '0') { if (dot) --exp10; continue; }  // leading zeros
    if (kept < 19) {
      m = m * 10 + uint64_t(c - '0');
      ++kept;
      if (dot) --exp10;
    } else if (!dot) {  // digits past the 19th only scale the value
      ++exp10;
    }
  }
  if (digits == 0) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) eneg = text[i++] == '-';
    if (i == n) return false;
    int e = 0;
    for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) e = std::min(e * 10 + (text[i] - '0'), 100000);
    exp10 += eneg ? -e : e;
  }
  if (i != n) return false;
  // Drop the mantissa's trailing zeros into the exponent: 1500 -> 15e2 keeps it small.
  while (m != 0 && m % 10 == 0) { m /= 10; ++exp10; }
  const double v = m == 0 ? 0.0 : scale10(m, std::max(-400, std::min(exp10, 400)));
  *value = negative ? -v : v;
  return true;
}

std::string format_decimal(double v) {
  const bool negative = std::signbit(v) && v != 0;
  const double a = std::abs(v);
  if (a == 0) return "0";
  if (a == std::floor(a) && a < 1e15) return (negative ? "-" : "") + digits_of(uint64_t(a));
  int exp10 = int(std::floor(std::log10(a)));
  for (int p = 1; p <= 17; ++p) {
    // a ~ m * 10^(exp10 - p + 1) with m of p digits; try the nearest m and its neighbours.
    const int shift = p - 1 - exp10;
    double scaled = shift >= 0 ? a * scale10(1, std::min(shift, 400)) : a / scale10(1, std::min(-shift, 400));
    int e = exp10;
    if (scaled >= kPow10[p]) { scaled /= 10; ++e; }       // log10 rounded down too far
    if (scaled < kPow10[p - 1]) { scaled *= 10; --e; }     // or up
    const int64_t m0 = std::llround(scaled);
    // The nearest m and its neighbours (the scaling above is rounded, and above 2^53,
    // at 16 and 17 digits, doubles are up to 16 apart): of those that read back, the
    // one closest to v, as printf's correctly rounded digits are.
    const int reach = p >= 16 ? 20 : 2;
    std::string found;
    double found_distance = 0;
    for (int64_t m = m0 - reach; m <= m0 + reach; ++m) {
      if (m <= 0) continue;
      int ee = e;
      uint64_t mm = uint64_t(m);
      if (mm >= uint64_t(kPow10[p])) { mm /= 10; ++ee; }  // 9.99 rounded up to 10.0
      const std::string text = g_text(negative, mm, ee);
      double back = 0;
      if (!parse_decimal(text, &back) || back != v) continue;
      const DD exact = scale10_dd(mm, ee - p + 1);
      const double distance = std::abs((exact.hi - a) + exact.lo);
      // A tie (v exactly halfway between two texts; the distances are computed to about
      // 2^-100 of v) goes to the even digit, as printf's.
      const bool tie = std::abs(distance - found_distance) <= a * 0x1p-90;
      if (found.empty() || (tie ? mm % 2 == 0 : distance < found_distance)) {
        found = text;
        found_distance = distance;
      }
    }
    if (!found.empty()) return found;
  }
  return "";  // not reached for finite v: some 17-digit text reads back
}

}  // namespace relu

RELU_COLD_CODE_END
