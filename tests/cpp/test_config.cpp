// The config schema: defaults, presets, overrides, and every error a user can reach.
#include <catch2/catch.hpp>

#include "config.hpp"
#include "lab.hpp"

using namespace relu;

static std::string error_of(const std::string& text) {
  ParseResult r = parse_config(text);
  CHECK_FALSE(r.ok);
  return r.error;
}

TEST_CASE("an empty config gives the schema's defaults", "[config]") {
  ParseResult r = parse_config("");
  REQUIRE(r.ok);
  CHECK(r.config.data == DataKind::circle);
  CHECK(r.config.depth == 2);
  CHECK(r.config.lr == 0.1);
  CHECK(config_to_text(r.config) == "");
  // Each schema default parses back to the same config.
  for (const KeySpec& k : config_schema()) {
    if (!*k.fallback) continue;
    ParseResult d = parse_config(std::string(k.name) + "=" + k.fallback);
    INFO(k.name);
    CHECK(d.ok);
    CHECK(config_to_text(d.config) == "");
  }
}

TEST_CASE("items separate by &, spaces or new lines; the last repeat wins", "[config]") {
  ParseResult r = parse_config("lr=0.5&depth=3 act=tanh\nlr=0.25");
  REQUIRE(r.ok);
  CHECK(r.config.lr == 0.25);
  CHECK(r.config.depth == 3);
  CHECK(r.config.act == Act::tanh);
}

TEST_CASE("a preset applies first and later keys override it, wherever they stand", "[config]") {
  ParseResult a = parse_config("lr=0.05&preset=dead-relu");
  REQUIRE(a.ok);
  CHECK(a.config.lr == 0.05);      // overrides the preset's lr=1
  CHECK(a.config.depth == 4);      // from the preset
  CHECK(a.config.preset == "dead-relu");
  CHECK(config_to_text(a.config) == "preset=dead-relu&lr=0.05");
}

TEST_CASE("every preset parses, is valid and has a description", "[config][presets]") {
  for (const Preset& p : preset_table()) {
    INFO(p.name);
    ParseResult r = parse_config(std::string("preset=") + p.name);
    CHECK(r.ok);
    CHECK(std::string(p.description).size() > 10);
    // Its own settings, without the preset name, give the same config.
    ParseResult s = parse_config(p.settings);
    CHECK(s.ok);
    Config without_name = r.config;
    without_name.preset = "";
    CHECK(config_to_full_text(s.config) == config_to_full_text(without_name));
  }
}

TEST_CASE("data=digits without points uses all 1797 rows; with points, as many as asked", "[config][digits]") {
  ParseResult all = parse_config("data=digits");
  REQUIRE(all.ok);
  CHECK(all.config.points == kDigitsRows);  // a terminal user gets the whole set, not 400 of it
  CHECK(config_to_text(all.config) == "data=digits");
  ParseResult some = parse_config("data=digits&points=400");
  REQUIRE(some.ok);
  CHECK(some.config.points == 400);
  // 400 is the 2-D sets' default but not digits': it must survive a round trip.
  CHECK(config_to_text(some.config) == "data=digits&points=400");
  CHECK(parse_config(config_to_text(some.config)).config.points == 400);
  // Whichever order the keys come in, and through a preset that sets no points.
  CHECK(parse_config("points=300 data=digits").config.points == 300);
  CHECK(parse_config("preset=vanishing data=digits").config.points == kDigitsRows);
  CHECK(parse_config("data=circle").config.points == 400);
}

TEST_CASE("residual is 0 or 1, off by default, and reaches the network", "[config][residual]") {
  CHECK(parse_config("").config.residual == 0);
  ParseResult r = parse_config("residual=1&depth=4");
  REQUIRE(r.ok);
  CHECK(config_to_text(r.config) == "depth=4&residual=1");
  Lab lab(r.config);
  CHECK(lab.net().residual);
  CHECK_FALSE(lab.net().skips(0));
  CHECK(lab.net().skips(1));
  CHECK(error_of("residual=2") ==
        "residual=2: skip connections (1: h_l = h_(l-1) + f(z_l) between equal-width hidden layers) must be a whole "
        "number in [0, 1]");
}

TEST_CASE("text round-trips through config_to_text", "[config]") {
  ParseResult r = parse_config("data=spiral&points=123&noise=0.07&seed=99&act=prelu&alpha=0.25&init=lecun&bias=0.1&"
                               "loss=mse&opt=adam&lr=0.003&batch=7&l1=0.001&l2=0.0001&depth=5&width=13&test=0.3");
  REQUIRE(r.ok);
  std::string text = config_to_text(r.config);
  ParseResult back = parse_config(text);
  REQUIRE(back.ok);
  CHECK(config_to_text(back.config) == text);
  CHECK(back.config.lr == 0.003);
  CHECK(back.config.noise == 0.07);
}

