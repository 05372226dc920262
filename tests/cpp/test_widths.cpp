// Per-layer widths: width=8,8,4 builds layers of 8, 8 and 4 units and sets the
// depth; a disagreeing depth is refused, naming both keys; records stay consistent.
#include <catch2/catch.hpp>

#include "lab.hpp"

using namespace relu;

TEST_CASE("a width list builds one layer per entry and sets the depth", "[config][widths]") {
  ParseResult r = parse_config("width=8,8,4");
  REQUIRE(r.ok);
  CHECK(r.config.depth == 3);
  CHECK(layer_widths(r.config) == std::vector<int>{8, 8, 4});
  Lab lab(r.config);
  const auto& layers = lab.net().layers;
  REQUIRE(layers.size() == 4);
  CHECK(layers[0].W.rows() == 8);
  CHECK(layers[0].W.cols() == 2);
  CHECK(layers[1].W.rows() == 8);
  CHECK(layers[2].W.rows() == 4);
  CHECK(layers[2].W.cols() == 8);
  CHECK(layers[3].W.cols() == 4);  // the output reads the last hidden layer
}

TEST_CASE("width list and depth: agreeing is fine, disagreeing names both keys", "[config][widths][errors]") {
  CHECK(parse_config("depth=2&width=16,4").ok);
  CHECK(parse_config("width=16,4&depth=2").ok);
  for (const char* text : {"depth=3&width=16,4", "width=16,4&depth=3"}) {
    ParseResult r = parse_config(text);
    INFO(text);
    REQUIRE_FALSE(r.ok);
    CHECK(r.error == "width=16,4 lists 2 hidden layers but depth=3; give one width per layer, or leave out depth "
                     "(a width list sets it)");
  }
  // A preset's depth is not the user's: the list sets the depth.
  ParseResult p = parse_config("preset=sparse&width=32,16,8");
  REQUIRE(p.ok);
  CHECK(p.config.depth == 3);
  CHECK(config_to_text(p.config) == "preset=sparse&depth=3&width=32,16,8");
  CHECK(parse_config(config_to_text(p.config)).ok);
  // One number still means every layer, at any depth.
  ParseResult u = parse_config("depth=5&width=12");
  REQUIRE(u.ok);
  CHECK(layer_widths(u.config) == std::vector<int>(5, 12));
}

TEST_CASE("width lists have one text: equal entries collapse, the text round-trips", "[config][widths]") {
  ParseResult same = parse_config("width=8,8,8");
  REQUIRE(same.ok);
  CHECK(config_to_text(same.config) == "depth=3");
  CHECK(config_to_full_text(same.config) == config_to_full_text(parse_config("depth=3&width=8").config));
  ParseResult mixed = parse_config("width=16,8");
  REQUIRE(mixed.ok);
  CHECK(config_to_text(mixed.config) == "width=16,8");
  ParseResult back = parse_config(config_to_full_text(mixed.config));
  REQUIRE(back.ok);
  CHECK(layer_widths(back.config) == std::vector<int>{16, 8});
  // The last repeat wins, list or not.
  CHECK(parse_config("width=4,4,2&width=6").config.depth == 2);
}

TEST_CASE("bad width lists are refused with the rule", "[config][widths][errors]") {
  const std::string rule = ": units per hidden layer must be a whole number in [1, 256], or a comma list of up to 20 "
                           "of them, one per layer";
  for (const char* bad : {"8,0", "8,,4", "8,4,", "8,257", "8,x", "8;4"}) {
    ParseResult r = parse_config(std::string("width=") + bad);
    INFO(bad);
    if (std::string(bad) == "8;4") {  // ';' separates items: width=8, then the item '4'
      CHECK_FALSE(r.ok);
      continue;
    }
    REQUIRE_FALSE(r.ok);
    CHECK(r.error == std::string("width=") + bad + rule);
  }
  std::string many = "width=2";
  for (int i = 0; i < 20; ++i) many += ",2";  // 21 layers: more than depth allows
  CHECK_FALSE(parse_config(many).ok);
  CHECK_FALSE(parse_config("depth=0&width=4,4").ok);
}

TEST_CASE("changing depth alone on a width list is refused the same way", "[config][widths][errors]") {
  Config c = parse_config("width=8,4").config;
  CHECK(set_config_value(c, "depth", "3").find("width=8,4 lists 2 hidden layers but depth=3") == 0);
  CHECK(c.depth == 2);  // nothing half-applies
  CHECK(set_config_value(c, "width", "5,5,3").empty());
  CHECK(c.depth == 3);
}

TEST_CASE("uniform widths draw the same weights through either make_mlp", "[network][widths]") {
  Rng a(3, 2), b(3, 2);
  Mlp<float> one = make_mlp<float>(2, 3, 8, 1, Act::relu, Init::he, 0.0, 0.01, a);
  Mlp<float> list = make_mlp<float>(2, std::vector<int>{8, 8, 8}, 1, Act::relu, Init::he, 0.0, 0.01, b);
  for (size_t l = 0; l < one.layers.size(); ++l) CHECK(one.layers[l].W == list.layers[l].W);
}

TEST_CASE("records of a mixed-width net: one entry per layer, shares in whole units", "[training][widths]") {
  ParseResult r = parse_config("data=spiral&width=16,4&opt=adam&lr=0.05&seed=2");
  REQUIRE(r.ok);
  Lab lab(r.config);
  lab.step(300);
  const Record& rec = lab.record();
  REQUIRE(rec.layers.size() == 2);
  CHECK(lab.record_length() == kRecordHeader + 2 * kLayerFields);
  CHECK(lab.log().size() == size_t(lab.record_length()));
  for (int l = 0; l < 2; ++l) {
    const double units = l == 0 ? 16 : 4;
    for (float share : {rec.layers[l].dead, rec.layers[l].always_on}) {
      INFO("layer " << l + 1 << " share " << share);
      CHECK(std::abs(share * units - std::round(share * units)) < 1e-5);
    }
    CHECK(rec.layers[l].w_norm == Approx(lab.net().layers[l].W.norm()));
  }
}
