/**
 * Text → normalized vectors with a catalog embedding model. Runs in the embed worker and in Node
 * (the command-line twins), so it must not touch the DOM.
 */
import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { CatalogEntry } from '../models/catalog';
import { loadModel, type LoadedInfo, type LoadOptions } from '../models/load';
import { abortError } from '../models/protocol';
import { nextMacrotask } from '../models/yield';
import { planBatches } from './batching';
import { VectorCache } from './vector-cache';

export type TextKind = 'query' | 'passage';

export interface EmbedOptions {
  /** Padded tokens per batch (rows × longest row); see DEFAULT_BATCH_TOKENS. */
  batchTokens?: number;
  signal?: AbortSignal;
  onBatch?: (done: number, total: number) => void;
}

export class Embedder {
  private readonly cache = new VectorCache();
  private reused = 0;

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

  /**
   * Embeds texts in batches of similar length; returns one flat Float32Array of texts.length × dims,
   * each row unit length, in the order given. Texts seen before (same model and precision) are not
   * computed again.
   */
  async embed(texts: string[], kind: TextKind, options: EmbedOptions = {}): Promise<Float32Array> {
    const prefix = (kind === 'query' ? this.entry.queryPrefix : this.entry.passagePrefix) ?? '';
    const out = new Float32Array(texts.length * this.dims);
    const keys = await Promise.all(texts.map((t) => VectorCache.key(this.entry.id, this.info.dtype, kind, t)));
    // Vectors of this call by key; indices to compute: one per distinct text not in the cache.
    const found = new Map<string, Float32Array>();
    const todo: number[] = [];
    keys.forEach((key, i) => {
      if (found.has(key)) return;
      const cached = this.cache.get(key);
      if (cached) found.set(key, cached);
      else {
        found.set(key, new Float32Array(0));
        todo.push(i);
      }
    });
    this.reused += texts.length - todo.length;
    const lengths = todo.map((i) => this.tokenCount(prefix + texts[i]!));
    let done = texts.length - todo.length;
    if (done > 0) options.onBatch?.(done, texts.length);
    for (const batch of planBatches(lengths, options.batchTokens)) {
      // Let a pending "cancel" message in before the next batch.
      await nextMacrotask();
      if (options.signal?.aborted) throw abortError();
      const rows = batch.map((b) => todo[b]!);
      const tensor = await this.pipe(rows.map((i) => prefix + texts[i]!), { pooling: this.entry.pooling ?? 'mean', normalize: true });
      const data = tensor.data as Float32Array;
      rows.forEach((row, r) => {
        const vector = data.slice(r * this.dims, (r + 1) * this.dims);
        found.set(keys[row]!, vector);
        this.cache.set(keys[row]!, vector);
      });
      done += rows.length;
      options.onBatch?.(done, texts.length);
    }
    keys.forEach((key, i) => out.set(found.get(key)!, i * this.dims));
    return out;
  }

  /** Tokens the model reads for a text, capped at its window (longer text is truncated there). */
  private tokenCount(text: string): number {
    return Math.min(this.pipe.tokenizer.encode(text).length, this.entry.contextLength);
  }

  /** Texts not computed because their vector was cached or repeated within a call. */
  get reusedVectors(): number {
    return this.reused;
  }

  async dispose(): Promise<void> {
    await this.pipe.dispose();
  }
}
