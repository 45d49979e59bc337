/**
 * The persistent library: documents, their chunks and BM25 segments, raw vectors and parsed
 * sources in IndexedDB. A document appears whole or not at all: it is first marked "indexing", and
 * one transaction writes everything and marks it ready. An ingest cut short by a reload or crash
 * leaves only the marker, which the next start removes.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, migrate, sameDtype, type ChunksRecord, type DocumentRecord, type IndexSettings, type LibrarySchema, type OriginalRecord, type SourceRecord, type VectorsRecord } from './schema';

export class StorageFullError extends Error {
  constructor(what: string) {
    super(`Storage is full: ${what} could not be saved. Everything stored before is intact. Remove some documents, or free disk space, and try again.`);
    this.name = 'StorageFullError';
  }
}

export interface StoreEvents {
  /** Another tab upgraded the database: this tab must reload. */
  onVersionChange?: () => void;
  /** An older tab blocks an upgrade this tab needs. */
  onBlocked?: () => void;
}

export interface CompleteDocument {
  record: DocumentRecord;
  chunks: ChunksRecord;
  vectors: VectorsRecord | null;
  source: SourceRecord;
  /** The file's bytes; absent for documents added before they were kept, or left out of a pack. */
  original?: OriginalRecord | null;
}

/** The stores that hold a document's data, keyed by its id, and with its record. */
const DATA_STORES = ['chunks', 'vectors', 'sources', 'originals'] as const;
const DOCUMENT_STORES = ['documents', ...DATA_STORES] as const;

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // already finished or aborted
  }
}

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || (error instanceof DOMException && error.code === 22);
}

export class LibraryStore {
  private constructor(private readonly db: IDBPDatabase<LibrarySchema>) {}

  static async open(name = DB_NAME, events: StoreEvents = {}): Promise<LibraryStore> {
    const db = await openDB<LibrarySchema>(name, DB_VERSION, {
      upgrade: migrate,
      blocked: () => events.onBlocked?.(),
      blocking: () => {
        // Let the other tab upgrade; this one can no longer use the database safely.
        db.close();
        events.onVersionChange?.();
      },
    });
    return new LibraryStore(db);
  }

  close(): void {
    this.db.close();
  }

  /** Removes what interrupted ingests left behind; returns the names of those documents. */
  async removeInterrupted(): Promise<string[]> {
    const tx = this.db.transaction([...DOCUMENT_STORES], 'readwrite');
    const interrupted = await tx.objectStore('documents').index('by-status').getAll('indexing');
    const ready = new Set((await tx.objectStore('documents').getAllKeys()).filter((id) => !interrupted.some((d) => d.id === id)));
    for (const doc of interrupted) await tx.objectStore('documents').delete(doc.id);
    // Orphans: data whose document record is gone.
    for (const store of DATA_STORES) {
      for (const key of await tx.objectStore(store).getAllKeys()) if (!ready.has(key)) await tx.objectStore(store).delete(key);
    }
    await tx.done;
    return interrupted.map((d) => d.name);
  }

  async findBySha256(sha256: string): Promise<DocumentRecord | undefined> {
    const matches = await this.db.getAllFromIndex('documents', 'by-sha256', sha256);
    return matches.find((d) => d.status !== 'indexing');
  }

  /** Marks an ingest as started, so that a crash before commit can be cleaned up. */
  async beginDocument(record: DocumentRecord): Promise<void> {
    try {
      await this.db.put('documents', { ...record, status: 'indexing' });
    } catch (error) {
      if (isQuotaError(error)) throw new StorageFullError(record.name);
      throw error;
    }
  }

  /** Writes a document and all its data in one transaction; on failure nothing of it remains. */
  async commitDocument(doc: CompleteDocument): Promise<void> {
    const tx = this.db.transaction([...DOCUMENT_STORES], 'readwrite');
    const writes: (() => Promise<unknown>)[] = [
      () => tx.objectStore('chunks').put(doc.chunks),
      () => (doc.vectors ? tx.objectStore('vectors').put(doc.vectors) : tx.objectStore('vectors').delete(doc.record.id)),
      () => tx.objectStore('sources').put(doc.source),
      // A re-index commits without the file: the kept original stays (removal deletes it).
      ...(doc.original ? [() => tx.objectStore('originals').put(doc.original!)] : []),
      () => tx.objectStore('documents').put({ ...doc.record, status: 'ready' }),
    ];
    const pending: Promise<unknown>[] = [];
    let failure: unknown = null;
    for (const write of writes) {
      try {
        pending.push(write());
      } catch (error) {
        // A request refused on the spot: abort now, before the others could commit on their own.
        failure = error;
        abortQuietly(tx);
        break;
      }
    }
    const settled = await Promise.allSettled([...pending, tx.done]);
    failure ??= settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason ?? null;
    if (failure === null) return;
    await this.db.delete('documents', doc.record.id).catch(() => undefined);
    const cause = (failure as { target?: { error?: unknown } })?.target?.error ?? tx.error ?? failure;
    if (isQuotaError(failure) || isQuotaError(cause)) throw new StorageFullError(doc.record.name);
    throw failure instanceof Error ? failure : new Error(`Saving ${doc.record.name} failed: ${String(cause)}`);
  }

  async removeDocument(docId: string): Promise<void> {
    const tx = this.db.transaction([...DOCUMENT_STORES], 'readwrite');
    await Promise.all([...DOCUMENT_STORES.map((store) => tx.objectStore(store).delete(docId)), tx.done]);
  }

