// The lab: one config's data set, network, optimizer and records. It trains in
// mini-batches and measures on the whole training set. The CLI and the browser
// bindings both drive this class; neither adds numerics of its own.
// Not here: parsing (config.hpp), printing, timing.
#pragma once
#include <array>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "config.hpp"
#include "data.hpp"
#include "network.hpp"
#include "optim.hpp"
#include "record_log.hpp"
#include "rng.hpp"
#include "stats.hpp"

namespace relu {

class Lab {
 public:
  // config must come from parse_config (valid). With `staged`, the weights are allocated
  // but drawn later, init_some() at a time (the page: a 20 x 256 net is 1.3 million normal
  // draws, tens of ms, too long for one task); every member that trains or measures
  // draws the rest first, so a staged lab gives the same numbers as one built at once.
  explicit Lab(const Config& config, bool staged = false);

  // Draws up to `chunks` x kInitChunk of the initial weights still to draw, in the order
  // initial_net draws them (same seed, same stream: the same net, bit for bit). Returns
  // true once every weight is drawn (at once for a lab that is not staged).
  bool init_some(long chunks);
  bool initialized() const { return init_layer_ >= int(net_.layers.size()); }

  // n mini-batch updates (a step in progress is finished first and counts as one);
  // stops early (and stays stopped) at divergence.
  void step(int n);
  // Bounded work: a step over a batch of b samples is ceil(b / step_chunk()) chunks,
  // whose gradients are summed in sample order before the one update. This runs up to
  // `steps` whole steps but at most `chunks` chunks, leaving the last step half-done if
  // the chunks run out (the next call goes on with it). Returns the steps completed.
  // Chunk sizes depend only on the config, so any split of the work into calls gives
  // the same numbers, bit for bit (the page and the CLI agree).
  long train(long steps, long chunks);
  bool step_in_progress() const { return step_size_ > 0; }
  int step_chunk() const { return step_chunk_; }      // samples per training chunk
  int record_chunk() const { return record_chunk_; }  // samples per record chunk
  int chunks_per_step() const;                        // ceil(batch / step_chunk())
  int map_chunk() const { return map_chunk_; }        // cells per plane evaluation call (decision and unit maps)
  // Multiply-adds of one training step (the batch's forward and backward) and of one record
  // (the training and test sets): what makes a configuration heavy, from the config alone.
  double step_work() const;
  double record_work() const;
  long chunks_run() const { return chunks_run_; }     // training chunks so far (for timing)
  // Divergence is decided here, once, by the training step: a non-finite batch loss or a
  // non-finite parameter after an update. That step's record is appended at once, with
  // every statistic NaN (a NaN net has no accuracy, no active share), so it exists
  // whatever the record interval; record() and record_some() then return it.
  // Measures now and appends the record to the flat log.
  const Record& record();
  // The same record, record_chunk() samples at a time (training set, then test set):
  // measures up to `chunks` chunks of the record in progress, starting one if none.
  // Returns true when the record is complete and appended. An update in between
  // abandons it (the weights it measured are gone); a half-done step does not.
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
  const std::vector<float>& log() const { return log_.data(); }  // flat records (stats.hpp), thinned
  const RecordLog& record_log() const { return log_; }              // record_log.hpp: the thinning rule
  int record_length() const { return kRecordHeader + kLayerFields * config_.depth; }

  // The network's output on arbitrary 2-D points (for decision-boundary maps):
  // probability of class 1, and a hash of the hidden on/off pattern per point
  // (points with one hash lie in one linear region of the network). A point whose
  // output is NaN or Inf has probability NaN and hash 0, which no region has: a
  // diverged net has no decision map and no regions.
  void eval_points(const Mat<float>& x, std::vector<float>& prob, std::vector<uint32_t>& pattern) const;
  // The first output on arbitrary inputs (for the curve panel: the fitted y(x) of data=curve).
  void eval_outputs(const Mat<float>& x, std::vector<float>& y) const;

  // Per hidden layer, per unit, from the last complete record (empty before one).
  const std::vector<UnitStats>& unit_stats() const { return units_; }

