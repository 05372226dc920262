// What a network with one input looks like as a function of x (data=curve):
// where each first-layer unit has its kink, and into how many linear pieces all
// the units' switches cut an interval. A ReLU net is piecewise linear; each unit
// whose z crosses 0 inside the interval can add a piece, and a linear net is one
// straight line. Pure functions of a network; the curve panel only draws them.
// Not here: training, drawing.
#pragma once
#include <vector>

#include "network.hpp"

namespace relu {

struct CurveShape {
  // Per first-layer unit: the x where its z = w x + b crosses 0, i.e. -b / w
  // (NaN if w = 0: the unit is constant). Empty when the activation has no kink
  // (linear, or a smooth one such as tanh).
  std::vector<float> kinks;
  // The x in (x0, x1) where some hidden unit of any layer switches on or off, sorted.
  std::vector<double> breaks;
  // Linear pieces of the net's output on [x0, x1]: breaks + 1; 1 for a linear
  // net; -1 when the activation is smooth (no pieces to count).
  int pieces = -1;
  // False when the work budget ran out before the last layer (pieces is then a
  // lower bound): it caps the cost of a deep, wide net at a few milliseconds.
  bool exact = true;
};

// Activations whose units bend at exactly one point, z = 0 (relu, leaky, prelu).
bool act_has_kink(Act a);

// The shape of net (one input) on [x0, x1]. Exact: it follows the affine map of
// each interval layer by layer in double and splits intervals where a unit's z
// changes sign, so no piece is missed however narrow.
CurveShape curve_shape(const Mlp<float>& net, double x0, double x1);

}  // namespace relu
