/** Everything the page shows, in one serializable shape. */
import type { AskSettings, AskState } from '../../ask/types';
export { emptyAnswer, newAskState, type AnswerState, type AnswerTimings, type AskState } from '../../ask/types';
import type { ChunkSettings } from '../../chunk/chunker';
import type { DeviceReport, DevicePreference } from '../../models/device';
import type { LoadedInfo } from '../../models/load';
import type { LoadProgress } from '../../models/progress';
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

export interface LabSettings extends AskSettings {
  device: DevicePreference;
  chunk: ChunkSettings;
  backend: VectorBackend;
  maxFileMb: number;
  /** Never contact the Hugging Face Hub: models must be in /models/ or already cached. */
  offlineOnly: boolean;
  /** Read scanned and unreadable PDF pages and images by OCR; off, such pages are listed in a warning. */
  ocr: boolean;
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
    /** keepRefused: the person asked to keep the data and the browser said no. */
    storage: (StorageReport & { keepRefused?: boolean }) | null;
    notices: string[];
    /** Hidden from the list and from search until their undo window closes. */
    pendingRemovals: PendingRemoval[];
    /** Stale documents being re-indexed, so the settings that caused it can show progress. */
    reindexing: { done: number; total: number } | null;
  };
  tasks: FileTask[];
  settings: LabSettings;
  ask: AskState | null;
  /** A cited passage to open in the chunk viewer (set by the Source dialog); `seq` tells requests apart. */
  chunkViewerRequest: { docId: string; start: number; end: number; seq: number } | null;
}

