/**
 * Everything search needs in memory: BM25 segments, the vector index and chunk metadata, kept per
 * document so adding or removing one document touches only its own data.
 */
import type { Chunk } from '../chunk/chunker';
import type { DocType } from '../ingest/types';
import { splitSentences } from '../chunk/segment';
import { analyze } from '../index/analyze';
import { Bm25Index, type Bm25Segment } from '../index/bm25';
import type { VectorIndex } from '../index/vector-index';
import { libraryKey, type CalibrationPassage } from './calibration';

/** A chunk as the indexes hold it: the chunker's fields plus where it belongs. */
export interface IndexedChunk extends Omit<Chunk, 'doc'> {
  id: string;
  docId: string;
  docName: string;
  docType: DocType;
}

export const chunkId = (docId: string, ordinal: number) => `${docId}#${ordinal}`;

export class LibraryIndex {
  readonly bm25 = new Bm25Index();
  readonly chunks = new Map<string, IndexedChunk>();
  private chunkIdsByDoc = new Map<string, string[]>();
  /** Analyzed terms per sentence, computed the first time a chunk is a BM25 candidate. */
  private sentenceTermCache = new Map<string, Set<string>[]>();

  constructor(public vectors: VectorIndex | null = null) {}

  get size(): number {
    return this.chunks.size;
  }

  /** Adds (or replaces) one document. `vectors` is chunks.length × dims in chunk order, when embedded. */
  addDocument(docId: string, chunks: IndexedChunk[], segment: Bm25Segment, vectors?: Float32Array): void {
    this.removeDocument(docId);
    for (const chunk of chunks) this.chunks.set(chunk.id, chunk);
    this.chunkIdsByDoc.set(docId, chunks.map((c) => c.id));
    this.bm25.addSegment(segment);
    if (vectors && this.vectors) {
      const dims = this.vectors.dims;
      if (vectors.length !== chunks.length * dims) {
        throw new Error(`${docId}: ${vectors.length / dims} vectors for ${chunks.length} chunks; re-index this document.`);
      }
      this.vectors.add(chunks.map((c, i) => ({ id: c.id, vector: vectors.subarray(i * dims, (i + 1) * dims) })));
    }
  }

  removeDocument(docId: string): void {
    const ids = this.chunkIdsByDoc.get(docId);
    if (!ids) return;
    for (const id of ids) {
      this.chunks.delete(id);
      this.sentenceTermCache.delete(id);
    }
    this.chunkIdsByDoc.delete(docId);
    this.bm25.removeDocument(docId);
    this.vectors?.remove(ids);
  }

  sentenceTerms(chunkId: string): Set<string>[] {
    let cached = this.sentenceTermCache.get(chunkId);
    if (!cached) {
      const chunk = this.chunks.get(chunkId);
      cached = chunk ? splitSentences(chunk.text).map((s) => new Set(analyze(s))) : [];
      this.sentenceTermCache.set(chunkId, cached);
    }
    return cached;
  }

  /**
   * Up to n passages spread evenly over the library (every document contributes), for calibrating
   * a model's scores, with the library's identity for caching that calibration.
   */
  samplePassages(n: number): { passages: CalibrationPassage[]; library: string } {
    // Documents in order of their first chunk's text: ids are random, the texts are the library.
    const firstText = (docId: string) => this.chunks.get(this.chunkIdsByDoc.get(docId)![0] ?? '')?.text ?? '';
    const docs = [...this.chunkIdsByDoc.keys()].sort((a, b) => (firstText(a) < firstText(b) ? -1 : firstText(a) > firstText(b) ? 1 : 0));
    const ids = docs.flatMap((docId) => this.chunkIdsByDoc.get(docId)!);
    const step = Math.max(1, ids.length / n);
    const passages: CalibrationPassage[] = [];
    for (let i = 0; i < ids.length && passages.length < n; i += step) {
      const c = this.chunks.get(ids[Math.floor(i)]!)!;
      passages.push({ id: c.id, docId: c.docId, ordinal: c.ordinal, text: c.text });
    }
    return { passages, library: libraryKey([...this.chunkIdsByDoc.keys()], this.chunks.size) };
  }

  chunkIdsOf(docId: string): string[] {
    return this.chunkIdsByDoc.get(docId) ?? [];
  }

  /** Documents of the given types, for the type filter. */
  documentsOfType(types: ReadonlySet<DocType>): Set<string> {
    const out = new Set<string>();
    for (const [docId, ids] of this.chunkIdsByDoc) {
      const first = ids[0] && this.chunks.get(ids[0]);
      if (first && types.has(first.docType)) out.add(docId);
    }
    return out;
  }
}
