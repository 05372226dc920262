// The reader's points: base64url code <-> points, and the CSV reader (custom_data.hpp has the format).
#include "custom_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "config.hpp"  // quoted(): user text in messages, by the one rule
#include "decimal.hpp"
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {
namespace {

constexpr int kLevelsX = 4095, kLevelsY = 2047;  // 12 and 11 bits
const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char ch) {
  if (ch >= 'A' && ch <= 'Z') return ch - 'A';
  if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
  if (ch >= '0' && ch <= '9') return ch - '0' + 52;
  if (ch == '-') return 62;
  if (ch == '_') return 63;
  return -1;
}

double level_to_coord(int q, int levels) { return -kCustomHalf + 2 * kCustomHalf * q / levels; }

// float(1.6) is a hair above 1.6: the box's edge, read back, must still be inside.
bool in_box(double v) { return std::isfinite(v) && std::abs(v) <= kCustomHalf * (1 + 1e-6); }

int coord_to_level(double v, int levels) {
  long q = std::lround((v + kCustomHalf) / (2 * kCustomHalf) * levels);
  return int(std::min<long>(levels, std::max<long>(0, q)));
}

// Four decimals are plenty for a message (a float's 1.7 is 1.70000004768... as a double).
std::string number_text(double v) { return std::isfinite(v) ? format_decimal(std::round(v * 1e4) / 1e4) : "nan"; }

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// A plain decimal number (no hex, inf or nan).
bool read_number(const std::string& field, double* out) { return parse_decimal(field, out) && std::isfinite(*out); }

}  // namespace

std::string points_text(size_t n) { return std::to_string(n) + (n == 1 ? " point" : " points"); }

std::string custom_box_text() { return "[-" + format_decimal(kCustomHalf) + ", " + format_decimal(kCustomHalf) + "]"; }

LabeledPoint quantize_point(const LabeledPoint& p) {
  return {float(level_to_coord(coord_to_level(p.x, kLevelsX), kLevelsX)),
          float(level_to_coord(coord_to_level(p.y, kLevelsY), kLevelsY)), p.label};
}

std::string encode_points(const std::vector<LabeledPoint>& points, std::string* code) {
  if (int(points.size()) > kCustomMaxPoints)
    return std::to_string(points.size()) + " points: at most " + std::to_string(kCustomMaxPoints) + " fit in custom=";
  std::string out;
  out.reserve(points.size() * kCustomCharsPerPoint);
  for (size_t i = 0; i < points.size(); ++i) {
    const LabeledPoint& p = points[i];
    if (!in_box(p.x) || !in_box(p.y))
      return "point " + std::to_string(i + 1) + " (" + number_text(p.x) + ", " + number_text(p.y) +
             "): x and y must lie in " + custom_box_text();
    if (p.label != 0 && p.label != 1)
      return "point " + std::to_string(i + 1) + ": label " + std::to_string(p.label) + " must be 0 or 1";
    const uint32_t bits = uint32_t(coord_to_level(p.x, kLevelsX)) << 12 | uint32_t(coord_to_level(p.y, kLevelsY)) << 1 |
                          uint32_t(p.label);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(bits >> shift) & 63];
  }
  *code = out;
  return "";
}

std::string decode_points(const std::string& code, std::vector<LabeledPoint>* points) {
  const size_t max_chars = size_t(kCustomMaxPoints) * kCustomCharsPerPoint;
  if (code.size() > max_chars)
    return std::to_string(code.size()) + " characters: at most " + std::to_string(kCustomMaxPoints) + " points (" +
           std::to_string(max_chars) + " characters) fit";
  if (code.size() % kCustomCharsPerPoint != 0)
    return std::to_string(code.size()) + " characters: the code has 4 characters per point";
  std::vector<LabeledPoint> out;
  for (size_t i = 0; i < code.size(); i += kCustomCharsPerPoint) {
    uint32_t bits = 0;
    for (int k = 0; k < kCustomCharsPerPoint; ++k) {
      const int v = sextet(code[i + k]);
      if (v < 0)
        return "character " + quoted(std::string(1, code[i + k])) + " at position " + std::to_string(i + k + 1) +
               ": the code uses only A-Z a-z 0-9 - _";
      bits = bits << 6 | uint32_t(v);
    }
    const int qx = int(bits >> 12), qy = int((bits >> 1) & 0x7FF);
    out.push_back({float(level_to_coord(qx, kLevelsX)), float(level_to_coord(qy, kLevelsY)), int(bits & 1)});
  }
  *points = std::move(out);
  return "";
}

CsvPoints parse_points_csv(const std::string& text) {
  CsvPoints r;
  std::vector<LabeledPoint> points;
  std::vector<double> xs, ys;
  size_t start = 0;
  bool first_row = true;
  for (int line = 1; start <= text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string row = trim(text.substr(start, end - start));
    start = end + 1;
    if (row.empty() || row[0] == '#') continue;
    const std::string where = "line " + std::to_string(line) + ": ";
    std::vector<std::string> fields;
    for (size_t a = 0;;) {
      size_t comma = row.find(',', a);
      fields.push_back(trim(row.substr(a, comma == std::string::npos ? std::string::npos : comma - a)));
      if (comma == std::string::npos) break;
      a = comma + 1;
    }
    const bool header = first_row && fields.size() == 3 && fields[0] == "x" && fields[1] == "y" && fields[2] == "label";
    first_row = false;
    if (header) continue;
    if (fields.size() != 3) {
      r.error = where + quoted(row) + " has " + std::to_string(fields.size()) +
                " fields; each row is x,y,label (two numbers and a 0 or 1)";
      return r;
    }
    double x, y;
    if (!read_number(fields[0], &x)) { r.error = where + "x " + quoted(fields[0]) + " must be a number"; return r; }
    if (!read_number(fields[1], &y)) { r.error = where + "y " + quoted(fields[1]) + " must be a number"; return r; }
    if (fields[2] != "0" && fields[2] != "1") { r.error = where + "label " + quoted(fields[2]) + " must be 0 or 1"; return r; }
    if (int(points.size()) == kCustomMaxPoints) {
      r.error = where + "more than " + std::to_string(kCustomMaxPoints) + " points; a data set holds at most " +
                std::to_string(kCustomMaxPoints);
      return r;
    }
    xs.push_back(x);
    ys.push_back(y);
    points.push_back({0, 0, fields[2] == "1" ? 1 : 0});
  }
  if (int(points.size()) < kCustomMinPoints) {
    r.error = "the file has " + points_text(points.size()) + "; at least " +
              std::to_string(kCustomMinPoints) + " are needed (rows x,y,label)";
    return r;
  }
  bool inside = true;
  for (size_t i = 0; i < xs.size(); ++i) inside = inside && in_box(xs[i]) && in_box(ys[i]);
  if (!inside) {
    const auto [x_lo, x_hi] = std::minmax_element(xs.begin(), xs.end());
    const auto [y_lo, y_hi] = std::minmax_element(ys.begin(), ys.end());
    const double half = std::max(*x_hi - *x_lo, *y_hi - *y_lo) / 2;
    r.rescaled = true;
    r.shift_x = (*x_lo + *x_hi) / 2;
    r.shift_y = (*y_lo + *y_hi) / 2;
    r.scale = half > 0 ? 1 / half : 1;
  }
  for (size_t i = 0; i < points.size(); ++i) {
    points[i].x = float((xs[i] - r.shift_x) * r.scale);
    points[i].y = float((ys[i] - r.shift_y) * r.scale);
  }
  r.points = std::move(points);
  r.ok = true;
  return r;
}

}  // namespace relu

RELU_COLD_CODE_END
