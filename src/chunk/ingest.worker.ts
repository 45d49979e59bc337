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
const BUNDLED_BERT = `${import.meta.env.BASE_URL}tokenizers/bert-uncased/tokenizer.json`;

let ocrEngine: OcrEngine | null = null;
/** Started on the first file that asks for OCR; it lives (with its model) as long as this worker. */
function ocr(): OcrEngine {
  return (ocrEngine ??= workerOcrEngine(startOcrWorker()));
}

let vocabulary: Promise<Vocabulary | undefined> | null = null;
/** The bundled BERT vocabulary's words tell a real PDF text layer from a garbled one. */
function knownWords(): Promise<Vocabulary | undefined> {
  return (vocabulary ??= fetch(BUNDLED_BERT)
    .then(async (r) => (r.ok ? (vocabularyFromTokenizer(await r.json()) ?? undefined) : undefined))
    .catch(() => undefined));
}

/**
 * The embedding model's own tokenizer when it can be had (local folder, cache or Hub); otherwise the
 * app's bundled BERT uncased vocabulary, which every embedder in the catalog uses, so that files
 * can be added offline before any model is downloaded.
 */
function counterFor(tokenizerModel: string, config: RuntimeConfig): Promise<TokenCounter> {
  configureRuntime(config);
  if (!counters.has(tokenizerModel)) {
    counters.set(
      tokenizerModel,
      loadTokenCounter(tokenizerModel).catch(async (error: Error) => {
        const response = await fetch(BUNDLED_BERT).catch(() => null);
        const bundled = response?.ok ? wordPieceCounterFromJson(await response.json()) : null;
        if (!bundled) {
          counters.delete(tokenizerModel);
          throw new Error(`The tokenizer of ${tokenizerModel} could not be loaded (${error.message}), and chunks are measured with it. Load the embedding model once, or reload the page.`);
        }
        return bundled;
      }),
    );
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
