/// <reference lib="webworker" />
import { findModel } from '../models/catalog';
import { selectDevice } from '../models/device';
import { serve } from '../models/host';
import { configureRuntime } from '../models/runtime-config';
import type { EmbedMethods } from './embed-protocol';
import { Embedder } from './embedder';

let embedder: Embedder | null = null;

serve<EmbedMethods>({
  async detect({ config }) {
    configureRuntime(config);
    return selectDevice('auto');
  },
  async load({ model, device, config }, ctx) {
    configureRuntime(config);
    const report = await selectDevice(device);
    await embedder?.dispose();
    embedder = null;
    embedder = await Embedder.load(findModel(model), { device: report.device, onProgress: ctx.progress });
    return { ...embedder.info, dims: embedder.dims, deviceReason: report.reason };
  },
  async embed({ texts, kind }, ctx) {
    if (!embedder) throw new Error('No embedding model is loaded yet. Load one first.');
    const vectors = await embedder.embed(texts, kind, {
      signal: ctx.signal,
      onBatch: (done, total) => ctx.emit({ done, total }),
    });
    return { result: { vectors, dims: embedder.dims }, transfer: [vectors.buffer] };
  },
});
