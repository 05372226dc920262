// The reader's own points: the code round-trips, every limit gives a clear error,
// the CSV reader names the line and the rule, and a config with custom= trains
// on exactly the decoded points.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "custom_data.hpp"
#include "lab.hpp"
#include "rng.hpp"

using namespace relu;

static std::vector<LabeledPoint> random_points(int n, uint64_t seed) {
  Rng rng(seed, 9);
  std::vector<LabeledPoint> p;
  for (int i = 0; i < n; ++i)
    p.push_back({float(rng.uniform(-1.6, 1.6)), float(rng.uniform(-1.6, 1.6)), int(rng.below(2))});
  return p;
}

static bool same(const LabeledPoint& a, const LabeledPoint& b) { return a.x == b.x && a.y == b.y && a.label == b.label; }

TEST_CASE("custom code: decode(encode(p)) is p on the grid, and encode(decode(c)) is c", "[custom]") {
  const std::vector<LabeledPoint> points = random_points(500, 1);
  std::string code;
  REQUIRE(encode_points(points, &code).empty());
  CHECK(code.size() == 4 * points.size());
  CHECK(code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
  std::vector<LabeledPoint> back;
  REQUIRE(decode_points(code, &back).empty());
  REQUIRE(back.size() == points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    CHECK(same(back[i], quantize_point(points[i])));
    CHECK(std::abs(back[i].x - points[i].x) <= 1.6 / 4095 + 1e-6);  // half a step of 3.2 / 4095
    CHECK(std::abs(back[i].y - points[i].y) <= 1.6 / 2047 + 1e-6);
  }
  std::string again;
  REQUIRE(encode_points(back, &again).empty());
  CHECK(again == code);  // decoded points are on the grid: encoding them changes nothing
}

TEST_CASE("custom code: the corners of the box fit; one bit per label", "[custom]") {
  std::string code;
  REQUIRE(encode_points({{-1.6f, -1.6f, 0}, {1.6f, 1.6f, 1}, {0, 0, 1}}, &code).empty());
  CHECK(code.substr(0, 4) == "AAAA");  // x level 0, y level 0, label 0
  CHECK(code.substr(4, 4) == "____");  // x level 4095, y level 2047, label 1: all 24 bits set
  std::vector<LabeledPoint> back;
  REQUIRE(decode_points(code, &back).empty());
  CHECK(back[0].x == -1.6f);
  CHECK(back[1].y == 1.6f);
  CHECK(back[2].label == 1);
  CHECK(std::abs(back[2].x) < 1e-3f);
}

TEST_CASE("custom code: every limit has a clear error", "[custom][errors]") {
  std::string code;
  CHECK(encode_points({{0, 0, 0}, {1.7f, 0, 1}}, &code) == "point 2 (1.7, 0): x and y must lie in [-1.6, 1.6]");
  CHECK(encode_points({{0, 0, 2}}, &code) == "point 1: label 2 must be 0 or 1");
  CHECK(encode_points({{NAN, 0, 0}}, &code).find("must lie in") != std::string::npos);
  CHECK(encode_points(random_points(5001, 2), &code) == "5001 points: at most 5000 fit in custom=");
  REQUIRE(encode_points(random_points(5000, 2), &code).empty());  // the limit itself fits
  CHECK(code.size() == 20000);
  std::vector<LabeledPoint> back;
  CHECK(decode_points(code + "AAAA", &back) == "20004 characters: at most 5000 points (20000 characters) fit");
  CHECK(decode_points("AAAAB", &back) == "5 characters: the code has 4 characters per point");
  CHECK(decode_points("AA=A", &back) == "character '=' at position 3: the code uses only A-Z a-z 0-9 - _");
  CHECK(decode_points("", &back).empty());
  CHECK(back.empty());
}

TEST_CASE("CSV: header, blank lines and comments are fine; points inside the box are kept", "[custom][csv]") {
  CsvPoints r = parse_points_csv("x,y,label\r\n0.5, -0.25, 1\n\n# a comment\n-1.6,1.6,0\n");
  REQUIRE(r.ok);
  REQUIRE(r.points.size() == 2);
  CHECK_FALSE(r.rescaled);
  CHECK(r.points[0].x == 0.5f);
  CHECK(r.points[0].y == -0.25f);
  CHECK(r.points[0].label == 1);
  CHECK(r.points[1].label == 0);
}

TEST_CASE("CSV: each error names the line and the rule, and nothing half-applies", "[custom][csv][errors]") {
  auto error = [](const std::string& text) {
    CsvPoints r = parse_points_csv(text);
    CHECK_FALSE(r.ok);
    CHECK(r.points.empty());
    return r.error;
  };
  CHECK(error("0,0,1\n0.1,abc,0\n") == "line 2: y 'abc' must be a number");
  CHECK(error("x,y,label\n0,0,1\n\nz,0,0") == "line 4: x 'z' must be a number");
  CHECK(error("0,0,1\n0,0,2") == "line 2: label '2' must be 0 or 1");
  CHECK(error("0,0,1\n0,0") == "line 2: '0,0' has 2 fields; each row is x,y,label (two numbers and a 0 or 1)");
  CHECK(error("0,0,1,7\n") == "line 1: '0,0,1,7' has 4 fields; each row is x,y,label (two numbers and a 0 or 1)");
  CHECK(error("0x1,0,1\n1,1,0") == "line 1: x '0x1' must be a number");
  CHECK(error("inf,0,1\n1,1,0") == "line 1: x 'inf' must be a number");
  CHECK(error("x,y,label\n0.5,0.5,1\n") == "the file has 1 point; at least 2 are needed (rows x,y,label)");
  std::string big = "x,y,label\n";
  for (int i = 0; i < 5001; ++i) big += "0.1,0.2,1\n";
  CHECK(error(big) == "line 5002: more than 5000 points; a data set holds at most 5000");
  big.resize(big.size() - std::string("0.1,0.2,1\n").size());
  CHECK(parse_points_csv(big).ok);  // exactly 5000 rows
}

TEST_CASE("CSV: points outside the box are centred and scaled by one factor to span [-1, 1]", "[custom][csv]") {
  CsvPoints r = parse_points_csv("0,0,0\n10,4,1\n5,2,0\n");
  REQUIRE(r.ok);
  CHECK(r.rescaled);
  CHECK(r.shift_x == 5);
  CHECK(r.shift_y == 2);
  CHECK(r.scale == Approx(0.2));  // the larger half-extent, 5, becomes 1
  CHECK(r.points[0].x == Approx(-1.0f));
  CHECK(r.points[0].y == Approx(-0.4f));  // same factor on y: shapes keep their proportions
  CHECK(r.points[1].x == Approx(1.0f));
  CHECK(r.points[2].x == Approx(0.0f));
}

TEST_CASE("data=custom: the config carries the points; errors name the key", "[custom][config]") {
  std::string code;
  REQUIRE(encode_points(random_points(50, 3), &code).empty());
  ParseResult r = parse_config("data=custom&custom=" + code);
  REQUIRE(r.ok);
  CHECK(config_to_text(r.config) == "data=custom&custom=" + code);
  CHECK(parse_config("data=custom").error ==
        "data=custom: custom= holds 0 points; at least 2 are needed (add points on the map, or load a CSV)");
  CHECK(parse_config("data=custom&custom=AAAA").error.find("holds 1 point;") != std::string::npos);
  CHECK(parse_config("custom=AAA").error == "custom=AAA: 3 characters: the code has 4 characters per point");
  // A long bad value is cut short in the message.
  ParseResult bad = parse_config("data=custom&custom=" + code + "A");
  CHECK(bad.error == "custom=" + printable(code + "A") + ": 201 characters: the code has 4 characters per point");
  CHECK(printable(code + "A").find("(201 characters)") != std::string::npos);
}

TEST_CASE("data=custom trains on exactly the decoded points, split like the built-in sets", "[custom][lab]") {
  std::vector<LabeledPoint> points = random_points(40, 4);
  std::string code;
  REQUIRE(encode_points(points, &code).empty());
  std::vector<LabeledPoint> decoded;
  decode_points(code, &decoded);
  Lab lab(parse_config("data=custom&test=0.25&custom=" + code).config);
  const Split& s = lab.data();
  REQUIRE(s.train.size() == 30);
  REQUIRE(s.test.size() == 10);
  std::vector<std::tuple<float, float, int>> want, got;
  for (const auto& p : decoded) want.emplace_back(p.x, p.y, p.label);
  for (const Dataset* d : {&s.train, &s.test})
    for (int i = 0; i < d->size(); ++i) got.emplace_back(d->x(0, i), d->x(1, i), d->label[i]);
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  CHECK(got == want);
  lab.step(50);
  CHECK(std::isfinite(lab.record().loss));
  // The seed shuffles, the points stay.
  Lab other(parse_config("data=custom&test=0.25&seed=9&custom=" + code).config);
  CHECK_FALSE(other.data().train.x == s.train.x);
}

TEST_CASE("new points mid-run: the weights go on training, the data is the new set", "[custom][lab]") {
  std::string a, b;
  REQUIRE(encode_points(random_points(40, 5), &a).empty());
  REQUIRE(encode_points(random_points(60, 6), &b).empty());
  Lab lab(parse_config("data=custom&test=0&custom=" + a).config);
  lab.step(30);
  const Mat<float> w = lab.net().layers[0].W;
  REQUIRE(lab.set("custom", b) == "");
  CHECK(lab.steps() == 30);
  CHECK(lab.net().layers[0].W == w);  // same weights
  CHECK(lab.data().train.size() == 60);
  CHECK(lab.config().custom == b);
  lab.step(10);
  CHECK(lab.record().step == 40);
  // A bad code changes nothing; nor do fewer than 2 points.
  CHECK(lab.set("custom", "A") != "");
  CHECK(lab.set("custom", "AAAA").find("at least 2") != std::string::npos);
  CHECK(lab.data().train.size() == 60);
  // The link to the new points: a fresh run on them, from step 0.
  Lab fresh(parse_config("data=custom&test=0&custom=" + b).config);
  CHECK(fresh.data().train.x.cols() == 60);
}

TEST_CASE("new points in the middle of a chunked step: the half-done step is dropped, not finished on the old indices",
          "[custom][lab][bounded]") {
  std::string a, b;
  REQUIRE(encode_points(random_points(80, 7), &a).empty());
  REQUIRE(encode_points(random_points(16, 8), &b).empty());
  // 6 x 256: 17 samples per chunk, so a batch of 80 is five chunks.
  Lab lab(parse_config("data=custom&test=0&depth=6&width=256&batch=80&custom=" + a).config);
  REQUIRE(lab.step_chunk() < 80);
  const Mat<float> w = lab.net().layers[0].W;
  REQUIRE(lab.train(1, 1) == 0);
  REQUIRE(lab.step_in_progress());
  REQUIRE(lab.set("custom", b) == "");
  CHECK_FALSE(lab.step_in_progress());  // its samples were indices into the 80 old points
  CHECK(lab.net().layers[0].W == w);    // nothing of it was applied
  // The next step is over the 16 new points: one chunk, a whole step.
  CHECK(lab.chunks_per_step() == 1);
  CHECK(lab.train(1, 1) == 1);
  CHECK(lab.steps() == 1);
  CHECK(std::isfinite(lab.record().loss));
  // A small net's chunk is the training set: it follows the new set, as a fresh run's would.
  Lab small(parse_config("data=custom&test=0&batch=80&custom=" + a).config);
  REQUIRE(small.step_chunk() == 80);
  REQUIRE(small.set("custom", b) == "");
  CHECK(small.step_chunk() == Lab(parse_config("data=custom&test=0&batch=80&custom=" + b).config).step_chunk());
}

TEST_CASE("CSV errors quote the reader's text by the one message rule (no control characters reach a terminal)",
          "[custom][csv][errors]") {
  const CsvPoints r = parse_points_csv("0,0,1\n1\x1b]0;x\x07,0,1\n");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error == "line 2: x " + quoted("1\x1b]0;x\x07") + " must be a number");
  CHECK(r.error.find('\x1b') == std::string::npos);
}
