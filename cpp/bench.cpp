// Benchmark workloads: a Lab trained or evaluated in a loop, timed with a steady clock,
// and a minimal reference step of the same shapes to hold Lab's step against.
#include "bench.hpp"

#include <algorithm>
#include <chrono>

#include "gemm.hpp"
#include "lab.hpp"
#include "rng.hpp"

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

// The least a relu + sgd + bce step of these shapes has to do, written plainly: gather the
// batch, forward, backward, update, with the products Lab's step uses in this build (Eigen's
// natively, gemm.hpp's kernel with ReLU fused in wasm). Preallocated, no records, no checks,
// no optimizer state: what Lab::step costs beyond this is overhead.
double bench_reference_steps_per_second(int depth, int width, double seconds) {
  const Lab lab(bench_config(depth, width));  // the same data set
  const Mat<float>& data = lab.data().train.x;
  const std::vector<int>& label = lab.data().train.label;
  const int batch = 64, n = data.cols();
  Rng rng(1, 3);
  std::vector<Mat<float>> W, Z(depth + 1), H(depth + 2), dZ(depth + 1), dW(depth + 1);
  std::vector<Eigen::VectorXf> b;
  for (int l = 0; l <= depth; ++l) {
    const int fan_in = l == 0 ? 2 : width, fan_out = l == depth ? 1 : width;
    Mat<float> w(fan_out, fan_in);
    for (Eigen::Index i = 0; i < w.size(); ++i) w(i) = float(rng.normal() * std::sqrt(2.0 / fan_in));
    W.push_back(w);
    b.push_back(Eigen::VectorXf::Zero(fan_out));
  }
  Mat<float> y(1, batch);
  Mat<float> wt;  // multiply_at's transposed copy of W
  H[0].resize(2, batch);
  const float lr = 0.01f;
  auto step = [&](int k) {
    for (int i = 0; i < batch; ++i) {
      const int s = int((k * batch + i) % n);
      H[0].col(i) = data.col(s);
      y(0, i) = float(label[s]);
    }
    for (int l = 0; l <= depth; ++l) {
      if constexpr (kKernelProducts) {  // the products Lab's step uses in this build, ReLU fused
        multiply(W[l], H[l], Z[l], &b[l], l < depth ? &H[l + 1] : nullptr);
      } else {
        Z[l].noalias() = W[l] * H[l];
        Z[l].colwise() += b[l];
        if (l < depth) H[l + 1] = Z[l].cwiseMax(0.0f);
      }
    }
    dZ[depth] = ((1.0f / (1.0f + (-Z[depth].array()).exp())) - y.array()).matrix() / float(batch);
    for (int l = depth; l >= 0; --l) {
      if constexpr (kKernelProducts) {
        multiply_bt(dZ[l], H[l], dW[l]);
        if (l > 0) multiply_at(W[l], dZ[l], dZ[l - 1], wt, &Z[l - 1]);  // relu' as the sums are stored
      } else {
        dW[l].noalias() = dZ[l] * H[l].transpose();
        if (l > 0) {
          dZ[l - 1].noalias() = W[l].transpose() * dZ[l];
          pass_where_positive(Z[l - 1], dZ[l - 1].data(), dZ[l - 1]);  // relu', branch-free as in Lab's step
        }
      }
      b[l] -= lr * dZ[l].rowwise().sum();
      W[l] -= lr * dW[l];
    }
  };
  for (int k = 0; k < 20; ++k) step(k);  // warm-up, as bench_steps_per_second
  long steps = 0;
  const double start = now_seconds();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (int k = 0; k < 10; ++k) step(int(steps + k));
    steps += 10;
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

double bench_product_gmacs(int M, int N, int K, bool kernel, double seconds) {
  Rng rng(7, 1);
  Mat<float> A(M, K), B(K, N), C(M, N);
  for (Eigen::Index i = 0; i < A.size(); ++i) A(i) = float(rng.normal());
  for (Eigen::Index i = 0; i < B.size(); ++i) B(i) = float(rng.normal());
  auto once = [&] {
    if (kernel) multiply(A, B, C);
    else C.noalias() = A * B;
  };
  once();
  const double macs = double(M) * N * K;
  const int reps = std::max(1, int(2e5 / std::max(1.0, macs)));  // runs of about 0.01-0.1 ms
  double best = 1e30;
  for (const double start = now_seconds(); now_seconds() - start < seconds;) {
    const double t0 = now_seconds();
    for (int r = 0; r < reps; ++r) once();
    best = std::min(best, (now_seconds() - t0) / reps);
  }
  return macs / best / 1e9;
}

}  // namespace relu
