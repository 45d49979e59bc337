/**
 * Adds dropped files to the library: hash → duplicate check → parse and chunk (ingest worker) →
 * embed (embedding worker) → one atomic commit (index worker). A failure at any step leaves the
 * library as it was and says, for that file, what happened and what to do.
 */
import type { EmbedClient } from '../embed/embed-client';
import type { IngestClient } from '../chunk/ingest-client';
import type { RuntimeConfig } from '../models/runtime-config';
import { isAbortError } from '../models/protocol';
import { passageText } from '../retrieve/passage-text';
import type { IndexClient } from './index-client';
import { sha256Hex } from './content-hash';
import type { DocumentRecord, IndexSettings } from './schema';
import { LEXICAL_ONLY } from './schema-meta';

export interface PipelineClients {
  ingest: IngestClient;
  index: IndexClient;
  /** Null while no embedding model is loaded: documents are then searchable by BM25 only. */
  embed: EmbedClient | null;
}

export type Stage = 'hashing' | 'parsing' | 'ocr' | 'embedding' | 'saving';

export interface AddOptions {
  settings: IndexSettings;
  dims: number | null;
  config: RuntimeConfig;
  maxBytes?: number;
  /** Read scanned and unreadable pages and images by OCR. */
  ocr?: boolean;
  signal?: AbortSignal;
  onStage?: (stage: Stage, done?: number, total?: number) => void;
}

export type AddOutcome =
  | { status: 'added'; record: DocumentRecord; warnings: string[]; timings: { parseMs: number; chunkMs: number; embedMs: number; totalMs: number } }
  | { status: 'duplicate'; existing: DocumentRecord; message: string }
  | { status: 'skipped'; message: string }
  | { status: 'failed'; message: string };

export async function addFile(name: string, bytes: Uint8Array, clients: PipelineClients, options: AddOptions): Promise<AddOutcome> {
  const started = performance.now();
  options.onStage?.('hashing');
  const sha256 = await sha256Hex(bytes);
  const existing = await clients.index.call('findDuplicate', { sha256 });
  if (existing) {
    return { status: 'duplicate', existing, message: `${name}: already in the library as "${existing.name}" (same content). Not added again.` };
  }
  const id = crypto.randomUUID();
  let begun = false;
  try {
    options.onStage?.('parsing');
    // Without embedding the page never needs to read the chunks: they stay packed bytes that pass
    // through to the index worker, so large files cost the main thread nothing.
    const embedding = clients.embed !== null && options.dims !== null;
    const ingested = await clients.ingest.call(
      embedding ? 'ingest' : 'ingestPacked',
      { name, bytes, docId: id, settings: options.settings.chunk, tokenizerModel: embedding ? options.settings.embedModel : LEXICAL_ONLY, config: options.config, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}), ...(options.ocr ? { ocr: true } : {}) },
      { ...(options.signal ? { signal: options.signal } : {}), onEvent: (e) => options.onStage?.(e.ocr ? 'ocr' : 'parsing', e.done, e.total) },
    );
    // A worker may finish its step after a cancel: its result is dropped here, before anything is stored.
    options.signal?.throwIfAborted();
    const doc = ingested.doc;
    const chunks = 'chunks' in ingested ? ingested.chunks : null;
    const chunkCount = 'chunks' in ingested ? ingested.chunks.length : ingested.chunkCount;
    if (chunkCount === 0) {
      const why = doc.warnings[0] ?? 'no text to index was found';
      return { status: 'skipped', message: `${name}: ${why}. Nothing was added.` };
    }
    const record: DocumentRecord = {
      id,
      name,
      type: doc.type,
      size: bytes.byteLength,
      sha256,
      added: Date.now(),
      status: 'indexing',
      warnings: doc.warnings,
      settings: clients.embed && options.dims ? options.settings : { chunk: options.settings.chunk, embedModel: LEXICAL_ONLY },
      chunkCount,
      exactDuplicates: ingested.exactDuplicates,
      nearDuplicates: ingested.nearDuplicates,
      ...(doc.title ? { title: doc.title } : {}),
      ...(doc.pageCount !== undefined ? { pageCount: doc.pageCount } : {}),
    };
    await clients.index.call('begin', { record });
    begun = true;
    let vectors: Float32Array | null = null;
    const t0 = performance.now();
    if (clients.embed && options.dims && chunks) {
      options.onStage?.('embedding', 0, chunks.length);
      const embedded = await clients.embed.call(
        'embed',
        { texts: chunks.map(passageText), kind: 'passage' },
        { ...(options.signal ? { signal: options.signal } : {}), onEvent: (e) => options.onStage?.('embedding', e.done, e.total) },
      );
      vectors = embedded.vectors;
    }
    const embedMs = performance.now() - t0;
    options.signal?.throwIfAborted();
    options.onStage?.('saving');
    const saved = 'packed' in ingested
      ? await clients.index.call('commitPacked', { record, packed: ingested.packed, model: options.settings.embedModel, original: bytes }, {}, [ingested.packed.buffer])
      : await clients.index.call(
        'commit',
        { record, parsed: ingested.doc, chunks: ingested.chunks, vectors, model: options.settings.embedModel, dims: vectors ? options.dims : null, original: bytes },
        {},
        vectors ? [vectors.buffer] : [],
      );
    return { status: 'added', record: saved, warnings: doc.warnings, timings: { parseMs: ingested.parseMs, chunkMs: ingested.chunkMs, embedMs, totalMs: performance.now() - started } };
  } catch (error) {
    if (begun) await clients.index.call('remove', { docId: id }).catch(() => undefined);
    if (isAbortError(error)) return { status: 'failed', message: `${name}: cancelled. Nothing was added.` };
    const message = (error as Error).message;
    return { status: 'failed', message: message.startsWith(`${name}:`) ? message : `${name}: ${message}` };
  }
}
