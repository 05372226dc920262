// The config schema table, its parser and validator, and the presets.
#include "config.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "custom_data.hpp"
#include "decimal.hpp"
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {
namespace {

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& p : preset_table()) names.push_back(p.name);
  return names;
}

std::vector<std::string> act_names() {
  std::vector<std::string> names;
  for (const auto& row : activation_table()) names.push_back(row.name);
  return names;
}

// Shortest decimal text that reads back as the same double (no printf in the wasm),
// with the exponent unpadded: 1e-6, not 1e-06.
std::string format_number(double v) {
  std::string out = format_decimal(v);
  const size_t e = out.find('e');
  if (e != std::string::npos) {
    const size_t digits = e + 2;  // past 'e' and its sign
    while (digits + 1 < out.size() && out[digits] == '0') out.erase(digits, 1);
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}


bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

const KeySpec* find_key(const std::string& name) {
  for (const auto& k : config_schema())
    if (name == k.name) return &k;
  return nullptr;
}

int index_of(const std::vector<std::string>& names, const std::string& v) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == v) return int(i);
  return -1;
}

// Checks one value against its key's rule; on success stores it in c.
bool apply_value(const KeySpec& k, const std::string& value, Config& c, std::string* error) {
  const std::string item = std::string(k.name) + "=" + printable(value);
  double number = 0;
  int choice = -1;
  std::vector<int> list;  // a list key's entries, when it has more than one
  switch (k.type) {
    case KeyType::integer: {
      std::vector<std::string> entries = {value};
      if (key_takes_list(k)) {
        entries.clear();
        for (size_t a = 0;;) {
          size_t comma = value.find(',', a);
          entries.push_back(value.substr(a, comma == std::string::npos ? std::string::npos : comma - a));
          if (comma == std::string::npos) break;
          a = comma + 1;
        }
      }
      const int max_entries = int(find_key("depth")->max);
      for (const std::string& e : entries) {
        if (!parse_whole(e, &number) || number < k.min || number > k.max || int(entries.size()) > max_entries) {
          *error = item + ": " + k.help + " must be a whole number in " + range_text(k) +
                   (key_takes_list(k) ? ", or a comma list of up to " + std::to_string(max_entries) + " of them, one per layer" : "");
          return false;
        }
        list.push_back(int(number));
      }
      if (list.size() == 1) list.clear();
      break;
    }
    case KeyType::real: {
      // Plain decimal text only (no hex, inf or nan): cpp/decimal.hpp. A nonzero value too
      // small for float32 to notice (lr=1e-50 is 0 in float) is refused.
      const bool decimal = parse_decimal(value, &number) && std::isfinite(number);
      if (decimal && number == 0) number = 0.0;  // -0 is 0 (and prints as 0)
      const bool tiny = decimal && number != 0 && std::abs(number) < kSmallestReal;
      if (!decimal || tiny || !(k.min_open ? number > k.min : number >= k.min) || number > k.max) {
        *error = item + ": " + k.help + " must be a number in " + range_text(k) +
                 (tiny && k.min <= 0 ? ", and 0 or at least " + format_number(kSmallestReal) + " in size (float32 would not notice less)" : "");
        return false;
      }
      break;
    }
    case KeyType::choice:
      choice = index_of(k.choices, value);
      if (choice < 0) {
        *error = item + ": " + k.help + " must be one of " + join(k.choices, ", ");
        return false;
      }
      break;
    case KeyType::text:
      if (std::string(k.name) == "custom") {
        std::vector<LabeledPoint> points;
        std::string why = decode_points(value, &points);
        if (!why.empty()) {
          *error = item + ": " + why;
          return false;
        }
      }
      break;
  }
  const std::string name = k.name;
  if (name == "preset") c.preset = value;
  else if (name == "data") c.data = DataKind(choice);
  else if (name == "points") c.points = int(number);
  else if (name == "noise") c.noise = number;
  else if (name == "test") c.test = number;
  else if (name == "seed") c.seed = uint32_t(number);
  else if (name == "depth") c.depth = int(number);
  else if (name == "target") c.target = CurveTarget(choice);
  else if (name == "width") {
    c.widths = list;  // several entries: one per layer (depth follows, see resolve_widths)
    c.width = list.empty() ? int(number) : list[0];
  }
  else if (name == "residual") c.residual = int(number);
  else if (name == "act") act_from_name(value, &c.act);
  else if (name == "alpha") c.alpha = number;
  else if (name == "init") c.init = Init(choice);
  else if (name == "bias") c.bias = number;
  else if (name == "loss") c.loss = Loss(choice);
  else if (name == "opt") c.opt = Opt(choice);
  else if (name == "lr") c.lr = number;
  else if (name == "batch") c.batch = int(number);
  else if (name == "l1") c.l1 = number;
  else if (name == "l2") c.l2 = number;
  else if (name == "custom") c.custom = value;
  return true;
}

