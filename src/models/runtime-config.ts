/**
 * Where model files and ONNX Runtime's own files come from. The same settings reach every model
 * worker, so the page decides once: local folder first, then the Hub unless "offline only" is set.
 */
import { env } from '@huggingface/transformers';
import { MODEL_CACHE } from './saved-models';
import { DEFAULT_NETWORK_TIMEOUT_MS, fetchWithTimeout } from './net';

export interface RuntimeConfig {
  /** URL path (browser) or folder (Node) holding `<model id>/config.json`, `<model id>/onnx/…`. */
  localModelPath: string;
  /** Never contact the Hub; a model not found locally fails with a clear message. */
  offlineOnly: boolean;
  /** URLs of ONNX Runtime's `.mjs` and `.wasm` files, served by the app itself (never a CDN). */
  ortWasmPaths: { mjs: string; wasm: string };
  /** Keep downloaded model files in the browser's Cache Storage. */
  useBrowserCache: boolean;
  /**
   * ONNX Runtime's WebAssembly threads. Only a cross-origin-isolated page can have more than one;
   * unset means half the cores there, and at least two where there are two (the model workers share them).
   */
  threads?: number;
  /** How long any request or stalled download may wait before failing (default 30 s). */
  networkTimeoutMs?: number;
}

const isBrowserLike = typeof (globalThis as { document?: unknown }).document !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

/** Applies a RuntimeConfig to transformers.js and ONNX Runtime. Call once per worker before loading. */
export function configureRuntime(config: RuntimeConfig): void {
  env.allowLocalModels = true;
  env.localModelPath = config.localModelPath;
  env.allowRemoteModels = !config.offlineOnly;
  if (isBrowserLike) {
    env.useBrowserCache = config.useBrowserCache;
    env.fetch = localAwareFetch(config.localModelPath, config.networkTimeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS);
    const wasm = env.backends.onnx.wasm;
    if (wasm) {
      const absolute = (url: string) => new URL(url, globalThis.location.href).href;
      wasm.wasmPaths = { mjs: absolute(config.ortWasmPaths.mjs), wasm: absolute(config.ortWasmPaths.wasm) };
      wasm.numThreads = wasmThreads(config);
    }
  }
}

/** Threads need cross-origin isolation; without it ONNX Runtime would warn and fall back anyway. */
export function wasmThreads(config: Pick<RuntimeConfig, 'threads'>): number {
  if (!globalThis.crossOriginIsolated) return 1;
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  // Up to three model workers share the cores, and ONNX Runtime's threads spin while they wait:
  // by default each worker takes half of them, so one model's pool never starves another's run.
  // The ask pipeline runs one model at a time, so a 2-core machine still gets both cores.
  return Math.max(1, Math.min(config.threads ?? Math.max(2, Math.floor(cores / 2)), cores));
}

/**
 * Static hosts and dev servers often answer a missing file with the app's index.html and status 200.
 * Treat that as the 404 it really is, so a missing local model falls through to the Hub (or fails clearly).
 * Files saved for offline use are answered from their cache first (also where no service worker
 * runs), and every request has a time limit.
 */
function localAwareFetch(localModelPath: string, timeoutMs: number): typeof fetch {
  const localPrefix = new URL(localModelPath, globalThis.location.href).href;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const absolute = new URL(url, globalThis.location.href).href;
    if (absolute.startsWith(localPrefix) && typeof caches !== 'undefined') {
      const saved = await caches.open(MODEL_CACHE).then((cache) => cache.match(absolute)).catch(() => undefined);
      if (saved) return saved;
    }
    const response = await fetchWithTimeout(input, init, timeoutMs);
    const wantsHtml = /\.html?$/i.test(new URL(absolute).pathname);
    const isHtml = (response.headers.get('content-type') ?? '').includes('text/html');
    if (absolute.startsWith(localPrefix) && response.ok && isHtml && !wantsHtml) {
      return new Response(null, { status: 404, statusText: 'Not Found' });
    }
    return response;
  };
}
