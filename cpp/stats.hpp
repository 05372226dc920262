// The statistics of docs/DESIGN.md ("what sparsity means here"), computed on a whole
// data set from one forward and one backward pass. Pure functions of a network
// and data, so tests can hand-build a net and check each number.
#pragma once
#include <array>
#include <vector>

#include "network.hpp"

namespace relu {

struct LayerStats {
  float active = 0;     // mean over (inputs x units) of [z > 0]
  float dead = 0;       // share of units with z <= 0 for every input
  float always_on = 0;  // share of units with z > 0 for every input
  float grad_w = 0;     // ||dL/dW_l||_F, L the mean data loss over the set
  float grad_z = 0;     // ||dL/dz_l||_F, the back-propagated error signal
  float w_norm = 0;     // ||W_l||_F
  float alpha = 0;      // mean negative slope (prelu: learned; leaky: fixed); NaN for others
  float path_share = 0; // share of open input-to-this-layer paths (mean over inputs of the
                        // product of active fractions of layers 1..l); the last is the network's
};

struct Record {
  long step = 0;
  float loss = 0, test_loss = 0;  // mean data loss (no penalty terms); test: NaN if no test set
  float acc = 0, test_acc = 0;
  float path_share = 0;  // mean over inputs of the product over layers of the active fraction
  bool diverged = false;
  std::vector<LayerStats> layers;  // one per hidden layer
};

// One hidden layer's units, each measured on the whole training set like the
// layer's fields (the network diagram shows them): active[u] = share of inputs
// with z_u > 0 (0: dead, 1: always on); grad_w[u] = ||dL/dW_l row u||, the
// gradient of the unit's incoming weights (0 for a dead unit: it learns nothing).
struct UnitStats {
  std::vector<float> active;
  std::vector<float> grad_w;
};

// Names of the per-layer and network-wide fields, in the order of the flat layout.
constexpr int kRecordHeader = 7;  // step, loss, test_loss, acc, test_acc, path_share, diverged
constexpr int kLayerFields = 8;   // active, dead, always_on, grad_w, grad_z, w_norm, alpha, path_share
extern const char* const kRecordFields[kRecordHeader];
extern const char* const kLayerFieldNames[kLayerFields];

// A layer's fields in kLayerFieldNames order: the one place that order is written.
inline std::array<float, kLayerFields> layer_values(const LayerStats& s) {
  return {s.active, s.dead, s.always_on, s.grad_w, s.grad_z, s.w_norm, s.alpha, s.path_share};
}

// Flat layout (for the bindings): the header fields, then each layer's fields.
void append_flat(const Record& r, std::vector<float>& out);

// A record measured a chunk of samples at a time. Every statistic is a sum over
// samples (or a count), so chunks give the same numbers as one pass, up to float
// summation order, and the browser can spread one record over several frames.
// Use: add_train() for each chunk of the training set, add_test() for the test
// set, then finish(). y: targets (outputs x samples); labels: one per column, or
// nullptr for a regression set (data=curve), whose accuracy is then NaN.
class Measurement {
 public:
  Measurement(const Mlp<float>& net, int n_train, int n_test);
  void add_train(const Mlp<float>& net, Loss loss, const Mat<float>& x, const Mat<float>& y, const int* labels);
  void add_test(const Mlp<float>& net, Loss loss, const Mat<float>& x, const Mat<float>& y, const int* labels);
  // Everything but the step and the diverged flag.
  Record finish(const Mlp<float>& net) const;
  // Per hidden layer, per unit (NaN when a logit was not finite, as finish() does).
  std::vector<UnitStats> unit_stats(const Mlp<float>& net) const;

 private:
  int n_train_, n_test_;
  double loss_sum_ = 0, test_loss_sum_ = 0;  // sums of per-sample losses
  long right_ = 0, test_right_ = 0;
  bool nonfinite_ = false;                   // a NaN or Inf logit: shares are unknown
  bool labeled_ = true;                      // false once a chunk came without labels (regression)
  bool test_nonfinite_ = false;              // the same on the test set: its accuracy is unknown
  std::vector<Mat<float>> dW_;               // dL/dW summed over chunks (L: the whole set's mean loss)
  std::vector<double> dz_squares_;           // sum of squares of dL/dz
  std::vector<double> on_pairs_;             // (input, unit) pairs with z > 0
  std::vector<Eigen::ArrayXf> fired_;        // per unit: inputs it fired for
  std::vector<double> path_sums_;            // sum over inputs of the open-path share up to layer l
};

// The whole record in one pass of the training set (and the test set, if any).
void measure(const Mlp<float>& net, Loss loss, const Mat<float>& x, const Mat<float>& y,
             const std::vector<int>& labels, Record& r);


}  // namespace relu
