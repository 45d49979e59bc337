/**
 * Chunks never exceed what the embedding model reads: MiniLM was trained on 256 tokens and a longer
 * chunk would be cut off without a word. The limit leaves room for [CLS] and [SEP].
 */
import type { ChunkSettings } from './chunker';

const SPECIAL_TOKENS = 2;

export function capChunkSettings(settings: ChunkSettings, model: { id: string; contextLength: number } | undefined): { settings: ChunkSettings; warning: string | null } {
  if (!model) return { settings, warning: null };
  const limit = model.contextLength - SPECIAL_TOKENS;
  if (settings.size <= limit) return { settings, warning: null };
  const capped = { size: limit, overlap: Math.min(settings.overlap, Math.floor(limit / 2)) };
  return {
    settings: capped,
    warning: `Chunks were cut to ${limit} tokens instead of ${settings.size}: ${model.id} reads at most ${model.contextLength} tokens, so longer chunks would lose their end. Choose a chunk size of ${limit} or less to silence this.`,
  };
}
