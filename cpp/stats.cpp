// The statistics of docs/DESIGN.md, measured on a whole data set (stats.hpp says what each means).
#include "stats.hpp"

#include <cmath>
#include <limits>
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {

const char* const kRecordFields[kRecordHeader] = {"step", "loss", "test_loss", "acc", "test_acc",
                                                  "path_share", "diverged"};
const char* const kLayerFieldNames[kLayerFields] = {"active", "dead", "always_on", "grad_w",
                                                    "grad_z", "w_norm", "alpha", "path_share"};

void append_flat(const Record& r, std::vector<float>& out) {
  out.insert(out.end(), {float(r.step), r.loss, r.test_loss, r.acc, r.test_acc, r.path_share,
                         r.diverged ? 1.0f : 0.0f});
  for (const LayerStats& s : r.layers) {
    const auto v = layer_values(s);
    out.insert(out.end(), v.begin(), v.end());
  }
}

Measurement::Measurement(const Mlp<float>& net, int n_train, int n_test)
    : n_train_(n_train), n_test_(n_test) {
  const int hidden = net.hidden();
  for (int l = 0; l <= hidden; ++l) dW_.push_back(Mat<float>::Zero(net.layers[l].W.rows(), net.layers[l].W.cols()));
  dz_squares_.assign(hidden, 0.0);
  on_pairs_.assign(hidden, 0.0);
  path_sums_.assign(hidden, 0.0);
  for (int l = 0; l < hidden; ++l) fired_.push_back(Eigen::ArrayXf::Zero(net.layers[l].b.size()));
}

void Measurement::add_train(const Mlp<float>& net, Loss loss, const Mat<float>& x, const Mat<float>& y,
                            const int* labels) {
  const Eigen::Index m = x.cols();
  if (m == 0) return;
  Cache<float> cache;
  Grads<float> g;
  Mat<float> dlogits;
  mlp_forward(net, x, cache);
  const float chunk_mean = loss_forward_backward(loss, cache.z.back(), y, dlogits);
  loss_sum_ += double(chunk_mean) * double(m);
  // The gradient of the whole set's mean loss: this chunk's share is m / n of its mean's.
  dlogits *= float(m) / float(n_train_);
  mlp_backward(net, cache, dlogits, 0.0f, 0.0f, g);  // the data loss only: no penalties
  if (labels)
    for (Eigen::Index i = 0; i < m; ++i) right_ += predict_class(loss, cache.z.back(), int(i)) == labels[i];
  else
    labeled_ = false;
  if (!cache.z.back().allFinite()) nonfinite_ = true;
  Eigen::ArrayXd paths = Eigen::ArrayXd::Ones(m);  // per input: product of active fractions so far
  for (size_t l = 0; l < dW_.size(); ++l) dW_[l] += g.dW[l];
  for (int l = 0; l < net.hidden(); ++l) {
    const Mat<float>& z = cache.z[l];
    Eigen::ArrayXXf on = (z.array() > 0.0f).cast<float>();  // on(i, n) = 1 where unit i fires for input n
    on_pairs_[l] += on.cast<double>().sum();
    fired_[l] += on.rowwise().sum();
    dz_squares_[l] += double(g.dz[l].squaredNorm());
    paths *= on.colwise().sum().transpose().cast<double>() / double(z.rows());
    path_sums_[l] += paths.sum();
  }
}

void Measurement::add_test(const Mlp<float>& net, Loss loss, const Mat<float>& x, const Mat<float>& y,
                           const int* labels) {
  const Eigen::Index m = x.cols();
  if (m == 0) return;
  Cache<float> cache;
  Mat<float> dz;
  mlp_forward(net, x, cache);
  test_loss_sum_ += double(loss_forward_backward(loss, cache.z.back(), y, dz)) * double(m);
  if (labels)
    for (Eigen::Index i = 0; i < m; ++i) test_right_ += predict_class(loss, cache.z.back(), int(i)) == labels[i];
  else
    labeled_ = false;
  if (!cache.z.back().allFinite()) test_nonfinite_ = true;
}

Record Measurement::finish(const Mlp<float>& net) const {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const double n = n_train_;
  Record r;
  r.loss = float(loss_sum_ / n);
  r.acc = float(double(right_) / n);
  r.test_loss = n_test_ ? float(test_loss_sum_ / n_test_) : nan;
  r.test_acc = n_test_ ? float(double(test_right_) / n_test_) : nan;
  if (!labeled_) r.acc = r.test_acc = nan;  // regression: no classes to get right
  const int hidden = net.hidden();
  r.layers.assign(hidden, LayerStats{});
  r.path_share = 1.0f;  // no hidden layer: the one path is open
  for (int l = 0; l < hidden; ++l) {
    LayerStats& s = r.layers[l];
    const double units = double(net.layers[l].b.size());
    s.active = float(on_pairs_[l] / (units * n));
    s.dead = float((fired_[l] == 0.0f).cast<double>().sum() / units);
    s.always_on = float((fired_[l] == float(n_train_)).cast<double>().sum() / units);
    s.grad_w = dW_[l].norm();
    s.grad_z = float(std::sqrt(dz_squares_[l]));
    s.w_norm = net.layers[l].W.norm();
    s.alpha = act_uses_slope(net.act) ? net.layers[l].slope.mean() : nan;
    s.path_share = float(path_sums_[l] / n);
    r.path_share = s.path_share;
  }
  if (nonfinite_) {
    // A diverged net: with NaN pre-activations every z > 0 test is false, which would
    // report "all units dead" and an accuracy. Say "unknown" instead (NaN, shown as a gap).
    r.acc = r.path_share = nan;
    for (LayerStats& s : r.layers) s = LayerStats{nan, nan, nan, nan, nan, nan, nan, nan};
  }
  if (test_nonfinite_) r.test_acc = nan;  // predictions from NaN outputs are no predictions
  return r;
}

std::vector<UnitStats> Measurement::unit_stats(const Mlp<float>& net) const {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<UnitStats> out(net.hidden());
  for (int l = 0; l < net.hidden(); ++l) {
    const Eigen::Index units = fired_[l].size();
    out[l].active.resize(units);
    out[l].grad_w.resize(units);
    for (Eigen::Index u = 0; u < units; ++u) {
      out[l].active[u] = nonfinite_ ? nan : float(double(fired_[l](u)) / double(n_train_));
      out[l].grad_w[u] = nonfinite_ ? nan : dW_[l].row(u).norm();
    }
  }
  return out;
}

void measure(const Mlp<float>& net, Loss loss, const Mat<float>& x, const Mat<float>& y,
             const std::vector<int>& labels, Record& r) {
  Measurement m(net, int(x.cols()), 0);
  m.add_train(net, loss, x, y, labels.empty() ? nullptr : labels.data());
  const long step = r.step;
  r = m.finish(net);
  r.step = step;
}

}  // namespace relu

RELU_COLD_CODE_END
