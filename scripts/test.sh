#!/usr/bin/env bash
# The README's test command: installs what is missing, builds everything, and runs
# every test:
#   1. Catch2 through ctest: native, under AddressSanitizer + UBSan, and compiled to wasm (node)
#   2. node --test tests/js: the pure JS functions, the CLI contract, wasm against native
#   3. node --test tests/browser: the real page, the element and the embeds in Debian's Chromium
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/deps.sh
relu_lab_deps

scripts/build.sh all

echo "== Catch2, native (ctest)"
ctest --test-dir build/native --output-on-failure

echo "== Catch2, AddressSanitizer + UndefinedBehaviorSanitizer (ctest)"
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELU_LAB_SANITIZE=ON >/dev/null
cmake --build build/asan -j2
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir build/asan --output-on-failure

echo "== Catch2, WebAssembly under node (ctest)"
ctest --test-dir build/wasm --output-on-failure

echo "== node --test: JS units, CLI, wasm vs native"
node --test tests/js/

echo "== node --test: browser (Chromium)"
node --test tests/browser/
