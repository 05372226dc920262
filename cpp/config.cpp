// The config schema table, its parser and validator, and the presets.
#include "config.hpp"

#include <cmath>
#include <map>

#include "decimal.hpp"

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

// Shortest decimal text that reads back as the same double (no printf in the wasm).
std::string format_number(double v) { return format_decimal(v); }

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string range_text(const KeySpec& k) {
  return std::string(k.min_open ? "(" : "[") + format_number(k.min) + ", " + format_number(k.max) + "]";
}

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
  const std::string item = std::string(k.name) + "=" + value;
  double number = 0;
  int choice = -1;
  switch (k.type) {
    case KeyType::integer: {
      bool digits = !value.empty() && value.size() <= 12;
      for (size_t i = 0; i < value.size(); ++i)
        digits = digits && ((value[i] >= '0' && value[i] <= '9') || (i == 0 && value[i] == '-' && value.size() > 1));
      if (!digits || !parse_decimal(value, &number)) number = NAN;
      if (!digits || number < k.min || number > k.max) {
        *error = item + ": " + k.help + " must be a whole number in " + range_text(k);
        return false;
      }
      break;
    }
    case KeyType::real: {
      // Plain decimal text only (no hex, inf or nan): cpp/decimal.hpp.
      bool ok = parse_decimal(value, &number) && std::isfinite(number) &&
                (k.min_open ? number > k.min : number >= k.min) && number <= k.max;
      if (!ok) {
        *error = item + ": " + k.help + " must be a number in " + range_text(k);
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
    case KeyType::text: break;
  }
  const std::string name = k.name;
  if (name == "preset") c.preset = value;
  else if (name == "data") c.data = DataKind(choice);
  else if (name == "points") c.points = int(number);
  else if (name == "noise") c.noise = number;
  else if (name == "test") c.test = number;
  else if (name == "seed") c.seed = uint32_t(number);
  else if (name == "depth") c.depth = int(number);
  else if (name == "width") c.width = int(number);
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
  if (name == "width") return std::to_string(c.width);
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
  return "";
}

// Rules that involve two keys.
bool check_combination(const Config& c, std::string* error) {
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
      {"points", K::integer, "400", 10, 5000, false, {}, "number of samples before the split"},
      {"noise", K::real, "0.1", 0, 1, false, {}, "position noise (sd) of the 2-D sets"},
      {"test", K::real, "0.2", 0, 0.5, false, {}, "held-out test fraction"},
      {"seed", K::integer, "1", 0, 2147483647, false, {}, "seed for data, weights and batch order"},
      {"depth", K::integer, "2", 0, 20, false, {}, "number of hidden layers"},
      {"width", K::integer, "8", 1, 256, false, {}, "units per hidden layer"},
      {"act", K::choice, "relu", 0, 0, false, act_names(), "activation of the hidden units"},
      {"alpha", K::real, "0.01", 0, 1, false, {}, "negative slope of leaky, initial slope of prelu"},
      {"init", K::choice, "he", 0, 0, false, init_names(), "weight initialisation"},
      {"bias", K::real, "0", -1, 1, false, {}, "initial bias of the hidden units"},
      {"loss", K::choice, "auto", 0, 0, false, loss_names(), "loss (auto: ce for digits, else bce)"},
      {"opt", K::choice, "sgd", 0, 0, false, opt_names(), "optimizer"},
      {"lr", K::real, "0.1", 0, 10, true, {}, "learning rate"},
      {"batch", K::integer, "32", 1, 5000, false, {}, "mini-batch size (capped at the training set)"},
      {"l1", K::real, "0", 0, 1, false, {}, "L1 penalty on hidden activations"},
      {"l2", K::real, "0", 0, 1, false, {}, "L2 weight decay"},
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
      r.error = "'" + item + "': expected KEY=VALUE (see 'relu-lab schema' for the keys)";
      return r;
    }
    std::string key = item.substr(0, eq);
    const KeySpec* spec = find_key(key);
    if (!spec) {
      std::vector<std::string> known;
      for (const auto& k : config_schema()) known.push_back(k.name);
      r.error = "unknown key '" + key + "'; known keys: " + join(known, ", ");
      return r;
    }
    pairs.emplace_back(spec, item.substr(eq + 1));
  }
  // The preset first, so that every other key overrides it wherever it stands.
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
        }
  }
  for (const auto& kv : pairs) {
    if (std::string(kv.first->name) == "preset") continue;
    if (!apply_value(*kv.first, kv.second, c, &r.error)) return r;
  }
  if (!check_combination(c, &r.error)) return r;
  r.ok = true;
  r.config = c;
  return r;
}

ParseResult parse_config(const std::string& text) { return parse_config(split_items(text)); }

std::string set_config_value(Config& c, const std::string& key, const std::string& value) {
  const KeySpec* spec = find_key(key);
  if (!spec) return "unknown key '" + key + "'";
  Config next = c;
  std::string error;
  if (!apply_value(*spec, value, next, &error) || !check_combination(next, &error)) return error;
  c = next;
  return "";
}

std::string config_to_text(const Config& c) {
  Config base;
  std::vector<std::string> items;
  if (!c.preset.empty()) {
    base = parse_config("preset=" + c.preset).config;
    items.push_back("preset=" + c.preset);
  }
  for (const auto& k : config_schema()) {
    if (std::string(k.name) == "preset") continue;
    std::string v = value_text(c, k.name);
    if (v != value_text(base, k.name)) items.push_back(std::string(k.name) + "=" + v);
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

int config_inputs(const Config& c) { return c.data == DataKind::digits ? 64 : 2; }
int config_classes(const Config& c) { return c.data == DataKind::digits ? 10 : 2; }
Loss resolved_loss(const Config& c) {
  if (c.loss != Loss::automatic) return c.loss;
  return c.data == DataKind::digits ? Loss::ce : Loss::bce;
}
int config_outputs(const Config& c) {
  int k = config_classes(c);
  return (k == 2 && resolved_loss(c) != Loss::ce) ? 1 : k;
}

}  // namespace relu
