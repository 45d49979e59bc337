/**
 * Builds a LibraryIndex in Node from a BEIR corpus.jsonl or a folder of files, with the same
 * parsers, chunker, BM25 and vector index code as the browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chunkDocument, DEFAULT_CHUNK_SETTINGS, type ChunkSettings } from '../../src/chunk/chunker.ts';
import type { TokenCounter } from '../../src/chunk/token-counter.ts';
import { Embedder } from '../../src/embed/embedder.ts';
import { parseFile } from '../../src/ingest/parse.ts';
import { corpusDocument } from '../../src/eval/question-sets.ts';
import { IngestError, type ParsedDocument } from '../../src/ingest/types.ts';
import { ExactIndex } from '../../src/index/exact-index.ts';
import { VoyIndex } from '../../src/index/voy-index.ts';
import { initVoyNode } from '../../src/index/voy-node.ts';
import { lexicalSegment, passageText, toIndexedChunks } from '../../src/retrieve/index-document.ts';
import { LibraryIndex, type IndexedChunk } from '../../src/retrieve/library-index.ts';
import { readCorpus } from './beir.ts';

export interface CorpusDocument {
  docId: string;
  parsed: ParsedDocument;
}

/** BEIR corpus: each record becomes a document whose title is its first heading. */
export function beirDocuments(path: string): CorpusDocument[] {
  return readCorpus(path).map((d) => ({ docId: d.id, parsed: corpusDocument(d) }));
}

export async function fileDocuments(folderOrFile: string, onError: (message: string) => void): Promise<CorpusDocument[]> {
  const files = statSync(folderOrFile).isDirectory()
    ? readdirSync(folderOrFile, { recursive: true })
        .map((f) => join(folderOrFile, String(f)))
        .filter((f) => statSync(f).isFile())
    : [folderOrFile];
  const docs: CorpusDocument[] = [];
  for (const file of files.sort()) {
    try {
      docs.push({ docId: file, parsed: await parseFile(file, new Uint8Array(readFileSync(file))) });
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      onError(`error: ${error.file}: ${error.reason}`);
    }
  }
  return docs;
}

export interface BuildOptions {
  counter: TokenCounter;
  chunking?: ChunkSettings;
  embedder?: Embedder;
  vectorIndex?: 'exact' | 'voy';
  onProgress?: (message: string) => void;
}

export async function buildIndex(docs: CorpusDocument[], options: BuildOptions): Promise<LibraryIndex> {
  const chunking = options.chunking ?? DEFAULT_CHUNK_SETTINGS;
  let vectors = null;
  if (options.embedder) {
    const dims = options.embedder.dims;
    vectors = options.vectorIndex === 'voy' ? new VoyIndex(await initVoyNode(), dims) : new ExactIndex(dims);
  }
  const index = new LibraryIndex(vectors);
  const perDoc: { docId: string; chunks: IndexedChunk[] }[] = [];
  for (const { docId, parsed } of docs) {
    const info = { docId, name: parsed.name, type: parsed.type, ...(parsed.title ? { title: parsed.title } : {}) };
    const chunks = toIndexedChunks(info, chunkDocument(parsed, docId, options.counter, chunking));
    perDoc.push({ docId, chunks });
    index.addDocument(docId, chunks, lexicalSegment(info, chunks));
  }
  if (options.embedder && vectors) {
    const all = perDoc.flatMap((d) => d.chunks);
    const embedded = await options.embedder.embed(all.map(passageText), 'passage', {
      onBatch: (done, total) => options.onProgress?.(`embedded ${done}/${total} chunks`),
    });
    const dims = options.embedder.dims;
    vectors.add(all.map((c, i) => ({ id: c.id, vector: embedded.subarray(i * dims, (i + 1) * dims) })));
    if (vectors instanceof VoyIndex) vectors.rebuild();
  }
  return index;
}
