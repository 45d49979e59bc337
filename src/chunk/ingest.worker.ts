/// <reference lib="webworker" />
import { CATALOG } from '../models/catalog';
import { capChunkSettings } from './chunk-limit';
import { chunkDocument } from './chunker';
import { findDuplicates } from './dedupe';
import { loadTokenCounter, wordPieceCounterFromJson, type TokenCounter } from './token-counter';
import { serve, type Handlers } from '../models/host';
import { configureRuntime } from '../models/runtime-config';
import type { ChunkSettings } from './chunker';
import type { RuntimeConfig } from '../models/runtime-config';
import { packIngest, type IngestMethods, type IngestResult } from './ingest-protocol';
import { parseFile } from '../ingest/parse';
import { IngestError, type ParsedDocument } from '../ingest/types';
import { startOcrWorker, workerOcrEngine } from '../ingest/ocr/ocr-client';
import type { OcrEngine } from '../ingest/ocr/engine';
import { vocabularyFromTokenizer, type Vocabulary } from '../ingest/readable';

const counters = new Map<string, Promise<TokenCounter>>();
/** The key of the bundled vocabulary's counter: an empty model id, as add-files sends it. */
const BUNDLED = '';
const BUNDLED_BERT = `${import.meta.env.BASE_URL}tokenizers/bert-uncased/tokenizer.json`;

let ocrEngine: OcrEngine | null = null;
/** Started on the first file that asks for OCR; it lives (with its model) as long as this worker. */
function ocr(): OcrEngine {
  return (ocrEngine ??= workerOcrEngine(startOcrWorker()));
}

let bundledJson: Promise<unknown> | null = null;
/** The app's own BERT uncased tokenizer file, fetched once for both of its uses below. */
function bundledTokenizer(): Promise<unknown> {
  bundledJson ??= fetch(BUNDLED_BERT).then((r) => (r.ok ? r.json() : null));
  bundledJson.catch(() => (bundledJson = null));
  return bundledJson;
}

let vocabulary: Promise<Vocabulary | undefined> | null = null;
/** The bundled BERT vocabulary's words tell a real PDF text layer from a garbled one. */
function knownWords(): Promise<Vocabulary | undefined> {
  return (vocabulary ??= bundledTokenizer()
    .then((json) => (json ? (vocabularyFromTokenizer(json as never) ?? undefined) : undefined))
    .catch(() => undefined));
}

/** The bundled vocabulary counts tokens for every embedder in the catalog (all BERT uncased). */
function bundledCounter(): Promise<TokenCounter> {
  if (!counters.has(BUNDLED)) {
    const loading = bundledTokenizer()
      .then((json) => (json ? wordPieceCounterFromJson(json as never) : null))
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

function chunked(doc: ParsedDocument, docId: string, counter: TokenCounter, requested: ChunkSettings, tokenizerModel: string, parseMs: number): IngestResult {
  const t1 = performance.now();
  const { settings, warning } = capChunkSettings(requested, CATALOG.find((m) => m.id === tokenizerModel && m.task === 'embed'));
  if (warning && !doc.warnings.includes(warning)) doc = { ...doc, warnings: [...doc.warnings, warning] };
  const chunks = chunkDocument(doc, docId, counter, settings);
  const dups = findDuplicates(chunks.map((c) => c.text));
  return { doc, chunks, exactDuplicates: dups.exactOf.size, nearDuplicates: dups.nearOf.size, parseMs, chunkMs: performance.now() - t1 };
}

const handlers: Handlers<IngestMethods> = {
  async rechunk({ doc, docId, settings, tokenizerModel, config }) {
    return chunked(doc, docId, await counterFor(tokenizerModel, config), settings, tokenizerModel, 0);
  },
  async ingest({ name, bytes, docId, settings, tokenizerModel, config, maxBytes, ocr: useOcr }, ctx) {
    const counter = await counterFor(tokenizerModel, config);
    const words = await knownWords();
    const t0 = performance.now();
    let doc;
    try {
      doc = await parseFile(name, bytes, {
        maxBytes,
        signal: ctx.signal,
        ...(useOcr ? { ocr: ocr() } : {}),
        ...(words ? { vocabulary: words } : {}),
        onProgress: (done, total) => ctx.emit({ done, total }),
        onOcrProgress: (done, total) => ctx.emit({ done, total, ocr: true }),
      });
    } catch (error) {
      // Keep the file's name and the specific reason together across the worker boundary.
      if (error instanceof IngestError) throw Object.assign(new Error(error.message), { name: 'IngestError' });
      throw error;
    }
    return chunked(doc, docId, counter, settings, tokenizerModel, performance.now() - t0);
  },
  async ingestPacked(params, ctx) {
    const result = packIngest((await handlers.ingest(params, ctx)) as IngestResult);
    return { result, transfer: [result.packed.buffer] };
  },
};
serve<IngestMethods>(handlers);
