import type { Chunk } from '../chunk/chunker';
import type { ParsedDocument } from '../ingest/types';
import type { CalibrationPassage } from '../retrieve/calibration';
import type { RetrievalSettings, RetrievalOutcome } from '../retrieve/hybrid';
import type { DocumentRecord, IndexSettings } from './schema';
import type { StorageReport } from './library-store';
import type { PackEmbedding } from './pack';

/** What importing a lesson pack did. */
export interface PackImport {
  added: string[];
  /** Names of documents already in the library (same id or same content), left as they were. */
  skipped: string[];
  /** Documents (of the whole library) indexed with other settings or another embedding model. */
  staleCount: number;
  embedding: PackEmbedding | null;
  settings: Record<string, unknown>;
  questions: string[];
}

export type VectorBackend = 'exact' | 'voy';

export interface OpenResult {
  documents: DocumentRecord[];
  /** Names of documents whose ingest was cut short (removed on this start). */
  interrupted: string[];
  staleCount: number;
  lexicalReadyMs: number;
  denseReadyMs: number;
  chunkCount: number;
  vectorCount: number;
}

export type LibraryChange = { kind: 'added' | 'removed' | 'reloaded'; docId: string; name?: string };

export type RestoreEvent =
  | { stage: 'lexical'; done: number; total: number }
  | { stage: 'dense'; done: number; total: number }
  | { stage: 'voy'; done: number; total: number };

export type IndexMethods = {
  open: {
    params: { dbName?: string; active: IndexSettings; dims: number | null; backend: VectorBackend };
    result: OpenResult;
    event: RestoreEvent;
  };
  /** Checks a file's content hash against the library before any work is done. */
  findDuplicate: { params: { sha256: string }; result: DocumentRecord | null; event: never };
  begin: { params: { record: DocumentRecord }; result: void; event: never };
  commit: {
    /** original: the file's bytes, kept so that a lesson pack can carry them. */
    params: { record: DocumentRecord; parsed: ParsedDocument; chunks: Chunk[]; vectors: Float32Array | null; model: string; dims: number | null; original?: Uint8Array };
    result: DocumentRecord;
    event: never;
  };
  /** commit for a keyword-only document whose parsed text and chunks come packed (see packIngest). */
  commitPacked: { params: { record: DocumentRecord; packed: Uint8Array; model: string; original?: Uint8Array }; result: DocumentRecord; event: never };
  remove: { params: { docId: string }; result: void; event: never };
  list: { params: Record<string, never>; result: DocumentRecord[]; event: never };
  source: { params: { docId: string }; result: ParsedDocument | null; event: never };
  /** Candidates for a query (no reranking: that happens in the reranker's worker). */
  /** Stored unit vectors of chunks (null where a chunk has none of the active model). */
  vectors: { params: { ids: string[] }; result: (Float32Array | null)[]; event: never };
  /** Passages spread over the library, for calibrating a model's scores on it. */
  sample: { params: { n: number }; result: { passages: CalibrationPassage[]; library: string }; event: never };
  search: { params: { query: string; vector: Float32Array | null; settings: RetrievalSettings }; result: RetrievalOutcome; event: never };
  setBackend: { params: { backend: VectorBackend }; result: { buildMs: number }; event: RestoreEvent };
  setActive: { params: { active: IndexSettings; dims: number | null }; result: { staleCount: number; documents: DocumentRecord[] }; event: RestoreEvent };
  storage: { params: Record<string, never>; result: StorageReport; event: never };
  /** The whole library as a lesson pack file (see pack.ts), with the original files when asked. */
  exportPack: { params: { embedding: PackEmbedding | null; settings: Record<string, unknown>; questions: string[]; withOriginals?: boolean }; result: Uint8Array; event: never };
  /** Validates a lesson pack completely, then adds its documents in one transaction, or nothing. */
  importPack: { params: { bytes: Uint8Array }; result: PackImport; event: never };
  /** Removes every document from the library. */
  clear: { params: Record<string, never>; result: void; event: never };
  /** Never resolves: streams changes made by other tabs. */
  watch: { params: Record<string, never>; result: void; event: LibraryChange };
};