// The current value of a key as text (the inverse of apply_value).
std::string value_text(const Config& c, const std::string& name) {
  if (name == "preset") return c.preset;
  if (name == "data") return data_name(c.data);
  if (name == "points") return std::to_string(c.points);
  if (name == "noise") return format_number(c.noise);
  if (name == "test") return format_number(c.test);
  if (name == "seed") return std::to_string(c.seed);
  if (name == "depth") return std::to_string(c.depth);
  if (name == "target") return curve_target_names()[int(c.target)];
  if (name == "width") {
    if (c.widths.empty()) return std::to_string(c.width);
    std::string s;
    for (size_t i = 0; i < c.widths.size(); ++i) s += (i ? "," : "") + std::to_string(c.widths[i]);
    return s;
  }
  if (name == "residual") return std::to_string(c.residual);
  if (name == "act") return act_name(c.act);
  if (name == "alpha") return format_number(c.alpha);
  if (name == "init") return init_names()[int(c.init)];
  if (name == "bias") return format_number(c.bias);
  if (name == "loss") return loss_names()[int(c.loss)];
  if (name == "opt") return opt_names()[int(c.opt)];
  if (name == "lr") return format_number(c.lr);
  if (name == "batch") return std::to_string(c.batch);
  if (name == "l1") return format_number(c.l1);
  if (name == "l2") return format_number(c.l2);
  if (name == "custom") return c.custom;
  return "";
}

// A width list sets the depth. Given both, they must agree: a list of 3 widths
// with depth=2 is refused, naming both keys, rather than one silently winning.
// depth_given: depth was set by the user (not by a preset). A list of equal
// widths is stored as one number, so each net has one canonical text.
bool resolve_widths(Config& c, bool depth_given, std::string* error) {
  if (c.widths.empty()) return true;
  const int n = int(c.widths.size());
  if (depth_given && c.depth != n) {
    *error = "width=" + value_text(c, "width") + " lists " + std::to_string(n) + " hidden layers but depth=" +
             std::to_string(c.depth) + "; give one width per layer, or leave out depth (a width list sets it)";
    return false;
  }
  c.depth = n;
  if (std::all_of(c.widths.begin(), c.widths.end(), [&](int w) { return w == c.widths[0]; })) {
    c.width = c.widths[0];
    c.widths.clear();
  }
  return true;
}
// points' default depends on the data: 400 for the 2-D sets, every row for digits
// (so `relu-lab run data=digits` trains on the whole set, as the page's figure does).
int default_points(DataKind d) { return d == DataKind::digits ? kDigitsRows : 400; }

