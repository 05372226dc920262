// The lab: builds data, net and optimizer from a config, trains in mini-batches,
// and appends a record of the whole training set on request.
#include "lab.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>

#include "custom_data.hpp"
#include "cold_code.hpp"

namespace relu {

RELU_COLD Mat<float> make_targets(const std::vector<int>& labels, int outputs) {
  Mat<float> y = Mat<float>::Zero(outputs, int(labels.size()));
  for (int i = 0; i < int(labels.size()); ++i) {
    if (outputs == 1) y(0, i) = float(labels[i]);
    else y(labels[i], i) = 1.0f;
  }
  return y;
}

RELU_COLD Mat<float> make_targets(const Dataset& d, int outputs) {
  if (d.target.empty()) return make_targets(d.label, outputs);
  return Eigen::Map<const Mat<float>>(d.target.data(), 1, Eigen::Index(d.target.size()));  // regression: y itself
}

RELU_COLD Split config_data(const Config& c) {
  switch (c.data) {
    case DataKind::curve: return make_curve_data(c.target, c.points, c.noise, c.test, c.seed);
    case DataKind::custom: {
      std::vector<LabeledPoint> points;
      decode_points(c.custom, &points);  // valid: parse_config checked it
      return make_point_data(points, c.test, c.seed);
    }
    default: return make_data(c.data, c.points, c.noise, c.test, c.seed);
  }
}

long sample_work(const Mlp<float>& net) {
  long weights = 0;
  for (const auto& layer : net.layers) weights += long(layer.W.size());
  return 3 * weights;
}

int chunk_samples(const Mlp<float>& net, int cap) {
  const long fit = kChunkWork / std::max(1L, sample_work(net));
  return int(std::max(1L, std::min(long(std::max(1, cap)), fit)));
}

int map_cells(const Mlp<float>& net) {
  long weights = 0;
  for (const auto& layer : net.layers) weights += long(layer.W.size());
  return int(std::max(1L, kChunkWork / std::max(1L, weights)));
}

Lab::Lab(const Config& config, bool staged)
    : config_(config), loss_(resolved_loss(config)), optimizer_(config.opt, Mlp<float>{}),
      batch_rng_(config.seed, 3), staged_(staged) {
  build();
}

RELU_COLD Mlp<float> initial_net(const Config& c) {
  Rng init_rng(c.seed, 2);
  Mlp<float> net = make_mlp<float>(config_inputs(c), layer_widths(c), config_outputs(c), c.act, c.init, c.bias,
                                   c.alpha, init_rng);
  net.residual = c.residual == 1;
  return net;
}

RELU_COLD bool Lab::init_some(long chunks) {
  const long limit = chunks >= std::numeric_limits<long>::max() / kInitChunk ? std::numeric_limits<long>::max()
                                                                              : chunks * kInitChunk;
  for (long drawn = 0; drawn < limit && !initialized();) {
    Layer<float>& layer = net_.layers[init_layer_];
    const long rows = layer.W.rows(), cols = layer.W.cols(), size = rows * cols;
    // make_mlp's draw: W(i, j) = sd * normal(), i over the layer's units, j over its inputs.
    const double sd = init_sd(config_.init, int(cols), int(rows));
    for (; init_next_ < size && drawn < limit; ++init_next_, ++drawn)
      layer.W(init_next_ / cols, init_next_ % cols) = float(sd * init_rng_.normal());
    if (init_next_ == size) {
      ++init_layer_;
      init_next_ = 0;
    }
  }
  return initialized();
}

RELU_COLD void Lab::build() {
  const Config& c = config_;
  data_ = config_data(c);
  const int outputs = config_outputs(c);
  y_train_ = make_targets(data_.train, outputs);
  y_test_ = make_targets(data_.test, outputs);
  if (staged_) {
    // The net's shape, biases and slopes now (constants, as make_mlp sets them); its
    // weights are drawn by init_some.
    net_ = Mlp<float>{};
    net_.act = c.act;
    net_.residual = c.residual == 1;
    const std::vector<int> widths = layer_widths(c);
    int fan_in = config_inputs(c);
    for (size_t l = 0; l <= widths.size(); ++l) {
      const bool is_output = l == widths.size();
      const int fan_out = is_output ? config_outputs(c) : widths[l];
      Layer<float> layer;
      layer.W = Mat<float>::Zero(fan_out, fan_in);
      layer.b = Vec<float>::Constant(fan_out, is_output ? 0.0f : float(c.bias));
      layer.slope = Vec<float>::Constant(fan_out, float(c.alpha));
      net_.layers.push_back(std::move(layer));
      fan_in = fan_out;
    }
    init_rng_ = Rng(c.seed, 2);
    init_layer_ = 0;
    init_next_ = 0;
  } else {
    net_ = initial_net(c);
    init_layer_ = int(net_.layers.size());
  }
  optimizer_ = Optimizer(c.opt, net_);
  batch_rng_ = Rng(c.seed, 3);
  order_.resize(data_.train.size());
  std::iota(order_.begin(), order_.end(), 0);
  cursor_ = order_.size();  // forces a shuffle before the first batch
  step_chunk_ = chunk_samples(net_, data_.train.size());
  record_chunk_ = chunk_samples(net_, kRecordChunkMax);
  map_chunk_ = map_cells(net_);
  step_size_ = step_done_ = 0;
  pending_.reset();
  units_.clear();
  step_ = 0;
  diverged_ = false;
  log_.clear(record_length());
}

void Lab::reset() { build(); }

// New points for data=custom under the same weights and optimizer state. A step or a
// record in progress gathered the old points, so both restart; the training chunk's size
// follows the new training set, as a fresh run of this config would have it.
RELU_COLD void Lab::replace_data() {
  data_ = config_data(config_);
  const int outputs = config_outputs(config_);
  y_train_ = make_targets(data_.train, outputs);
  y_test_ = make_targets(data_.test, outputs);
  order_.resize(data_.train.size());
  std::iota(order_.begin(), order_.end(), 0);
  cursor_ = order_.size();  // a new epoch over the new points, in the batch stream's next order
  step_chunk_ = chunk_samples(net_, data_.train.size());
  step_size_ = step_done_ = 0;  // a step in progress indexed the old points: drop it
  pending_.reset();             // a record in progress measured the old points
}

// Picks the next mini-batch's samples (reshuffling at a new epoch); the chunks gather them.
void Lab::begin_step() {
  const int n = int(order_.size());
  const int b = std::min(config_.batch, n);
  if (cursor_ + b > order_.size()) {  // new epoch: reshuffle, drop the partial tail
    for (int i = n - 1; i > 0; --i) std::swap(order_[i], order_[batch_rng_.below(i + 1)]);
    cursor_ = 0;
  }
  step_from_ = cursor_;
  step_size_ = b;
  step_done_ = 0;
  step_loss_ = 0;
  step_l1_ = float(config_.l1);
  step_l2_ = float(config_.l2);
  transposes_.ready = false;  // the weights changed since the last step's chunks
  cursor_ += b;
}

// The next chunk of the step in progress: its share of the batch's mean loss and gradient.
void Lab::step_chunk_work() {
  const int m = std::min(step_chunk_, step_size_ - step_done_);
  const bool whole = m == step_size_;  // one chunk: exactly the unchunked step
  // The chunk's inputs go straight into the forward cache's h[0] (no copy of the batch).
  cache_.h.resize(net_.layers.size());  // mlp_forward's size: its resize must not move h[0]
  Mat<float>& xb = cache_.h[0];
  xb.resize(data_.train.x.rows(), m);
  yb_.resize(y_train_.rows(), m);
  // Column by column with plain loops: a column is 1-2 inputs and 1-10 targets, too short for
  // Eigen's per-assignment setup (which took a tenth of a small net's step).
  const int* samples = order_.data() + step_from_ + step_done_;
  const long nx = xb.rows(), ny = yb_.rows();
  const float* x = data_.train.x.data();
  const float* y = y_train_.data();
  float* xd = xb.data();
  float* yd = yb_.data();
  for (int i = 0; i < m; ++i) {
    const long sample = samples[i];
    for (long r = 0; r < nx; ++r) xd[i * nx + r] = x[sample * nx + r];
    for (long r = 0; r < ny; ++r) yd[i * ny + r] = y[sample * ny + r];
  }
  const float b = float(step_size_);
  mlp_forward(net_, xb, cache_);
  // One chunk of bce: only the gradient and whether the loss is finite (its value costs an exp and
  // a log1p per sample). Else the chunks' values add up to the batch's, whose finiteness counts.
  const bool value_needed = !whole || loss_ != Loss::bce;
  if (value_needed) step_loss_ += loss_forward_backward(loss_, cache_.z.back(), yb_, dlogits_, b);
  else step_loss_finite_ = bce_gradient_finite(cache_.z.back(), yb_, dlogits_, b, loss_work_);
  // Weight decay is added once per step, to the summed gradient (below), not per chunk.
  mlp_backward(net_, cache_, dlogits_, step_l1_, whole ? step_l2_ : 0.0f, grads_, b, &transposes_);
  if (step_done_ == 0) {
    std::swap(sum_, grads_);  // the first chunk's gradient becomes the sum: no copy
  } else {
    for (size_t l = 0; l < sum_.dW.size(); ++l) {
      sum_.dW[l] += grads_.dW[l];
      sum_.db[l] += grads_.db[l];
      sum_.dslope[l] += grads_.dslope[l];
    }
  }
  step_done_ += m;
  if (step_done_ == step_size_) {
    if (!whole && step_l2_ != 0.0f)
      for (size_t l = 0; l < sum_.dW.size(); ++l) sum_.dW[l] += step_l2_ * net_.layers[l].W;
    if (value_needed) step_loss_finite_ = std::isfinite(step_loss_);
    finish_step();
  }
}

// Whether every float of p[0, n) is finite: its exponent bits are not all ones (Inf and NaN).
// The largest exponent field over the block, without a branch per value: the check runs after
// every step, over every parameter, and Eigen's allFinite compared and branched value by value.
static bool finite_floats(const float* p, long n) {
  uint32_t most = 0;
  for (long i = 0; i < n; ++i) {
    uint32_t bits;
    std::memcpy(&bits, p + i, sizeof bits);
    most = std::max(most, bits & 0x7f800000u);
  }
  return most != 0x7f800000u;
}

static bool all_finite(const Mlp<float>& net) {
  bool finite = true;
  for (const auto& layer : net.layers)
    finite = finite && finite_floats(layer.W.data(), layer.W.size()) && finite_floats(layer.b.data(), layer.b.size()) &&
             finite_floats(layer.slope.data(), layer.slope.size());
  return finite;
}

void Lab::finish_step() {
  optimizer_.step(net_, sum_, float(config_.lr), config_.act == Act::prelu);
  pending_.reset();  // a record in progress measured the weights this update changed
  step_size_ = 0;
  ++step_;
  // A NaN or Inf anywhere stops training: every later number would be garbage.
  if (step_loss_finite_ && all_finite(net_)) return;
  diverged_ = true;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Record r;
  r.step = step_;
  r.loss = r.test_loss = r.acc = r.test_acc = r.path_share = nan;
  r.diverged = true;
  r.layers.assign(net_.hidden(), LayerStats{nan, nan, nan, nan, nan, nan, nan, nan});
  append(r);
}

long Lab::train(long steps, long chunks) {
  finish_init();
  long done = 0;
  for (long c = 0; c < chunks && done < steps && !diverged_; ++c) {
    if (!step_in_progress()) begin_step();
    step_chunk_work();
    ++chunks_run_;
    if (!step_in_progress()) ++done;
  }
  return done;
}

int Lab::chunks_per_step() const {
  const int b = std::min(config_.batch, data_.train.size());
  return (b + step_chunk_ - 1) / step_chunk_;
}

double Lab::step_work() const {
  return double(std::min(config_.batch, data_.train.size())) * double(sample_work(net_));
}

double Lab::record_work() const { return double(data_.train.size() + data_.test.size()) * double(sample_work(net_)); }

void Lab::step(int n) {
  for (long left = n; left > 0 && !diverged_;) left -= train(left, std::numeric_limits<long>::max());
}

void Lab::append(const Record& r) {
  last_ = r;
  log_.append(r);
}

const Record& Lab::record() {
  while (!record_some(1 << 30)) {
  }
  return last_;
}

RELU_COLD bool Lab::record_some(int chunks) {
  finish_init();
  if (diverged_) return true;  // the divergence record is in already (finish_step)
  const int n_train = data_.train.size(), n_test = data_.test.size();
  if (!pending_) {
    pending_ = std::make_unique<Measurement>(net_, n_train, n_test);
    pending_column_ = 0;
  }
  for (int c = 0; c < chunks && pending_column_ < n_train + n_test; ++c) {
    const bool train = pending_column_ < n_train;
    const Dataset& set = train ? data_.train : data_.test;
    const Mat<float>& y = train ? y_train_ : y_test_;
    const int from = train ? pending_column_ : pending_column_ - n_train;
    const int m = std::min(record_chunk_, set.size() - from);
    const Mat<float> xs = set.x.middleCols(from, m), ys = y.middleCols(from, m);
    const int* labels = set.label.empty() ? nullptr : set.label.data() + from;  // none: regression
    if (train) pending_->add_train(net_, loss_, xs, ys, labels);
    else pending_->add_test(net_, loss_, xs, ys, labels);
    pending_column_ += m;
  }
  if (pending_column_ < n_train + n_test) return false;
  Record r = pending_->finish(net_);
  units_ = pending_->unit_stats(net_);
  pending_.reset();
  r.step = step_;
  r.diverged = false;  // finite weights: a record that overflows is a record, not a divergence
  append(r);
  return true;
}

bool is_live_key(const std::string& key) {
  for (const char* k : kLiveKeys)
    if (key == k) return true;
  return false;
}

RELU_COLD std::string Lab::set(const std::string& key, const std::string& value) {
  if (!is_live_key(key)) {
    std::string keys;
    for (size_t i = 0; i < kLiveKeys.size(); ++i)
      keys += std::string(i == 0 ? "" : i + 1 == kLiveKeys.size() ? " and " : ", ") + kLiveKeys[i];
    return printable(key) + ": cannot change mid-run; only " + keys + " can (reset to change the others)";
  }
  // Validate through the one schema; nothing changes unless the value is accepted.
  const Opt before = config_.opt;
  std::string error = set_config_value(config_, key, value);
  if (error.empty() && config_.opt != before) optimizer_.set_kind(config_.opt);
  if (error.empty() && key == "custom" && config_.data == DataKind::custom) replace_data();
  return error;
}

RELU_COLD void Lab::eval_outputs(const Mat<float>& x, std::vector<float>& y) const {
  Cache<float> cache;
  mlp_forward(net_, x, cache);
  const Mat<float>& out = cache.z.back();
  y.assign(out.data(), out.data() + out.cols());  // row 0 of a one-output net: its prediction
}

RELU_COLD void Lab::eval_points(const Mat<float>& x, std::vector<float>& prob, std::vector<uint32_t>& pattern) const {
  PlaneRequest want;
  want.pattern = true;
  PlaneEval out;
  eval_plane(net_, loss_, x, want, out);
  prob = std::move(out.prob);
  pattern = std::move(out.pattern);
}

// Cells per pass through the layers of a map whose hidden layers all run in the kernel (ReLU,
// no skips): a block's activations (at most 256 x 128 floats, 128 KB) stay in the L2 cache
// from one layer to the next, where a whole call's (256 x 1,000 cells, 1 MB) went out to the
// L3 cache and back at every layer. Each cell's numbers are the same in any block: the
// kernel sums every coefficient of C over k alone, whatever the columns beside it.
constexpr Eigen::Index kPlaneBlock = 128;

// Not cold: the page's decision map and unit maps spend their time here.
void eval_plane(const Mlp<float>& net, Loss loss, const Mat<float>& x, const PlaneRequest& want, PlaneEval& out) {
  const Eigen::Index n = x.cols();
  const int L = int(net.layers.size());
  out.words_per_unit = int((n + 31) / 32);
  out.bits.assign(want.units.size() * size_t(out.words_per_unit), 0u);
  out.pattern.assign(want.pattern ? size_t(n) : 0, 2166136261u);  // FNV-1a offset basis
  out.prob.resize(n);
  // Other activations go through Eigen's array functions, whose packet and scalar paths can
  // round differently: there the whole call is one block, so every value sits where it always did.
  bool blocks = kKernelProducts && net.act == Act::relu;
  for (int l = 0; l + 1 < L; ++l) blocks = blocks && !net.skips(l);
  const Eigen::Index block = blocks ? kPlaneBlock : std::max<Eigen::Index>(n, 1);
  Mat<float> h, z, relu_h;
  for (Eigen::Index first = 0; first < n; first += block) {
    const Eigen::Index m = std::min(block, n - first);  // cells [first, first + m)
    h = x.middleCols(first, m);
    int layer_start = 0;
    for (int l = 0; l < L; ++l) {
      const Layer<float>& layer = net.layers[l];
      // ReLU through the kernel: only h = max(W h + b, 0) is stored (gemm.hpp), as mlp_forward
      // computes it; h > 0 exactly where z > 0 (NaN and -0 included), so h gives the on/off bits.
      const bool fused = kKernelProducts && l + 1 < L && net.act == Act::relu && !net.skips(l);
      if (fused) {
        relu_h.resize(layer.W.rows(), m);
        ProductOut o;
        o.ldc = relu_h.rows();
        o.bias = layer.b.data();
        o.relu = relu_h.data();
        product(int(layer.W.rows()), int(m), int(layer.W.cols()), layer.W.data(), layer.W.rows(), h.data(), 1,
                h.rows(), o);
      } else if (kKernelProducts) {
        multiply(layer.W, h, z, &layer.b);
      } else {
        z.noalias() = layer.W * h;
        z.colwise() += layer.b;
      }
      if (l + 1 == L) break;  // z is the logits
      const Mat<float>& on = fused ? relu_h : z;  // > 0 where the unit is on
      const int units = int(on.rows());
      if (want.pattern)
        for (Eigen::Index i = 0; i < m; ++i) {
          uint32_t& hash = out.pattern[first + i];
          for (int u = 0; u < units; ++u) hash = (hash ^ uint32_t(on(u, i) > 0.0f)) * 16777619u;
        }
      // Each layer looks through the request for its own units (a few dozen at most: no sort).
      for (size_t k = 0; k < want.units.size(); ++k) {
        const int u = want.units[k] - layer_start;
        if (u < 0 || u >= units) continue;  // another layer's (a negative index asks for nothing)
        uint32_t* words = out.bits.data() + k * out.words_per_unit;
        for (Eigen::Index i = 0; i < m; ++i) {  // no branch: the signs are a coin toss, a branch mispredicts
          const Eigen::Index cell = first + i;
          words[cell / 32] |= uint32_t(on(u, i) > 0.0f) << (cell % 32);
        }
      }
      layer_start += units;
      if (fused) {
        h.swap(relu_h);
      } else if (net.skips(l)) {  // h_l = h_{l-1} + f(z_l): the skip, as in mlp_forward
        Mat<float> f;
        act_forward(net.act, z, layer.slope, f);
        h += f;
      } else {
        act_forward(net.act, z, layer.slope, h);
      }
    }
    for (Eigen::Index i = 0; i < m; ++i) {
      const Eigen::Index cell = first + i;
      out.prob[cell] = class1_probability(loss, z, int(i));
      // A point whose output is NaN or Inf has no class and no region: probability NaN,
      // hash 0 (which no real region has), so a diverged net shows no map and no regions.
      const bool finite = z.col(i).allFinite();
      if (!finite) out.prob[cell] = std::numeric_limits<float>::quiet_NaN();
      if (want.pattern) out.pattern[cell] = !finite ? 0u : out.pattern[cell] != 0u ? out.pattern[cell] : 1u;
    }
  }
}

}  // namespace relu
