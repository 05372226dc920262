// Attributes for code that runs once per record, map or configuration, not per training
// step: compiled for size (clang's minsize), since every wasm byte is in the page's bundle.
// Not for the training step's kernels (network.hpp, activations.hpp): they stay fast.
#pragma once

#if defined(__clang__)
#define RELU_COLD [[clang::minsize]]
// Kept out of line: called once per layer, inlining would copy a whole switch of kernels.
#define RELU_OUTLINE [[gnu::noinline]]
#else
#define RELU_COLD
#define RELU_OUTLINE
#endif
