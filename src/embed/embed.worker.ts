/// <reference lib="webworker" />
import { selectDevice } from '../models/device';
import { serve } from '../models/host';
import { ModelSlot } from '../models/model-slot';
import { configureRuntime } from '../models/runtime-config';
import type { EmbedMethods } from './embed-protocol';
import { Embedder } from './embedder';

const slot = new ModelSlot<Embedder>('embedding model');

serve<EmbedMethods>({
  async detect({ config }) {
    configureRuntime(config);
    return selectDevice('auto');
  },
  async load(params, ctx) {
    const { model, deviceReason } = await slot.load(params, ctx, (entry, options) => Embedder.load(entry, options));
    return { ...model.info, dims: model.dims, deviceReason };
  },
  async embed({ texts, kind, batchTokens }, ctx) {
    const embedder = slot.get();
    const vectors = await embedder.embed(texts, kind, { signal: ctx.signal, onBatch: (done, total) => ctx.emit({ done, total }), ...(batchTokens ? { batchTokens } : {}) });
    return { result: { vectors, dims: embedder.dims }, transfer: [vectors.buffer] };
  },
});
