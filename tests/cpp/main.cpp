// Catch2's main. The suite runs natively and, compiled to wasm, under node.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
