// The float matrix products of the network's passes (forward W*h, the weight gradient dz*h^T,
// the error carried back W^T*dz), with one summation order on every build, so that native and
// wasm compute the same bits. Not here: what the products mean (network.hpp), doubles (the
// gradient tests run Eigen's own product in double).
//
// The order: every coefficient is s = (((0 + a0*b0) + a1*b1) + ...) + a(K-1)*b(K-1), k rising,
// each product and each sum rounded to float, then s + bias; exactly what a plain triple loop
// computes. Four coefficients of a column of C are summed side by side in one 128-bit register
// (SSE natively, wasm SIMD in the browser), which changes where the work happens, never the order.
#pragma once
#include <vector>

#include "activations.hpp"

namespace relu {

// Whether the network's float passes and the maps use this kernel: in the wasm build (where it is
// 1.5-1.8x faster than Eigen's products, scripts/bench-gemm.mjs), not natively, where Eigen's
// products stay (the CLI keeps the numbers the article's claims were checked with, and native
// Eigen is not slower). cmake/wasm.cmake defines RELU_KERNEL_PRODUCTS; the tests of the kernel
// itself run in both builds.
#ifdef RELU_KERNEL_PRODUCTS
constexpr bool kKernelProducts = true;
#else
constexpr bool kKernelProducts = false;
#endif

// Where a product's sums go, and what happens to each sum s of C(i, j) on the way:
//   s + bias[i]                        when bias is set (then called z below; z = s without bias);
//   c[i + j*ldc] = z (unless c is null), or with mask set: mask[i + j*ldc] > 0 ? z : +0 (ReLU's backward pass, as
//                                        pass_where_positive: the same bits, NaN in mask gives +0);
//   relu[i + j*ldc] = 0 where z < 0, else z (ReLU's forward pass as Eigen's max(z, 0) computes
//                                        it: -0 and NaN pass unchanged), when relu is set.
struct ProductOut {
  float* c = nullptr;
  long ldc = 0;
  const float* bias = nullptr;
  const float* mask = nullptr;
  float* relu = nullptr;
};

// C = A * B for C of M x N: A column-major, A(i, k) at a[i + k*lda]; B(k, j) at b[k*bk + j*bj]
// (bk = 1 for a column-major B, bj = 1 for the transpose of one). M, N, K >= 0.
void product(int M, int N, int K, const float* a, long lda, const float* b, long bk, long bj, const ProductOut& out);

// The three products of a layer on Eigen matrices (C is resized; C must not alias A or B).
// C = A * B, plus bias per row of C if given; with relu, also relu = max(C, 0) (as ProductOut).
void multiply(const Mat<float>& A, const Mat<float>& B, Mat<float>& C, const Vec<float>* bias = nullptr,
              Mat<float>* relu = nullptr);
// C = A * B^T (the weight gradient dz * h^T: the batch is the sum).
void multiply_bt(const Mat<float>& A, const Mat<float>& B, Mat<float>& C);
// C = A^T * B (the error carried back, W^T * dz), through At, room for a transposed copy of A
// that the caller keeps between calls; with mask: C = mask > 0 ? A^T B : +0.
// at_ready: At holds A^T already (made by an earlier call with this A, unchanged since): not redone.
void multiply_at(const Mat<float>& A, const Mat<float>& B, Mat<float>& C, Mat<float>& At,
                 const Mat<float>* mask = nullptr, bool at_ready = false);

}  // namespace relu
