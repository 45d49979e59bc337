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
  /** Read scanned and unreadable PDF pages and images by OCR; off, such pages are listed in a warning. */
  ocr: boolean;
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
  };
  tasks: FileTask[];
  settings: LabSettings;
  ask: AskState | null;
}

export const emptyAnswer = (): AnswerState => ({ kind: 'none', text: '', streaming: false, stats: null, check: null, timings: null, note: null });
