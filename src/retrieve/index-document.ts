/** Turns one chunked document into what the indexes store: indexed chunks, a BM25 segment, passage texts. */
import type { Chunk } from '../chunk/chunker';
import type { DocType } from '../ingest/types';
import { ANALYZER_VERSION } from '../index/analyze';
import { buildSegment, type Bm25Segment } from '../index/bm25';
import { chunkId, type IndexedChunk } from './library-index';

export interface DocumentInfo {
  docId: string;
  name: string;
  type: DocType;
  title?: string;
}

export function toIndexedChunks(info: DocumentInfo, chunks: Chunk[]): IndexedChunk[] {
  return chunks.map((c) => {
    const indexed: IndexedChunk = {
      id: chunkId(info.docId, c.ordinal),
      docId: info.docId,
      docName: info.name,
      docType: info.type,
      ordinal: c.ordinal,
      text: c.text,
      start: c.start,
      end: c.end,
      headings: c.headings,
      tokens: c.tokens,
    };
    if (c.pages) indexed.pages = c.pages;
    if (c.ocrPages) indexed.ocrPages = c.ocrPages;
    return indexed;
  });
}

/** Headings and the document title are indexed as weighted fields, not as chunk text. */
export function lexicalSegment(info: DocumentInfo, chunks: IndexedChunk[]): Bm25Segment {
  return buildSegment(
    info.docId,
    chunks.map((c) => {
      const fields = info.title && c.headings[0] !== info.title ? [info.title, ...c.headings] : c.headings;
      return { id: c.id, text: c.text, headings: fields };
    }),
  );
}

export { passageText } from './passage-text';

/** A stored segment as it is, or rebuilt from its chunks when an older analyze() built it. */
export function currentLexicalSegment(info: DocumentInfo, chunks: IndexedChunk[], stored: Bm25Segment): { segment: Bm25Segment; rebuilt: boolean } {
  return stored.analyzer === ANALYZER_VERSION ? { segment: stored, rebuilt: false } : { segment: lexicalSegment(info, chunks), rebuilt: true };
}
