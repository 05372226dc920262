// Only in the wasm build: Eigen must use its SSE2 packets (translated to wasm
// SIMD), not the scalar fallback that is about 2x slower (docs/TOOLCHAIN.md).
#include <catch2/catch.hpp>
#include <Eigen/Core>
#include <string>

TEST_CASE("the wasm build uses Eigen's SIMD path", "[simd]") {
  const std::string sets = Eigen::SimdInstructionSetsInUse();
  INFO("Eigen reports: " << sets);
  CHECK(sets.find("SSE2") != std::string::npos);
}
