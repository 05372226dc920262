// Kinks and linear pieces of a one-input network (curve_shape.hpp says what they mean).
#include "curve_shape.hpp"

#include <algorithm>
#include <limits>

namespace relu {
namespace {

// Multiply-adds spent at most: about 2 ms of work even for a 20 x 256 net.
constexpr double kWorkBudget = 2e7;

// One interval of x on which every unit so far keeps its on/off state, and the
// affine map of the current layer's input there: h(x) = p + q x (one entry per unit).
struct Piece {
  double lo, hi;
  Eigen::VectorXd p, q;
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
  std::vector<Piece> pieces = {{x0, x1, Eigen::VectorXd::Zero(1), Eigen::VectorXd::Ones(1)}};
  double work = 0;
  for (int l = 0; l < hidden && s.exact; ++l) {
    const Layer<float>& layer = net.layers[l];
    const Eigen::MatrixXd W = layer.W.cast<double>();
    const Eigen::VectorXd b = layer.b.cast<double>(), slope = layer.slope.cast<double>();
    std::vector<Piece> next;
    for (const Piece& piece : pieces) {
      work += 2.0 * double(W.size());
      const Eigen::VectorXd zp = W * piece.p + b, zq = W * piece.q;
      // Where each unit's z = zp + zq x crosses 0 inside the piece.
      std::vector<double> cuts = {piece.lo, piece.hi};
      for (Eigen::Index u = 0; u < zp.size(); ++u) {
        if (zq(u) == 0) continue;
        const double t = -zp(u) / zq(u);
        if (t > piece.lo && t < piece.hi) cuts.push_back(t);
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      for (size_t k = 0; k + 1 < cuts.size(); ++k) {
        const double mid = (cuts[k] + cuts[k + 1]) / 2;
        // h = z on active units (z > 0, as in the forward pass), slope * z on the others.
        Eigen::VectorXd gain(zp.size());
        for (Eigen::Index u = 0; u < zp.size(); ++u)
          gain(u) = zp(u) + zq(u) * mid > 0 ? 1.0 : (net.act == Act::relu ? 0.0 : slope(u));
        next.push_back({cuts[k], cuts[k + 1], gain.cwiseProduct(zp), gain.cwiseProduct(zq)});
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