// Rules that involve two keys.
bool check_combination(const Config& c, std::string* error) {
  if (c.data == DataKind::custom) {
    std::vector<LabeledPoint> points;
    decode_points(c.custom, &points);  // valid: apply_value checked it
    if (int(points.size()) < kCustomMinPoints) {
      *error = "data=custom: custom= holds " + points_text(points.size()) + "; at least " +
               std::to_string(kCustomMinPoints) + " are needed (add points on the map, or load a CSV)";
      return false;
    }
  }
  if (c.data == DataKind::curve && (c.loss == Loss::bce || c.loss == Loss::ce)) {
    *error = std::string("loss=") + loss_names()[int(c.loss)] +
             ": data=curve is a regression task (real-valued targets, no classes); use loss=mse or auto";
    return false;
  }
  if (c.data == DataKind::digits && c.points > kDigitsRows) {
    *error = "points=" + std::to_string(c.points) + ": data=digits has " + std::to_string(kDigitsRows) +
             " images; use points in [10, " + std::to_string(kDigitsRows) + "]";
    return false;
  }
  if (c.data == DataKind::digits && c.loss == Loss::bce) {
    *error = "loss=bce: binary cross-entropy needs two classes, but data=digits has 10; use loss=ce, mse or auto";
    return false;
  }
  return true;
}

std::vector<std::string> split_items(const std::string& text) {
  std::vector<std::string> items;
  std::string cur;
  for (char ch : text) {
    if (ch == '&' || ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == ';') {
      if (!cur.empty()) items.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) items.push_back(cur);
  return items;
}

}  // namespace

std::string range_text(const KeySpec& k) {
  return std::string(k.min_open ? "(" : "[") + format_number(k.min) + ", " + format_number(k.max) + "]";
}

bool parse_whole(const std::string& text, double* out) {
  // [-]digits, at most 12 characters: no spaces, no '+', no "-0", no exponent, no hex.
  const size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
  bool ok = text.size() > start && text.size() <= 12;
  bool nonzero = false;
  for (size_t i = start; ok && i < text.size(); ++i) {
    ok = is_digit(text[i]);
    nonzero = nonzero || text[i] != '0';
  }
  if (!ok || (start && !nonzero)) return false;
  return parse_decimal(text, out);  // digits only: exact
}


