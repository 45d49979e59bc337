/**
 * Text → normalized vectors with a catalog embedding model. Runs in the embed worker and in Node
 * (the command-line twins), so it must not touch the DOM.
 */
import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { CatalogEntry } from '../models/catalog';
import { loadModel, type LoadedInfo, type LoadOptions } from '../models/load';
import { abortError } from '../models/protocol';
import { nextMacrotask } from '../models/yield';

export type TextKind = 'query' | 'passage';

export interface EmbedOptions {
  batchSize?: number;
  signal?: AbortSignal;
  onBatch?: (done: number, total: number) => void;
}

export class Embedder {
  private constructor(
    readonly entry: CatalogEntry,
    readonly info: LoadedInfo,
    private readonly pipe: FeatureExtractionPipeline,
    readonly dims: number,
  ) {}

  static async load(entry: CatalogEntry, options: LoadOptions): Promise<Embedder> {
    if (entry.task !== 'embed') throw new Error(`${entry.id} is not an embedding model`);
    const { value, info } = await loadModel(entry, options, (pretrained) =>
      pipeline('feature-extraction', entry.id, pretrained) as Promise<FeatureExtractionPipeline>,
    );
    // The real output size can differ from the catalog's claim (a wrong local copy); trust the model.
    const probe = await value('dimension probe', { pooling: entry.pooling ?? 'mean', normalize: true });
    const dims = probe.dims.at(-1) ?? 0;
    return new Embedder(entry, info, value, dims);
  }

  /** Embeds texts in batches; returns one flat Float32Array of texts.length × dims, each row unit length. */
  async embed(texts: string[], kind: TextKind, options: EmbedOptions = {}): Promise<Float32Array> {
    const batchSize = options.batchSize ?? 16;
    const prefix = (kind === 'query' ? this.entry.queryPrefix : this.entry.passagePrefix) ?? '';
    const out = new Float32Array(texts.length * this.dims);
    for (let start = 0; start < texts.length; start += batchSize) {
      // Let a pending "cancel" message in before the next batch.
      await nextMacrotask();
      if (options.signal?.aborted) throw abortError();
      const batch = texts.slice(start, start + batchSize).map((t) => prefix + t);
      const tensor = await this.pipe(batch, { pooling: this.entry.pooling ?? 'mean', normalize: true });
      out.set(tensor.data as Float32Array, start * this.dims);
      options.onBatch?.(Math.min(start + batchSize, texts.length), texts.length);
    }
    return out;
  }

  async dispose(): Promise<void> {
    await this.pipe.dispose();
  }
}
