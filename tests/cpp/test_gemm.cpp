// The float matrix kernel (cpp/gemm.hpp) against a plain triple loop, bit for bit: every
// coefficient is summed over k in rising order in both, so they must agree exactly, on odd
// shapes (tails of rows and columns), transposed operands, bias, ReLU on the way out and ReLU's
// backward mask; and the float network's passes, which use it, against the double ones (Eigen).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "gemm.hpp"
#include "network.hpp"

using namespace relu;

namespace {

std::vector<float> randoms(size_t n, Rng& rng) {
  std::vector<float> v(n);
  for (float& x : v) x = float(rng.normal());
  return v;
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// What gemm.hpp promises, written as plainly as possible.
void naive(int M, int N, int K, const float* a, long lda, const float* b, long bk, long bj, const ProductOut& o) {
  for (int j = 0; j < N; ++j)
    for (int i = 0; i < M; ++i) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += a[i + k * lda] * b[k * bk + j * bj];
      if (o.bias) s += o.bias[i];
      const long at = i + j * o.ldc;
      if (o.mask && !(o.mask[at] > 0.0f)) s = 0.0f;
      o.c[at] = s;
      if (o.relu) o.relu[at] = s < 0.0f ? 0.0f : s;
    }
}

struct Shape {
  int M, N, K;
};

// The lab's shapes (2 inputs, widths 8 / 32 / 128 / 256, one output, training chunks of 37 and
// 27 samples, map calls of 113 and 1000 cells) and odd ones: every tail of rows (1-3 after 16,
// 8 or 4) and of columns (1 after pairs, 1-3 after fours).
const Shape kShapes[] = {{1, 1, 1},   {3, 5, 7},     {5, 3, 2},     {4, 4, 4},    {7, 9, 13},   {8, 64, 2},
                         {9, 10, 11}, {15, 7, 16},   {16, 2, 3},    {17, 3, 19},  {19, 6, 5},   {21, 13, 8},
                         {26, 1, 30}, {1, 64, 128},  {128, 37, 128}, {128, 27, 2}, {10, 64, 64}, {32, 113, 32},
                         {2, 5, 0},   {256, 5, 256}, {12, 1000, 8}, {1, 1000, 32}, {17, 129, 9}, {128, 257, 3},
                         // The narrow rows (1-3 rows of C, four columns to a register): every
                         // group of columns (16, 8, 4, then one by one) and every tail of k after fours.
                         {1, 31, 9},  {1, 7, 3},    {1, 8, 64},    {2, 23, 6},   {2, 64, 8},   {3, 13, 4},
                         {3, 1000, 128}, {10, 19, 5}, {11, 2, 2}};

}  // namespace

