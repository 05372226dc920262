// The activation table and scalar versions of f and f' for plotting.
#include "activations.hpp"

#include <cmath>

namespace relu {

const std::vector<ActInfo>& activation_table() {
  static const std::vector<ActInfo> table = {
      {Act::relu, "relu", "max(0, z)"},
      {Act::leaky, "leaky", "z if z > 0, else alpha*z (fixed alpha)"},
      {Act::prelu, "prelu", "z if z > 0, else alpha*z (alpha learned per unit)"},
      {Act::elu, "elu", "z if z > 0, else exp(z) - 1"},
      {Act::softplus, "softplus", "log(1 + exp(z))"},
      {Act::gelu, "gelu", "z * Phi(z), Phi the normal CDF (BERT, GPT)"},
      {Act::silu, "silu", "z * sigmoid(z) (SiLU / Swish)"},
      {Act::sigmoid, "sigmoid", "1 / (1 + exp(-z))"},
      {Act::tanh, "tanh", "tanh(z)"},
      {Act::linear, "linear", "z"},
  };
  return table;
}

const char* act_name(Act a) {
  for (const auto& row : activation_table())
    if (row.act == a) return row.name;
  return "?";
}

bool act_from_name(const std::string& name, Act* out) {
  for (const auto& row : activation_table())
    if (name == row.name) { *out = row.act; return true; }
  return false;
}

// Run the float batch code on a 1x1 matrix, so the plot shows exactly what the net computes.
double act_value(Act a, double z, double alpha) {
  Mat<float> zm(1, 1), h;
  zm(0, 0) = float(z);
  Vec<float> slope = Vec<float>::Constant(1, float(alpha));
  act_forward(a, zm, slope, h);
  return h(0, 0);
}

double act_slope(Act a, double z, double alpha) {
  Mat<float> zm(1, 1), h, dz, one = Mat<float>::Ones(1, 1);
  zm(0, 0) = float(z);
  Vec<float> slope = Vec<float>::Constant(1, float(alpha));
  act_forward(a, zm, slope, h);
  act_backward(a, zm, h, slope, one, dz);
  return dz(0, 0);
}

}  // namespace relu
