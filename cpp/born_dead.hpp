// Born dead: how often a freshly initialised net computes a constant function of
// its inputs before any training (Lu et al. 2019, "Dying ReLU and Initialization";
// Hanin 2018). Pure functions of a config: no I/O, no training, no timing.
#pragma once
#include <vector>

#include "config.hpp"

namespace relu {

// One cell of the depth x width table: of `nets` fresh nets (seeds 1..nets), how many
// are born dead.
struct BornDeadCell {
  int depth = 0, width = 0;
  int dead = 0, nets = 0;
  double share() const { return nets ? double(dead) / nets : 0.0; }
};

// The net a run with this config (seed included) starts from is born dead: some hidden
// layer is entirely off for every training input (every unit's output exactly 0), so
// the output is the same constant whatever the input, and no gradient reaches the
// layers below it. For relu that is z <= 0 for every unit and input; activations that
// are zero only at z = 0 (leaky, elu, gelu, silu, ...) are never born dead, and with
// residual on a layer off adds nothing but still passes its input on.
bool born_dead(const Config& config);

// Seeds 1..nets of `config` at this depth and width (the config's own seed, depth and
// width are ignored). A cell costs `nets` forward passes over the training set.
BornDeadCell born_dead_cell(const Config& config, int depth, int width, int nets);

// The default grid of the CLI and the page's panel.
const std::vector<int>& born_dead_depths();
const std::vector<int>& born_dead_widths();
constexpr int kBornDeadNets = 40;

}  // namespace relu
