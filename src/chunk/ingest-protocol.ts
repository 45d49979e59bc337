import type { Chunk, ChunkSettings } from './chunker';
import type { RuntimeConfig } from '../models/runtime-config';
import type { ParsedDocument } from '../ingest/types';

export interface IngestResult {
  doc: ParsedDocument;
  chunks: Chunk[];
  /** Within this document: chunks whose text repeats an earlier chunk exactly or nearly. */
  exactDuplicates: number;
  nearDuplicates: number;
  parseMs: number;
  chunkMs: number;
}

/**
 * An ingest result whose document and chunks stay packed as JSON bytes (transferred, not copied):
 * the page only forwards them to the index worker, so a 30 MB file is never deserialized on the
 * main thread, where that alone blocks the page for hundreds of milliseconds.
 */
export interface PackedIngestResult {
  doc: Pick<ParsedDocument, 'type' | 'title' | 'pageCount' | 'warnings'>;
  chunkCount: number;
  exactDuplicates: number;
  nearDuplicates: number;
  parseMs: number;
  chunkMs: number;
  /** UTF-8 JSON of { doc: ParsedDocument, chunks: Chunk[] }; see unpackIngest. */
  packed: Uint8Array;
}

export function packIngest(result: IngestResult): PackedIngestResult {
  const { doc, chunks } = result;
  return {
    doc: { type: doc.type, warnings: doc.warnings, ...(doc.title !== undefined ? { title: doc.title } : {}), ...(doc.pageCount !== undefined ? { pageCount: doc.pageCount } : {}) },
    chunkCount: chunks.length,
    exactDuplicates: result.exactDuplicates,
    nearDuplicates: result.nearDuplicates,
    parseMs: result.parseMs,
    chunkMs: result.chunkMs,
    packed: new TextEncoder().encode(JSON.stringify({ doc, chunks })),
  };
}

export function unpackIngest(packed: Uint8Array): { doc: ParsedDocument; chunks: Chunk[] } {
  return JSON.parse(new TextDecoder().decode(packed)) as { doc: ParsedDocument; chunks: Chunk[] };
}

export type IngestMethods = {
  /** Chunks an already parsed document again (new chunk settings or embedding model). */
  rechunk: {
    params: { doc: ParsedDocument; docId: string; settings: ChunkSettings; tokenizerModel: string; config: RuntimeConfig };
    result: IngestResult;
    event: never;
  };
  ingest: {
    params: {
      name: string;
      bytes: Uint8Array;
      docId: string;
      settings: ChunkSettings;
      /** Whose tokenizer measures the chunks: the loaded embedding model, or '' for the bundled vocabulary. */
      tokenizerModel: string;
      config: RuntimeConfig;
      maxBytes?: number;
      /** Read scanned and unreadable pages and images by OCR (its own worker); off: they are reported. */
      ocr?: boolean;
    };
    result: IngestResult;
    /** PDF pages parsed so far; with `ocr`, pages recognised so far of those that need OCR. */
    event: { done: number; total: number; ocr?: boolean };
  };
  /** ingest, packed: for files whose chunks the page does not need to read (no embedding). */
  ingestPacked: {
    params: IngestMethods['ingest']['params'];
    result: PackedIngestResult;
    event: IngestMethods['ingest']['event'];
  };
};
