// The optimizers' update rules, applied block by block (W, b, PReLU slopes).
#include "optim.hpp"

#include <cmath>

namespace relu {

Optimizer::Optimizer(Opt kind, const Mlp<float>& shape) : kind_(kind) {
  auto zeros = [](Eigen::Index r, Eigen::Index c) {
    return Moments{Mat<float>::Zero(r, c), Mat<float>::Zero(r, c)};
  };
  for (const auto& layer : shape.layers) {
    w_.push_back(zeros(layer.W.rows(), layer.W.cols()));
    b_.push_back(zeros(layer.b.size(), 1));
    slope_.push_back(zeros(layer.slope.size(), 1));
  }
}

void Optimizer::set_kind(Opt kind) {
  kind_ = kind;
  t_ = 0;
  for (auto* blocks : {&w_, &b_, &slope_})
    for (Moments& s : *blocks) {
      s.m.setZero();
      s.v.setZero();
    }
}

void Optimizer::update(Eigen::Ref<Mat<float>> p, const Eigen::Ref<const Mat<float>>& g, Moments& s, float lr) {
  switch (kind_) {
    case Opt::sgd: p -= lr * g; break;
    case Opt::momentum:  // v <- 0.9 v + g; p <- p - lr v
      s.m = 0.9f * s.m + g;
      p -= lr * s.m;
      break;
    case Opt::adam: {
      const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
      s.m = b1 * s.m + (1 - b1) * g;
      s.v = b2 * s.v + (1 - b2) * g.cwiseAbs2();
      const float c1 = 1 - std::pow(b1, float(t_)), c2 = 1 - std::pow(b2, float(t_));
      p.array() -= lr * (s.m.array() / c1) / ((s.v.array() / c2).sqrt() + eps);
      break;
    }
  }
}

void Optimizer::step(Mlp<float>& net, const Grads<float>& g, float lr, bool learn_slope) {
  ++t_;
  for (size_t l = 0; l < net.layers.size(); ++l) {
    auto& layer = net.layers[l];
    update(layer.W, g.dW[l], w_[l], lr);
    update(layer.b, g.db[l], b_[l], lr);
    if (learn_slope && l + 1 < net.layers.size()) update(layer.slope, g.dslope[l], slope_[l], lr);
  }
}

}  // namespace relu
