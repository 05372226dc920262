// The lab: one config's data set, network, optimizer and records. It trains in
// mini-batches and measures on the whole training set. The CLI and the browser
// bindings both drive this class; neither adds numerics of its own.
// Not here: parsing (config.hpp), printing, timing.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "config.hpp"
#include "data.hpp"
#include "network.hpp"
#include "optim.hpp"
#include "stats.hpp"

namespace relu {

class Lab {
 public:
  explicit Lab(const Config& config);  // config must come from parse_config (valid)

  // n mini-batch updates; stops early (and stays stopped) at the first NaN or Inf.
  void step(int n);
  // Measures now and appends the record to the flat log.
  const Record& record();
  // The same record, kRecordChunk samples at a time (training set, then test set):
  // measures up to `chunks` chunks of the record in progress, starting one if none.
  // Returns true when the record is complete and appended. A step in between
  // abandons it (the weights it measured are gone).
  bool record_some(int chunks);
  // Same seed: the same data, the same initial weights, the same batch order.
  void reset();
  // Keys that can change mid-run without rebuilding (lr, opt, l1, l2, batch);
  // returns "" or the same error message as parse_config.
  std::string set(const std::string& key, const std::string& value);

  long steps() const { return step_; }
  bool diverged() const { return diverged_; }
  const Config& config() const { return config_; }
  const Split& data() const { return data_; }
  const Mlp<float>& net() const { return net_; }
  Loss loss() const { return loss_; }
  const std::vector<float>& log() const { return log_; }  // flat records (stats.hpp)
  int record_length() const { return kRecordHeader + kLayerFields * config_.depth; }

  // The network's output on arbitrary 2-D points (for decision-boundary maps):
  // probability of class 1, and a hash of the hidden on/off pattern per point
  // (points with one hash lie in one linear region of the network).
  void eval_points(const Mat<float>& x, std::vector<float>& prob, std::vector<uint32_t>& pattern) const;
  // The first output on arbitrary inputs (for the curve panel: the fitted y(x) of data=curve).
  void eval_outputs(const Mat<float>& x, std::vector<float>& y) const;

  // Per hidden layer, per unit, from the last complete record (empty before one).
  const std::vector<UnitStats>& unit_stats() const { return units_; }

 private:
  void build();
  void replace_data();  // new points for data=custom; the weights and the optimizer go on
  void next_batch();

  Config config_;
  Loss loss_;
  Split data_;
  Mat<float> y_train_, y_test_;  // targets, outputs x samples
  Mlp<float> net_;
  Optimizer optimizer_;
  Rng batch_rng_;
  std::vector<int> order_;  // the epoch's shuffled sample order
  size_t cursor_ = 0;
  Mat<float> xb_, yb_;      // the current mini-batch
  Cache<float> cache_;
  Grads<float> grads_;
  Mat<float> dlogits_;
  long step_ = 0;
  bool diverged_ = false;
  Record last_;
  std::vector<float> log_;
  std::vector<UnitStats> units_;          // per-unit statistics of the last record
  std::unique_ptr<Measurement> pending_;  // the record in progress, if any
  int pending_column_ = 0;                // next column: training set first, then test set
};

// The keys Lab::set can change mid-run (the rest rebuild the lab): the one list,
// which the bindings hand to the page.
// custom: data=custom's points change under the same weights (the reader adds or erases
// points on the map and training goes on); a link to the new points starts from step 0.
constexpr std::array<const char*, 6> kLiveKeys = {"lr", "opt", "l1", "l2", "batch", "custom"};
bool is_live_key(const std::string& key);

// What a plane evaluation should return besides the class-1 probability.
struct PlaneRequest {
  bool pattern = false;   // the FNV-1a hash of every hidden unit's on/off bit (the regions panel)
  std::vector<int> units; // hidden units (flat index: layer 1's units first) whose on/off bits to return
};

// The result for n points: prob[n]; pattern[n] if asked; and for each requested
// unit k, words_per_unit 32-bit words where bit (i % 32) of word k*words + i/32 is
// [z > 0] at point i.
struct PlaneEval {
  std::vector<float> prob;
  std::vector<uint32_t> pattern;
  std::vector<uint32_t> bits;
  int words_per_unit = 0;
};

// The network on points x (2 x n), forward only: one layer's activations at a
// time, nothing kept for a backward pass.
void eval_plane(const Mlp<float>& net, Loss loss, const Mat<float>& x, const PlaneRequest& want, PlaneEval& out);

// Samples per record chunk: fixed, so a record's numbers do not depend on how
// many chunks a frame had time for (the page and the CLI sum in the same order).
constexpr int kRecordChunk = 64;

// Targets for a loss: one-hot columns, or one row of 0/1 for a single output.
Mat<float> make_targets(const std::vector<int>& labels, int outputs);
// The same for a data set; a regression set's targets are its real values.
Mat<float> make_targets(const Dataset& d, int outputs);

// The data set a config describes (generated, decoded or the digits), split.
Split config_data(const Config& c);

}  // namespace relu
