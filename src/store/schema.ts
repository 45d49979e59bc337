/**
 * The library's IndexedDB schema and its migrations. Records are per document, so restoring a
 * library is a few large reads, and adding or removing a document is one transaction.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { ChunkSettings } from '../chunk/chunker';
import type { DocType, ParsedDocument } from '../ingest/types';
import type { Bm25Segment } from '../index/bm25';
import type { IndexedChunk } from '../retrieve/library-index';

export const DB_NAME = 'offline-rag-lab';
export const DB_VERSION = 4;

/** What a document was indexed with: when the active settings differ, it is stale. */
export interface IndexSettings {
  chunk: ChunkSettings;
  /** The embedding model whose vectors the document has; LEXICAL_ONLY when it has none. */
  embedModel: string;
  /**
   * The precision those vectors were computed in (q8 on WebAssembly, fp32 on WebGPU…): a device
   * change that changes it makes documents stale like a model change. UNRECORDED_DTYPE (libraries
   * from before version 3) matches any precision.
   */
  embedDtype?: string;
}

export const UNRECORDED_DTYPE = '';

/** Same precision, or one side recorded before precisions were (not worth a forced re-index). */
export function sameDtype(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === UNRECORDED_DTYPE || b === UNRECORDED_DTYPE || a === b;
}

export { LEXICAL_ONLY } from './schema-meta';

export type DocumentStatus = 'indexing' | 'ready' | 'stale';

export interface DocumentRecord {
  id: string;
  name: string;
  type: DocType;
  size: number;
  sha256: string;
  added: number;
  status: DocumentStatus;
  title?: string;
  pageCount?: number;
  warnings: string[];
  settings: IndexSettings;
  chunkCount: number;
  exactDuplicates: number;
  nearDuplicates: number;
}

export interface ChunksRecord {
  docId: string;
  chunks: IndexedChunk[];
  bm25: Bm25Segment;
}

/** Raw vectors as binary: count × dims float32, in chunk order. Never voy's serialize(). */
export interface VectorsRecord {
  docId: string;
  model: string;
  /** The model's precision when these were computed; UNRECORDED_DTYPE before version 3. */
  dtype: string;
  dims: number;
  count: number;
  data: Float32Array;
}

export interface SourceRecord {
  docId: string;
  parsed: ParsedDocument;
}

/** The file as it was added, so a lesson pack can carry the original bytes. */
export interface OriginalRecord {
  docId: string;
  bytes: Uint8Array;
}

export interface LibrarySchema extends DBSchema {
  documents: { key: string; value: DocumentRecord; indexes: { 'by-sha256': string; 'by-status': DocumentStatus } };
  chunks: { key: string; value: ChunksRecord };
  vectors: { key: string; value: VectorsRecord };
  sources: { key: string; value: SourceRecord };
  originals: { key: string; value: OriginalRecord };
  settings: { key: string; value: unknown };
}

type UpgradeTx = IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'versionchange'>;

/** Each step takes the database from version n-1 to n. Never edit a released step; add one. */
const MIGRATIONS: ((db: IDBPDatabase<LibrarySchema>, tx: UpgradeTx) => void)[] = [
  // 1: the stores.
  (db) => {
    db.createObjectStore('documents', { keyPath: 'id' });
    db.createObjectStore('chunks', { keyPath: 'docId' });
    db.createObjectStore('vectors', { keyPath: 'docId' });
    db.createObjectStore('sources', { keyPath: 'docId' });
    db.createObjectStore('settings');
  },
  // 2: find duplicate files by content hash, and interrupted ingests by status.
  (_db, tx) => {
    const documents = tx.objectStore('documents');
    documents.createIndex('by-sha256', 'sha256');
    documents.createIndex('by-status', 'status');
  },
  // 3: vectors and documents record the embedding precision; older ones say it was not recorded.
  (_db, tx) => {
    void fillUnrecorded(tx);
  },
  // 4: the files as added (documents from before keep only their extracted text).
  (db) => {
    db.createObjectStore('originals', { keyPath: 'docId' });
  },
];

async function fillUnrecorded(tx: UpgradeTx): Promise<void> {
  for (let cursor = await tx.objectStore('vectors').openCursor(); cursor; cursor = await cursor.continue()) {
    if (cursor.value.dtype === undefined) await cursor.update({ ...cursor.value, dtype: UNRECORDED_DTYPE });
  }
  for (let cursor = await tx.objectStore('documents').openCursor(); cursor; cursor = await cursor.continue()) {
    const settings = cursor.value.settings;
    if (settings && settings.embedDtype === undefined) await cursor.update({ ...cursor.value, settings: { ...settings, embedDtype: UNRECORDED_DTYPE } });
  }
}

export function migrate(db: IDBPDatabase<LibrarySchema>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let version = oldVersion + 1; version <= newVersion; version++) MIGRATIONS[version - 1]!(db, tx);
}

if (MIGRATIONS.length !== DB_VERSION) throw new Error('DB_VERSION must equal the number of migrations');
