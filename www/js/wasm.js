// The wasm module and the page-wide queue every call into it goes through: wasm-bindgen
// objects throw "recursive use of an object" when two async calls overlap, and two
// playgrounds that set up WebGPU at once fail ("A server is still registered for device").

let wasm = null;
let queue = Promise.resolve();

/** Runs `task` after every call into Rust queued before it, on this page. */
export function enqueue(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

/** Loads and initialises the wasm module once per page; resolves to its exports. */
export function loadWasm(wasmUrl = new URL('../pkg/gan_playground_bg.wasm', import.meta.url)) {
  // A dynamic import, so that a missing pkg/ is an error the page can show.
  wasm ??= import('../pkg/gan_playground.js')
    .then(async (module) => {
      await module.default({ module_or_path: wasmUrl });
      return module;
    })
    .catch((error) => {
      wasm = null;
      throw error;
    });
  return wasm;
}