TEST_CASE("the kernel's products equal a plain triple loop's, bit for bit, on every shape", "[gemm]") {
  Rng rng(11);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (const Shape& s : kShapes) {
    // B column-major K x N (bk = 1, bj = K), the transpose of a row-major one (bk = N, bj = 1),
    // or neither (every other row of a column-major matrix with a padded column).
    for (int layout = 0; layout < 3; ++layout) {
      for (int extra = 0; extra < 3; ++extra) {  // nothing, a bias, a bias and ReLU's backward mask
        INFO("M=" << s.M << " N=" << s.N << " K=" << s.K << " B layout=" << layout << " extra=" << extra);
        const long lda = s.M + 3;  // a leading dimension larger than the rows: only lda is used
        const std::vector<float> a = randoms(size_t(lda) * std::max(1, s.K), rng);
        const long bk = layout == 0 ? 1 : layout == 1 ? s.N : 2, bj = layout == 0 ? s.K : layout == 1 ? 1 : 2 * s.K + 1;
        const std::vector<float> b = randoms(size_t(std::max(1, s.K)) * bk + size_t(std::max(1, s.N)) * bj + 1, rng);
        const std::vector<float> bv = randoms(size_t(s.M), rng);
        std::vector<float> mask = randoms(size_t(s.M) * s.N, rng);  // signs, +-0 and NaN
        for (size_t i = 0; i < mask.size(); i += 7) mask[i] = i % 3 == 0 ? nan : i % 3 == 1 ? 0.0f : -0.0f;
        std::vector<float> c1(size_t(s.M) * s.N, 7.0f), c2(c1), r1(c1), r2(c1);
        ProductOut o1, o2;
        o1.c = c1.data(), o2.c = c2.data();
        o1.ldc = o2.ldc = s.M;
        o1.relu = r1.data(), o2.relu = r2.data();
        o1.bias = o2.bias = extra >= 1 ? bv.data() : nullptr;
        o1.mask = o2.mask = extra == 2 ? mask.data() : nullptr;
        product(s.M, s.N, s.K, a.data(), lda, b.data(), bk, bj, o1);
        naive(s.M, s.N, s.K, a.data(), lda, b.data(), bk, bj, o2);
        int differ = 0;
        for (size_t i = 0; i < c1.size(); ++i) differ += !same_bits(c1[i], c2[i]) + !same_bits(r1[i], r2[i]);
        CHECK(differ == 0);
        // Only the ReLU output (a map needs no z): the same bits, and C untouched.
        std::vector<float> r3(c1.size(), 7.0f), untouched(c1.size(), 7.0f);
        ProductOut o3 = o1;
        o3.c = nullptr;
        o3.relu = r3.data();
        product(s.M, s.N, s.K, a.data(), lda, b.data(), bk, bj, o3);
        differ = 0;
        for (size_t i = 0; i < c1.size(); ++i) differ += !same_bits(r3[i], r2[i]);
        CHECK(differ == 0);
      }
    }
  }
}

TEST_CASE("the kernel's ReLU and ReLU' give the bits of act_forward and act_backward, -0 and NaN included",
          "[gemm]") {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  // A 6 x 1 times 1 x 5 product whose sums are -0, +0, NaN (Inf * 0), +-Inf and ordinary values.
  Mat<float> A(6, 1), B(1, 5);
  A << -0.0f, 0.0f, inf, -1.5f, 2.0f, 1e-30f;
  B << 1.0f, 0.0f, -2.0f, 1e-30f, -0.0f;
  Mat<float> z, h, hz;
  multiply(A, B, z, nullptr, &h);
  act_forward(Act::relu, z, Vec<float>(), hz);
  int differ = 0, nans = 0;
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    differ += !same_bits(h(i), hz(i));
    nans += std::isnan(z(i));
  }
  CHECK(nans > 0);
  CHECK(differ == 0);
  // The backward mask: dz = z > 0 ? W^T dh : +0, against pass_where_positive on the same product.
  Mat<float> W(1, 6), dh(1, 5), masked, plain, expected;
  Mat<float> at;
  W << 1.0f, -1.0f, 0.5f, nan, -0.0f, 3.0f;
  dh << 1.0f, -2.0f, 0.0f, -0.0f, inf;
  Mat<float> mask = z;  // 6 x 5: NaN, +-0, +-Inf, signs
  multiply_at(W, dh, masked, at, &mask);
  multiply_at(W, dh, plain, at);
  pass_where_positive(mask, plain.data(), expected);
  differ = 0;
  for (Eigen::Index i = 0; i < masked.size(); ++i) differ += !same_bits(masked(i), expected(i));
  CHECK(differ == 0);
}

