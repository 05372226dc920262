// Prepended inside emscripten's MINIMAL_RUNTIME glue (cmake/wasm.cmake), in the module
// factory's scope. That glue (emscripten 3.1.6) needs two things it does not have:
// - embind's class registration calls assert(), which only the full runtime defines;
// - its ready promise never settles when instantiation fails (a page whose CSP lacks
//   'wasm-unsafe-eval'): a local WebAssembly whose instantiate also rejects it, so the
//   figure can say the engine failed to load instead of loading forever.
function assert(condition, text) {
  if (!condition) throw new Error(text);
}
var WebAssembly = Object.create(globalThis.WebAssembly, {
  instantiate: {
    value: (bytes, imports) => globalThis.WebAssembly.instantiate(bytes, imports).catch((err) => {
      readyPromiseReject(err);
      return new Promise(() => {});  // the glue's own .then never runs
    }),
  },
});
