// relu-lab: the native command line. It parses arguments through the one
// config schema, drives a Lab and prints its records as JSON lines or CSV.
// The only file with main() and the only one that prints.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "bench.hpp"
#include "born_dead.hpp"
#include "config.hpp"
#include "curve_shape.hpp"
#include "custom_data.hpp"
#include "digits_builtin.hpp"
#include "lab.hpp"

using namespace relu;

namespace {

const char* kUsage =
    "relu-lab: train small MLPs and print what ReLU Lab's page draws.\n"
    "\n"
    "usage:\n"
    "  relu-lab run [KEY=VALUE ...] [--data FILE.csv] [--steps N] [--every K] [--format jsonl|csv]\n"
    "      train and print one record at step 0 and every K steps (default: --steps 500 --every 50)\n"
    "      --data FILE.csv: your own points, rows x,y,label (label 0 or 1, at most 5000 rows); the same\n"
    "      as data=custom custom=CODE, the code the page puts in its link. Points outside [-1.6, 1.6]^2\n"
    "      are moved and scaled together (one factor) so that they span [-1, 1] on their longer side\n"
    "  relu-lab shape [KEY=VALUE ...] [--steps N]\n"
    "      a one-input net (data=curve) after N steps (default 500): the kink of each first-layer unit\n"
    "      and the count of linear pieces on [-1, 1], as one JSON object\n"
    "  relu-lab presets      list the presets: name, then a one-line description\n"
    "  relu-lab schema       list every KEY with its default, accepted values and meaning\n"
    "  relu-lab dump [KEY=VALUE ...] [--data FILE.csv]\n"
    "      print what a run starts from as one JSON object: the data set and the initial weights\n"
    "  relu-lab born-dead [KEY=VALUE ...] [--depths LIST] [--widths LIST] [--nets N] [--format table|jsonl]\n"
    "      for each depth x width, how many of N fresh nets (seeds 1..N, default 40) are born dead:\n"
    "      some hidden layer is off for every training input, so the output is constant\n"
    "      (KEY=VALUE sets act, init, bias, data, residual, ...; the grid sets seed, depth and width;\n"
    "      default grid: --depths 2,5,10,15,20 --widths 2,3,4,8,16)\n"
    "  relu-lab bench [--seconds S] [--format table|jsonl]\n"
    "      training steps/s at batch 64 and 100x100 grid time for three net sizes\n"
    "  relu-lab --help       this text ('relu-lab COMMAND --help' for one command)\n"
    "\n"
    "example: relu-lab run preset=dead-relu lr=0.1 --steps 200 --every 50\n"
    "exit status: 0 on success (a diverged run is a result), 1 when the output cannot be\n"
    "written, 2 on bad input.\n";

int bad_input(const std::string& message) {
  std::fprintf(stderr, "relu-lab: %s\n", message.c_str());
  return 2;
}

// Output goes through here: a failed write (a full disk, a closed stdout, a reader
// gone from the pipe while SIGPIPE is ignored) stops the command at the first line
// that could not be written, with one line on stderr and exit status 1.
bool output_failed = false;

void out(const std::string& text) {
  if (output_failed) return;
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    const int err = errno;
    output_failed = true;
    std::fprintf(stderr, "relu-lab: cannot write the output: %s\n", err ? std::strerror(err) : "write failed");
  }
}

int finish() { return output_failed ? 1 : 0; }

// --help: the usage on stdout, exit 0 (as any output, a failed write exits 1).
int usage() {
  out(kUsage);
  return finish();
}

// Floats print with 7 significant digits (all a float has); NaN/Inf as null or empty.
std::string num(double v, bool json) {
  if (!std::isfinite(v)) return json ? "null" : "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", v);
  return buf;
}

void print_jsonl(const Record& r) {
  std::string s = "{\"step\":" + std::to_string(r.step) + ",\"loss\":" + num(r.loss, true) +
                  ",\"test_loss\":" + num(r.test_loss, true) + ",\"acc\":" + num(r.acc, true) +
                  ",\"test_acc\":" + num(r.test_acc, true) + ",\"path_share\":" + num(r.path_share, true) +
                  ",\"diverged\":" + (r.diverged ? "true" : "false") + ",\"layers\":[";
  for (size_t l = 0; l < r.layers.size(); ++l) {
    const LayerStats& s0 = r.layers[l];
    const auto v = layer_values(s0);
    s += l ? ",{" : "{";
    for (int f = 0; f < kLayerFields; ++f)
      s += std::string(f ? "," : "") + "\"" + kLayerFieldNames[f] + "\":" + num(v[f], true);
    s += "}";
  }
  out(s + "]}\n");
}

