// The multilayer perceptron: parameters, initialisation, and the forward and
// backward passes over a batch, with the losses. Layout everywhere: one column
// per sample. Layer l (1-based): z_l = W_l h_{l-1} + b_l, h_l = f(z_l), h_0 = x;
// with residual on, h_l = h_{l-1} + f(z_l) for hidden layers l >= 2 as wide as the
// layer before (He et al. 2016); the last layer is linear and its z is the logits. Templated on the scalar so
// the gradient tests can run the same code in double; the lab uses float.
// Not here: data, optimizers, statistics, I/O.
#pragma once
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "activations.hpp"
#include "gemm.hpp"
#include "rng.hpp"

namespace relu {

enum class Init { he, xavier, lecun, small, zero };
enum class Loss { automatic, bce, ce, mse };

template <class T> struct Layer {
  Mat<T> W;      // fan_out x fan_in
  Vec<T> b;      // fan_out
  Vec<T> slope;  // fan_out: alpha per unit (leaky: fixed, prelu: learned); unused otherwise
};

template <class T> struct Mlp {
  Act act = Act::relu;
  bool residual = false;         // skip connections between equal-width hidden layers
  std::vector<Layer<T>> layers;  // hidden layers first, output layer last
  int hidden() const { return int(layers.size()) - 1; }
  // Whether hidden layer l (0-based) adds its input to its output: h_{l+1} = h_l + f(z_l).
  // Not the first hidden layer (its input is x) and not the output layer; widths must match.
  bool skips(int l) const {
    return residual && l >= 1 && l < hidden() && layers[l].W.rows() == layers[l].W.cols();
  }
};

// What the forward pass keeps for the backward pass.
template <class T> struct Cache {
  std::vector<Mat<T>> z;  // z[l] for l = 0..L-1 (z.back() = logits)
  std::vector<Mat<T>> h;  // h[0] = x, h[l+1] = f(z[l]) for hidden layers (+ h[l] where net.skips(l))
};

// W^T of every layer, for the float backward pass (gemm.hpp's multiply_at reads A^T): made by the
// first chunk of a step and reused by the others, whose weights are the same (the largest
// benchmark net, two chunks a step, spent a twentieth of its step transposing twice).
struct Transposes {
  std::vector<Mat<float>> of_layer;
  bool ready = false;  // of_layer holds the current weights' transposes; the caller clears it
};

template <class T> struct Grads {
  std::vector<Mat<T>> dW;
  std::vector<Vec<T>> db, dslope;
  std::vector<Mat<T>> dz;  // dL/dz per layer (the back-propagated error signal)
  // Workspace of mlp_backward, kept so that a step allocates nothing: dL/dh of a layer and of
  // the one above, f(z) under a skip, and W^T for the float product when the caller keeps none.
  Mat<T> dh, dh_above, fz;
  Transposes wt;
};

// Standard deviation of the initial weights of a layer (docs/DESIGN.md).
inline double init_sd(Init init, int fan_in, int fan_out) {
  switch (init) {
    case Init::he: return std::sqrt(2.0 / fan_in);
    case Init::xavier: return std::sqrt(2.0 / (fan_in + fan_out));
    case Init::lecun: return std::sqrt(1.0 / fan_in);
    case Init::small: return 0.01;
    case Init::zero: return 0.0;
  }
  return 0.0;
}

// Draws weights unit by unit (row by row), then the next layer: the order is
// part of the contract that makes native and wasm runs identical.
// Hidden biases start at `bias`; the output bias at 0.
// widths: units per hidden layer (its size is the depth).
template <class T>
Mlp<T> make_mlp(int inputs, const std::vector<int>& widths, int outputs, Act act, Init init,
                double bias, double alpha, Rng& rng) {
  Mlp<T> net;
  net.act = act;
  int fan_in = inputs;
  const int depth = int(widths.size());
  for (int l = 0; l <= depth; ++l) {
    bool is_output = (l == depth);
    int fan_out = is_output ? outputs : widths[l];
    Layer<T> layer;
    layer.W.resize(fan_out, fan_in);
    double sd = init_sd(init, fan_in, fan_out);
    for (int i = 0; i < fan_out; ++i)
      for (int j = 0; j < fan_in; ++j) layer.W(i, j) = T(sd * rng.normal());
    layer.b = Vec<T>::Constant(fan_out, is_output ? T(0) : T(bias));
    layer.slope = Vec<T>::Constant(fan_out, T(alpha));
    net.layers.push_back(std::move(layer));
    fan_in = fan_out;
  }
  return net;
}

// Every hidden layer `width` units wide.
template <class T>
Mlp<T> make_mlp(int inputs, int depth, int width, int outputs, Act act, Init init,
                double bias, double alpha, Rng& rng) {
  return make_mlp<T>(inputs, std::vector<int>(depth, width), outputs, act, init, bias, alpha, rng);
}

// x: inputs x batch. Fills cache; logits = cache.z.back(). x may be cache.h[0] itself when
// cache.h already holds one matrix per layer (then nothing is copied or moved).
template <class T>
void mlp_forward(const Mlp<T>& net, const Mat<T>& x, Cache<T>& cache) {
  const int L = int(net.layers.size());
  cache.z.resize(L);
  cache.h.resize(L);
  if (&x != &cache.h[0]) cache.h[0] = x;  // the lab gathers its batch into h[0] itself
  for (int l = 0; l < L; ++l) {
    const Layer<T>& layer = net.layers[l];
    const bool hidden = l + 1 < L;
    if constexpr (std::is_same<T, float>::value && kKernelProducts) {
      // gemm.hpp's kernel: z = W h + b in one pass, and ReLU's h = max(z, 0) on the way out.
      const bool fused = hidden && net.act == Act::relu && !net.skips(l);
      multiply(layer.W, cache.h[l], cache.z[l], &layer.b, fused ? &cache.h[l + 1] : nullptr);
      if (fused) continue;
    } else {
      cache.z[l].noalias() = layer.W * cache.h[l];
      cache.z[l].colwise() += layer.b;
    }
    if (hidden) act_forward(net.act, cache.z[l], layer.slope, cache.h[l + 1]);
    if (net.skips(l)) cache.h[l + 1] += cache.h[l];
  }
}

// dlogits: outputs x batch, the gradient of the loss at the logits.
// l1: penalty l1 * mean over samples of sum |h| over hidden units (Glorot et al. 2011);
// l2: penalty l2/2 * sum of squared weights (biases and slopes are not decayed).
// batch: the samples the mean is over, when this call sees only a chunk of them
// (0: the columns of dlogits); the chunks' gradients then add up to the batch's.
// transposes: the caller's W^T, kept while the weights stay the same (null: made here, each call).
template <class T>
void mlp_backward(const Mlp<T>& net, const Cache<T>& cache, const Mat<T>& dlogits, T l1,
                  T l2, Grads<T>& g, T batch = T(0), Transposes* transposes = nullptr) {
  const int L = int(net.layers.size());
  Transposes& wt = transposes ? *transposes : g.wt;
  if (!transposes) wt.ready = false;
  wt.of_layer.resize(L);
  const T n = batch > T(0) ? batch : T(dlogits.cols());
  g.dW.resize(L);
  g.db.resize(L);
  g.dslope.resize(L);
  g.dz.resize(L);
  g.dz[L - 1] = dlogits;
  for (int l = 0; l < L; ++l) g.dslope[l] = Vec<T>::Zero(net.layers[l].b.size());
  Mat<T>& dh = g.dh;              // dL/dh[l]
  Mat<T>& dh_above = g.dh_above;  // dL/dh[l+1], from the iteration before
  Mat<T>& fz = g.fz;
  constexpr bool kernel = std::is_same<T, float>::value && kKernelProducts;  // gemm.hpp's, else Eigen's
  for (int l = L - 1; l >= 0; --l) {
    const Layer<T>& layer = net.layers[l];
    if constexpr (kernel) multiply_bt(g.dz[l], cache.h[l], g.dW[l]);
    else g.dW[l].noalias() = g.dz[l] * cache.h[l].transpose();
    if (l2 != T(0)) g.dW[l] += l2 * layer.W;
    g.db[l] = g.dz[l].rowwise().sum();
    if (l == 0) break;
    // Back through layer l's weights into hidden layer l-1's activations.
    if constexpr (kernel) {
      // ReLU with nothing added to dh: relu' applied as the product is stored, the same bits
      // as act_backward's pass_where_positive.
      if (net.act == Act::relu && !net.skips(l) && !net.skips(l - 1) && l1 == T(0)) {
        multiply_at(layer.W, g.dz[l], g.dz[l - 1], wt.of_layer[l], &cache.z[l - 1], wt.ready);
        continue;
      }
      multiply_at(layer.W, g.dz[l], dh, wt.of_layer[l], nullptr, wt.ready);
    } else {
      dh.noalias() = layer.W.transpose() * g.dz[l];
    }
    // A skip carries the error from h[l+1] straight down to h[l], past every slope:
    // this identity path is why residual nets keep their gradients at depth.
    if (net.skips(l)) dh += dh_above;
    const Mat<T>& h = cache.h[l];
    if (l1 != T(0)) dh.array() += (l1 / n) * h.array().sign();  // d|h|/dh, 0 at 0
    const Mat<T>& z = cache.z[l - 1];
    const Vec<T>& slope = net.layers[l - 1].slope;
    if (net.skips(l - 1)) {  // h[l] holds h[l-1] + f(z): act_backward needs f(z) itself
      act_forward(net.act, z, slope, fz);
      act_backward(net.act, z, fz, slope, dh, g.dz[l - 1]);
    } else {
      act_backward(net.act, z, h, slope, dh, g.dz[l - 1]);
    }
    if (net.act == Act::prelu) g.dslope[l - 1] = prelu_slope_grad(z, dh);
    dh_above.swap(dh);
  }
  wt.ready = kernel;  // every layer's W^T was made (Eigen's products need none)
}

// The penalty terms' value, to add to the data loss for the training objective.
template <class T>
T penalty(const Mlp<T>& net, const Cache<T>& cache, T l1, T l2) {
  T p = 0;
  const T n = T(cache.h[0].cols());
  if (l1 != T(0))
    for (size_t l = 1; l < cache.h.size(); ++l) p += l1 * cache.h[l].array().abs().sum() / n;
  if (l2 != T(0))
    for (const auto& layer : net.layers) p += l2 / 2 * layer.W.squaredNorm();
  return p;
}

// exp and log1p of a whole array, out of line: Eigen's SIMD kernel of each is then in
// the wasm once, not once per expression that uses it (a few KB each). The losses use them:
// they see a few outputs per sample, so the temporaries cost nothing measurable. Element for
// element the same arithmetic as the fused expressions they replaced (the same SIMD and
// scalar paths for a contiguous array of the same size), so every number stays bit for bit.
template <class T> using Arr = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T> RELU_OUTLINE void array_exp(const Arr<T>& a, Arr<T>& out) { out = a.exp(); }
template <class T> RELU_OUTLINE void array_log1p(const Arr<T>& a, Arr<T>& out) { out = a.log1p(); }

// ---- losses on the logits: value (mean over the batch) and its gradient ----
// y: targets, outputs x batch (0/1 for bce, one-hot for ce, 0/1 or one-hot for mse).
// n: the number the sums are divided by: the columns of z, or the whole batch
// when z holds one chunk of it (the chunks' values and gradients then add up).

// Binary cross-entropy on a sigmoid output, from the logit z:
// -[y log s(z) + (1-y) log(1-s(z))] = max(z,0) - z*y + log(1 + e^-|z|), never log(0).
// Its gradient s(z) - y, through e_neg (room for e^-z, kept by the caller so a step allocates nothing).
template <class T>
void bce_gradient(const Mat<T>& z, const Mat<T>& y, Mat<T>& dz, T n, Arr<T>& e_neg) {
  e_neg = -z.array();
  array_exp<T>(e_neg, e_neg);  // in place, element by element: no temporary for -z
  dz = ((T(1) / (T(1) + e_neg)) - y.array()).matrix() / n;
}

template <class T>
T bce_loss(const Mat<T>& z, const Mat<T>& y, Mat<T>& dz, T n = T(0)) {
  if (!(n > T(0))) n = T(z.cols());
  auto Z = z.array();
  Arr<T> e, softplus_neg, e_neg;
  array_exp<T>(-Z.abs(), e);
  array_log1p<T>(e, softplus_neg);  // log(1 + e^-|z|)
  T loss = (Z.max(T(0)) - Z * y.array() + softplus_neg).sum() / n;
  bce_gradient(z, y, dz, n, e_neg);
  return loss;
}

// Whether bce_loss's value is finite, from the logits alone where they decide it: with targets in
// [0, 1] each sample's term max(z,0) - z*y + log(1 + e^-|z|) is at most 2|z| + 1 in size, so while
// every |z| stays below max/(8 n) no sum of n terms can overflow (rounding included), and a term is
// NaN or infinite only where z is. Logits that large are computed in full: the answer is always
// the one the value gives, without its exp and log1p per sample (a fifth of a small net's step).
template <class T>
bool bce_loss_finite(const Mat<T>& z, const Mat<T>& y) {
  const T bound = std::numeric_limits<T>::max() / (T(8) * T(std::max<Eigen::Index>(1, z.size())));
  if ((z.array().abs() < bound).all()) return true;  // NaN is not below the bound
  Mat<T> dz;
  return std::isfinite(bce_loss(z, y, dz));
}

// Softmax cross-entropy: log-sum-exp with the column max subtracted first.
template <class T>
T ce_loss(const Mat<T>& z, const Mat<T>& y, Mat<T>& dz, T n = T(0)) {
  if (!(n > T(0))) n = T(z.cols());
  Eigen::Matrix<T, 1, Eigen::Dynamic> m = z.colwise().maxCoeff();
  Mat<T> e = (z.rowwise() - m).array().exp().matrix();
  Eigen::Matrix<T, 1, Eigen::Dynamic> s = e.colwise().sum();
  T loss = ((s.array().log() + m.array()).sum() - (z.array() * y.array()).sum()) / n;
  dz = ((e.array().rowwise() / s.array()) - y.array()).matrix() / n;
  return loss;
}

// Mean over samples of the summed squared error over outputs.
template <class T>
T mse_loss(const Mat<T>& z, const Mat<T>& y, Mat<T>& dz, T n = T(0)) {
  if (!(n > T(0))) n = T(z.cols());
  dz = z - y;  // the difference first (no temporary), then scaled: the same products as (2/n) * diff
  const T loss = dz.squaredNorm() / n;
  dz *= T(2) / n;
  return loss;
}

template <class T>
T loss_forward_backward(Loss loss, const Mat<T>& z, const Mat<T>& y, Mat<T>& dz, T n = T(0)) {
  switch (loss) {
    case Loss::bce: return bce_loss(z, y, dz, n);
    case Loss::ce: return ce_loss(z, y, dz, n);
    default: return mse_loss(z, y, dz, n);
  }
}

// A one-chunk training step's use of bce: the gradient at the logits (the same bits as bce_loss's)
// and whether the loss value is finite, which decides divergence. work: the caller's room for
// e^-z, kept between steps. (The other losses' values cost little next to their gradients.)
template <class T>
bool bce_gradient_finite(const Mat<T>& z, const Mat<T>& y, Mat<T>& dz, T n, Arr<T>& work) {
  bce_gradient(z, y, dz, n, work);
  return bce_loss_finite(z, y);
}

// The predicted class of each column of logits: threshold for one output
// (logit > 0 for bce, output > 0.5 for mse), argmax for several.
template <class T>
int predict_class(Loss loss, const Mat<T>& z, int col) {
  if (z.rows() == 1) return loss == Loss::bce ? (z(0, col) > T(0)) : (z(0, col) > T(0.5));
  int k = 0;
  z.col(col).maxCoeff(&k);
  return k;
}

// Probability of class 1 for the two-class case (for decision-boundary maps).
template <class T>
T class1_probability(Loss loss, const Mat<T>& z, int col) {
  if (z.rows() == 1) {
    T v = z(0, col);
    if (loss == Loss::bce) return T(1) / (T(1) + std::exp(-v));
    return std::min(T(1), std::max(T(0), v));
  }
  T m = z.col(col).maxCoeff();
  T s = (z.col(col).array() - m).exp().sum();
  return std::exp(z(1, col) - m) / s;
}

}  // namespace relu
