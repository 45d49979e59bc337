/**
 * Counts tokens as the active embedding model's tokenizer does, fast enough for whole books.
 *
 * BERT-style (WordPiece) tokenizers normalize character by character and split on whitespace
 * before anything else, so a text's count is the sum of its whitespace-separated words' counts.
 * Counting each distinct word once with the real tokenizer and caching it gives the exact count at
 * a fraction of the cost (a novel has ~15k distinct words in ~120k). For other tokenizers the sum
 * is a close upper estimate.
 */
import { AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';

export interface TokenCounter {
  count(text: string): number;
}

export function cachedWordCounter(countWord: (word: string) => number, maxCache = 200_000): TokenCounter {
  const cache = new Map<string, number>();
  return {
    count(text: string): number {
      let total = 0;
      for (const match of text.matchAll(/\S+/g)) {
        const word = match[0];
        let n = cache.get(word);
        if (n === undefined) {
          n = countWord(word);
          if (cache.size >= maxCache) cache.clear();
          cache.set(word, n);
        }
        total += n;
      }
      return total;
    },
  };
}

export function tokenizerCounter(tokenizer: PreTrainedTokenizer): TokenCounter {
  return cachedWordCounter((word) => tokenizer.encode(word, { add_special_tokens: false }).length);
}

/** Loads only the tokenizer files of a model (no weights). */
export async function loadTokenCounter(modelId: string): Promise<TokenCounter> {
  return tokenizerCounter(await AutoTokenizer.from_pretrained(modelId));
}
