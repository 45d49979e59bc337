import { ORT_WASM_PATHS } from '../src/models/ort-assets';
import type { RuntimeConfig } from '../src/models/runtime-config';

/** Browser tests load the generated tiny models from the dev server, never from the Hub. */
export const TEST_RUNTIME: RuntimeConfig = {
  localModelPath: '/test/models-tiny/',
  offlineOnly: true,
  ortWasmPaths: ORT_WASM_PATHS,
  useBrowserCache: false,
  // Tests check behaviour, not speed: one thread each keeps a 2-core machine from oversubscribing.
  threads: 1,
};

export const TINY = {
  embedder: 'offline-rag-lab/tiny-embedder',
  reranker: 'offline-rag-lab/tiny-reranker',
  chat: 'offline-rag-lab/tiny-chat',
} as const;

/** One-layer stand-ins of the catalog's real models (scripts/standins), under their catalog ids. */
export const STANDIN_RUNTIME: RuntimeConfig = { ...TEST_RUNTIME, localModelPath: '/test/models-standin/' };