TEST_CASE("bad input is refused with the key, the value and the rule", "[config][errors]") {
  CHECK(error_of("foo=1").find("unknown key 'foo'; known keys: preset, data,") == 0);
  CHECK(error_of("depth") == "'depth': expected KEY=VALUE (see 'relu-lab schema' for the keys)");
  CHECK(error_of("lr=-1") == "lr=-1: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("lr=0") == "lr=0: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("lr=abc") == "lr=abc: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("lr=") == "lr=: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("lr=nan") == "lr=nan: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("lr=1e9") == "lr=1e9: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("lr=0.1x") == "lr=0.1x: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("lr=0x1") == "lr=0x1: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("lr=inf") == "lr=inf: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("depth=2.5") == "depth=2.5: number of hidden layers must be a whole number in [0, 20]");
  CHECK(error_of("depth=21") == "depth=21: number of hidden layers must be a whole number in [0, 20]");
  CHECK(error_of("width=0") == "width=0: units per hidden layer must be a whole number in [1, 256], or a comma list of up to 20 of "
                                 "them, one per layer");
  CHECK(error_of("seed=-3") == "seed=-3: seed for data, weights and batch order must be a whole number in [0, 2147483647]");
  CHECK(error_of("points=99999999999999") .find("points=99999999999999: ") == 0);
  CHECK(error_of("act=swish") == "act=swish: activation of the hidden units must be one of relu, leaky, prelu, elu, "
                                 "softplus, gelu, silu, sigmoid, tanh, linear");
  CHECK(error_of("data=mnist").find("data=mnist: data set must be one of circle, xor, gauss, spiral, noise, digits") == 0);
  CHECK(error_of("init=glorot").find("must be one of he, xavier, lecun, small, zero") != std::string::npos);
  CHECK(error_of("opt=rmsprop").find("must be one of sgd, momentum, adam") != std::string::npos);
  CHECK(error_of("loss=hinge").find("must be one of auto, bce, ce, mse") != std::string::npos);
  CHECK(error_of("preset=nope").find("preset=nope: preset (later keys override it) must be one of lab, shapes,") == 0);
  CHECK(error_of("noise=2") == "noise=2: noise (sd) of the 2-D sets' positions and of curve's targets must be a number in [0, 1]");
  CHECK(error_of("test=0.9") == "test=0.9: held-out test fraction must be a number in [0, 0.5]");
  CHECK(error_of("alpha=-0.1").find("alpha=-0.1: ") == 0);
  CHECK(error_of("bias=5").find("bias=5: ") == 0);
  CHECK(error_of("batch=0").find("batch=0: ") == 0);
  CHECK(error_of("l1=-1").find("l1=-1: ") == 0);
  CHECK(error_of("l2=2").find("l2=2: ") == 0);
  CHECK(error_of("data=digits&points=5000") == "points=5000: data=digits has 1797 images; use points in [10, 1797]");
  CHECK(error_of("data=digits&loss=bce") ==
        "loss=bce: binary cross-entropy needs two classes, but data=digits has 10; use loss=ce, mse or auto");
}

TEST_CASE("output size and loss follow the data set", "[config]") {
  Config c;
  CHECK(resolved_loss(c) == Loss::bce);
  CHECK(config_outputs(c) == 1);
  c.data = DataKind::digits;
  CHECK(resolved_loss(c) == Loss::ce);
  CHECK(config_outputs(c) == 10);
  CHECK(config_inputs(c) == 64);
  c.data = DataKind::circle;
  c.loss = Loss::ce;
  CHECK(config_outputs(c) == 2);
}

TEST_CASE("a lab changes lr, opt, l1, l2 and batch mid-run, and refuses the rest", "[config][lab]") {
  Lab lab(parse_config("depth=1&width=4").config);
  CHECK(lab.set("lr", "0.5") == "");
  CHECK(lab.config().lr == 0.5);
  CHECK(lab.set("opt", "adam") == "");
  CHECK(lab.config().opt == Opt::adam);
  CHECK(lab.set("batch", "8") == "");
  CHECK(lab.set("lr", "-2") == "lr=-2: learning rate must be a number in [1e-6, 10]");
  CHECK(lab.config().lr == 0.5);  // nothing half-applied
  // One key only: a value cannot smuggle in others, and text that is not a number is refused.
  CHECK(lab.set("lr", "0.05&depth=5").find("lr=0.05&depth=5: learning rate must be") == 0);
  CHECK(lab.config().depth == 1);
  CHECK(lab.config().lr == 0.5);
  CHECK(lab.set("batch", "0") == "batch=0: mini-batch size (capped at the training set) must be a whole number in [1, 5000]");
  CHECK(lab.set("depth", "3") ==
        "depth: cannot change mid-run; only lr, opt, l1, l2, batch and custom can (reset to change the others)");
  lab.step(5);
  CHECK(lab.steps() == 5);
}

TEST_CASE("printable: as typed when plain, else quoted with escapes and cut with the length", "[config][messages]") {
  CHECK(printable("relu") == "relu");
  CHECK(printable("") == "");
  CHECK(printable("1\n") == "'1\\n'");
  CHECK(printable("a\tb\rc") == "'a\\tb\\rc'");
  CHECK(printable("1\x1b]0;pwned\x07") == "'1\\u{1b}]0;pwned\\u{7}'");
  CHECK(printable("\x7f") == "'\\u{7f}'");
  CHECK(printable("\xc2\x9b" "31m") == "'\\u{9b}31m'");                  // C1 CSI, as UTF-8
  CHECK(printable("a\xe2\x80\xae" "cba") == "'a\\u{202e}cba'");          // right-to-left override
  CHECK(printable("\xff\xfe") == "'\\x{ff}\\x{fe}'");                     // not UTF-8
  CHECK(printable("\xc0\xaf") == "'\\x{c0}\\x{af}'");                     // overlong '/'
  CHECK(printable("\xe5\xad\xa6\xe4\xb9\xa0") == "\xe5\xad\xa6\xe4\xb9\xa0");  // Chinese stays as it is
  CHECK(printable(std::string(10000, '9')) == "'" + std::string(40, '9') + "\xe2\x80\xa6' (10000 characters)");
  CHECK(printable(std::string(40, 'x')) == std::string(40, 'x'));
  CHECK(printable("abcdef", 3) == "'abc\xe2\x80\xa6' (6 characters)");
  // The messages that echo values use it (items as the CLI passes them: text would split at ';').
  auto error_of_item = [](const std::string& item) { return parse_config(std::vector<std::string>{item}).error; };
  CHECK(error_of_item("seed=1\x1b]0;t\x07") ==
        "seed='1\\u{1b}]0;t\\u{7}': seed for data, weights and batch order must be a whole number in [0, 2147483647]");
  CHECK(error_of_item("\x1b[2J=1").find("unknown key '\\u{1b}[2J'; known keys") == 0);
  CHECK(error_of_item("lr\n").find("'lr\\n': expected KEY=VALUE") == 0);
  CHECK(quoted("foo") == "'foo'");
}

TEST_CASE("number rules: whole numbers and decimals, the same for values and flags", "[config]") {
  double v = 0;
  for (const char* ok : {"0", "5", "-3", "007", "2147483647"}) CHECK(parse_whole(ok, &v));
  for (const char* bad : {"", " 5", "5 ", "+5", "-0", "-", "1e3", "0x10", "1.0", "1234567890123", "５"}) {
    INFO(bad);
    CHECK_FALSE(parse_whole(bad, &v));
  }
  for (const char* ok : {"0.1", ".5", "5.", "1e-3", "+5", "-1"}) CHECK(parse_decimal(ok, &v));
  for (const char* bad : {"", " 1", "0x0.1p0", "inf", "nan", "1,5", "1e"}) {
    INFO(bad);
    CHECK_FALSE(parse_decimal(bad, &v));
  }
  CHECK(error_of("lr=1e999") == "lr=1e999: learning rate must be a number in [1e-6, 10]");
  CHECK(!std::signbit(parse_config("bias=-0").config.bias));  // -0 reads as 0
  CHECK(error_of("lr=1e-50") == "lr=1e-50: learning rate must be a number in [1e-6, 10]");
  CHECK(error_of("l1=1e-9") == "l1=1e-9: L1 penalty on hidden activations must be a number in [0, 1], and 0 or at least "
                               "1e-6 in size (float32 would not notice less)");
  CHECK(error_of("depth=-0") == "depth=-0: number of hidden layers must be a whole number in [0, 20]");
  CHECK(parse_config("lr=1e-6&l2=1e-6&bias=-0").ok);
  CHECK(config_to_text(parse_config("l2=0.00001&bias=-0").config) == "l2=1e-5");
}
