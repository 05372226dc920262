// Born dead: a fresh net's output, checked for constancy over the training inputs.
#include "born_dead.hpp"

#include "lab.hpp"
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {

bool born_dead(const Config& config) {
  const Split data = make_data(config.data, config.points, config.noise, config.test, config.seed);
  const Mlp<float> net = initial_net(config);
  Cache<float> cache;
  mlp_forward(net, data.train.x, cache);
  // A layer whose output is exactly zero for every input hands the same vector (zeros)
  // on for every input, so everything after it, the output included, is one constant.
  // Exact zeros, not a tolerance: they come from relu's max(0, z), and 0 + b is exact.
  for (int l = 1; l <= net.hidden(); ++l)
    if ((cache.h[l].array() == 0.0f).all()) return true;
  return false;
}

BornDeadCell born_dead_cell(const Config& config, int depth, int width, int nets) {
  BornDeadCell cell;
  cell.depth = depth;
  cell.width = width;
  cell.nets = nets;
  Config c = config;
  c.depth = depth;
  c.width = width;
  c.widths.clear();  // the grid's uniform width, not a per-layer list from the config
  for (int s = 1; s <= nets; ++s) {
    c.seed = uint32_t(s);
    cell.dead += born_dead(c);
  }
  return cell;
}

const std::vector<int>& born_dead_depths() {
  static const std::vector<int> d = {2, 5, 10, 15, 20};
  return d;
}
const std::vector<int>& born_dead_widths() {
  static const std::vector<int> w = {2, 3, 4, 8, 16};
  return w;
}

}  // namespace relu

RELU_COLD_CODE_END