 private:
  void build();
  void finish_init() { init_some(std::numeric_limits<long>::max()); }
  void replace_data();  // new points for data=custom; the weights and the optimizer go on
  void begin_step();
  void step_chunk_work();
  void finish_step();
  void append(const Record& r);

  Config config_;
  Loss loss_;
  Split data_;
  Mat<float> y_train_, y_test_;  // targets, outputs x samples
  Mlp<float> net_;
  Optimizer optimizer_;
  Rng batch_rng_;
  std::vector<int> order_;  // the epoch's shuffled sample order
  size_t cursor_ = 0;
  int step_chunk_ = 1, record_chunk_ = 1, map_chunk_ = 1;
  // Staged weights (init_some): the next weight to draw is row-major index init_next_ of
  // layer init_layer_'s W, from init_rng_ (initial_net's stream).
  bool staged_ = false;
  Rng init_rng_{0, 2};
  int init_layer_ = 0;
  long init_next_ = 0;
  long chunks_run_ = 0;
  // The step in progress: its samples are order_[step_from_, step_from_ + step_size_).
  size_t step_from_ = 0;
  int step_size_ = 0;             // 0: no step in progress
  int step_done_ = 0;             // samples already in the gradient
  float step_loss_ = 0;           // the batch's mean loss, summed over chunks (a step of several)
  bool step_loss_finite_ = true;  // whether the batch's loss is finite: a step that breaks it diverges
  Arr<float> loss_work_;          // the loss gradient's room (bce_gradient_finite), kept between steps
  Transposes transposes_;         // the weights' W^T, made by a step's first chunk, used by all
  float step_l1_ = 0, step_l2_ = 0;  // the penalties when the step began
  Mat<float> yb_;           // the current chunk's targets (its inputs: cache_.h[0])
  Cache<float> cache_;
  Grads<float> grads_;      // one chunk's gradient
  Grads<float> sum_;        // the step's gradient so far (several chunks)
  Mat<float> dlogits_;
  long step_ = 0;
  bool diverged_ = false;
  Record last_;
  RecordLog log_;
  std::vector<UnitStats> units_;          // per-unit statistics of the last record
  std::unique_ptr<Measurement> pending_;  // the record in progress, if any
  int pending_column_ = 0;                // next column: training set first, then test set
};

// Bounded work per chunk: a chunk of training or of a record is at most about
// kChunkWork multiply-adds (forward and backward), so that one chunk of the largest
// accepted net (20 x 256: 4 samples) takes a few milliseconds in the browser (about 7 ms
// on this project's 2-core machine; 2^25, 8 samples, took 14-20 ms, too close to a 50 ms
// task once drawing and a loaded machine are added). Fewer samples per chunk would cost
// more per sample: below 4, the matrix products become matrix-vector products. Sizes
// follow from the config alone, never from timing, so a record's and a step's numbers
// do not depend on how many chunks a frame had time for.
constexpr long kChunkWork = 1L << 24;
// Weights drawn per init_some chunk: 2^16 normal draws, one 256 x 256 layer, a few ms.
constexpr long kInitChunk = 1L << 16;
// Records are measured at most 64 samples at a time (small nets: as before).
constexpr int kRecordChunkMax = 64;
// Multiply-adds of one sample's forward and backward pass: each weight is used once
// forward, once for its gradient and once to carry the error back.
long sample_work(const Mlp<float>& net);
// Samples per chunk: as many as fit in kChunkWork, at least 1, at most `cap`.
int chunk_samples(const Mlp<float>& net, int cap);
// Points per plane evaluation (a map's cells): forward only, so each point costs one
// multiply-add per weight; as many as fit in kChunkWork, at least 1.
int map_cells(const Mlp<float>& net);

// The network a run of this config starts from: its weights drawn from the config's
// seed (stream 2), exactly as Lab builds them.
Mlp<float> initial_net(const Config& config);

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

// Targets for a loss: one-hot columns, or one row of 0/1 for a single output.
Mat<float> make_targets(const std::vector<int>& labels, int outputs);
// The same for a data set; a regression set's targets are its real values.
Mat<float> make_targets(const Dataset& d, int outputs);

// The data set a config describes (generated, decoded or the digits), split.
Split config_data(const Config& c);

}  // namespace relu
