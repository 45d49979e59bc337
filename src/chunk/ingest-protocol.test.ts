import { describe, expect, it } from 'vitest';
import { packIngest, unpackIngest, type IngestResult } from './ingest-protocol';

describe('packed ingest results', () => {
  it('carry the document and its chunks unchanged, with the summary the page reads', () => {
    const result: IngestResult = {
      doc: { name: 'a.pdf', type: 'pdf', title: 'Ünïcödé “title”', text: 'Heading\n\nBody text — with a dash.', blocks: [{ kind: 'heading', start: 0, end: 7, level: 1, headings: ['Heading'], page: 1 }, { kind: 'paragraph', start: 9, end: 33, headings: ['Heading'], page: 2 }], pageCount: 2, warnings: ['decoded as Windows-1252'] },
      chunks: [{ doc: 'd1', ordinal: 0, text: 'Heading\n\nBody text — with a dash.', start: 0, end: 33, pages: [1, 2], headings: ['Heading'], tokens: 9 }],
      exactDuplicates: 0,
      nearDuplicates: 1,
      parseMs: 3,
      chunkMs: 1,
    };
    const packed = packIngest(result);
    expect(packed.doc).toEqual({ type: 'pdf', title: result.doc.title, pageCount: 2, warnings: result.doc.warnings });
    expect(packed.chunkCount).toBe(1);
    expect(packed.nearDuplicates).toBe(1);
    expect(packed.packed).toBeInstanceOf(Uint8Array);
    expect(unpackIngest(packed.packed)).toEqual({ doc: result.doc, chunks: result.chunks });
  });
});
