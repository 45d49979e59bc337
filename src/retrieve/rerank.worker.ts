/// <reference lib="webworker" />
import { serve } from '../models/host';
import { ModelSlot } from '../models/model-slot';
import type { RerankMethods } from './rerank-protocol';
import { Reranker } from './reranker';

const slot = new ModelSlot<Reranker>('reranking model');

serve<RerankMethods>({
  async load(params, ctx) {
    const { model, deviceReason } = await slot.load(params, ctx, (entry, options) => Reranker.load(entry, options));
    return { ...model.info, deviceReason };
  },
  async score({ query, passages }, ctx) {
    return slot.get().score(query, passages, { signal: ctx.signal });
  },
});
