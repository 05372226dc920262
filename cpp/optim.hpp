// The optimizers: sgd, momentum (0.9) and adam (Kingma & Ba 2015 defaults).
// They update every parameter block of the MLP from its gradient. Weight decay
// (l2) is already in the gradient (network.hpp). Not here: gradients, data.
#pragma once
#include "config.hpp"
#include "network.hpp"

namespace relu {

class Optimizer {
 public:
  Optimizer(Opt kind, const Mlp<float>& shape);
  // Switching starts the new optimizer afresh (zero moments, step count 0): adam reading
  // momentum's velocity as its first moment, without bias correction, would take huge steps.
  void set_kind(Opt kind);
  // learn_slope: prelu's slopes are parameters too; leaky's are fixed.
  void step(Mlp<float>& net, const Grads<float>& g, float lr, bool learn_slope);

 private:
  struct Moments { Mat<float> m, v; };  // one per parameter block
  void update(Eigen::Ref<Mat<float>> p, const Eigen::Ref<const Mat<float>>& g, Moments& s, float lr);
  Opt kind_;
  long t_ = 0;  // adam's step count, for its bias correction
  std::vector<Moments> w_, b_, slope_;
};

}  // namespace relu
