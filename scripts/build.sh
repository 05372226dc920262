#!/usr/bin/env bash
# Builds everything: the native CLI and tests (build/native), the wasm module and
# the wasm test suite (build/wasm), and the bundle dist/relu-lab.js.
# Usage: scripts/build.sh [native|wasm|web|all]   (default: all)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/deps.sh
relu_lab_deps
what="${1:-all}"
jobs=2

if [ "$what" = native ] || [ "$what" = all ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$jobs"
fi
if [ "$what" = wasm ] || [ "$what" = web ] || [ "$what" = all ]; then
  [ -f build/wasm/CMakeCache.txt ] || emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j"$jobs"
fi
if [ "$what" = web ] || [ "$what" = all ]; then
  node scripts/bundle.mjs
fi
