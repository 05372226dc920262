// The statistics of DESIGN.md, measured on a whole data set (stats.hpp says what each means).
#include "stats.hpp"

#include <cmath>
#include <limits>

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

static float accuracy_of(Loss loss, const Mat<float>& logits, const std::vector<int>& labels) {
  if (labels.empty()) return std::numeric_limits<float>::quiet_NaN();
  int right = 0;
  for (int i = 0; i < int(labels.size()); ++i) right += predict_class(loss, logits, i) == labels[i];
  return float(right) / float(labels.size());
}

void evaluate(const Mlp<float>& net, Loss loss, const Mat<float>& x, const Mat<float>& y,
              const std::vector<int>& labels, float* mean_loss, float* accuracy) {
  if (x.cols() == 0) {
    *mean_loss = *accuracy = std::numeric_limits<float>::quiet_NaN();
    return;
  }
  Cache<float> cache;
  mlp_forward(net, x, cache);
  Mat<float> dz;
  *mean_loss = loss_forward_backward(loss, cache.z.back(), y, dz);
  *accuracy = accuracy_of(loss, cache.z.back(), labels);
}

void measure(const Mlp<float>& net, Loss loss, const Mat<float>& x, const Mat<float>& y,
             const std::vector<int>& labels, Record& r) {
  Cache<float> cache;
  Grads<float> g;
  Mat<float> dlogits;
  mlp_forward(net, x, cache);
  r.loss = loss_forward_backward(loss, cache.z.back(), y, dlogits);
  r.acc = accuracy_of(loss, cache.z.back(), labels);
  mlp_backward(net, cache, dlogits, 0.0f, 0.0f, g);  // the data loss only: no penalties

  const int hidden = net.hidden();
  const Eigen::Index n = x.cols();
  r.layers.assign(hidden, LayerStats{});
  if (!cache.z.back().allFinite()) {
    // A diverged net: with NaN pre-activations every z > 0 test is false, which would
    // report "all units dead" and an accuracy. Say "unknown" instead (NaN, shown as a gap).
    const float nan = std::numeric_limits<float>::quiet_NaN();
    r.acc = r.path_share = nan;
    for (int l = 0; l < hidden; ++l) r.layers[l] = LayerStats{nan, nan, nan, nan, nan, nan, nan, nan};
    return;
  }
  // Per input: the product over layers of its active fraction (open paths).
  Eigen::ArrayXd paths = Eigen::ArrayXd::Ones(n);
  for (int l = 0; l < hidden; ++l) {
    const Mat<float>& z = cache.z[l];
    // on(i, n) = 1 where unit i fires for input n.
    Eigen::ArrayXXf on = (z.array() > 0.0f).cast<float>();
    LayerStats& s = r.layers[l];
    const double units = double(z.rows());
    s.active = float(on.cast<double>().sum() / (units * double(n)));
    Eigen::ArrayXf fired = on.rowwise().sum();  // inputs each unit fired for
    s.dead = float((fired == 0.0f).cast<double>().sum() / units);
    s.always_on = float((fired == float(n)).cast<double>().sum() / units);
    s.grad_w = g.dW[l].norm();
    s.grad_z = g.dz[l].norm();
    s.w_norm = net.layers[l].W.norm();
    s.alpha = act_uses_slope(net.act) ? net.layers[l].slope.mean() : std::numeric_limits<float>::quiet_NaN();
    paths *= on.colwise().sum().transpose().cast<double>() / units;
    s.path_share = float(paths.mean());
  }
  r.path_share = float(paths.mean());
}

}  // namespace relu
