/**
 * Instantiates voy-search's WebAssembly by hand. Its package entry imports the .wasm as an ES
 * module, which only some bundlers understand and Node does not; the glue module plus
 * `__wbg_set_wasm` works everywhere, given the .wasm bytes (fetched in the browser, read in Node).
 */
import * as glue from 'voy-search/voy_search_bg.js';

export type VoyModule = typeof glue;

let ready: Promise<VoyModule> | null = null;

export function initVoy(wasmBytes: () => Promise<BufferSource>): Promise<VoyModule> {
  ready ??= (async () => {
    const { instance } = await WebAssembly.instantiate(await wasmBytes(), { './voy_search_bg.js': glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    return glue;
  })();
  return ready;
}
