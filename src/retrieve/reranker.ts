/** Cross-encoder reranking: reads query and passage together and scores each pair with one logit. */
import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import type { CatalogEntry } from '../models/catalog';
import { loadModel, type LoadedInfo, type LoadOptions } from '../models/load';
import { abortError } from '../models/protocol';
import { nextMacrotask } from '../models/yield';

export class Reranker {
  private constructor(
    readonly entry: CatalogEntry,
    readonly info: LoadedInfo,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
  ) {}

  static async load(entry: CatalogEntry, options: LoadOptions): Promise<Reranker> {
    if (entry.task !== 'rerank') throw new Error(`${entry.id} is not a reranking model`);
    const { value, info } = await loadModel(entry, options, async (pretrained) => {
      const tokenizer = await AutoTokenizer.from_pretrained(entry.id, { revision: pretrained.revision, progress_callback: pretrained.progress_callback });
      const model = await AutoModelForSequenceClassification.from_pretrained(entry.id, pretrained);
      return { tokenizer, model };
    });
    return new Reranker(entry, info, value.tokenizer, value.model);
  }

  /** One raw logit per passage, in the passages' order. Higher is more relevant. */
  async score(query: string, passages: string[], options: { batchSize?: number; signal?: AbortSignal } = {}): Promise<number[]> {
    const batchSize = options.batchSize ?? 8;
    const scores: number[] = [];
    for (let start = 0; start < passages.length; start += batchSize) {
      await nextMacrotask();
      if (options.signal?.aborted) throw abortError();
      const batch = passages.slice(start, start + batchSize);
      const features = this.tokenizer(new Array<string>(batch.length).fill(query), {
        text_pair: batch,
        padding: true,
        truncation: true,
      });
      const { logits } = await this.model(features);
      scores.push(...(Array.from(logits.data as Float32Array) as number[]));
    }
    return scores;
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
