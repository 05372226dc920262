// The one config schema: every key a link, an element attribute or a CLI
// argument can set, with its default, its accepted values and a help line.
// Parsing and validation live here so all three surfaces give the same
// numbers and the same error messages. Not here: what the keys do.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "activations.hpp"
#include "data.hpp"
#include "decimal.hpp"
#include "network.hpp"

namespace relu {

enum class Opt { sgd, momentum, adam };

struct Config {
  std::string preset;  // "" when none
  DataKind data = DataKind::circle;
  int points = 400;
  double noise = 0.1;
  double test = 0.2;
  uint32_t seed = 1;
  CurveTarget target = CurveTarget::sine;  // data=curve's function
  int depth = 2;
  int width = 8;                // units of every hidden layer, unless `widths` lists them
  std::vector<int> widths;      // per-layer units (width=8,8,4): then depth == widths.size(); else empty
  int residual = 0;  // 1: h_l = h_{l-1} + f(z_l) between equal-width hidden layers
  Act act = Act::relu;
  double alpha = 0.01;
  Init init = Init::he;
  double bias = 0.0;
  Loss loss = Loss::automatic;
  Opt opt = Opt::sgd;
  double lr = 0.1;
  int batch = 32;
  double l1 = 0.0;
  double l2 = 0.0;
  std::string custom;           // data=custom's points, in custom_data.hpp's code ("" for none)
};

enum class KeyType { integer, real, choice, text };

struct KeySpec {
  const char* name;
  KeyType type;
  const char* fallback;               // default, as text
  double min, max;                    // integer and real: accepted range
  bool min_open;                      // real: min excluded, e.g. lr in (0, 10]
  std::vector<std::string> choices;   // choice: accepted names
  const char* help;
};

const std::vector<KeySpec>& config_schema();

struct ParseResult {
  bool ok = false;
  std::string error;  // one line: the key, the value, the rule
  Config config;
};

// text: KEY=VALUE items separated by '&', spaces or new lines (so a URL hash,
// an attribute list and CLI arguments all fit). preset=NAME is applied first,
// then the other keys in order; the last of a repeated key wins.
ParseResult parse_config(const std::string& text);
ParseResult parse_config(const std::vector<std::string>& items);

// Validates and sets one key of an existing config (no text pasting: a value
// holding '&' cannot smuggle in other keys). Returns "" or the error message.
std::string set_config_value(Config& c, const std::string& key, const std::string& value);

// The accepted range of a number key, as messages write it: "[0, 20]", "(0, 60]".
std::string range_text(const KeySpec& k);

// The number rules of every surface (config values, CLI flags): whole numbers are
// [-]digits (no '+', no spaces, no "-0", at most 12 characters); reals are plain
// decimal text, parse_decimal (decimal.hpp: no hex, inf, nan or spaces). False when
// the text breaks the rule.
bool parse_whole(const std::string& text, double* out);
// Nonzero reals below this are refused: float32 training would not see them (lr=1e-50
// is 0 in float, and an update of 1e-7 of a weight is below float's resolution).
constexpr double kSmallestReal = 1e-6;

// A value as messages show it (the rule of web/state.js showValue, so the CLI's stderr
// and the page's alert box agree): as typed when short and plain; otherwise in single
// quotes, with control and bidi characters as escapes (\n, \u{1b}, \u{202e}), bytes
// that are not UTF-8 as \x{ff}, and cut to max_chars characters with an ellipsis and
// the full length: '999…' (10000 characters). A message stays one line that cannot
// drive a terminal or reverse its reading order.
std::string printable(const std::string& value, size_t max_chars = 40);
// The same, always in quotes (web/state.js quoteValue): 'foo'.
std::string quoted(const std::string& value, size_t max_chars = 40);

// Only the keys that differ from the defaults, in schema order, '&'-separated.
std::string config_to_text(const Config& c);
// Every key, in schema order.
std::string config_to_full_text(const Config& c);

// Keys whose value may be a comma list, one entry per hidden layer (width).
bool key_takes_list(const KeySpec& k);

// What the network looks like for this config.
std::vector<int> layer_widths(const Config& c);  // units per hidden layer, depth entries
int config_inputs(const Config& c);
int config_classes(const Config& c);
Loss resolved_loss(const Config& c);  // loss=auto: ce for digits, mse for curve, bce otherwise
int config_outputs(const Config& c);  // 1 for two classes (bce, mse) and for curve, else one per class
bool config_is_regression(const Config& c);  // data=curve: real targets, no classes, no accuracy

const std::vector<std::string>& init_names();
const std::vector<std::string>& loss_names();
const std::vector<std::string>& opt_names();

struct Preset {
  const char* name;
  const char* description;
  const char* settings;  // KEY=VALUE&... over the defaults
};
const std::vector<Preset>& preset_table();

}  // namespace relu
