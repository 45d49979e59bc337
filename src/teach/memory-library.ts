/**
 * A library held in memory beside the user's own: the sample library, a BEIR corpus for the
 * evaluation panel, or a re-chunked copy for the chunk-size experiment. It is built with the same
 * chunker, BM25 and vector index code as the stored library and never writes to storage, so an
 * experiment cannot change what the user added.
 */
import type { AskPorts } from '../ask/ports';
import type { Chunk, ChunkSettings } from '../chunk/chunker';
import { ExactIndex } from '../index/exact-index';
import type { ParsedDocument } from '../ingest/types';
import { retrieve } from '../retrieve/hybrid';
import { lexicalSegment, passageText, toIndexedChunks } from '../retrieve/index-document';
import { LibraryIndex } from '../retrieve/library-index';

export interface LibraryDoc {
  docId: string;
  parsed: ParsedDocument;
  /** ISO date (YYYY-MM-DD) the document speaks for, for metadata filters. */
  date?: string;
  tags: string[];
}

export interface BuildParts {
  /** The page's ingest worker, or chunkDocument with a token counter in Node. */
  chunk(doc: ParsedDocument, docId: string, settings: ChunkSettings): Promise<Chunk[]>;
  /** Passage vectors (row-major), when an embedding model is loaded. */
  embed?: ((texts: string[], signal?: AbortSignal) => Promise<{ vectors: Float32Array; dims: number }>) | null;
}

export interface MemoryLibrary {
  docs: LibraryDoc[];
  index: LibraryIndex;
  chunks: Map<string, Chunk[]>;
  settings: ChunkSettings;
  /** Time to chunk, embed and index everything. */
  buildMs: number;
  dense: boolean;
}

export async function buildMemoryLibrary(
  docs: LibraryDoc[],
  settings: ChunkSettings,
  parts: BuildParts,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<MemoryLibrary> {
  const t0 = performance.now();
  const chunks = new Map<string, Chunk[]>();
  const perDoc = [];
  for (const [i, doc] of docs.entries()) {
    options.signal?.throwIfAborted();
    const own = await parts.chunk(doc.parsed, doc.docId, settings);
    chunks.set(doc.docId, own);
    const info = { docId: doc.docId, name: doc.parsed.name, type: doc.parsed.type, ...(doc.parsed.title ? { title: doc.parsed.title } : {}) };
    perDoc.push({ info, indexed: toIndexedChunks(info, own) });
    options.onProgress?.(i + 1, docs.length);
  }
  let index = new LibraryIndex(null);
  const all = perDoc.flatMap((d) => d.indexed);
  if (parts.embed && all.length) {
    const { vectors, dims } = await parts.embed(all.map(passageText), options.signal);
    index = new LibraryIndex(new ExactIndex(dims));
    let offset = 0;
    for (const d of perDoc) {
      index.addDocument(d.info.docId, d.indexed, lexicalSegment(d.info, d.indexed), vectors.subarray(offset * dims, (offset + d.indexed.length) * dims));
      offset += d.indexed.length;
    }
  } else for (const d of perDoc) index.addDocument(d.info.docId, d.indexed, lexicalSegment(d.info, d.indexed));
  return { docs, index, chunks, settings, buildMs: performance.now() - t0, dense: index.vectors !== null };
}

/**
 * Ask-pipeline ports over a memory library: search and calibration samples here, the models of
 * `models` (the page's workers) for embedding questions, reranking and generating.
 */
export function memoryPorts(library: MemoryLibrary, models: Pick<AskPorts, 'embed' | 'rerank' | 'generate'>): AskPorts {
  const { index } = library;
  const embed = library.dense && models.embed ? models.embed : null;
  return {
    search: (query, vector, settings) => retrieve(index, query, { ...settings, rerank: false }, vector ? { embedQuery: async () => vector } : {}),
    sample: async (n) => index.samplePassages(n),
    embed: embed ? { ...embed, storedVectors: async (ids) => ids.map((id) => index.vectors?.vectorOf(id)?.slice() ?? null) } : null,
    rerank: models.rerank ?? null,
    generate: models.generate ?? null,
  };
}
