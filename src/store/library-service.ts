/**
 * The library as the index worker holds it: IndexedDB underneath, the in-memory LibraryIndex on
 * top, kept in step with other tabs through a BroadcastChannel. Restores lexical search first,
 * then dense search from the stored binary vectors of the active embedding model only.
 */
import type { Chunk } from '../chunk/chunker';
import type { ParsedDocument } from '../ingest/types';
import { ExactIndex } from '../index/exact-index';
import { checkDims, type VectorIndex } from '../index/vector-index';
import { VoyIndex } from '../index/voy-index';
import type { VoyModule } from '../index/voy-module';
import type { CalibrationPassage } from '../retrieve/calibration';
import { retrieve, type RetrievalOutcome, type RetrievalSettings } from '../retrieve/hybrid';
import { currentLexicalSegment, lexicalSegment, toIndexedChunks, type DocumentInfo } from '../retrieve/index-document';
import { LibraryIndex } from '../retrieve/library-index';
import { countOf } from '../util/count-of';
import type { LibraryChange, OpenResult, PackImport, RestoreEvent, VectorBackend } from './index-protocol';
import { LibraryStore, sameSettings, type CompleteDocument } from './library-store';
import { decodePack, encodePack, type PackEmbedding } from './pack';
import { sameDtype, UNRECORDED_DTYPE, type ChunksRecord, type DocumentRecord, type IndexSettings, type VectorsRecord } from './schema';

function documentInfo(record: DocumentRecord): DocumentInfo {
  return { docId: record.id, name: record.name, type: record.type, ...(record.title ? { title: record.title } : {}) };
}

export interface ServiceOptions {
  dbName?: string;
  loadVoy: () => Promise<VoyModule>;
  onChange?: (change: LibraryChange) => void;
  onVersionChange?: () => void;
}

/** Said with keyword results when a search by meaning was asked of a library without vectors of the loaded model. */
export const NO_VECTORS_NOTE =
  'None of your documents has vectors of the loaded embedding model, so these are keyword (BM25) results. Press "Re-index" in Library to embed the stale documents and search by meaning too.';

export class LibraryService {
  private store!: LibraryStore;
  readonly index = new LibraryIndex();
  private active!: IndexSettings;
  private dims: number | null = null;
  private backend: VectorBackend = 'exact';
  private documents = new Map<string, DocumentRecord>();
  private channel: BroadcastChannel | null = null;
  /** Resolves once BM25 and chunk texts are in memory: searches wait for it, not for the vectors. */
  private lexicalReady!: Promise<void>;
  private vectorsLoading = false;

  constructor(private readonly options: ServiceOptions) {}

  open(active: IndexSettings, dims: number | null, backend: VectorBackend, progress: (e: RestoreEvent) => void): Promise<OpenResult> {
    let markLexical!: () => void;
    let failLexical!: (e: unknown) => void;
    this.lexicalReady = new Promise((resolve, reject) => {
      markLexical = resolve;
      failLexical = reject;
    });
    this.lexicalReady.catch(() => undefined);
    return this.restore(active, dims, backend, progress, markLexical).catch((error) => {
      failLexical(error);
      throw error;
    });
  }

  private async restore(active: IndexSettings, dims: number | null, backend: VectorBackend, progress: (e: RestoreEvent) => void, markLexical: () => void): Promise<OpenResult> {
    const t0 = performance.now();
    this.store = await LibraryStore.open(this.options.dbName, { onVersionChange: this.options.onVersionChange });
    const interrupted = await this.store.removeInterrupted();
    this.active = active;
    this.dims = dims;
    this.backend = backend;
    const staleCount = await this.store.markStale(active, dims === null);
    const { documents, chunks } = await this.store.loadAll();
    this.documents = new Map(documents.map((d) => [d.id, d]));
    chunks.forEach((record, i) => {
      const doc = this.documents.get(record.docId);
      if (doc) this.index.addDocument(record.docId, record.chunks, this.lexical(doc, record));
      progress({ stage: 'lexical', done: i + 1, total: chunks.length });
    });
    const lexicalReadyMs = performance.now() - t0;
    markLexical();
    await this.loadVectors(progress);
    this.listenToOtherTabs();
    return {
      documents,
      interrupted,
      staleCount,
      lexicalReadyMs,
      denseReadyMs: performance.now() - t0,
      chunkCount: this.index.size,
      vectorCount: this.index.vectors?.size ?? 0,
    };
  }

  /** Rebuilds the vector index from the stored vectors of the active model. */
  private async loadVectors(progress: (e: RestoreEvent) => void): Promise<void> {
    this.vectorsLoading = true;
    try {
      await this.buildVectors(progress);
    } finally {
      this.vectorsLoading = false;
    }
  }

