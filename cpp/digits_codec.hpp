// Decodes the compressed digits table that cmake/encode_digits.mjs writes
// (digits_data.inc). A pure function: no I/O, no state kept between calls.
//
// The model: rows come one after another, each as its 64 pixels (0..16, row by
// row) and then its label (0..9). A pixel's context is (position 0..63,
// bucket(left neighbour), bucket(upper neighbour)), with bucket(v) = -1 outside
// the image, 0 if v == 0, 1 if v < 8, 2 if v < 16, 3 if v == 16. Labels share a
// single context. Each context keeps adaptive counts: every symbol starts at 1,
// a decoded symbol gains 2, and when the context's total passes 8192 all counts
// are halved, rounding up.
//
// The coder: the 32-bit integer arithmetic coder of Witten, Neal & Cleary,
// "Arithmetic coding for data compression", CACM 30(6), 1987. Each byte holds 7
// bits (values 0..127, cheaper inside the bundle's UTF-8 string than 8 would be),
// read most significant first; past the end of the data they read as 0. Every
// bit string decodes to some table: corrupt input gives wrong values, never a crash.
#pragma once
#include <cstddef>

namespace relu {

// data[0..n): the coded bytes; out: rows * 65 bytes (per row: 64 pixels, label).
void decode_digits(const unsigned char* data, size_t n, int rows, unsigned char* out);

}  // namespace relu
