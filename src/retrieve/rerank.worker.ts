/// <reference lib="webworker" />
import { findModel } from '../models/catalog';
import { selectDevice } from '../models/device';
import { serve } from '../models/host';
import { configureRuntime } from '../models/runtime-config';
import type { RerankMethods } from './rerank-protocol';
import { Reranker } from './reranker';

let reranker: Reranker | null = null;

serve<RerankMethods>({
  async load({ model, device, config }, ctx) {
    configureRuntime(config);
    const report = await selectDevice(device);
    await reranker?.dispose();
    reranker = null;
    reranker = await Reranker.load(findModel(model), { device: report.device, onProgress: ctx.progress });
    return { ...reranker.info, deviceReason: report.reason };
  },
  async score({ query, passages }, ctx) {
    if (!reranker) throw new Error('No reranking model is loaded yet. Load one first.');
    return reranker.score(query, passages, { signal: ctx.signal });
  },
});