  private async buildVectors(progress: (e: RestoreEvent) => void): Promise<void> {
    this.index.vectors = null;
    if (this.dims === null) return;
    const records = (await this.store.loadAllVectors()).filter((v) => this.usable(v));
    const vectors: VectorIndex = this.backend === 'voy' ? new VoyIndex(await this.options.loadVoy(), this.dims) : new ExactIndex(this.dims, Math.max(1024, records.reduce((s, r) => s + r.count, 0)));
    records.forEach((record, i) => {
      const ids = this.index.chunkIdsOf(record.docId);
      vectors.add(ids.map((id, row) => ({ id, vector: record.data.subarray(row * record.dims, (row + 1) * record.dims) })));
      progress({ stage: this.backend === 'voy' ? 'voy' : 'dense', done: i + 1, total: records.length });
    });
    if (vectors instanceof VoyIndex) vectors.rebuild();
    this.index.vectors = vectors;
  }

  /** Only vectors of the active model, of ready documents, one per chunk, ever reach the index. */
  private usable(v: VectorsRecord, chunkCount = this.index.chunkIdsOf(v.docId).length): boolean {
    const doc = this.documents.get(v.docId);
    return !!doc && doc.status === 'ready' && v.model === this.active.embedModel && sameDtype(v.dtype, this.active.embedDtype) && v.dims === this.dims && v.count === chunkCount;
  }

  async setBackend(backend: VectorBackend, progress: (e: RestoreEvent) => void): Promise<number> {
    const t0 = performance.now();
    this.backend = backend;
    await this.loadVectors(progress);
    return performance.now() - t0;
  }

  async setActive(active: IndexSettings, dims: number | null, progress: (e: RestoreEvent) => void): Promise<number> {
    this.active = active;
    this.dims = dims;
    const staleCount = await this.store.markStale(active, dims === null);
    this.documents = new Map((await this.store.listDocuments()).map((d) => [d.id, d]));
    await this.loadVectors(progress);
    return staleCount;
  }

  findDuplicate(sha256: string): Promise<DocumentRecord | undefined> {
    return this.store.findBySha256(sha256);
  }

  begin(record: DocumentRecord): Promise<void> {
    return this.store.beginDocument(record);
  }

  async commit(record: DocumentRecord, parsed: ParsedDocument, chunks: Chunk[], vectors: Float32Array | null, model: string, dims: number | null, original: Uint8Array | null = null): Promise<DocumentRecord> {
    const info = documentInfo(record);
    const indexed = toIndexedChunks(info, chunks);
    const bm25 = lexicalSegment(info, indexed);
    const ready: DocumentRecord = { ...record, status: sameSettings(record.settings, this.active, this.dims === null) ? 'ready' : 'stale' };
    if (vectors && dims) {
      checkDims(this.dims ?? dims, dims, `The vectors of ${record.name}`);
      if (vectors.length !== dims * chunks.length) throw new Error(`${record.name}: ${countOf(vectors.length / dims, 'vector')} for ${countOf(chunks.length, 'chunk')}. Add the file again.`);
    }
    // The precision comes with the settings the document was indexed with.
    const dtype = record.settings.embedDtype ?? UNRECORDED_DTYPE;
    const vectorRecord = vectors && dims ? { docId: record.id, model, dtype, dims, count: chunks.length, data: vectors } : null;
    await this.store.commitDocument({ record: ready, chunks: { docId: record.id, chunks: indexed, bm25 }, vectors: vectorRecord, source: { docId: record.id, parsed }, original: original ? { docId: record.id, bytes: original } : null });
    this.documents.set(record.id, ready);
    this.index.addDocument(record.id, indexed, bm25, vectorRecord && this.usable(vectorRecord, indexed.length) ? vectors! : undefined);
    this.broadcast({ kind: 'added', docId: record.id, name: record.name });
    return ready;
  }

  async remove(docId: string): Promise<void> {
    await this.store.removeDocument(docId);
    this.documents.delete(docId);
    this.index.removeDocument(docId);
    this.broadcast({ kind: 'removed', docId });
  }

  list(): Promise<DocumentRecord[]> {
    return this.store.listDocuments();
  }

  async sample(n: number): Promise<{ passages: CalibrationPassage[]; library: string }> {
    await this.lexicalReady;
    return this.index.samplePassages(n);
  }

  vectorsOf(ids: string[]): (Float32Array | null)[] {
    return ids.map((id) => this.index.vectors?.vectorOf(id)?.slice() ?? null);
  }

  async source(docId: string): Promise<ParsedDocument | null> {
    return (await this.store.getSource(docId))?.parsed ?? null;
  }

  async search(query: string, vector: Float32Array | null, settings: RetrievalSettings): Promise<RetrievalOutcome> {
    await this.lexicalReady;
    const wantsDense = settings.retriever !== 'bm25';
    // The vectors are still being restored: keyword search answers meanwhile, and says so.
    if (wantsDense && this.vectorsLoading) return this.keywordResults(query, settings, 'The vector index is still loading: these are keyword (BM25) results.');
    if (wantsDense && !vector) throw new Error('Dense search needs the embedding model. Load it, or choose BM25.');
    // Documents added before the embedder was loaded have no vectors yet: keyword search still
    // answers, and says what to do for search by meaning.
    if (wantsDense && this.index.size > 0 && !this.index.vectors?.size) return this.keywordResults(query, settings, NO_VECTORS_NOTE);
    return retrieve(this.index, query, { ...settings, rerank: false }, vector ? { embedQuery: async () => vector } : {});
  }

