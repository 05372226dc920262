// The named presets: one or more per claim of the article (docs/DESIGN.md). The page's
// figures use these names, so `relu-lab run preset=NAME` reproduces any figure.
#include "config.hpp"
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {

const std::vector<Preset>& preset_table() {
  static const std::vector<Preset> table = {
      {"lab", "the defaults: a small relu net on circle, to change one thing at a time", ""},
      {"shapes", "claim 1: f and f' of each activation, beside a small relu net on circle",
       "data=circle&depth=2&width=8&opt=adam&lr=0.03"},
      {"sparse", "claim 2: per-layer active fraction of a deep relu net, at init and while training on spiral",
       "data=spiral&noise=0.05&depth=6&width=32&opt=adam&lr=0.01"},
      {"two-n", "claim 3: active fraction per layer stays near 1/2 while the open-path share falls as 2^-N",
       "data=noise&points=200&depth=12&width=64&lr=0.01"},
      {"brain", "claim 4: ReLU net activity (about 50%) against the sparse-coding band from neuroscience",
       "data=spiral&noise=0.05&depth=4&width=32&opt=adam&lr=0.01"},
      {"expressive", "claim 5: relu vs linear on xor: a linear stack stays one affine map",
       "data=xor&depth=2&width=8&opt=adam&lr=0.03"},
      {"expressive-spiral", "claim 5: relu vs linear on spiral, with the linear-region map",
       "data=spiral&noise=0.05&depth=3&width=24&opt=adam&lr=0.01&points=600"},
      {"vanishing", "claim 6: gradient norm per layer at depth 10 (compare relu, sigmoid, tanh)",
       "data=circle&depth=10&width=32&lr=0.05"},
      // Small weights: without skips no gradient reaches the lower layers (exactly 0 in float);
      // with them the identity path carries it. With He init the skip sums grow layer after
      // layer (step-0 loss about 7000 on this net, seed 1) and sgd at lr 0.5 diverges.
      {"residual", "beyond the blog: a 20-layer relu net trains with skip connections and not without (compare residual 0, 1)",
       "data=circle&depth=20&width=16&init=small&lr=0.5"},
      // Momentum 0.9 makes a step about 10x an sgd step: lr 0.01 / 0.1 / 1 span "fine" to "far too large".
      {"dead-relu", "claim 7: a too-large learning rate kills relu units (compare lr 0.01, 0.1, 1)",
       "data=circle&depth=4&width=16&opt=momentum&lr=1"},
      // lr 0.3 with momentum: too large, but not absurd (like sgd at 3).
      {"dead-moderate", "claim 7: a moderately too large rate, lr 0.3 with momentum (compare relu and leaky)",
       "data=circle&depth=4&width=16&opt=momentum&lr=0.3"},
      {"born-dead", "claim 7: nets born dead: the share of fresh relu nets with a layer off for every input, by depth and width",
       "data=circle&depth=10&width=3"},
      {"dead-leaky", "claim 7: the same large learning rate with leaky relu (alpha 0.01)",
       "data=circle&depth=4&width=16&opt=momentum&lr=1&act=leaky"},
      {"dead-prelu", "claim 7: the same large learning rate with prelu (learned slope from 0.25)",
       "data=circle&depth=4&width=16&opt=momentum&lr=1&act=prelu&alpha=0.25"},
      // A 1-8-1 net on sin(pi x): each of its 8 relu units can place one kink.
      {"curve", "claim 5: fit sin(pi x) with 8 relu units: the fit is piecewise linear, one kink per unit",
       "data=curve&target=sine&points=200&depth=1&width=8&opt=adam&lr=0.03"},
      {"digits", "claim 8: 64 -> 2x64 -> 10 relu MLP on 8x8 digits, no penalty",
       "data=digits&points=1797&depth=2&width=64&opt=adam&lr=0.003&batch=64"},
      {"digits-l1", "claim 8: the same with an L1 activation penalty (Glorot et al. 2011)",
       "data=digits&points=1797&depth=2&width=64&opt=adam&lr=0.003&batch=64&l1=0.001"},
  };
  return table;
}

}  // namespace relu

RELU_COLD_CODE_END