TEST_CASE("multiply, multiply_bt and multiply_at are A*B, A*B^T and A^T*B", "[gemm]") {
  Rng rng(5);
  for (const Shape& s : kShapes) {
    INFO("M=" << s.M << " N=" << s.N << " K=" << s.K);
    Mat<float> A(s.M, s.K), B(s.K, s.N), Bt(s.N, s.K), At(s.K, s.M), C;
    Mat<float> scratch;
    for (Eigen::Index i = 0; i < A.size(); ++i) A(i) = float(rng.normal());
    for (Eigen::Index i = 0; i < B.size(); ++i) B(i) = float(rng.normal());
    Bt = B.transpose();
    At = A.transpose();
    const Mat<double> exact = A.cast<double>() * B.cast<double>();
    const double tol = 1e-5 * (1 + s.K);
    multiply(A, B, C);
    CHECK((C.cast<double>() - exact).cwiseAbs().maxCoeff() <= tol);
    multiply_bt(A, Bt, C);
    CHECK((C.cast<double>() - exact).cwiseAbs().maxCoeff() <= tol);
    multiply_at(At, B, C, scratch);
    CHECK((C.cast<double>() - exact).cwiseAbs().maxCoeff() <= tol);
    CHECK(C.rows() == s.M);
    CHECK(C.cols() == s.N);
    // at_ready: the transposed copy the call before made is used as it is, not made again from
    // the matrix passed (here one of the same shape, all zeros, to tell the two apart).
    const Mat<float> zeros = Mat<float>::Zero(At.rows(), At.cols());
    Mat<float> reused;
    multiply_at(zeros, B, reused, scratch, nullptr, true);
    CHECK(reused == C);
    multiply_at(zeros, B, reused, scratch);
    CHECK(reused.isZero());
  }
}

namespace {

// The same net in float and in double, on the same inputs.
template <class T>
Mlp<T> copy_net(const Mlp<double>& net) {
  Mlp<T> out;
  out.act = net.act;
  out.residual = net.residual;
  for (const auto& layer : net.layers)
    out.layers.push_back(Layer<T>{layer.W.cast<T>(), layer.b.cast<T>(), layer.slope.cast<T>()});
  return out;
}

}  // namespace

TEST_CASE("the float network's forward and backward (the kernel) agree with the double one (Eigen)", "[gemm]") {
  struct Case {
    Act act;
    bool residual;
    double l1, l2;
    int width, batch;
  };
  // ReLU's fused paths, ReLU with l1 (not fused), leaky and tanh (act_forward/act_backward),
  // residual skips, and widths with tails of 1-3 rows.
  const Case cases[] = {{Act::relu, false, 0, 0, 19, 37},  {Act::relu, false, 0.01, 0.001, 16, 8},
                        {Act::relu, true, 0, 0, 12, 5},   {Act::leaky, false, 0, 0.01, 9, 6},
                        {Act::tanh, true, 0.01, 0, 7, 3}, {Act::prelu, false, 0, 0, 33, 65}};
  for (const Case& c : cases) {
    INFO("act=" << act_name(c.act) << " residual=" << c.residual << " width=" << c.width);
    Rng rng(3);
    Mlp<double> net = make_mlp<double>(2, 3, c.width, 2, c.act, Init::he, 0.1, 0.2, rng);
    net.residual = c.residual;
    Mat<double> x(2, c.batch), y(2, c.batch);
    for (Eigen::Index i = 0; i < x.size(); ++i) x(i) = rng.normal();
    for (Eigen::Index i = 0; i < y.size(); ++i) y(i) = rng.normal();
    const Mlp<float> netf = copy_net<float>(net);
    Cache<double> cd;
    Cache<float> cf;
    mlp_forward(net, x, cd);
    mlp_forward(netf, Mat<float>(x.cast<float>()), cf);
    Mat<double> dzd;
    Mat<float> dzf;
    mse_loss(cd.z.back(), y, dzd);
    mse_loss(cf.z.back(), Mat<float>(y.cast<float>()), dzf);
    Grads<double> gd;
    Grads<float> gf;
    mlp_backward(net, cd, dzd, c.l1, c.l2, gd);
    mlp_backward(netf, cf, dzf, float(c.l1), float(c.l2), gf);
    auto close = [](const auto& f, const auto& d) {
      const double scale = 1 + d.cwiseAbs().maxCoeff();
      return (f.template cast<double>() - d).cwiseAbs().maxCoeff() <= 1e-4 * scale;
    };
    for (size_t l = 0; l < cd.z.size(); ++l) {
      CHECK(close(cf.z[l], cd.z[l]));
      CHECK(close(cf.h[l], cd.h[l]));
      CHECK(close(gf.dW[l], gd.dW[l]));
      CHECK(close(gf.db[l], gd.db[l]));
      CHECK(close(gf.dz[l], gd.dz[l]));
      CHECK(close(gf.dslope[l], gd.dslope[l]));
    }
  }
}
