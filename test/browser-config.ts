import type { RuntimeConfig } from '../src/models/runtime-config';

/** Browser tests load the generated tiny models from the dev server, never from the Hub. */
export const TEST_RUNTIME: RuntimeConfig = {
  localModelPath: '/test/models-tiny/',
  offlineOnly: true,
  ortBaseUrl: '/ort/',
  useBrowserCache: false,
};

export const TINY = {
  embedder: 'offline-rag-lab/tiny-embedder',
  reranker: 'offline-rag-lab/tiny-reranker',
  chat: 'offline-rag-lab/tiny-chat',
} as const;
