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
    };
    result: IngestResult;
    /** PDF pages parsed so far. */
    event: { done: number; total: number };
  };
};