  listDocuments(): Promise<DocumentRecord[]> {
    return this.db.getAll('documents');
  }

  getChunks(docId: string): Promise<ChunksRecord | undefined> {
    return this.db.get('chunks', docId);
  }

  getVectors(docId: string): Promise<VectorsRecord | undefined> {
    return this.db.get('vectors', docId);
  }

  getSource(docId: string): Promise<SourceRecord | undefined> {
    return this.db.get('sources', docId);
  }

  /** Reads every chunk record and, separately, every vector record, in bulk (fastest restore). */
  async loadAll(): Promise<{ documents: DocumentRecord[]; chunks: ChunksRecord[] }> {
    const tx = this.db.transaction(['documents', 'chunks'], 'readonly');
    const [documents, chunks] = await Promise.all([tx.objectStore('documents').getAll(), tx.objectStore('chunks').getAll(), tx.done]);
    return { documents: documents.filter((d) => d.status !== 'indexing'), chunks };
  }

  /** Replaces a document's chunk record (its BM25 segment rebuilt by a newer analyzer), unless the document is gone. */
  async putChunks(record: ChunksRecord): Promise<void> {
    const tx = this.db.transaction(['documents', 'chunks'], 'readwrite');
    if (await tx.objectStore('documents').get(record.docId)) await tx.objectStore('chunks').put(record);
    await tx.done;
  }

  loadAllVectors(): Promise<VectorsRecord[]> {
    return this.db.getAll('vectors');
  }

  /**
   * Flags documents indexed with other settings than these; returns how many. With `ignoreModel`
   * (no embedding model loaded yet) only the chunk settings count.
   */
  async markStale(active: IndexSettings, ignoreModel = false): Promise<number> {
    const tx = this.db.transaction('documents', 'readwrite');
    let count = 0;
    for (const doc of await tx.store.getAll()) {
      if (doc.status === 'indexing') continue;
      const stale = !sameSettings(doc.settings, active, ignoreModel);
      const status = stale ? 'stale' : 'ready';
      if (doc.status !== status) {
        await tx.store.put({ ...doc, status });
      }
      if (stale) count++;
    }
    await tx.done;
    return count;
  }

  /** Every finished document with all its data, for a lesson pack; the files' bytes only when asked. */
  async exportAll(withOriginals = false): Promise<CompleteDocument[]> {
    const tx = this.db.transaction([...DOCUMENT_STORES], 'readonly');
    const documents = (await tx.objectStore('documents').getAll()).filter((d) => d.status !== 'indexing');
    const out: CompleteDocument[] = [];
    for (const record of documents) {
      const [chunks, vectors, source] = await Promise.all([tx.objectStore('chunks').get(record.id), tx.objectStore('vectors').get(record.id), tx.objectStore('sources').get(record.id)]);
      const original = withOriginals ? await tx.objectStore('originals').get(record.id) : undefined;
      if (chunks && source) out.push({ record, chunks, vectors: vectors ?? null, source, original: original ?? null });
    }
    await tx.done;
    return out;
  }

  /** Writes many documents in one transaction: all of them are stored, or none. */
  async importDocuments(docs: CompleteDocument[]): Promise<void> {
    const tx = this.db.transaction([...DOCUMENT_STORES], 'readwrite');
    const pending: Promise<unknown>[] = [];
    let failure: unknown = null;
    try {
      for (const doc of docs) {
        pending.push(tx.objectStore('chunks').put(doc.chunks));
        if (doc.vectors) pending.push(tx.objectStore('vectors').put(doc.vectors));
        pending.push(tx.objectStore('sources').put(doc.source));
        if (doc.original) pending.push(tx.objectStore('originals').put(doc.original));
        pending.push(tx.objectStore('documents').put(doc.record));
      }
    } catch (error) {
      failure = error;
      abortQuietly(tx);
    }
    const settled = await Promise.allSettled([...pending, tx.done]);
    failure ??= settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason ?? null;
    if (failure === null) return;
    const cause = (failure as { target?: { error?: unknown } })?.target?.error ?? tx.error ?? failure;
    if (isQuotaError(failure) || isQuotaError(cause)) throw new StorageFullError(`the lesson pack (${docs.length} documents)`);
    throw failure instanceof Error ? failure : new Error(`Importing failed: ${String(cause)}`);
  }

  /** Removes every document and its data (saved settings stay). */
  async clearDocuments(): Promise<void> {
    const tx = this.db.transaction([...DOCUMENT_STORES], 'readwrite');
    await Promise.all([...DOCUMENT_STORES.map((store) => tx.objectStore(store).clear()), tx.done]);
  }

  getSetting<T>(key: string): Promise<T | undefined> {
    return this.db.get('settings', key) as Promise<T | undefined>;
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    await this.db.put('settings', value, key);
  }
}

export function sameSettings(a: IndexSettings, b: IndexSettings, ignoreModel = false): boolean {
  return (ignoreModel || (a.embedModel === b.embedModel && sameDtype(a.embedDtype, b.embedDtype))) && a.chunk.size === b.chunk.size && a.chunk.overlap === b.chunk.overlap;
}

export { sha256Hex } from './content-hash';

export interface StorageReport {
  usage: number | null;
  quota: number | null;
  persisted: boolean;
}

/** How much the library uses and whether the browser keeps it under storage pressure. */
export async function storageReport(): Promise<StorageReport> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage) return { usage: null, quota: null, persisted: false };
  const persisted = (await storage.persisted?.()) ?? false;
  const estimate = await storage.estimate?.().catch(() => null);
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}