  /** Keyword results in place of a search by meaning that cannot run yet, with the reason why. */
  private async keywordResults(query: string, settings: RetrievalSettings, note: string): Promise<RetrievalOutcome> {
    return { ...(await retrieve(this.index, query, { ...settings, retriever: 'bm25', rerank: false })), note };
  }

  async exportPack({ withOriginals = false, ...meta }: { embedding: PackEmbedding | null; settings: Record<string, unknown>; questions: string[]; withOriginals?: boolean }): Promise<Uint8Array> {
    const documents = (await this.store.exportAll(withOriginals)).map((d) => ({
      record: d.record,
      source: d.source.parsed,
      chunks: d.chunks.chunks,
      vectors: d.vectors ? { model: d.vectors.model, dims: d.vectors.dims, count: d.vectors.count, data: d.vectors.data } : null,
      original: d.original?.bytes ?? null,
    }));
    return encodePack({ ...meta, documents });
  }

  /** Nothing is written unless the whole pack is valid; then all its new documents in one transaction. */
  async importPack(bytes: Uint8Array): Promise<PackImport> {
    const pack = await decodePack(bytes);
    await this.lexicalReady;
    const hashes = new Set([...this.documents.values()].map((d) => d.sha256));
    const fresh = pack.documents.filter((d) => !this.documents.has(d.record.id) && !hashes.has(d.record.sha256));
    const complete: CompleteDocument[] = fresh.map((d) => {
      const docId = d.record.id;
      // BM25 is rebuilt from the chunks rather than trusted from the file.
      return { record: d.record, chunks: { docId, chunks: d.chunks, bm25: lexicalSegment(documentInfo(d.record), d.chunks) }, vectors: d.vectors ? { docId, ...d.vectors, dtype: pack.embedding?.dtype ?? UNRECORDED_DTYPE } : null, source: { docId, parsed: d.source }, original: d.original ? { docId, bytes: d.original } : null };
    });
    await this.store.importDocuments(complete);
    const staleCount = await this.store.markStale(this.active, this.dims === null);
    this.documents = new Map((await this.store.listDocuments()).map((d) => [d.id, d]));
    for (const doc of complete) this.index.addDocument(doc.record.id, doc.chunks.chunks, doc.chunks.bm25);
    await this.loadVectors(() => undefined);
    for (const doc of complete) this.broadcast({ kind: 'added', docId: doc.record.id, name: doc.record.name });
    return {
      added: complete.map((d) => d.record.name),
      skipped: pack.documents.filter((d) => !fresh.includes(d)).map((d) => d.record.name),
      staleCount,
      embedding: pack.embedding,
      settings: pack.settings,
      questions: pack.questions,
    };
  }

  async clear(): Promise<void> {
    await this.store.clearDocuments();
    for (const docId of this.documents.keys()) {
      this.index.removeDocument(docId);
      this.broadcast({ kind: 'removed', docId });
    }
    this.documents.clear();
    await this.loadVectors(() => undefined);
  }

  private broadcast(change: LibraryChange): void {
    this.channel?.postMessage(change);
  }

  private listenToOtherTabs(): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(`offline-rag-lab:${this.options.dbName ?? 'default'}`);
    this.channel.onmessage = async (event: MessageEvent<LibraryChange>) => {
      const change = event.data;
      if (change.kind === 'removed') {
        this.documents.delete(change.docId);
        this.index.removeDocument(change.docId);
      } else {
        await this.reloadDocument(change.docId);
      }
      this.options.onChange?.(change);
    };
  }

  /** Loads one document another tab added, so both tabs search the same library. */
  private async reloadDocument(docId: string): Promise<void> {
    const [record, chunks, vectors] = await Promise.all([
      this.store.listDocuments().then((all) => all.find((d) => d.id === docId)),
      this.store.getChunks(docId),
      this.store.getVectors(docId),
    ]);
    if (!record || !chunks || record.status === 'indexing') return;
    this.documents.set(docId, record);
    this.index.addDocument(docId, chunks.chunks, this.lexical(record, chunks), vectors && this.usable(vectors) ? vectors.data : undefined);
  }

  /**
   * The document's BM25 segment for today's analyzer. One built by an older analyzer would not
   * match the terms a question is analyzed into now ("fled" is searched as "flee"), so it is
   * rebuilt from the stored chunks and written back; the write is not waited for.
   */
  private lexical(record: DocumentRecord, chunks: ChunksRecord) {
    const { segment, rebuilt } = currentLexicalSegment(documentInfo(record), chunks.chunks, chunks.bm25);
    if (rebuilt) void this.store.putChunks({ ...chunks, bm25: segment }).catch(() => undefined);
    return segment;
  }
}
