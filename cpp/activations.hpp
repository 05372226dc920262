// The activation functions: one table of names, and f with f' side by side for
// each. They act on whole batch matrices (one column per sample, one row per
// unit), so Eigen can vectorise them. Not here: anything about layers or loss.
#pragma once
#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>  // Eigen's erf polynomial, for gelu
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <string>
#include <vector>

#include "cold_code.hpp"

namespace relu {

enum class Act { relu, leaky, prelu, elu, softplus, gelu, silu, sigmoid, tanh, linear };

struct ActInfo {
  Act act;
  const char* name;     // the same name in the URL, the CLI, the bindings and the UI
  const char* formula;  // one line, for help texts
};

// The table. Order is the order shown in menus.
const std::vector<ActInfo>& activation_table();
const char* act_name(Act a);
bool act_from_name(const std::string& name, Act* out);
// Units of these activations have a negative slope (alpha) on z <= 0.
inline bool act_uses_slope(Act a) { return a == Act::leaky || a == Act::prelu; }

template <class T> using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T> using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;

// Phi(z), the standard normal CDF, one value at a time. In float this is Eigen's own
// erf polynomial (the same arithmetic native and in wasm, unlike libm's erff); scalar
// on purpose: gelu is rare, and a vectorised erf in every caller costs kilobytes of wasm.
template <class T>
T normal_cdf(T z) {
  const T x = z * T(0.7071067811865476);  // z / sqrt(2)
  if constexpr (std::is_same<T, float>::value) return T(0.5) * (T(1) + Eigen::internal::generic_fast_erf_float(x));
  else return T(0.5) * (T(1) + std::erf(x));
}

// out = pos where z > 0, else neg (neg null: +0), coefficient by coefficient. The same bits
// as Eigen's select (NaN and -0 included), but without a branch per coefficient: the signs of
// z are a coin toss, so such branches mispredict about half the time (they took 40% of a small
// ReLU net's step). out may be pos or neg, not z.
template <class T>
void where_positive(const Mat<T>& z, const T* pos, const T* neg, Mat<T>& out) {
  using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  const Eigen::Index n = z.size();
  const T* zp = z.data();
  out.resize(z.rows(), z.cols());
  T* o = out.data();
  for (Eigen::Index i = 0; i < n; ++i) {
    const Bits on = Bits(0) - Bits(zp[i] > T(0));  // all ones where z > 0, else zero
    Bits p, q = 0;
    std::memcpy(&p, pos + i, sizeof p);
    if (neg) std::memcpy(&q, neg + i, sizeof q);
    const Bits bits = (p & on) | (q & ~on);
    std::memcpy(o + i, &bits, sizeof bits);
  }
}

// out = pos where z > 0, else +0 (ReLU's backward pass): where_positive with no neg.
template <class T>
void pass_where_positive(const Mat<T>& z, const T* pos, Mat<T>& out) {
  where_positive(z, pos, static_cast<const T*>(nullptr), out);
}

// h = f(z). z, h: units x batch. slope: units (alpha per unit; leaky and prelu only).
// ReLU's kink: z = 0 counts as off everywhere (relu'(0) = 0, as in PyTorch and TF).
template <class T>
RELU_OUTLINE void act_forward(Act a, const Mat<T>& z, const Vec<T>& slope, Mat<T>& h) {
  auto Z = z.array();
  switch (a) {
    case Act::relu: h = Z.max(T(0)).matrix(); break;
    case Act::leaky:
    case Act::prelu:  // z if z > 0, else alpha_unit * z
      h.noalias() = slope.asDiagonal() * z;
      where_positive(z, z.data(), h.data(), h);
      break;
    case Act::elu:  // z if z > 0, else exp(z) - 1 (alpha = 1, Clevert et al. 2015)
      h = (Z > T(0)).select(Z, Z.min(T(0)).exp() - T(1)).matrix(); break;
    case Act::softplus:  // log(1 + e^z), written so that e^z never overflows
      h = (Z.max(T(0)) + (-Z.abs()).exp().log1p()).matrix(); break;
    case Act::gelu:  // z * Phi(z), Phi the standard normal CDF: the exact erf form (PyTorch's default)
      h = (Z * Z.unaryExpr([](T v) { return normal_cdf(v); })).matrix(); break;
    case Act::silu:  // z * sigmoid(z) (SiLU, also called Swish with beta = 1); scalar, like gelu
      h = Z.unaryExpr([](T v) { return v / (T(1) + std::exp(-v)); }).matrix(); break;
    case Act::sigmoid: h = (T(1) / (T(1) + (-Z).exp())).matrix(); break;
    case Act::tanh: h = Z.tanh().matrix(); break;
    case Act::linear: h = z; break;
  }
}

// dz = dh * f'(z), elementwise. Uses h = f(z) where that is cheaper.
template <class T>
RELU_OUTLINE void act_backward(Act a, const Mat<T>& z, const Mat<T>& h, const Vec<T>& slope,
                  const Mat<T>& dh, Mat<T>& dz) {
  auto Z = z.array();
  auto dH = dh.array();
  switch (a) {
    case Act::relu: pass_where_positive(z, dh.data(), dz); break;
    case Act::leaky:
    case Act::prelu:
      dz.noalias() = slope.asDiagonal() * dh;
      where_positive(z, dh.data(), dz.data(), dz);
      break;
    case Act::elu: dz = (Z > T(0)).select(dH, dH * Z.min(T(0)).exp()).matrix(); break;
    case Act::softplus: dz = (dH / (T(1) + (-Z).exp())).matrix(); break;  // f' = sigmoid
    case Act::gelu: {  // f' = Phi(z) + z * phi(z), phi the standard normal density
      const T inv_sqrt_2pi = T(0.3989422804014327);
      dz = (dH * (Z.unaryExpr([](T v) { return normal_cdf(v); }) + Z * inv_sqrt_2pi * (T(-0.5) * Z.square()).exp()))
               .matrix();
      break;
    }
    case Act::silu:  // f' = s + z s (1 - s) with s = sigmoid(z); not bounded by 1 (peaks at about 1.1)
      dz = (dH * Z.unaryExpr([](T v) {
              const T s = T(1) / (T(1) + std::exp(-v));
              return s * (T(1) + v * (T(1) - s));
            })).matrix();
      break;
    case Act::sigmoid: dz = (dH * h.array() * (T(1) - h.array())).matrix(); break;
    case Act::tanh: dz = (dH * (T(1) - h.array().square())).matrix(); break;
    case Act::linear: dz = dh; break;
  }
}

// PReLU's slope gradient: dL/dalpha_unit = sum over the batch of dh * z where z <= 0.
template <class T>
Vec<T> prelu_slope_grad(const Mat<T>& z, const Mat<T>& dh) {
  return (z.array() > T(0)).select(T(0), z.array() * dh.array()).matrix().rowwise().sum();
}

// Scalar f and f' for plots (the page's activation figure), computed in float like the net.
double act_value(Act a, double z, double alpha);
double act_slope(Act a, double z, double alpha);

}  // namespace relu
