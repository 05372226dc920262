// Born dead: the structural test against the lab's own records, the cases with a
// known answer, and the table's shape against depth and width.
#include <catch2/catch.hpp>

#include "born_dead.hpp"
#include "lab.hpp"

using namespace relu;

static Config config_of(const std::string& text) {
  ParseResult r = parse_config(text);
  REQUIRE(r.ok);
  return r.config;
}

TEST_CASE("a relu net is born dead exactly when its step-0 record has a layer dead for every input",
          "[born_dead]") {
  // The record's `dead` is the share of units with z <= 0 for every training input;
  // a whole layer at 1 is a layer entirely off. Both measure the same fresh net.
  int dead_nets = 0;
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    Config c = config_of("depth=10 width=3 seed=" + std::to_string(seed));
    Lab lab(c);
    const Record& r = lab.record();
    bool layer_off = false;
    for (const LayerStats& s : r.layers) layer_off = layer_off || s.dead == 1.0f;
    INFO("seed " << seed);
    CHECK(born_dead(c) == layer_off);
    if (layer_off) CHECK(r.path_share == 0.0f);  // no input has an open path to the output
    dead_nets += layer_off;
  }
  CHECK(dead_nets > 5);  // the check above must have seen both answers
  CHECK(dead_nets < 40);
}

TEST_CASE("known answers: zero weights kill relu, a positive bias saves it, smooth activations never die",
          "[born_dead]") {
  CHECK(born_dead(config_of("init=zero depth=3")));            // every z = 0: relu(0) = 0
  CHECK_FALSE(born_dead(config_of("init=zero bias=0.1 depth=3")));  // every z = 0.1 > 0
  for (const char* act : {"sigmoid", "tanh", "softplus", "elu", "gelu", "silu", "leaky"}) {
    INFO(act);
    CHECK(born_dead_cell(config_of(std::string("act=") + act), 10, 2, 40).dead == 0);
  }
}

TEST_CASE("born dead grows with depth and falls with width (relu, He init, circle)", "[born_dead]") {
  const Config c = config_of("");
  const BornDeadCell narrow = born_dead_cell(c, 10, 2, 40);
  CHECK(narrow.dead == 40);  // width 2, depth 10: every one of the 40 nets
  CHECK(narrow.share() == 1.0);
  CHECK(born_dead_cell(c, 20, 8, 40).dead <= 1);
  const int shallow = born_dead_cell(c, 5, 4, 40).dead, deep = born_dead_cell(c, 20, 4, 40).dead;
  CHECK(shallow < deep);
  CHECK(born_dead_cell(c, 20, 16, 40).dead <= born_dead_cell(c, 20, 4, 40).dead);
}

TEST_CASE("skips rescue a narrow deep net: only layer 1, whose input is x, can cut it off", "[born_dead][residual]") {
  const int plain = born_dead_cell(config_of(""), 20, 4, 40).dead;
  const int skips = born_dead_cell(config_of("residual=1"), 20, 4, 40).dead;
  CHECK(skips < plain);
  CHECK(skips == born_dead_cell(config_of(""), 1, 4, 40).dead);  // the same first layers: seed for seed
}
