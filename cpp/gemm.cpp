// The matrix products' kernel: register tiles of C summed over k in one pass (gemm.hpp has the
// contract). Written once with GCC's and clang's vector extension, which the native build
// compiles to SSE and the wasm build (-msimd128) to wasm SIMD, so both builds run the same
// operations in the same order. Not here: packing for cache blocks (the network's matrices are
// at most 256 x 256 and fit in the L2 cache), threads.
//
// Why not Eigen's product: in wasm, Eigen's SSE kernels translated to 4-lane wasm SIMD reach
// about 13-15 G multiply-adds per second on this project's machine; these tiles reach about 22-24
// (scripts/bench-gemm.mjs), and they skip Eigen's packing, which dominates the small net's step.
#include "gemm.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace relu {
namespace {

typedef float F4 __attribute__((vector_size(16)));
typedef int I4 __attribute__((vector_size(16)));

inline F4 load(const float* p) {
  F4 v;
  std::memcpy(&v, p, sizeof v);  // one unaligned 128-bit load
  return v;
}
inline void store(float* p, F4 v) { std::memcpy(p, &v, sizeof v); }
inline F4 splat(float x) { return F4{x, x, x, x}; }

// The epilogue of four sums s of a column of C (gemm.hpp, ProductOut); at is the offset of
// their first coefficient in C (and in mask and relu, which share C's layout).
inline void finish(F4 s, const ProductOut& o, long at, int row) {
  if (o.bias) s += load(o.bias + row);
  if (o.mask) s = F4(I4(s) & (load(o.mask + at) > F4{}));
  if (o.c) store(o.c + at, s);
  if (o.relu) store(o.relu + at, F4(I4(s) & ~(s < F4{})));
}

// C's rows [0, 4*MV) and columns [j, j + NR) of the block that o points at: 4*MV x NR sums in
// registers, k rising. MV x NR of 4x2 or 2x4 keeps 8 sums, the operands of one k and a broadcast
// in the 16 registers that x86 gives a wasm engine; wider tiles spilled and ran slower.
template <int MV, int NR>
inline void tile(int K, const float* a, long lda, const float* b, long bk, long bj, const ProductOut& o, int j) {
  F4 acc[MV][NR] = {};
  const float* bcol = b + j * bj;
  for (int k = 0; k < K; ++k) {
    F4 av[MV];
    for (int m = 0; m < MV; ++m) av[m] = load(a + k * lda + 4 * m);
    for (int n = 0; n < NR; ++n) {
      const F4 bv = splat(bcol[k * bk + n * bj]);
      for (int m = 0; m < MV; ++m) acc[m][n] += av[m] * bv;
    }
  }
  for (int n = 0; n < NR; ++n)
    for (int m = 0; m < MV; ++m) finish(acc[m][n], o, (j + n) * o.ldc + 4 * m, 4 * m);
}

// All N columns of a block of 4*MV rows: tiles NR wide, then narrower ones for the rest.
template <int MV, int NR>
void row_block(int N, int K, const float* a, long lda, const float* b, long bk, long bj, const ProductOut& o) {
  int j = 0;
  for (; j + NR <= N; j += NR) tile<MV, NR>(K, a, lda, b, bk, bj, o, j);
  if (NR > 2 && j + 2 <= N) {
    tile<MV, 2>(K, a, lda, b, bk, bj, o, j);
    j += 2;
  }
  for (; j < N; ++j) tile<MV, 1>(K, a, lda, b, bk, bj, o, j);
}

// o moved to C's row i and column j.
ProductOut at(const ProductOut& o, int i, long j) {
  ProductOut r = o;
  const long offset = i + j * o.ldc;
  r.c = o.c ? o.c + offset : nullptr;
  r.bias = o.bias ? o.bias + i : nullptr;
  r.mask = o.mask ? o.mask + offset : nullptr;
  r.relu = o.relu ? o.relu + offset : nullptr;
  return r;
}

// The last 1-3 rows: copied into a block of 4, summed as 4 (each lane is its own row: whatever
// the padding lanes hold changes no real row's sums), and the real rows copied out. The buffer
// only grows and is never cleared. With one useful lane of four this runs at about 3 G
// multiply-adds/s (scripts/bench-gemm.mjs, 1 x 1000 x 128): a map's output layer, a few per
// cent of its call; summing along the columns instead would need B transposed.
void last_rows(int rows, int N, int K, const float* a, long lda, const float* b, long bk, long bj, const ProductOut& o) {
  static thread_local std::vector<float> pad;
  const size_t need = size_t(4) * (K + 1 + 3 * size_t(N));
  if (pad.size() < need) pad.resize(need);
  float* pa = pad.data();       // 4 x K
  float* pbias = pa + 4 * K;    // 4
  float* pmask = pbias + 4;     // 4 x N
  float* pc = pmask + 4 * N;    // 4 x N
  float* prelu = pc + 4 * N;    // 4 x N
  for (int k = 0; k < K; ++k)
    for (int t = 0; t < rows; ++t) pa[4 * k + t] = a[t + k * lda];
  ProductOut p;
  p.c = pc;
  p.ldc = 4;
  if (o.bias) {
    for (int t = 0; t < rows; ++t) pbias[t] = o.bias[t];
    p.bias = pbias;
  }
  if (o.mask) {
    for (int j = 0; j < N; ++j)
      for (int t = 0; t < rows; ++t) pmask[4 * j + t] = o.mask[t + j * o.ldc];
    p.mask = pmask;
  }
  if (o.relu) p.relu = prelu;
  row_block<1, 4>(N, K, pa, 4, b, bk, bj, p);
  for (int j = 0; j < N; ++j)
    for (int t = 0; t < rows; ++t) {
      if (o.c) o.c[t + j * o.ldc] = pc[4 * j + t];
      if (o.relu) o.relu[t + j * o.ldc] = prelu[4 * j + t];
    }
}

// Columns per pass over A's rows: B's block (K x 128, at most 128 KB for K = 256) and C's stay
// in the L2 cache while every block of rows goes over them; a map's 1,000 columns would not.
constexpr int kColumnBlock = 128;

}  // namespace

