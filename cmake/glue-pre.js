// Prepended inside emscripten's MINIMAL_RUNTIME glue (cmake/wasm.cmake), in the module
// factory's scope. That glue (emscripten 3.1.6) needs what it does not have:
// - embind's class registration calls assert(), which only the full runtime defines;
// - it assigns `asm` without declaring it, which throws in strict code (an app's bundler
//   puts relu-lab.js inside an ES module);
// - code it never runs here (embind's std::wstring, dynCall by signature) names two variables it
//   never declares, which the closure compiler refuses (the page's glue is built with it).
// (A page whose CSP forbids WebAssembly is told apart before the glue runs: web/engine.js.)
var asm;
function assert(condition, text) {
  if (!condition) throw new Error(text);
}
var dynCalls = {};
var UTF16Decoder = new TextDecoder('utf-16le');
