/// <reference lib="webworker" />
import { chunkDocument } from './chunker';
import { findDuplicates } from './dedupe';
import { loadTokenCounter, wordPieceCounterFromJson, type TokenCounter } from './token-counter';
import { CATALOG } from '../models/catalog';
import { serve } from '../models/host';
import { configureRuntime } from '../models/runtime-config';
import type { ChunkSettings } from './chunker';
import type { RuntimeConfig } from '../models/runtime-config';
import type { IngestMethods, IngestResult } from './ingest-protocol';
import { parseFile } from '../ingest/parse';
import { IngestError, type ParsedDocument } from '../ingest/types';

const counters = new Map<string, Promise<TokenCounter>>();
/** The key of the bundled vocabulary's counter: an empty model id, as add-files sends it. */
const BUNDLED = '';
const BUNDLED_BERT = `${import.meta.env.BASE_URL}tokenizers/bert-uncased/tokenizer.json`;

/** The app's own BERT uncased vocabulary: the one every embedder in the catalog uses. */
function bundledCounter(): Promise<TokenCounter> {
  if (!counters.has(BUNDLED)) {
    const loading = fetch(BUNDLED_BERT)
      .then(async (response) => (response.ok ? wordPieceCounterFromJson(await response.json()) : null))
      .then((counter) => {
        if (!counter) throw new Error('The bundled tokenizer could not be read. Reload the page.');
        return counter;
      });
    loading.catch(() => counters.delete(BUNDLED));
    counters.set(BUNDLED, loading);
  }
  return counters.get(BUNDLED)!;
}
/**
 * Chunking never waits on the network: until an embedding model is loaded (tokenizerModel is empty)
 * chunks are measured with the bundled vocabulary. Once one is loaded, its own tokenizer comes from
 * the local folder or cache it was just loaded from; should that fail, the bundled one still counts.
 */
function counterFor(tokenizerModel: string, config: RuntimeConfig): Promise<TokenCounter> {
  if (tokenizerModel === BUNDLED) return bundledCounter();
  configureRuntime(config);
  if (!counters.has(tokenizerModel)) {
    const revision = CATALOG.find((m) => m.id === tokenizerModel)?.revision ?? 'main';
    const loading = loadTokenCounter(tokenizerModel, revision).catch(() => bundledCounter());
    loading.catch(() => counters.delete(tokenizerModel));
    counters.set(tokenizerModel, loading);
  }
  return counters.get(tokenizerModel)!;
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
