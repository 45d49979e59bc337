/**
 * ONNX Runtime's WebAssembly files as assets of this app: Vite serves them in development and
 * copies them into dist/ on build, so the app never asks a CDN for them. Browser-only (Vite `?url`).
 */
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { RuntimeConfig } from './runtime-config';

export const ORT_WASM_PATHS: RuntimeConfig['ortWasmPaths'] = { mjs: ortMjs, wasm: ortWasm };

/** The app's defaults: models from /models/ first, then the Hub. */
export const APP_RUNTIME_CONFIG: RuntimeConfig = {
  localModelPath: `${import.meta.env.BASE_URL}models/`,
  offlineOnly: false,
  ortWasmPaths: ORT_WASM_PATHS,
  useBrowserCache: true,
};