void print_csv_header(int depth) {
  std::string s;
  for (int f = 0; f < kRecordHeader; ++f) s += std::string(f ? "," : "") + kRecordFields[f];
  for (int l = 1; l <= depth; ++l)
    for (int f = 0; f < kLayerFields; ++f) s += std::string(",") + kLayerFieldNames[f] + "_" + std::to_string(l);
  out(s + "\n");
}

void print_csv(const Record& r) {
  std::string s = std::to_string(r.step) + "," + num(r.loss, false) + "," + num(r.test_loss, false) + "," +
                  num(r.acc, false) + "," + num(r.test_acc, false) + "," + num(r.path_share, false) + "," +
                  (r.diverged ? "1" : "0");
  for (const LayerStats& s0 : r.layers)
    for (float v : layer_values(s0))
      s += "," + num(v, false);
  out(s + "\n");
}

// "--name VALUE" or "--name=VALUE"; advances i past what it used.
bool take_flag(const std::vector<std::string>& args, size_t& i, const std::string& name, std::string* value,
               std::string* error) {
  const std::string& a = args[i];
  if (a == name) {
    if (i + 1 >= args.size()) {
      *error = name + ": missing value";
      return true;
    }
    *value = args[++i];
    return true;
  }
  if (a.rfind(name + "=", 0) == 0) {
    *value = a.substr(name.size() + 1);
    return true;
  }
  return false;
}

// Flags follow the config values' number rules (config.hpp): " 5", "+5", "-0" and
// hex are refused here as they are in a link.
bool parse_count(const std::string& flag, const std::string& v, long lo, long hi, long* value, std::string* error) {
  double n = 0;
  if (!parse_whole(v, &n) || n < lo || n > hi) {
    *error = flag + "=" + printable(v) + ": must be a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    return false;
  }
  *value = long(n);
  return true;
}

// A command's flag: its name and what to do with its value ("" or the error message).
struct Flag {
  const char* name;
  std::function<std::string(const std::string&)> take;
};

// What a command's arguments came to: --help, an error, or the flags taken and the items.
enum class Args { ok, help, bad };

// The one loop over a command's arguments: --help/-h, "--name VALUE" or "--name=VALUE" for
// each of `flags`, and KEY=VALUE config items into *items (nullptr: the command takes none).
// Stops at the first --help or error, in argument order; `accepts` ends the unknown-flag line.
Args parse_args(const std::vector<std::string>& args, const std::vector<Flag>& flags, const std::string& accepts,
                std::vector<std::string>* items, std::string* error) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") return Args::help;
    const Flag* flag = nullptr;
    std::string value;
    for (const Flag& f : flags) {
      if (take_flag(args, i, f.name, &value, error)) {
        flag = &f;
        break;
      }
    }
    if (flag) {
      if (error->empty()) *error = flag->take(value);
      if (!error->empty()) return Args::bad;
    } else if (!items) {
      *error = "unknown argument " + quoted(args[i]) + "; " + accepts;
      return Args::bad;
    } else if (args[i].rfind("-", 0) == 0) {
      *error = "unknown flag " + quoted(args[i]) + "; " + accepts;
      return Args::bad;
    } else {
      items->push_back(args[i]);
    }
  }
  return Args::ok;
}

// Flag actions: a whole number in [lo, hi], one of some words, any text.
std::function<std::string(const std::string&)> count_into(const std::string& flag, long lo, long hi, long* value) {
  return [=](const std::string& v) {
    std::string error;
    parse_count(flag, v, lo, hi, value, &error);
    return error;
  };
}

std::function<std::string(const std::string&)> choice_into(const std::string& flag, std::vector<std::string> words,
                                                           std::string* value) {
  return [=](const std::string& v) {
    for (const std::string& w : words)
      if (v == w) {
        *value = v;
        return std::string();
      }
    std::string list;
    for (size_t i = 0; i < words.size(); ++i) list += (i ? ", " : "") + words[i];
    return flag + "=" + printable(v) + ": must be one of " + list;
  };
}

std::function<std::string(const std::string&)> text_into(std::string* value) {
  return [=](const std::string& v) {
    *value = v;
    return std::string();
  };
}

