// Benchmark workloads: a Lab trained or evaluated in a loop, timed with a steady clock.
#include "bench.hpp"

#include <chrono>

#include "lab.hpp"

namespace relu {

const std::vector<BenchCase>& bench_cases() {
  static const std::vector<BenchCase> cases = {
      {"2->8x2->1", 2, 8}, {"2->32x6->1", 6, 32}, {"2->128x10->1", 10, 128}};
  return cases;
}

static Config bench_config(int depth, int width) {
  Config c;
  c.data = DataKind::circle;
  c.points = 1000;
  c.depth = depth;
  c.width = width;
  c.batch = 64;
  c.lr = 0.01;
  return c;
}

static double now_seconds() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

double bench_steps_per_second(int depth, int width, double seconds) {
  Lab lab(bench_config(depth, width));
  lab.step(20);  // warm-up: allocations, caches
  long steps = 0;
  int chunk = 10;
  const double start = now_seconds();
  double elapsed = 0;
  while (elapsed < seconds) {
    lab.step(chunk);
    steps += chunk;
    elapsed = now_seconds() - start;
  }
  return double(steps) / elapsed;
}

double bench_grid_ms(int depth, int width, double seconds) {
  Lab lab(bench_config(depth, width));
  const int side = 100, chunk = 1000;
  Mat<float> x(2, chunk);
  std::vector<float> prob;
  std::vector<uint32_t> pattern;
  int runs = 0;
  const double start = now_seconds();
  double elapsed = 0;
  while (elapsed < seconds || runs == 0) {
    for (int first = 0; first < side * side; first += chunk) {
      for (int i = 0; i < chunk; ++i) {
        int cell = first + i;
        x(0, i) = -1.5f + 3.0f * float(cell % side) / (side - 1);
        x(1, i) = 1.5f - 3.0f * float(cell / side) / (side - 1);
      }
      lab.eval_points(x, prob, pattern);
    }
    ++runs;
    elapsed = now_seconds() - start;
  }
  return 1000.0 * elapsed / runs;
}

}  // namespace relu
