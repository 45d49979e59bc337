/// <reference lib="webworker" />
import { chunkDocument } from './chunker';
import { findDuplicates } from './dedupe';
import { loadTokenCounter, type TokenCounter } from './token-counter';
import { serve } from '../models/host';
import { configureRuntime } from '../models/runtime-config';
import type { ChunkSettings } from './chunker';
import type { RuntimeConfig } from '../models/runtime-config';
import type { IngestMethods, IngestResult } from './ingest-protocol';
import { parseFile } from '../ingest/parse';
import { IngestError, type ParsedDocument } from '../ingest/types';

const counters = new Map<string, Promise<TokenCounter>>();

function counterFor(tokenizerModel: string, config: RuntimeConfig): Promise<TokenCounter> {
  configureRuntime(config);
  if (!counters.has(tokenizerModel)) counters.set(tokenizerModel, loadTokenCounter(tokenizerModel));
  return counters.get(tokenizerModel)!.catch((error: Error) => {
    counters.delete(tokenizerModel);
    throw new Error(`The tokenizer of ${tokenizerModel} could not be loaded (${error.message}); chunks are measured with it.`);
  });
}

function chunked(doc: ParsedDocument, docId: string, counter: TokenCounter, settings: ChunkSettings, parseMs: number): IngestResult {
  const t1 = performance.now();
  const chunks = chunkDocument(doc, docId, counter, settings);
  const dups = findDuplicates(chunks.map((c) => c.text));
  return { doc, chunks, exactDuplicates: dups.exactOf.size, nearDuplicates: dups.nearOf.size, parseMs, chunkMs: performance.now() - t1 };
}

serve<IngestMethods>({
  async rechunk({ doc, docId, settings, tokenizerModel, config }) {
    return chunked(doc, docId, await counterFor(tokenizerModel, config), settings, 0);
  },
  async ingest({ name, bytes, docId, settings, tokenizerModel, config, maxBytes }, ctx) {
    const counter = await counterFor(tokenizerModel, config);
    const t0 = performance.now();
    let doc;
    try {
      doc = await parseFile(name, bytes, { maxBytes, onProgress: (done, total) => ctx.emit({ done, total }) });
    } catch (error) {
      // Keep the file's name and the specific reason together across the worker boundary.
      if (error instanceof IngestError) throw Object.assign(new Error(error.message), { name: 'IngestError' });
      throw error;
    }
    return chunked(doc, docId, counter, settings, performance.now() - t0);
  },
});
