// Benchmarks (not tests): training steps per second and grid evaluation time
// for the networks of docs/DESIGN.md's budgets. Both the CLI (native) and the
// bindings (wasm) call these, so the two builds time exactly the same work.
#pragma once
#include <string>
#include <vector>

namespace relu {

struct BenchCase {
  std::string name;  // e.g. "2->8x2->1"
  int depth, width;
};
const std::vector<BenchCase>& bench_cases();

// Mini-batch training steps per second at batch 64 (relu, sgd, circle),
// timed over at least `seconds` after a warm-up.
double bench_steps_per_second(int depth, int width, double seconds);
// Milliseconds to evaluate the network on a 100x100 grid (in chunks of 1000 points).
double bench_grid_ms(int depth, int width, double seconds);

}  // namespace relu
