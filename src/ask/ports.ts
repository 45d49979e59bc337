/**
 * What the ask pipeline needs from the outside world. The page fills these with its workers; the
 * command-line twins with in-process models and indexes. The pipeline itself is the same code.
 */
import type { TextKind } from '../embed/embedder';
import type { ComparisonPrompts } from '../generate/compare';
import type { ChatMessage, DecodingSettings, GenerationStats } from '../generate/generator';
import type { SourceInput } from '../generate/prompt';
import type { CalibrationPassage } from '../retrieve/calibration';
import type { RetrievalOutcome, RetrievalSettings } from '../retrieve/hybrid';

export interface ModelIdentity {
  id: string;
  dtype: string;
}

export interface AskPorts {
  /** Candidates for a query, without reranking (that is the pipeline's). */
  search(query: string, vector: Float32Array | null, settings: RetrievalSettings): Promise<RetrievalOutcome>;
  /** Passages spread over the library and the library's identity, for calibration. */
  sample(n: number): Promise<{ passages: CalibrationPassage[]; library: string }>;
  embed?: {
    model: ModelIdentity;
    /** One unit vector per text. */
    embed(texts: string[], kind: TextKind, signal?: AbortSignal): Promise<Float32Array[]>;
    /** The index's stored vectors of these chunks (null where a chunk has none of this model). */
    storedVectors(ids: string[]): Promise<(Float32Array | null)[]>;
  } | null;
  rerank?: {
    model: ModelIdentity;
    score(query: string, passages: string[], signal?: AbortSignal): Promise<number[]>;
  } | null;
  generate?: {
    prepare(question: string, sources: SourceInput[], answerTokens: number): Promise<ComparisonPrompts>;
    /** `onPrefill` reports prompt tokens read so far, where the runtime can tell. */
    generate(messages: ChatMessage[], settings: DecodingSettings, onPiece: (piece: string) => void, signal?: AbortSignal, onPrefill?: (done: number, total: number) => void): Promise<GenerationStats>;
  } | null;
}

/** Splits a flat row-major matrix into rows. */
export function rows(flat: Float32Array, dims: number): Float32Array[] {
  return Array.from({ length: dims ? flat.length / dims : 0 }, (_, i) => flat.subarray(i * dims, (i + 1) * dims));
}