// Decodes one UTF-8 sequence at s[i]; returns its length (0: not valid UTF-8).
static size_t utf8_at(const std::string& s, size_t i, uint32_t* cp) {
  const unsigned char c = s[i];
  const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t v = n == 1 ? c : c & (0x7f >> n);
  for (size_t k = 1; k < n; ++k) {
    const unsigned char d = s[i + k];
    if ((d >> 6) != 2) return 0;
    v = (v << 6) | (d & 0x3f);
  }
  static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < least[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0;  // overlong, too big, surrogate
  *cp = v;
  return n;
}

std::string printable(const std::string& value, size_t max_chars) {
  // One character of the value as a message shows it (web/state.js escapeChar: the
  // same rule): named escapes, \u{..} for controls and bidi, \x{..} for a non-UTF-8 byte.
  const char* hex = "0123456789abcdef";
  auto braced = [&](std::string& out, const char* prefix, uint32_t v) {
    out += prefix;
    bool any = false;
    for (int d = 7; d >= 0; --d) {
      const uint32_t digit = (v >> (4 * d)) & 15;
      if (digit || any || d == 0) { out += hex[digit]; any = true; }
    }
    out += '}';
  };
  std::string shown;
  size_t chars = 0;
  bool plain = true;
  for (size_t i = 0; i < value.size(); ++chars) {
    uint32_t cp = 0;
    const size_t n = utf8_at(value, i, &cp);
    const bool control = n && (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
                               (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029);
    plain = plain && n && !control;
    if (chars < max_chars) {
      if (n == 0) braced(shown, "\\x{", (unsigned char)value[i]);
      else if (cp == '\n') shown += "\\n";
      else if (cp == '\r') shown += "\\r";
      else if (cp == '\t') shown += "\\t";
      else if (control) braced(shown, "\\u{", cp);
      else shown.append(value, i, n);
    }
    i += n ? n : 1;
  }
  if (plain && chars <= max_chars) return value;  // short and safe: as typed
  if (chars <= max_chars) return "'" + shown + "'";
  return "'" + shown + "\xe2\x80\xa6' (" + std::to_string(chars) + " characters)";  // U+2026
}

std::string quoted(const std::string& value, size_t max_chars) {
  const std::string shown = printable(value, max_chars);
  return shown == value ? "'" + value + "'" : shown;  // printable quotes all but plain values
}

const std::vector<std::string>& init_names() {
  static const std::vector<std::string> n = {"he", "xavier", "lecun", "small", "zero"};
  return n;
}
const std::vector<std::string>& loss_names() {
  static const std::vector<std::string> n = {"auto", "bce", "ce", "mse"};
  return n;
}
const std::vector<std::string>& opt_names() {
  static const std::vector<std::string> n = {"sgd", "momentum", "adam"};
  return n;
}

const std::vector<KeySpec>& config_schema() {
  using K = KeyType;
  static const std::vector<KeySpec> schema = {
      {"preset", K::choice, "", 0, 0, false, preset_names(), "preset (later keys override it)"},
      {"data", K::choice, "circle", 0, 0, false, data_names(), "data set"},
      {"target", K::choice, "sine", 0, 0, false, curve_target_names(), "the function data=curve samples"},
      {"points", K::integer, "400", 10, 5000, false, {},
       "number of samples before the split (digits: all 1797 unless set; not for data=custom)"},
      {"noise", K::real, "0.1", 0, 1, false, {}, "noise (sd) of the 2-D sets' positions and of curve's targets"},
      {"test", K::real, "0.2", 0, 0.5, false, {}, "held-out test fraction"},
      {"seed", K::integer, "1", 0, 2147483647, false, {}, "seed for data, weights and batch order"},
      {"depth", K::integer, "2", 0, 20, false, {}, "number of hidden layers"},
      {"width", K::integer, "8", 1, 256, false, {}, "units per hidden layer"},
      {"residual", K::integer, "0", 0, 1, false, {},
       "skip connections (1: h_l = h_(l-1) + f(z_l) between equal-width hidden layers)"},
      {"act", K::choice, "relu", 0, 0, false, act_names(), "activation of the hidden units"},
      {"alpha", K::real, "0.01", 0, 1, false, {}, "negative slope of leaky, initial slope of prelu"},
      {"init", K::choice, "he", 0, 0, false, init_names(), "weight initialisation"},
      {"bias", K::real, "0", -1, 1, false, {}, "initial bias of the hidden units"},
      {"loss", K::choice, "auto", 0, 0, false, loss_names(), "loss (auto: ce for digits, mse for curve, else bce)"},
      {"opt", K::choice, "sgd", 0, 0, false, opt_names(), "optimizer"},
      {"lr", K::real, "0.1", kSmallestReal, 10, false, {}, "learning rate"},
      {"batch", K::integer, "32", 1, 5000, false, {}, "mini-batch size (capped at the training set)"},
      {"l1", K::real, "0", 0, 1, false, {}, "L1 penalty on hidden activations"},
      {"l2", K::real, "0", 0, 1, false, {}, "L2 weight decay"},
      // Last, so that links read their short keys first. At most 5,000 points (20,000 characters).
      {"custom", K::text, "", 0, 0, false, {}, "data=custom's points (4 base64url characters each)"},
  };
  return schema;
}

ParseResult parse_config(const std::vector<std::string>& items) {
  ParseResult r;
  Config c;
  std::vector<std::pair<const KeySpec*, std::string>> pairs;
  for (const std::string& item : items) {
    size_t eq = item.find('=');
    if (eq == std::string::npos) {
      r.error = quoted(item) + ": expected KEY=VALUE (see 'relu-lab schema' for the keys)";
      return r;
    }
    std::string key = item.substr(0, eq);
    const KeySpec* spec = find_key(key);
    if (!spec) {
      std::vector<std::string> known;
      for (const auto& k : config_schema()) known.push_back(k.name);
      r.error = "unknown key " + quoted(key) + "; known keys: " + join(known, ", ");
      return r;
    }
    pairs.emplace_back(spec, item.substr(eq + 1));
  }
  // The preset first, so that every other key overrides it wherever it stands.
  bool points_given = false;
  for (const auto& kv : pairs) {
    if (std::string(kv.first->name) != "preset") continue;
    if (!apply_value(*kv.first, kv.second, c, &r.error)) return r;
  }
  if (!c.preset.empty()) {
    for (const auto& p : preset_table())
      if (c.preset == p.name)
        for (const std::string& item : split_items(p.settings)) {
          size_t eq = item.find('=');
          apply_value(*find_key(item.substr(0, eq)), item.substr(eq + 1), c, &r.error);
          points_given = points_given || item.substr(0, eq) == "points";
        }
  }
  bool depth_given = false;
  for (const auto& kv : pairs) {
    if (std::string(kv.first->name) == "preset") continue;
    if (!apply_value(*kv.first, kv.second, c, &r.error)) return r;
    depth_given = depth_given || std::string(kv.first->name) == "depth";
    points_given = points_given || std::string(kv.first->name) == "points";
  }
  if (!resolve_widths(c, depth_given, &r.error)) return r;
  if (!points_given) c.points = default_points(c.data);
  if (!check_combination(c, &r.error)) return r;
  r.ok = true;
  r.config = c;
  return r;
}

ParseResult parse_config(const std::string& text) { return parse_config(split_items(text)); }

std::string set_config_value(Config& c, const std::string& key, const std::string& value) {
  const KeySpec* spec = find_key(key);
  if (!spec) return "unknown key " + quoted(key);
  Config next = c;
  std::string error;
  if (!apply_value(*spec, value, next, &error) || !resolve_widths(next, key == "depth", &error) ||
      !check_combination(next, &error))
    return error;
  c = next;
  return "";
}

std::string config_to_text(const Config& c) {
  // Two bases: the preset alone for `data`, and the preset with this data for the rest,
  // since points' default follows the data (data=digits alone means all 1797 rows).
  const std::string preset = c.preset.empty() ? "" : "preset=" + c.preset + "&";
  const Config base = parse_config(preset).config;
  const Config base_with_data = parse_config(preset + "data=" + data_name(c.data)).config;
  std::vector<std::string> items;
  if (!c.preset.empty()) items.push_back("preset=" + c.preset);
  for (const auto& k : config_schema()) {
    const std::string name = k.name;
    if (name == "preset") continue;
    std::string v = value_text(c, name);
    if (v != value_text(name == "data" ? base : base_with_data, name)) items.push_back(name + "=" + v);
  }
  return join(items, "&");
}

std::string config_to_full_text(const Config& c) {
  std::vector<std::string> items;
  for (const auto& k : config_schema()) {
    std::string v = value_text(c, k.name);
    if (!v.empty()) items.push_back(std::string(k.name) + "=" + v);  // no preset: no item
  }
  return join(items, "&");
}

bool key_takes_list(const KeySpec& k) { return std::string(k.name) == "width"; }

std::vector<int> layer_widths(const Config& c) {
  return c.widths.empty() ? std::vector<int>(c.depth, c.width) : c.widths;
}

bool config_is_regression(const Config& c) { return c.data == DataKind::curve; }
int config_inputs(const Config& c) { return c.data == DataKind::digits ? 64 : c.data == DataKind::curve ? 1 : 2; }
int config_classes(const Config& c) { return c.data == DataKind::digits ? 10 : config_is_regression(c) ? 0 : 2; }
Loss resolved_loss(const Config& c) {
  if (c.loss != Loss::automatic) return c.loss;
  return c.data == DataKind::digits ? Loss::ce : config_is_regression(c) ? Loss::mse : Loss::bce;
}
int config_outputs(const Config& c) {
  if (config_is_regression(c)) return 1;
  int k = config_classes(c);
  return (k == 2 && resolved_loss(c) != Loss::ce) ? 1 : k;
}

}  // namespace relu

RELU_COLD_CODE_END
