// Kinks and linear pieces of a one-input network (curve_shape.hpp says what they mean).
#include "curve_shape.hpp"

#include <algorithm>
#include <limits>
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {
namespace {

// Multiply-adds spent at most: about 2 ms of work even for a 20 x 256 net.
constexpr double kWorkBudget = 2e7;

// One interval of x on which every unit so far keeps its on/off state, and the
// affine map of the current layer's input there: h(x) = p + q x (one entry per unit).
struct Piece {
  double lo, hi;
  std::vector<double> p, q;
};

}  // namespace

bool act_has_kink(Act a) { return a == Act::relu || a == Act::leaky || a == Act::prelu; }

CurveShape curve_shape(const Mlp<float>& net, double x0, double x1) {
  CurveShape s;
  const int hidden = net.hidden();
  const bool kinked = act_has_kink(net.act);
  if (hidden > 0 && kinked) {
    const Layer<float>& first = net.layers[0];
    for (Eigen::Index u = 0; u < first.W.rows(); ++u) {
      const float w = first.W(u, 0);
      s.kinks.push_back(w == 0.0f ? std::numeric_limits<float>::quiet_NaN() : -first.b(u) / w);
    }
  }
  if (!kinked && net.act != Act::linear) return s;  // smooth: no kinks, no pieces
  if (!kinked) {  // a stack of linear layers is one affine map: one piece
    s.pieces = 1;
    return s;
  }
  std::vector<Piece> pieces = {{x0, x1, {0.0}, {1.0}}};
  double work = 0;
  // Plain loops in double, not Eigen products: a double GEMM kernel would add about 10 KB
  // to the wasm bundle for a function that runs on nets of a few dozen units.
  for (int l = 0; l < hidden && s.exact; ++l) {
    const Layer<float>& layer = net.layers[l];
    const int units = int(layer.W.rows()), fan_in = int(layer.W.cols());
    std::vector<Piece> next;
    std::vector<double> zp(units), zq(units), cuts;
    for (const Piece& piece : pieces) {
      work += 2.0 * units * fan_in;
      for (int u = 0; u < units; ++u) {
        double a = layer.b(u), c = 0;
        for (int j = 0; j < fan_in; ++j) {
          a += double(layer.W(u, j)) * piece.p[j];
          c += double(layer.W(u, j)) * piece.q[j];
        }
        zp[u] = a;
        zq[u] = c;
      }
      // Where each unit's z = zp + zq x crosses 0 inside the piece.
      cuts.assign({piece.lo, piece.hi});
      for (int u = 0; u < units; ++u) {
        if (zq[u] == 0) continue;
        const double t = -zp[u] / zq[u];
        if (t > piece.lo && t < piece.hi) cuts.push_back(t);
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      for (size_t k = 0; k + 1 < cuts.size(); ++k) {
        const double mid = (cuts[k] + cuts[k + 1]) / 2;
        Piece out{cuts[k], cuts[k + 1], std::vector<double>(units), std::vector<double>(units)};
        // h = z on active units (z > 0, as in the forward pass), slope * z on the others.
        for (int u = 0; u < units; ++u) {
          const double gain = zp[u] + zq[u] * mid > 0 ? 1.0 : (net.act == Act::relu ? 0.0 : double(layer.slope(u)));
          out.p[u] = gain * zp[u];
          out.q[u] = gain * zq[u];
        }
        if (net.skips(l))  // residual=1: h = h_prev + f(z), still affine in x on this piece
          for (int u = 0; u < units; ++u) {
            out.p[u] += piece.p[u];
            out.q[u] += piece.q[u];
          }
        next.push_back(std::move(out));
      }
    }
    pieces = std::move(next);
    if (work > kWorkBudget && l + 1 < hidden) s.exact = false;
  }
  for (size_t k = 1; k < pieces.size(); ++k) s.breaks.push_back(pieces[k].lo);
  s.pieces = int(pieces.size());
  return s;
}

}  // namespace relu

RELU_COLD_CODE_END
