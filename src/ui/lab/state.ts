/** Everything the page shows, in one serializable shape. */
import type { ChunkSettings } from '../../chunk/chunker';
import type { AnswerCheck } from '../../cite/verify';
import type { ComparisonPrompts } from '../../generate/compare';
import type { DecodingSettings, GenerationStats } from '../../generate/generator';
import type { DeviceReport, DevicePreference } from '../../models/device';
import type { LoadedInfo } from '../../models/load';
import type { LoadProgress } from '../../models/progress';
import type { Answerability, AnswerableSettings } from '../../retrieve/answerable';
import type { RetrievalSettings, RetrievalTimings, RetrievedChunk } from '../../retrieve/hybrid';
import type { AddOutcome, Stage } from '../../store/add-files';
import type { RestoreEvent, VectorBackend } from '../../store/index-protocol';
import type { StorageReport } from '../../store/library-store';
import type { DocumentRecord } from '../../store/schema';

export type ModelTaskKey = 'embed' | 'rerank' | 'generate';

export interface ModelSlot {
  id: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  progress: LoadProgress | null;
  info: (LoadedInfo & { deviceReason: string }) | null;
  error: string | null;
}

export interface FileTask {
  key: string;
  name: string;
  stage: Stage | 'queued' | 'done';
  done?: number;
  total?: number;
  outcome?: AddOutcome;
  /** File size in bytes (for batch progress and its estimate). */
  size?: number;
  /** When work on this file began, and when its current stage began (for the time estimate). */
  startedAt?: number;
  stageStartedAt?: number;
  /** Files dropped together share a batch (for one overall progress bar). */
  batch?: string;
}

/** A removal that waits out its undo window before anything is deleted. */
export interface PendingRemoval {
  docId: string;
  name: string;
  size: number;
  /** Epoch ms when the removal becomes final. */
  until: number;
}

export interface LabSettings {
  device: DevicePreference;
  chunk: ChunkSettings;
  retrieval: RetrievalSettings;
  decoding: DecodingSettings;
  answerable: AnswerableSettings;
  /** 'auto' uses the LLM when one is loaded, else extracts sentences. */
  answerMode: 'auto' | 'extractive';
  backend: VectorBackend;
  maxFileMb: number;
  /** Never contact the Hugging Face Hub: models must be in /models/ or already cached. */
  offlineOnly: boolean;
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
  timings: AnswerTimings | null;
  note: string | null;
  /** Prompt tokens read so far while the model prefills, where the runtime can tell. */
  prefill: { done: number; total: number } | null;
}

export interface AskState {
  question: string;
  status: 'retrieving' | 'answering' | 'verifying' | 'done' | 'error';
  error: string | null;
  results: RetrievedChunk[];
  considered: RetrievedChunk[];
  retrievalTimings: RetrievalTimings | null;
  /** Why the search ran differently than asked (e.g. vectors still loading). */
  retrievalNote?: string;
  answerability: Answerability | null;
  /** Source n of the RAG prompt is sources[n - 1]. */
  sources: RetrievedChunk[];
  prompts: ComparisonPrompts | null;
  rag: AnswerState;
  baseline: AnswerState;
  /** The retriever that actually ran (bm25 when no embedding model was loaded). */
  retrieverUsed?: 'bm25' | 'dense' | 'hybrid';
}

export interface LabState {
  device: DeviceReport | null;
  deviceError: string | null;
  models: Record<ModelTaskKey, ModelSlot>;
  library: {
    status: 'opening' | 'ready' | 'error';
    error: string | null;
    documents: DocumentRecord[];
    restore: { lexicalReadyMs: number; denseReadyMs: number; chunkCount: number; vectorCount: number } | null;
    /** While the index is being rebuilt from storage (start, model change, backend switch). */
    rebuilding: RestoreEvent | null;
    storage: StorageReport | null;
    notices: string[];
    /** Hidden from the list and from search until their undo window closes. */
    pendingRemovals: PendingRemoval[];
    /** Stale documents being re-indexed, so the settings that caused it can show progress. */
    reindexing: { done: number; total: number } | null;
  };
  tasks: FileTask[];
  settings: LabSettings;
  ask: AskState | null;
}

export const emptyAnswer = (): AnswerState => ({ kind: 'none', text: '', streaming: false, stats: null, check: null, timings: null, note: null, prefill: null });
