/**
 * Page-level settings read once from the URL. `?models=tiny` swaps in the generated test models
 * (served by the dev server from test/models-tiny), which is how end-to-end tests drive the real app.
 */
import { APP_RUNTIME_CONFIG } from '../models/ort-assets';
import type { DevicePreference } from '../models/device';
import type { RuntimeConfig } from '../models/runtime-config';

export interface LabModels {
  embed: string;
  rerank: string;
  generate: string;
}

export interface LabConfig {
  runtime: RuntimeConfig;
  models: LabModels;
  showTestModels: boolean;
  /** `?device=wasm|webgpu` forces a device for this visit (tests; comparing devices). */
  device?: DevicePreference;
}

export function readLabConfig(search: string = globalThis.location?.search ?? ''): LabConfig {
  const params = new URLSearchParams(search);
  const device = params.get('device');
  const forced = device === 'wasm' || device === 'webgpu' || device === 'auto' ? { device: device as DevicePreference } : {};
  // `?timeout=<seconds>` shortens every network wait (tests of a stalled Hub).
  const timeout = Number(params.get('timeout'));
  const net = timeout > 0 ? { networkTimeoutMs: timeout * 1000 } : {};
  if (params.get('models') === 'tiny') {
    return {
      ...forced,
      // The dev server serves them from test/models-tiny; a built app (a workshop kit) from /models/.
      runtime: { ...APP_RUNTIME_CONFIG, localModelPath: import.meta.env.DEV ? '/test/models-tiny/' : APP_RUNTIME_CONFIG.localModelPath, offlineOnly: true, useBrowserCache: false, ...net },
      models: { embed: 'offline-rag-lab/tiny-embedder', rerank: 'offline-rag-lab/tiny-reranker', generate: 'offline-rag-lab/tiny-chat' },
      showTestModels: true,
    };
  }
  return {
    ...forced,
    runtime: { ...APP_RUNTIME_CONFIG, offlineOnly: params.get('offline') === '1', ...net },
    models: { embed: 'Xenova/bge-small-en-v1.5', rerank: 'Xenova/ms-marco-MiniLM-L-6-v2', generate: 'onnx-community/Qwen2.5-0.5B-Instruct' },
    showTestModels: false,
  };
}
