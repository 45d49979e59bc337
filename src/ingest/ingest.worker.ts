/// <reference lib="webworker" />
import { chunkDocument } from '../chunk/chunker';
import { findDuplicates } from '../chunk/dedupe';
import { loadTokenCounter, type TokenCounter } from '../chunk/token-counter';
import { serve } from '../models/host';
import { configureRuntime } from '../models/runtime-config';
import type { IngestMethods } from './ingest-protocol';
import { parseFile } from './parse';
import { IngestError } from './types';

const counters = new Map<string, Promise<TokenCounter>>();

serve<IngestMethods>({
  async ingest({ name, bytes, docId, settings, tokenizerModel, config, maxBytes }, ctx) {
    configureRuntime(config);
    if (!counters.has(tokenizerModel)) counters.set(tokenizerModel, loadTokenCounter(tokenizerModel));
    const counter = await counters.get(tokenizerModel)!.catch((error: Error) => {
      counters.delete(tokenizerModel);
      throw new Error(`The tokenizer of ${tokenizerModel} could not be loaded (${error.message}); chunks are measured with it.`);
    });
    const t0 = performance.now();
    let doc;
    try {
      doc = await parseFile(name, bytes, { maxBytes, onProgress: (done, total) => ctx.emit({ done, total }) });
    } catch (error) {
      // Keep the file's name and the specific reason together across the worker boundary.
      if (error instanceof IngestError) throw Object.assign(new Error(error.message), { name: 'IngestError' });
      throw error;
    }
    const t1 = performance.now();
    const chunks = chunkDocument(doc, docId, counter, settings);
    const dups = findDuplicates(chunks.map((c) => c.text));
    return {
      doc,
      chunks,
      exactDuplicates: dups.exactOf.size,
      nearDuplicates: dups.nearOf.size,
      parseMs: t1 - t0,
      chunkMs: performance.now() - t1,
    };
  },
});
