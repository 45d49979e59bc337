/**
 * Adds dropped files to the library: hash → duplicate check → parse and chunk (ingest worker) →
 * embed (embedding worker) → one atomic commit (index worker). A failure at any step leaves the
 * library as it was and says, for that file, what happened and what to do.
 */
import type { EmbedClient } from '../embed/embed-client';
import type { IngestClient } from '../chunk/ingest-client';
import type { RuntimeConfig } from '../models/runtime-config';
import { isAbortError } from '../models/protocol';
import { passageText } from '../retrieve/index-document';
import type { IndexClient } from './index-client';
import { sha256Hex } from './library-store';
import { LEXICAL_ONLY, type DocumentRecord, type IndexSettings } from './schema';

export interface PipelineClients {
  ingest: IngestClient;
  index: IndexClient;
  /** Null while no embedding model is loaded: documents are then searchable by BM25 only. */
  embed: EmbedClient | null;
}

export type Stage = 'hashing' | 'parsing' | 'embedding' | 'saving';

export interface AddOptions {
  settings: IndexSettings;
  dims: number | null;
  config: RuntimeConfig;
  maxBytes?: number;
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
    const ingested = await clients.ingest.call(
      'ingest',
      { name, bytes, docId: id, settings: options.settings.chunk, tokenizerModel: clients.embed && options.dims ? options.settings.embedModel : LEXICAL_ONLY, config: options.config, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) },
      { ...(options.signal ? { signal: options.signal } : {}), onEvent: (e) => options.onStage?.('parsing', e.done, e.total) },
    );
    const { doc, chunks } = ingested;
    if (chunks.length === 0) {
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
      chunkCount: chunks.length,
      exactDuplicates: ingested.exactDuplicates,
      nearDuplicates: ingested.nearDuplicates,
      ...(doc.title ? { title: doc.title } : {}),
      ...(doc.pageCount !== undefined ? { pageCount: doc.pageCount } : {}),
    };
    await clients.index.call('begin', { record });
    begun = true;
    let vectors: Float32Array | null = null;
    const t0 = performance.now();
    if (clients.embed && options.dims) {
      options.onStage?.('embedding', 0, chunks.length);
      const embedded = await clients.embed.call(
        'embed',
        { texts: chunks.map(passageText), kind: 'passage' },
        { ...(options.signal ? { signal: options.signal } : {}), onEvent: (e) => options.onStage?.('embedding', e.done, e.total) },
      );
      vectors = embedded.vectors;
    }
    const embedMs = performance.now() - t0;
    options.onStage?.('saving');
    const saved = await clients.index.call(
      'commit',
      { record, parsed: doc, chunks, vectors, model: options.settings.embedModel, dims: vectors ? options.dims : null },
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
