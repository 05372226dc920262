# The WebAssembly half (included from CMakeLists.txt under emcmake).
# Eigen's SSE2 packets, translated by emscripten to wasm SIMD (docs/TOOLCHAIN.md):
# an empty <mmintrin.h> (emscripten has none) and a GCC version that keeps
# Eigen away from x86 inline assembly.
set(SIMD_SHIM ${CMAKE_BINARY_DIR}/simd-shim)
file(WRITE ${SIMD_SHIM}/mmintrin.h "/* empty: Eigen includes it, emscripten lacks it */\n")
target_compile_options(relu_core PUBLIC -msimd128 -msse2 -fgnuc-version=5.99 -isystem ${SIMD_SHIM})
# The network's products through cpp/gemm.hpp's kernel (wasm SIMD tiles), not Eigen's.
target_compile_definitions(relu_core PUBLIC RELU_KERNEL_PRODUCTS)
# Link-time optimisation and emscripten's small allocator: 5 KB less after gzip,
# the same training speed (measured with scripts/bench.mjs).
target_compile_options(relu_core PUBLIC -flto)
target_link_options(relu_core PUBLIC -flto -sMALLOC=emmalloc)

# Everything is built at -O3. Code that runs once per configuration, record or map is marked
# cold in its source (cpp/cold_code.hpp) and built for size there, not with -Os per file: under
# LTO an -Os file's copy of Eigen's matrix product could become the whole program's, and every
# step and map ran 2-6x slower (tests/js/build-flags.test.mjs keeps per-file -O options out).

# The module the page and the node tests load: a classic-script factory with no
# eval (a strict CSP forbids it) and a separate .wasm. scripts/bundle.mjs inlines
# the .wasm as a string and hands it to the factory as `wasm`, so nothing
# is fetched at all (SINGLE_FILE would fetch a data: URL, which a strict CSP
# reports as an error), and wraps it with web/ into dist/relu-lab.js.
add_executable(relu_lab_wasm cpp/bindings.cpp)
target_link_libraries(relu_lab_wasm PRIVATE relu_core)
set_target_properties(relu_lab_wasm PROPERTIES OUTPUT_NAME "relu-lab-wasm" SUFFIX ".js")
# The glue carries only what the page uses: no file system, errno, longjmp or polyfills,
# TextDecoder assumed (0.5 KB less after gzip), and emscripten's minimal runtime (1.5 KB
# less), which takes the wasm bytes as the option `wasm` and fetches nothing. What that
# runtime lacks with embind is filled in by cmake/glue-pre.js.
set(LEAN_GLUE -sFILESYSTEM=0 -sSUPPORT_ERRNO=0 -sSUPPORT_LONGJMP=0 -sTEXTDECODER=2 -sPOLYFILL=0
  -sMINIMAL_RUNTIME=1 --pre-js ${CMAKE_SOURCE_DIR}/cmake/glue-pre.js "-sINCOMING_MODULE_JS_API=[wasm]")
set_target_properties(relu_lab_wasm PROPERTIES LINK_DEPENDS ${CMAKE_SOURCE_DIR}/cmake/glue-pre.js)
target_link_options(relu_lab_wasm PRIVATE --bind -sMODULARIZE=1 -sALLOW_MEMORY_GROWTH=1
  -sEXPORT_NAME=createReluLabModule -sENVIRONMENT=web -sDYNAMIC_EXECUTION=0 ${LEAN_GLUE})
# The page's glue goes through the closure compiler (0.9 KB less after gzip, a link a few seconds
# longer at most): the npm registry's native build, pinned in package.json (the version this emscripten
# expects; scripts/deps.sh installs it), since Debian's emscripten comes without one. Only this
# target: the benchmark and test modules keep the faster link.
set(CLOSURE_COMPILER ${CMAKE_SOURCE_DIR}/node_modules/google-closure-compiler-linux/compiler)
if(NOT EXISTS ${CLOSURE_COMPILER})
  message(FATAL_ERROR "${CLOSURE_COMPILER} is missing: run scripts/deps.sh (npm ci) first")
endif()
target_link_options(relu_lab_wasm PRIVATE --closure 1)
set_target_properties(relu_lab_wasm PROPERTIES CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;EM_CLOSURE_COMPILER=${CLOSURE_COMPILER}")

# The same bindings plus the benchmark functions, for scripts/bench.mjs only: the
# page's module leaves them out (every KB counts against the bundle's budget).
add_executable(relu_bench_wasm cpp/bindings.cpp)
target_compile_definitions(relu_bench_wasm PRIVATE RELU_LAB_BENCH)
target_link_libraries(relu_bench_wasm PRIVATE relu_core)
set_target_properties(relu_bench_wasm PROPERTIES OUTPUT_NAME "relu-lab-bench-wasm" SUFFIX ".js")
set_target_properties(relu_bench_wasm PROPERTIES LINK_DEPENDS ${CMAKE_SOURCE_DIR}/cmake/glue-pre.js)
target_link_options(relu_bench_wasm PRIVATE --bind -sMODULARIZE=1 -sALLOW_MEMORY_GROWTH=1
  -sEXPORT_NAME=createReluLabModule -sENVIRONMENT=web -sDYNAMIC_EXECUTION=0 ${LEAN_GLUE})

# The Catch2 suite, compiled to wasm and run under node: the numerics are
# checked on the platform that ships. catch.hpp comes from a copy, since
# linking Catch2::Catch2 would add -isystem /usr/include.
file(COPY /usr/include/catch2/catch.hpp DESTINATION ${CMAKE_BINARY_DIR}/catch-include/catch2)
add_executable(relu_tests_wasm ${TEST_SOURCES} tests/cpp/test_simd.cpp)
target_include_directories(relu_tests_wasm PRIVATE ${CMAKE_BINARY_DIR}/catch-include)
target_link_libraries(relu_tests_wasm PRIVATE relu_core relu_digits_builtin)
target_link_options(relu_tests_wasm PRIVATE -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -sEXIT_RUNTIME=1)
set_target_properties(relu_tests_wasm PROPERTIES SUFFIX ".js"
  CROSSCOMPILING_EMULATOR "/usr/bin/node;--no-experimental-fetch")
add_test(NAME catch2_wasm COMMAND relu_tests_wasm)
# The repository's package.json says "type": "module"; emscripten's node output is CommonJS.
file(WRITE ${CMAKE_BINARY_DIR}/package.json "{ \"type\": \"commonjs\" }\n")
