// Marks the code of a file as cold: it runs once per configuration, record or map, not per
// training step, so clang builds it for size (the bundle's budget) while the hot paths keep -O3.
//
// Why a pragma and not -Os for the file: under link-time optimisation one copy of each shared
// template instantiation (Eigen's matrix product, for one) is kept for the whole program, taken
// from the first object file that has it. With -Os files on the link line that copy was an -Os
// one, and every training step and map ran 2-6x slower in wasm. The pragma marks only the
// functions a file defines itself (after its #includes), never the templates it instantiates.
#pragma once

#if defined(__clang__)
#define RELU_COLD_CODE_BEGIN _Pragma("clang attribute push(__attribute__((minsize)), apply_to = function)")
#define RELU_COLD_CODE_END _Pragma("clang attribute pop")
// One cold function in a hot file (lab.cpp: records, maps, construction).
#define RELU_COLD [[clang::minsize]]
// Kept out of line: called once per layer, inlining would copy a whole switch of kernels.
#define RELU_OUTLINE [[gnu::noinline]]
#else  // GCC (the native build): speed is not at stake there, nor size
#define RELU_COLD_CODE_BEGIN
#define RELU_COLD_CODE_END
#define RELU_COLD
#define RELU_OUTLINE
#endif
