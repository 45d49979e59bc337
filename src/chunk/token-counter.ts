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
import { countWordPieces, wordPieceSpec } from './wordpiece-count';

export interface TokenCounter {
  count(text: string): number;
  /** True when count(a + ' ' + b) === count(a) + count(b): sums of whitespace-separated parts are exact. */
  readonly additive: boolean;
}

export function cachedWordCounter(countWord: (word: string) => number, maxCache = 200_000): TokenCounter {
  const cache = new Map<string, number>();
  return {
    additive: true,
    count(text: string): number {
      let total = 0;
      let start = -1;
      // A hand-rolled split on whitespace (the same set as /\s/): this loop runs over every document.
      for (let i = 0; i <= text.length; i++) {
        const space = i === text.length || isSpace(text.charCodeAt(i));
        if (!space) {
          if (start < 0) start = i;
          continue;
        }
        if (start < 0) continue;
        const word = text.slice(start, i);
        start = -1;
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

function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

export function tokenizerCounter(tokenizer: PreTrainedTokenizer): TokenCounter {
  // A plain BERT WordPiece tokenizer is counted by our exact, faster re-implementation.
  const spec = wordPieceSpec((tokenizer as unknown as { _tokenizerJSON?: unknown })._tokenizerJSON);
  if (spec) return cachedWordCounter((word) => countWordPieces(word, spec));
  return cachedWordCounter((word) => tokenizer.encode(word, { add_special_tokens: false }).length);
}

/** Loads only the tokenizer files of a model (no weights). */
export async function loadTokenCounter(modelId: string, revision = 'main'): Promise<TokenCounter> {
  return tokenizerCounter(await AutoTokenizer.from_pretrained(modelId, { revision }));
}

/** A counter from a BERT tokenizer.json alone (no transformers.js), or null when it is not plain WordPiece. */
export function wordPieceCounterFromJson(tokenizerJson: unknown): TokenCounter | null {
  const spec = wordPieceSpec(tokenizerJson);
  return spec ? cachedWordCounter((word) => countWordPieces(word, spec)) : null;
}
