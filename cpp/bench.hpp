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
// The same for a minimal reference step of the same shapes (the same products, nothing but
// the batch, forward, backward and update), to see what Lab::step costs beyond it.
double bench_reference_steps_per_second(int depth, int width, double seconds);
// Milliseconds to evaluate the network on a 100x100 grid (in chunks of 1000 points).
double bench_grid_ms(int depth, int width, double seconds);
// G multiply-adds per second of one float product C (M x N) = A (M x K) * B (K x N), through
// gemm.hpp's kernel or Eigen's product: the fastest of many short runs over `seconds` (a short
// run that no other process interrupted shows what the code can do on a shared machine).
double bench_product_gmacs(int M, int N, int K, bool kernel, double seconds);

}  // namespace relu