// --data FILE.csv: reads the file (the only file I/O) and turns it into the two
// config items the page would write. Returns "" or the error.
std::string csv_items(const std::string& file, std::vector<std::string>& items) {
  for (const std::string& item : items) {
    if (item.rfind("custom=", 0) == 0) return "--data " + quoted(file) + " and custom= both give the points; use one";
    if (item.rfind("data=", 0) == 0 && item != "data=custom")
      return "--data " + quoted(file) + " and " + quoted(item) + " disagree; --data means data=custom";
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return "--data " + quoted(file) + ": cannot read the file (" + std::strerror(errno) + ")";
  std::stringstream text;
  text << in.rdbuf();
  CsvPoints csv = parse_points_csv(text.str());
  std::string code;
  std::string error = csv.ok ? encode_points(csv.points, &code) : csv.error;
  if (!error.empty()) return quoted(file) + " " + error;
  if (csv.rescaled) {
    std::fprintf(stderr, "relu-lab: %s: points outside %s^2, rescaled: (x - %g, y - %g) * %g\n", quoted(file).c_str(),
                 custom_box_text().c_str(), csv.shift_x, csv.shift_y, csv.scale);
  }
  items.push_back("data=custom");
  items.push_back("custom=" + code);
  return "";
}

int cmd_run(const std::vector<std::string>& args) {
  long steps = 500, every = 50;
  std::string format = "jsonl", error, data_file;
  std::vector<std::string> items;
  const Args got = parse_args(args, {{"--steps", count_into("--steps", 0, 10000000, &steps)},
                                     {"--every", count_into("--every", 1, 10000000, &every)},
                                     {"--format", choice_into("--format", {"jsonl", "csv"}, &format)},
                                     {"--data", text_into(&data_file)}},
                              "run accepts --data FILE.csv, --steps N, --every K, --format jsonl|csv", &items, &error);
  if (got == Args::help) return usage();
  if (got == Args::bad) return bad_input(error);
  if (!data_file.empty() && !(error = csv_items(data_file, items)).empty()) return bad_input(error);
  ParseResult parsed = parse_config(items);
  if (!parsed.ok) return bad_input(parsed.error);

  Lab lab(parsed.config);
  const bool json = format == "jsonl";
  if (!json) print_csv_header(parsed.config.depth);
  auto emit = [&] {
    const Record& r = lab.record();
    json ? print_jsonl(r) : print_csv(r);
  };
  emit();
  while (lab.steps() < steps && !lab.diverged() && !output_failed) {
    lab.step(int(std::min(every, steps - lab.steps())));
    emit();
  }
  return finish();
}

// Floats with 9 significant digits: enough to read back the exact same float.
std::string exact(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", double(v));
  return buf;
}

std::string float_array(const float* data, Eigen::Index n) {
  std::string s = "[";
  for (Eigen::Index i = 0; i < n; ++i) s += (i ? "," : "") + exact(data[i]);
  return s + "]";
}

std::string dataset_json(const Dataset& d) {
  std::string s = "{\"dims\":" + std::to_string(d.x.rows()) + ",\"x\":" + float_array(d.x.data(), d.x.size()) + ",\"label\":[";
  for (size_t i = 0; i < d.label.size(); ++i) s += (i ? "," : "") + std::to_string(d.label[i]);
  return s + "]}";
}

int cmd_dump(const std::vector<std::string>& args) {
  std::vector<std::string> items;
  std::string data_file, error;
  const Args got = parse_args(args, {{"--data", text_into(&data_file)}}, "dump takes KEY=VALUE items and --data FILE.csv",
                              &items, &error);
  if (got == Args::help) return usage();
  if (got == Args::bad) return bad_input(error);
  if (!data_file.empty() && !(error = csv_items(data_file, items)).empty()) return bad_input(error);
  ParseResult parsed = parse_config(items);
  if (!parsed.ok) return bad_input(parsed.error);
  Lab lab(parsed.config);
  // x is column-major: sample by sample, dims values each. W is column-major too.
  std::string s = "{\"config\":\"" + config_to_full_text(parsed.config) + "\",\"train\":" + dataset_json(lab.data().train) +
                  ",\"test\":" + dataset_json(lab.data().test) + ",\"weights\":[";
  const auto& layers = lab.net().layers;
  for (size_t l = 0; l < layers.size(); ++l) s += (l ? "," : "") + float_array(layers[l].W.data(), layers[l].W.size());
  out(s + "]}\n");
  return finish();
}

int cmd_shape(const std::vector<std::string>& args) {
  long steps = 500;
  std::string error;
  std::vector<std::string> items;
  const Args got = parse_args(args, {{"--steps", count_into("--steps", 0, 10000000, &steps)}}, "shape accepts --steps N",
                              &items, &error);
  if (got == Args::help) return usage();
  if (got == Args::bad) return bad_input(error);
  ParseResult parsed = parse_config(items);
  if (!parsed.ok) return bad_input(parsed.error);
  if (config_inputs(parsed.config) != 1)
    return bad_input(std::string("data=") + data_name(parsed.config.data) + ": shape needs a one-input net; use data=curve");
  Lab lab(parsed.config);
  lab.step(int(steps));
  const Record& r = lab.record();
  const CurveShape shape = curve_shape(lab.net(), -1.0, 1.0);
  std::string s = "{\"step\":" + std::to_string(r.step) + ",\"loss\":" + num(r.loss, true) +
                  ",\"test_loss\":" + num(r.test_loss, true) + ",\"pieces\":" + std::to_string(shape.pieces) +
                  ",\"exact\":" + (shape.exact ? "true" : "false") + ",\"kinks\":[";
  for (size_t i = 0; i < shape.kinks.size(); ++i) s += (i ? "," : "") + num(shape.kinks[i], true);
  s += "],\"breaks\":[";
  for (size_t i = 0; i < shape.breaks.size(); ++i) s += (i ? "," : "") + num(shape.breaks[i], true);
  out(s + "]}\n");
  return finish();
}

// "2,5,10": whole numbers in [lo, hi], comma-separated.
bool parse_list(const std::string& flag, const std::string& v, long lo, long hi, std::vector<int>* out,
                std::string* error) {
  out->clear();
  size_t start = 0;
  while (start <= v.size()) {
    size_t comma = v.find(',', start);
    std::string item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    long n = 0;
    if (!parse_count(flag, item, lo, hi, &n, error)) {
      *error = flag + "=" + v + ": must be a comma list of whole numbers in [" + std::to_string(lo) + ", " +
               std::to_string(hi) + "]";
      return false;
    }
    out->push_back(int(n));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return true;
}

int cmd_born_dead(const std::vector<std::string>& args) {
  std::vector<int> depths = born_dead_depths(), widths = born_dead_widths();
  long nets = kBornDeadNets;
  std::string format = "table", error;
  std::vector<std::string> items;
  auto list_into = [](const std::string& flag, long lo, long hi, std::vector<int>* list) {
    return [=](const std::string& v) {
      std::string error;
      parse_list(flag, v, lo, hi, list, &error);
      return error;
    };
  };
  const Args got = parse_args(args, {{"--depths", list_into("--depths", 1, 20, &depths)},
                                     {"--widths", list_into("--widths", 1, 256, &widths)},
                                     {"--nets", count_into("--nets", 1, 1000, &nets)},
                                     {"--format", choice_into("--format", {"table", "jsonl"}, &format)}},
                              "born-dead accepts --depths LIST, --widths LIST, --nets N, --format table|jsonl", &items, &error);
  if (got == Args::help) return usage();
  if (got == Args::bad) return bad_input(error);
  ParseResult parsed = parse_config(items);
  if (!parsed.ok) return bad_input(parsed.error);
  const Config& c = parsed.config;
  const bool table = format == "table";
  if (table) {
    out("born dead: of " + std::to_string(nets) + " fresh nets (seeds 1-" + std::to_string(nets) +
        "), how many have a hidden layer that is off for every\ntraining input (so the output is constant). act=" +
        act_name(c.act) + " init=" + init_names()[int(c.init)] + " bias=" + num(c.bias, false) +
        " residual=" + std::to_string(c.residual) + " data=" + data_name(c.data) + "\n\n");
    std::string head = "| depth \\ width |", rule = "\n|---:|";
    for (int w : widths) {
      head += " " + std::to_string(w) + " |";
      rule += "---:|";
    }
    out(head + rule + "\n");
  }
  // One line per depth (table) or per cell (jsonl), written as soon as it is known; a
  // failed write stops here, before the next cell's nets are built.
  for (size_t di = 0; di < depths.size() && !output_failed; ++di) {
    const int d = depths[di];
    std::string row = table ? "| " + std::to_string(d) + " |" : "";
    for (size_t wi = 0; wi < widths.size() && !output_failed; ++wi) {
      const int w = widths[wi];
      const BornDeadCell cell = born_dead_cell(c, d, w, int(nets));
      if (table) {
        row += " " + std::to_string(cell.dead) + "/" + std::to_string(cell.nets) + " |";
      } else {
        out("{\"depth\":" + std::to_string(d) + ",\"width\":" + std::to_string(w) + ",\"dead\":" +
            std::to_string(cell.dead) + ",\"nets\":" + std::to_string(cell.nets) + ",\"share\":" +
            num(cell.share(), true) + "}\n");
      }
    }
    if (table) out(row + "\n");
  }
  return finish();
}

std::string padded(const std::string& s, size_t width) { return s + std::string(width > s.size() ? width - s.size() : 0, ' '); }

int cmd_presets() {
  for (const Preset& p : preset_table()) out(padded(p.name, 18) + " " + p.description + "\n");
  return finish();
}

int cmd_schema() {
  for (const KeySpec& k : config_schema()) {
    std::string accepted;
    if (k.type == KeyType::choice) {
      for (size_t i = 0; i < k.choices.size(); ++i) accepted += (i ? "|" : "") + k.choices[i];
    } else if (k.type == KeyType::text) {
      accepted = "text: up to " + std::to_string(kCustomMaxPoints) + " points, " +
                 std::to_string(kCustomCharsPerPoint) + " characters each (or run --data FILE.csv)";
    } else {
      accepted = std::string(k.type == KeyType::integer ? "integer " : "number ") + range_text(k);  // exact: 2147483647
      if (key_takes_list(k)) accepted += ", or a comma list (one per hidden layer; sets depth)";
    }
    out(padded(k.name, 7) + " default=" + padded(*k.fallback ? k.fallback : "(none)", 7) + " " + k.help + "\n        " +
        accepted + "\n");
  }
  return finish();
}

int cmd_bench(const std::vector<std::string>& args) {
  double seconds = 1.0;
  std::string format = "table", error;
  auto seconds_into = [&seconds](const std::string& v) {
    return parse_decimal(v, &seconds) && seconds > 0 && seconds <= 60
               ? std::string()
               : "--seconds=" + printable(v) + ": must be a number in (0, 60]";
  };
  const Args got = parse_args(args, {{"--seconds", seconds_into}, {"--format", choice_into("--format", {"table", "jsonl"}, &format)}},
                              "bench accepts --seconds S, --format table|jsonl", nullptr, &error);
  if (got == Args::help) return usage();
  if (got == Args::bad) return bad_input(error);
  if (format == "table") out("| net | steps/s (batch 64) | minimal step's steps/s | 100x100 grid (ms) |\n|---|---:|---:|---:|\n");
  for (const BenchCase& c : bench_cases()) {
    if (output_failed) break;
    double sps = bench_steps_per_second(c.depth, c.width, seconds);
    double ref = bench_reference_steps_per_second(c.depth, c.width, seconds);
    double ms = bench_grid_ms(c.depth, c.width, seconds / 2);
    char line[200];
    if (format == "table") std::snprintf(line, sizeof line, "| %s | %.0f | %.0f | %.2f |\n", c.name.c_str(), sps, ref, ms);
    else std::snprintf(line, sizeof line, "{\"net\":\"%s\",\"steps_per_s\":%.1f,\"ref_steps_per_s\":%.1f,\"grid_ms\":%.3f}\n", c.name.c_str(), sps, ref, ms);
    out(line);
  }
  return finish();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string digits_error = use_builtin_digits();
  if (!digits_error.empty()) {  // a broken build, not bad input
    std::fprintf(stderr, "relu-lab: %s\n", digits_error.c_str());
    return 1;
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {  // nothing to do is bad input: usage on stderr, exit 2
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") return usage();
  std::string cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  bool wants_help = !rest.empty() && (rest[0] == "--help" || rest[0] == "-h");
  if (cmd == "run") return cmd_run(rest);
  if (cmd == "presets" || cmd == "schema") {
    if (wants_help) return usage();
    if (!rest.empty()) return bad_input("'" + cmd + "' takes no arguments, got " + quoted(rest[0]));
    return cmd == "presets" ? cmd_presets() : cmd_schema();
  }
  if (cmd == "bench") return cmd_bench(rest);
  if (cmd == "dump") return cmd_dump(rest);
  if (cmd == "shape") return cmd_shape(rest);
  if (cmd == "born-dead") return cmd_born_dead(rest);
  return bad_input("unknown command " + quoted(cmd) + "; commands: run, shape, presets, schema, dump, born-dead, bench (try --help)");
}
