// Catch2's main. The suite runs natively and, compiled to wasm, under node, with
// the digits compiled in (cpp/digits_builtin.cpp), as the CLI has them.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>

#include "digits_builtin.hpp"

int main(int argc, char** argv) {
  const std::string error = relu::use_builtin_digits();
  if (!error.empty()) {
    std::fprintf(stderr, "tests: %s\n", error.c_str());
    return 1;
  }
  return Catch::Session().run(argc, argv);
}
