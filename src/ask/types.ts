/** What one question produces, in one serializable shape shared by the page and the CLIs. */
import type { AnswerCheck } from '../cite/verify';
import type { AnswerVerdicts } from '../cite/verdicts';
import type { ComparisonPrompts } from '../generate/compare';
import type { ExtractedSentence } from '../generate/extractive';
import type { DecodingSettings, GenerationStats } from '../generate/generator';
import type { Answerability, AnswerableSettings } from '../retrieve/answerable';
import type { ScoreCalibration } from '../retrieve/calibration';
import type { RetrievalSettings, RetrievalTimings, RetrievedChunk, RetrieverKind } from '../retrieve/hybrid';

export interface AskSettings {
  retrieval: RetrievalSettings;
  decoding: DecodingSettings;
  answerable: AnswerableSettings;
  /** 'auto' uses the LLM when one is loaded, else extracts sentences. */
  answerMode: 'auto' | 'extractive';
}

export interface AnswerTimings {
  embedMs: number;
  searchMs: number;
  rerankMs: number;
  promptMs: number;
  prefillMs: number | null;
  prefillTokens: number | null;
  decodeTokensPerSecond: number | null;
  newTokens: number | null;
  totalMs: number;
}

export interface AnswerState {
  kind: 'llm' | 'extractive' | 'none';
  text: string;
  streaming: boolean;
  stats: GenerationStats | null;
  check: AnswerCheck | null;
  verdicts: AnswerVerdicts | null;
  /** Extractive answers: the quoted sentences, with where they come from. */
  extract: ExtractedSentence[] | null;
  timings: AnswerTimings | null;
  note: string | null;
  /** Prompt tokens read so far while the model prefills, where the runtime can tell. */
  prefill: { done: number; total: number } | null;
}

/** The calibrations a verdict used, for the inspector. */
export interface UsedCalibrations {
  denseQuery: ScoreCalibration | null;
  denseSentence: ScoreCalibration | null;
  rerank: ScoreCalibration | null;
  /** Why a loaded model's scores could not be calibrated (e.g. too few passages). */
  note: string | null;
}

export interface AskState {
  question: string;
  status: 'retrieving' | 'calibrating' | 'answering' | 'verifying' | 'done' | 'error';
  error: string | null;
  results: RetrievedChunk[];
  considered: RetrievedChunk[];
  retrievalTimings: RetrievalTimings | null;
  /** The retriever that actually ran. */
  retrieverUsed?: RetrieverKind;
  /** Why the search ran differently than asked (e.g. vectors still loading). */
  retrievalNote?: string;
  answerability: Answerability | null;
  calibrations?: UsedCalibrations;
  /** Source n of the RAG prompt is sources[n - 1]. */
  sources: RetrievedChunk[];
  prompts: ComparisonPrompts | null;
  rag: AnswerState;
  baseline: AnswerState;
}

export const emptyAnswer = (): AnswerState => ({ kind: 'none', text: '', streaming: false, stats: null, check: null, verdicts: null, extract: null, timings: null, note: null, prefill: null });

export const newAskState = (question: string): AskState => ({
  question,
  status: 'retrieving',
  error: null,
  results: [],
  considered: [],
  retrievalTimings: null,
  answerability: null,
  sources: [],
  prompts: null,
  rag: emptyAnswer(),
  baseline: emptyAnswer(),
});