// Out of line: inlined into a caller built for size (cpp/cold_code.hpp), the tiles would not be
// unrolled.
[[gnu::noinline]] void product(int M, int N, int K, const float* a, long lda, const float* b, long bk, long bj,
                               const ProductOut& out) {
  for (int j = 0; j < N; j += kColumnBlock) {
    const int n = std::min(kColumnBlock, N - j);
    const float* bj0 = b + j * bj;
    int i = 0;
    for (; i + 16 <= M; i += 16) row_block<4, 2>(n, K, a + i, lda, bj0, bk, bj, at(out, i, j));
    if (i + 8 <= M) {
      row_block<2, 4>(n, K, a + i, lda, bj0, bk, bj, at(out, i, j));
      i += 8;
    }
    if (i + 4 <= M) {
      row_block<1, 4>(n, K, a + i, lda, bj0, bk, bj, at(out, i, j));
      i += 4;
    }
    if (i < M) last_rows(M - i, n, K, a + i, lda, bj0, bk, bj, at(out, i, j));
  }
}

void multiply(const Mat<float>& A, const Mat<float>& B, Mat<float>& C, const Vec<float>* bias, Mat<float>* relu) {
  C.resize(A.rows(), B.cols());
  ProductOut o;
  o.c = C.data();
  o.ldc = C.rows();
  o.bias = bias ? bias->data() : nullptr;
  if (relu) {
    relu->resize(C.rows(), C.cols());
    o.relu = relu->data();
  }
  product(int(A.rows()), int(B.cols()), int(A.cols()), A.data(), A.rows(), B.data(), 1, B.rows(), o);
}

void multiply_bt(const Mat<float>& A, const Mat<float>& B, Mat<float>& C) {
  C.resize(A.rows(), B.rows());
  ProductOut o;
  o.c = C.data();
  o.ldc = C.rows();
  // B^T(k, j) = B(j, k), at b[j + k*ldb]
  product(int(A.rows()), int(B.rows()), int(A.cols()), A.data(), A.rows(), B.data(), B.rows(), 1, o);
}

void multiply_at(const Mat<float>& A, const Mat<float>& B, Mat<float>& C, std::vector<float>& At, const Mat<float>* mask) {
  const Eigen::Index rows = A.rows(), cols = A.cols();
  if (At.size() < size_t(rows * cols)) At.resize(size_t(rows * cols));  // grows once: no allocation per layer
  const float* src = A.data();
  float* dst = At.data();
  // In 8 x 8 blocks, so that both the reads and the writes stay in a few cache lines.
  for (Eigen::Index c0 = 0; c0 < cols; c0 += 8)
    for (Eigen::Index r0 = 0; r0 < rows; r0 += 8)
      for (Eigen::Index c = c0; c < std::min(cols, c0 + 8); ++c)
        for (Eigen::Index r = r0; r < std::min(rows, r0 + 8); ++r) dst[c + r * cols] = src[r + c * rows];
  C.resize(A.cols(), B.cols());
  ProductOut o;
  o.c = C.data();
  o.ldc = C.rows();
  o.mask = mask ? mask->data() : nullptr;
  product(int(cols), int(B.cols()), int(rows), At.data(), cols, B.data(), 1, B.rows(), o);
}

}  // namespace relu
