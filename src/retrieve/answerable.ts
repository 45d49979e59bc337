/**
 * Decides whether retrieval found anything worth answering from. Below the threshold, both the
 * RAG answer and the extractive answer say "not found in your documents" instead of guessing.
 */
import { analyze } from '../index/analyze';
import type { RetrievedChunk } from './hybrid';

export interface AnswerableSettings {
  /** Share of the question's terms that must appear in the retrieved chunks. */
  minCoverage: number;
  /** Cosine a dense match must reach (embedding models only). */
  minDense: number;
  /** Cross-encoder logit a reranked match must reach. */
  minRerank: number;
}

export const DEFAULT_ANSWERABLE: AnswerableSettings = { minCoverage: 0.5, minDense: 0.5, minRerank: 0 };

export interface Answerability {
  answerable: boolean;
  coverage: number;
  bestDense: number | null;
  bestRerank: number | null;
}

export const NOT_FOUND = 'Not found in your documents.';

export function answerability(question: string, results: RetrievedChunk[], settings: AnswerableSettings = DEFAULT_ANSWERABLE): Answerability {
  const terms = [...new Set(analyze(question))];
  const present = new Set(results.flatMap((r) => analyze(r.chunk.text)));
  const coverage = terms.length ? terms.filter((t) => present.has(t)).length / terms.length : 0;
  const dense = results.map((r) => r.trace.denseScore).filter((s): s is number => s !== null);
  const rerank = results.map((r) => r.trace.rerankScore).filter((s): s is number => s !== null);
  const bestDense = dense.length ? Math.max(...dense) : null;
  const bestRerank = rerank.length ? Math.max(...rerank) : null;
  const answerable =
    results.length > 0 &&
    (bestRerank !== null ? bestRerank >= settings.minRerank : coverage >= settings.minCoverage || (bestDense !== null && bestDense >= settings.minDense));
  return { answerable, coverage, bestDense, bestRerank };
}
