import { describe, expect, it } from 'vitest';
import { DOC_TYPES } from '../ingest/types';
import { decodePack, encodePack, MAX_ORIGINALS_BYTES, PACK_SCHEMA_VERSION, PackError, type PackContents } from './pack';
import type { DocumentRecord } from './schema';

function contents(): PackContents {
  const docId = 'doc-1';
  const record: DocumentRecord = {
    id: docId,
    name: 'notes "one".md',
    type: 'markdown',
    size: 42,
    sha256: 'a'.repeat(64),
    added: 1_700_000_000_000,
    status: 'ready',
    warnings: [],
    settings: { chunk: { size: 96, overlap: 12 }, embedModel: 'offline-rag-lab/tiny-embedder' },
    chunkCount: 2,
    exactDuplicates: 0,
    nearDuplicates: 0,
  };
  const chunk = (ordinal: number, text: string) => ({ id: `${docId}#${ordinal}`, docId, docName: record.name, docType: 'markdown' as const, ordinal, text, start: 0, end: text.length, headings: ['Intro'], tokens: 3 });
  return {
    embedding: { model: 'offline-rag-lab/tiny-embedder', dtype: 'fp32', dims: 3 },
    settings: { chunk: { size: 96, overlap: 12 } },
    questions: ['What is in the notes?'],
    documents: [
      {
        record,
        source: { name: record.name, type: 'markdown', text: 'Cats sit. Dogs run – ünïcode.', blocks: [], warnings: [] },
        chunks: [chunk(0, 'Cats sit.'), chunk(1, 'Dogs run – ünïcode.')],
        vectors: { model: 'offline-rag-lab/tiny-embedder', dims: 3, count: 2, data: new Float32Array([0.1, -0.2, 0.3, 1, 0, -0.5]) },
      },
    ],
  };
}

const refused = async (bytes: Uint8Array) => {
  const error = await decodePack(bytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackError);
  return (error as Error).message;
};

describe('lesson packs', () => {
  it('round-trips documents, chunks, vectors, settings and questions exactly', async () => {
    const original = contents();
    const decoded = await decodePack(await encodePack(original));
    expect(decoded.embedding).toEqual(original.embedding);
    expect(decoded.settings).toEqual(original.settings);
    expect(decoded.questions).toEqual(original.questions);
    expect(decoded.documents[0]!.chunks).toEqual(original.documents[0]!.chunks);
    expect(decoded.documents[0]!.source).toEqual(original.documents[0]!.source);
    expect(Array.from(decoded.documents[0]!.vectors!.data)).toEqual(Array.from(original.documents[0]!.vectors!.data));
  });

  it('refuses a pack with any single byte changed', async () => {
    const bytes = await encodePack(contents());
    const header = bytes.indexOf(10);
    // Positions across the header, the JSON structure, the text and the base64 vectors.
    const positions = [5, header - 3, header + 5, Math.floor((header + bytes.length) / 2), bytes.length - 40, bytes.length - 2];
    for (const at of positions) {
      const damaged = bytes.slice();
      damaged[at] = damaged[at]! ^ 0x01;
      await refused(damaged);
    }
  });

  it('names the damaged document when the content still parses', async () => {
    const bytes = await encodePack(contents());
    const text = new TextDecoder().decode(bytes).replace('Cats sit.', 'Cats sat.');
    expect(await refused(new TextEncoder().encode(text))).toMatch(/checksum.*"notes \\"one\\"\.md"|checksum.*notes/);
  });

  it('refuses truncated packs, other files and packs from a newer lab', async () => {
    const bytes = await encodePack(contents());
    expect(await refused(bytes.subarray(0, bytes.length - 10))).toMatch(/truncated/);
    expect(await refused(new TextEncoder().encode('hello, world'))).toMatch(/not a lesson pack/);
    const newer = new TextDecoder().decode(bytes).replace(`"schemaVersion":${PACK_SCHEMA_VERSION}`, `"schemaVersion":${PACK_SCHEMA_VERSION + 1}`);
    expect(await refused(new TextEncoder().encode(newer))).toMatch(/newer version of the lab/);
  });

  it('refuses well-checksummed but malformed content', async () => {
    const bad = contents();
    bad.documents[0]!.chunks[1]!.docId = 'someone-else';
    expect(await refused(await encodePack(bad))).toMatch(/chunk 2 is malformed/);
    const vectors = contents();
    vectors.documents[0]!.vectors!.data = new Float32Array([1, 2, 3]);
    expect(await refused(await encodePack(vectors))).toMatch(/1 vector for 2 chunks|malformed vectors/);
    const nan = contents();
    nan.documents[0]!.vectors!.data[2] = Number.NaN;
    expect(await refused(await encodePack(nan))).toMatch(/invalid numbers/);
    const twice = contents();
    twice.documents.push(twice.documents[0]!);
    expect(await refused(await encodePack(twice))).toMatch(/repeats the id/);
  });

  it('carries every kind of document the lab can read (slides, spreadsheets, e-books, images…)', async () => {
    for (const type of DOC_TYPES) {
      const pack = contents();
      pack.documents[0]!.record.type = type;
      pack.documents[0]!.source.type = type;
      const decoded = await decodePack(await encodePack(pack));
      expect(decoded.documents[0]!.record.type).toBe(type);
    }
    const unknown = contents();
    (unknown.documents[0]!.record as { type: string }).type = 'exe';
    expect(await refused(await encodePack(unknown))).toMatch(/malformed record/);
  });

  it('carries the original file of a document when given, and refuses one that is not the file its record describes', async () => {
    const bytes = new TextEncoder().encode('# Notes\n\nCats sit. Dogs run.\n');
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
    const pack = contents();
    Object.assign(pack.documents[0]!.record, { sha256: digest, size: bytes.byteLength });
    pack.documents[0]!.original = bytes;
    const decoded = await decodePack(await encodePack(pack));
    expect(Array.from(decoded.documents[0]!.original!)).toEqual(Array.from(bytes));
    expect((await decodePack(await encodePack(contents()))).documents[0]!.original).toBeNull();

    const swapped = contents();
    Object.assign(swapped.documents[0]!.record, { sha256: digest, size: bytes.byteLength });
    swapped.documents[0]!.original = new TextEncoder().encode('# Notes\n\nCats sat. Dogs run.\n');
    expect(await refused(await encodePack(swapped))).toMatch(/original file of "notes "one"\.md" is not the file/);
  });

  it('says to export without the original files when they are too large for one pack', async () => {
    const big = contents();
    big.documents[0]!.original = new Uint8Array(MAX_ORIGINALS_BYTES + 1);
    await expect(encodePack(big)).rejects.toThrow(/more than one lesson pack can hold .* Export without the original files/);
  });
});
