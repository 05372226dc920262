// The reader's own points (data=custom): their compact text form, which travels
// in the config key `custom` (a URL hash, an element attribute, a CLI argument),
// and the CSV reader for `x,y,label` files. Both directions live here only; the
// page calls them through the bindings and never re-implements them.
// Not here: file or network I/O (cli.cpp reads the file), the split (data.cpp).
//
// Encoding: each point is 3 bytes, big-endian: 12 bits of x, 11 bits of y, 1 bit
// of label, written as 4 base64url characters (A-Z a-z 0-9 - _), no padding.
// x and y are quantised on the decision map's box [-1.6, 1.6]^2: x in 4095 steps
// (0.00078), y in 2047 steps (0.0016), far finer than a click or a tap.
#pragma once
#include <string>
#include <vector>

#include "data.hpp"

namespace relu {

constexpr double kCustomHalf = kPlaneHalf;  // points lie in [-1.6, 1.6]^2, the map's box (data.hpp)
constexpr int kCustomMaxPoints = 5000;    // as many as any built-in set (points <= 5000)
constexpr int kCustomMinPoints = 2;       // something to train on
constexpr int kCustomCharsPerPoint = 4;   // so a link holds at most 20,000 characters of points

// "[-1.6, 1.6]": the box, as messages name it (from kCustomHalf).
std::string custom_box_text();

// "1 point", "3 points": a count of points as messages say it.
std::string points_text(size_t n);

// The text form of the points (quantised). Returns "" on success, else the error
// (a point outside the box, a label other than 0/1, too many points).
std::string encode_points(const std::vector<LabeledPoint>& points, std::string* code);

// The points a code stands for (exactly the quantised values: decode(encode(p))
// is p on the grid). Returns "" on success, else why the code is not valid.
std::string decode_points(const std::string& code, std::vector<LabeledPoint>* points);

// Rounds points to the encoding's grid, as decode(encode(p)) would.
LabeledPoint quantize_point(const LabeledPoint& p);

struct CsvPoints {
  bool ok = false;
  std::string error;    // "line N: ...": which line broke which rule
  std::vector<LabeledPoint> points;
  bool rescaled = false;  // the points did not fit the box and were moved and scaled (see parse_points_csv)
  double scale = 1, shift_x = 0, shift_y = 0;  // new = (old - shift) * scale
};

// CSV rows `x,y,label`: x and y decimal numbers, label 0 or 1, at most
// kCustomMaxPoints rows and at least kCustomMinPoints. Blank lines and lines
// starting with '#' are skipped; a first row `x,y,label` is a header.
// Rescaling rule: if every point lies in [-1.6, 1.6]^2 the points are kept as
// they are. Otherwise all of them are shifted so that the centre of their
// bounding box is (0, 0) and scaled by one factor (both axes, so shapes keep
// their proportions) so that the larger half-extent becomes 1, the scale of the
// built-in sets. Any error rejects the whole file.
CsvPoints parse_points_csv(const std::string& text);

}  // namespace relu
