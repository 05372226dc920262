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
  // Pointers stepped by a stride rather than k * stride: one add per operand and k, where the
  // products of indices cost a multiply and a reload each in the engine's code.
  const float* ak = a;
  const float* bk0 = b + j * bj;
  for (int k = 0; k < K; ++k, ak += lda, bk0 += bk) {
    F4 av[MV];
    for (int m = 0; m < MV; ++m) av[m] = load(ak + 4 * m);
    for (int n = 0; n < NR; ++n) {
      const F4 bv = splat(bk0[n * bj]);
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

// The epilogue of one coefficient of C at offset `at`, row `row`, for the narrow rows below: the
// same operations as finish() on one lane (bias, then ReLU's mask, then C and ReLU's output).
void finish_one(float s, const ProductOut& o, long at, int row) {
  if (o.bias) s += o.bias[row];
  if (o.mask) s = o.mask[at] > 0.0f ? s : 0.0f;  // NaN in mask: +0, as the vector mask
  if (o.c) o.c[at] = s;
  if (o.relu) o.relu[at] = s < 0.0f ? 0.0f : s;  // -0 and NaN pass, as max(z, 0)
}

// B(k, j..j+3) as one register: four columns' coefficients of row k, wherever B keeps them.
inline F4 gather(const float* b, long bk, long bj, int k, int j) {
  const float* p = b + k * bk + j * bj;
  return F4{p[0], p[bj], p[2 * bj], p[3 * bj]};
}

template <int I0, int I1, int I2, int I3>
inline F4 shuffle(F4 x, F4 y) {
  return __builtin_shufflevector(x, y, I0, I1, I2, I3);
}

// One row of C (row 0 of the block o points at), columns [j, j + 4G): the four lanes of a
// register are four columns of the row (a padded tile of four rows left three lanes of four
// idle), and G groups of four give the adds G independent chains. If B's rows are contiguous in
// j (bj = 1: the weight gradient dz h^T) they are read as they are; a column-major B (bk = 1: the
// forward W h) is read four k at a time from each of four columns and transposed in registers;
// any other B is gathered. Every lane still sums over k in rising order.
template <int G>
void row_columns(int K, const float* a, long lda, const float* b, long bk, long bj, const ProductOut& o, int j) {
  F4 acc[G] = {};
  int k = 0;
  if (bj == 1) {
    const float* ak = a;
    const float* bk0 = b + j;
    for (; k < K; ++k, ak += lda, bk0 += bk) {  // stepped pointers, as in tile()
      const F4 av = splat(*ak);
      for (int g = 0; g < G; ++g) acc[g] += av * load(bk0 + 4 * g);
    }
  } else if (bk == 1) {
    const float* ak = a;
    const float* col0 = b + j * bj;
    for (; k + 4 <= K; k += 4, ak += 4 * lda, col0 += 4) {
      const F4 av[4] = {splat(ak[0]), splat(ak[lda]), splat(ak[2 * lda]), splat(ak[3 * lda])};
      for (int g = 0; g < G; ++g) {
        const float* col = col0 + 4 * g * bj;
        const F4 c0 = load(col), c1 = load(col + bj), c2 = load(col + 2 * bj), c3 = load(col + 3 * bj);
        const F4 lo01 = shuffle<0, 4, 1, 5>(c0, c1), hi01 = shuffle<2, 6, 3, 7>(c0, c1);
        const F4 lo23 = shuffle<0, 4, 1, 5>(c2, c3), hi23 = shuffle<2, 6, 3, 7>(c2, c3);
        acc[g] += av[0] * shuffle<0, 1, 4, 5>(lo01, lo23);  // B(k, j..j+3)
        acc[g] += av[1] * shuffle<2, 3, 6, 7>(lo01, lo23);  // B(k + 1, j..j+3)
        acc[g] += av[2] * shuffle<0, 1, 4, 5>(hi01, hi23);
        acc[g] += av[3] * shuffle<2, 3, 6, 7>(hi01, hi23);
      }
    }
  }
  for (; k < K; ++k) {  // the last k of a column-major B, or every k of another layout
    const F4 av = splat(a[k * lda]);
    for (int g = 0; g < G; ++g) acc[g] += av * gather(b, bk, bj, k, j + 4 * g);
  }
  for (int g = 0; g < G; ++g)
    for (int t = 0; t < 4; ++t) finish_one(acc[g][t], o, (j + 4 * g + t) * o.ldc, 0);
}

// The last 1-3 rows (an output layer: one row for two classes or a regression, the last two of
// ten digits), one row at a time: columns 16 at a time (four chains of adds in flight), then 8,
// then 4, then one by one. At one row a padded tile of four rows ran at about 3 G multiply-adds/s
// (scripts/bench-gemm.mjs, 1 x 1000 x 128); this runs at about 7. Rows share nothing here: each
// reads B again, which only the digits' last two rows do.
void last_rows(int rows, int N, int K, const float* a, long lda, const float* b, long bk, long bj, const ProductOut& out) {
  for (int t = 0; t < rows; ++t) {
    const ProductOut o = at(out, t, 0);
    int j = 0;
    for (; j + 16 <= N; j += 16) row_columns<4>(K, a + t, lda, b, bk, bj, o, j);
    if (j + 8 <= N) {
      row_columns<2>(K, a + t, lda, b, bk, bj, o, j);
      j += 8;
    }
    for (; j + 4 <= N; j += 4) row_columns<1>(K, a + t, lda, b, bk, bj, o, j);
    for (; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += a[t + k * lda] * b[k * bk + j * bj];
      finish_one(s, o, long(j) * o.ldc, 0);
    }
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

void multiply_at(const Mat<float>& A, const Mat<float>& B, Mat<float>& C, Mat<float>& At, const Mat<float>* mask,
                 bool at_ready) {
  const Eigen::Index rows = A.rows(), cols = A.cols();
  At.resize(cols, rows);  // allocates only when the shape changes
  const float* src = A.data();
  float* dst = At.data();
  // In 8 x 8 blocks, so that both the reads and the writes stay in a few cache lines.
  if (!at_ready) {
    for (Eigen::Index c0 = 0; c0 < cols; c0 += 8)
      for (Eigen::Index r0 = 0; r0 < rows; r0 += 8)
        for (Eigen::Index c = c0; c < std::min(cols, c0 + 8); ++c)
          for (Eigen::Index r = r0; r < std::min(rows, r0 + 8); ++r) dst[c + r * cols] = src[r + c * rows];
  }
  C.resize(A.cols(), B.cols());
  ProductOut o;
  o.c = C.data();
  o.ldc = C.rows();
  o.mask = mask ? mask->data() : nullptr;
  product(int(cols), int(B.cols()), int(rows), At.data(), cols, B.data(), 1, B.rows(), o);
}

}  // namespace relu
