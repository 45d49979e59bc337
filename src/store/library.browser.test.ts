import { afterEach, describe, expect, it } from 'vitest';
import { TEST_RUNTIME } from '../../test/browser-config';
import { fixture } from '../../test/fixtures-browser';
import { TEST_INDEX_SETTINGS, tinyEmbedClient } from '../../test/store-browser';
import { startIngestWorker } from '../chunk/ingest-client';
import { DEFAULT_RETRIEVAL } from '../retrieve/hybrid';
import { addFile, type PipelineClients } from './add-files';
import { startIndexWorker } from './index-client';
import { LibraryService, NO_VECTORS_NOTE } from './library-service';
import { decodePack } from './pack';
import { initVoyBrowser } from '../index/voy-browser';

const settings = TEST_INDEX_SETTINGS;
const started: { terminate(): void }[] = [];
const embedClient = tinyEmbedClient;

async function openLibrary(dbName: string): Promise<PipelineClients & { open: Awaited<ReturnType<PipelineClients['index']['call']>> }> {
  const index = startIndexWorker();
  const ingest = startIngestWorker();
  started.push(index, ingest);
  const open = await index.call('open', { dbName, active: settings, dims: 32, backend: 'exact' });
  return { index, ingest, embed: await embedClient(), open };
}

const options = { settings, dims: 32, config: TEST_RUNTIME };
const uniqueDb = () => `test-${crypto.randomUUID()}`;

afterEach(() => {
  started.splice(0).forEach((w) => w.terminate());
});

describe('library in IndexedDB (real Chromium)', () => {
  it('keeps documents across a restart with the same search results, and removes them whole', async () => {
    const db = uniqueDb();
    const first = await openLibrary(db);
    const added = await addFile('test.docx', await fixture('test.docx'), first, options);
    expect(added.status).toBe('added');
    await addFile('pg26184.txt', await fixture('pg26184.txt'), first, options);
    const query = 'multi-agent conversation framework';
    const vector = (await (await embedClient()).call('embed', { texts: [query], kind: 'query' })).vectors;
    const before = await first.index.call('search', { query, vector, settings: DEFAULT_RETRIEVAL });
    expect(before.results.length).toBe(5);
    first.index.terminate();

    const second = await openLibrary(db);
    const open = second.open as { documents: unknown[]; chunkCount: number; vectorCount: number; interrupted: string[] };
    expect(open.documents).toHaveLength(2);
    expect(open.vectorCount).toBe(open.chunkCount);
    const after = await second.index.call('search', { query, vector, settings: DEFAULT_RETRIEVAL });
    expect(after.results.map((r) => r.chunk.id)).toEqual(before.results.map((r) => r.chunk.id));
    after.results.forEach((r, i) => expect(r.trace.denseScore).toBeCloseTo(before.results[i]!.trace.denseScore!, 6));

    const docx = (await second.index.call('list', {})).find((d) => d.name === 'test.docx')!;
    await second.index.call('remove', { docId: docx.id });
    const remaining = await second.index.call('search', { query, vector, settings: { ...DEFAULT_RETRIEVAL, k: 50 } });
    expect(remaining.results.every((r) => r.chunk.docId !== docx.id)).toBe(true);
    expect(await second.index.call('source', { docId: docx.id })).toBeNull();
  });

  it('leaves no partial document when the tab dies in the middle of an ingest', async () => {
    const db = uniqueDb();
    const first = await openLibrary(db);
    await addFile('test.pdf', await fixture('test.pdf'), first, options);
    // Start a second ingest and kill the worker right after the "indexing" marker is written.
    const record = { id: 'half', name: 'half.txt', type: 'text' as const, size: 10, sha256: 'x', added: 0, status: 'indexing' as const, warnings: [], settings, chunkCount: 1, exactDuplicates: 0, nearDuplicates: 0 };
    await first.index.call('begin', { record });
    first.index.terminate();

    const second = await openLibrary(db);
    const open = second.open as { documents: { name: string }[]; interrupted: string[] };
    expect(open.interrupted).toEqual(['half.txt']);
    expect(open.documents.map((d) => d.name)).toEqual(['test.pdf']);
    expect((await second.index.call('list', {})).map((d) => d.name)).toEqual(['test.pdf']);
  });

  it('detects a file added twice', async () => {
    const lib = await openLibrary(uniqueDb());
    const bytes = await fixture('test.docx');
    expect((await addFile('test.docx', bytes, lib, options)).status).toBe('added');
    const again = await addFile('copy of test.docx', bytes, lib, options);
    expect(again.status).toBe('duplicate');
    expect((again as { message: string }).message).toMatch(/already in the library as "test\.docx"/);
    expect(await lib.index.call('list', {})).toHaveLength(1);
  });

  it('reports bad files per file and keeps what is stored', async () => {
    const lib = await openLibrary(uniqueDb());
    await addFile('test.docx', await fixture('test.docx'), lib, options);
    const bad = await addFile('password.pdf', await fixture('password.pdf'), lib, options);
    expect(bad).toEqual({ status: 'failed', message: expect.stringMatching(/^password\.pdf: this PDF is password-protected/) });
    const scan = await addFile('scan.pdf', await fixture('MEDRPT-2024-PAT-3847_medical_report_scan.pdf'), lib, options);
    expect(scan).toEqual({ status: 'skipped', message: expect.stringMatching(/no text layer/) });
    expect((await lib.index.call('list', {})).map((d) => d.name)).toEqual(['test.docx']);
  });

  it('keeps files added before any embedding model as keyword-only, then re-indexes them with vectors', async () => {
    const index = startIndexWorker();
    const ingest = startIngestWorker();
    started.push(index, ingest);
    await index.call('open', { dbName: uniqueDb(), active: settings, dims: null, backend: 'exact' });
    const added = await addFile('test.docx', await fixture('test.docx'), { index, ingest, embed: null }, { ...options, dims: null });
    expect(added.status).toBe('added');
    expect((await index.call('list', {}))[0]!.status).toBe('ready');
    const withModel = await index.call('setActive', { active: settings, dims: 32 });
    expect(withModel.staleCount).toBe(1);
    const { reindexDocument } = await import('../ui/lab/reindex');
    const outcome = await reindexDocument(withModel.documents[0]!, { index, ingest, embed: await embedClient() }, settings, 32, TEST_RUNTIME);
    expect(outcome.status).toBe('added');
    const vector = (await (await embedClient()).call('embed', { texts: ['AutoGen agents'], kind: 'query' })).vectors;
    const dense = await index.call('search', { query: 'AutoGen agents', vector, settings: { ...DEFAULT_RETRIEVAL, retriever: 'dense' } });
    expect(dense.results.length).toBeGreaterThan(0);
    expect((await index.call('list', {}))[0]!.status).toBe('ready');
    // The file as added survives the re-index, for packs made with the original files.
    const pack = await decodePack(await index.call('exportPack', { embedding: null, settings: {}, questions: [], withOriginals: true }));
    expect(Array.from(pack.documents[0]!.original!)).toEqual(Array.from(await fixture('test.docx')));
  });

  it('marks documents stale when the embedding model changes, and never mixes vectors', async () => {
    const db = uniqueDb();
    const lib = await openLibrary(db);
    await addFile('test.docx', await fixture('test.docx'), lib, options);
    const changed = await lib.index.call('setActive', { active: { ...settings, embedModel: 'Xenova/all-MiniLM-L6-v2' }, dims: 384 });
    expect(changed.staleCount).toBe(1);
    expect(changed.documents[0]!.status).toBe('stale');
    // Lexical search still finds it; a search by meaning has no vectors of the new model, so it
    // answers by keyword, says so, and scores nothing with the old model's vectors.
    const lexical = await lib.index.call('search', { query: 'AutoGen agents', vector: null, settings: { ...DEFAULT_RETRIEVAL, retriever: 'bm25' } });
    expect(lexical.results.length).toBeGreaterThan(0);
    const dense = await lib.index.call('search', { query: 'AutoGen', vector: new Float32Array(384).fill(0.05), settings: DEFAULT_RETRIEVAL });
    expect(dense.note).toBe(NO_VECTORS_NOTE);
    expect(dense.results.length).toBeGreaterThan(0);
    expect(dense.results.every((r) => r.trace.denseScore === null)).toBe(true);
  });
});

describe('library service guards (main thread, real IndexedDB)', () => {
  async function service(dims = 8) {
    const s = new LibraryService({ dbName: uniqueDb(), loadVoy: initVoyBrowser });
    await s.open({ chunk: { size: 64, overlap: 0 }, embedModel: 'm' }, dims, 'voy', () => undefined);
    return s;
  }
  const record = (id: string, chunkCount: number) => ({
    id, name: `${id}.txt`, type: 'text' as const, size: 1, sha256: id, added: 0, status: 'indexing' as const, warnings: [],
    settings: { chunk: { size: 64, overlap: 0 }, embedModel: 'm' }, chunkCount, exactDuplicates: 0, nearDuplicates: 0,
  });
  const chunks = (n: number, text: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => ({ doc: 'd', ordinal: i, text: text(i), start: 0, end: 1, headings: [], tokens: 5 }));
  const parsed = { name: 'x', type: 'text' as const, text: 'x', blocks: [], warnings: [] };

  it('40 identical chunks do not crash the voy index', async () => {
    const s = await service();
    const same = new Float32Array(40 * 8).fill(0.5);
    await s.commit(record('same', 40), parsed, chunks(40, () => 'the same paragraph again'), same, 'm', 8);
    const outcome = await s.search('same paragraph', Float32Array.from([1, 1, 1, 1, 1, 1, 1, 1]), { ...DEFAULT_RETRIEVAL, k: 10 });
    // One copy answers; the other 39 are collapsed as duplicates of it, and the inspector sees them.
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]!.trace.denseScore).toBeCloseTo(1, 5);
    expect(outcome.considered.filter((r) => r.trace.duplicateOf === outcome.results[0]!.chunk.id).length).toBeGreaterThanOrEqual(19);
  });

  it('answers keyword searches while the vectors are still being restored', async () => {
    const dbName = uniqueDb();
    const active = { chunk: { size: 64, overlap: 0 }, embedModel: 'm' };
    const writer = new LibraryService({ dbName, loadVoy: initVoyBrowser });
    await writer.open(active, 8, 'exact', () => undefined);
    await writer.commit(record('owls', 3), parsed, chunks(3, (i) => `barn owls hunt at night ${i}`), new Float32Array(24).fill(0.4), 'm', 8);
    const reader = new LibraryService({ dbName, loadVoy: initVoyBrowser });
    const opening = reader.open(active, 8, 'voy', () => undefined);
    const early = await reader.search('owls', new Float32Array(8).fill(1), DEFAULT_RETRIEVAL);
    expect(early.note).toMatch(/still loading/);
    expect(early.results.map((r) => r.chunk.docId)).toContain('owls');
    await opening;
    const later = await reader.search('owls', new Float32Array(8).fill(1), DEFAULT_RETRIEVAL);
    expect(later.note).toBeUndefined();
    expect(later.results[0]!.trace.denseScore).not.toBeNull();
  });

  it('answers a search by meaning with keyword results, and says so, while no document has vectors of the loaded model', async () => {
    // Documents added before the embedder was loaded: stored without vectors.
    const s = new LibraryService({ dbName: uniqueDb(), loadVoy: initVoyBrowser });
    await s.open({ chunk: { size: 64, overlap: 0 }, embedModel: 'm' }, 8, 'exact', () => undefined);
    await s.commit(record('owls', 3), parsed, chunks(3, (i) => `barn owls hunt at night ${i}`), null, 'm', null);
    for (const retriever of ['hybrid', 'dense'] as const) {
      const outcome = await s.search('owls', new Float32Array(8).fill(1), { ...DEFAULT_RETRIEVAL, retriever });
      expect(outcome.note).toBe(NO_VECTORS_NOTE);
      expect(outcome.results.map((r) => r.chunk.docId)).toContain('owls');
      expect(outcome.results.every((r) => r.trace.denseScore === null)).toBe(true);
    }
  });

  it('refuses vectors of the wrong dimension with a clear message', async () => {
    const s = await service(8);
    const error = await s.commit(record('wide', 1), parsed, chunks(1, () => 'x'), new Float32Array(16), 'm', 16).catch((e: Error) => e);
    expect(String(error)).toMatch(/16 dimensions but this index holds 8|vectors? for 1 chunk/);
    await expect(new LibraryService({ dbName: uniqueDb(), loadVoy: initVoyBrowser }).open({ chunk: { size: 64, overlap: 0 }, embedModel: 'm' }, 1024, 'exact', () => undefined)).rejects.toThrow(/at most 768/);
  });

  it('on a quota error reports clearly and keeps everything already stored', async () => {
    const s = await service();
    await s.commit(record('kept', 2), parsed, chunks(2, (i) => `kept text ${i}`), new Float32Array(16).fill(0.3), 'm', 8);
    const realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'vectors') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
    try {
      await s.begin(record('big', 2));
      const error = await s.commit(record('big', 2), parsed, chunks(2, (i) => `big text ${i}`), new Float32Array(16).fill(0.2), 'm', 8).catch((e: Error) => e);
      expect((error as Error).name).toBe('StorageFullError');
      expect((error as Error).message).toMatch(/Storage is full: big\.txt could not be saved\. Everything stored before is intact/);
    } finally {
      IDBObjectStore.prototype.put = realPut;
    }
    expect((await s.list()).map((d) => d.id)).toEqual(['kept']);
    expect(s.index.chunkIdsOf('big')).toEqual([]);
    const hits = await s.search('kept text', null, { ...DEFAULT_RETRIEVAL, retriever: 'bm25' });
    expect(hits.results.map((r) => r.chunk.docId)).toEqual(['kept', 'kept']);
  });
});

describe('schema migrations and two tabs', () => {
  it('upgrades a version-1 library without losing documents', async () => {
    const { openDB } = await import('idb');
    const { LibraryStore } = await import('./library-store');
    const name = uniqueDb();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('documents', { keyPath: 'id' });
        db.createObjectStore('chunks', { keyPath: 'docId' });
        db.createObjectStore('vectors', { keyPath: 'docId' });
        db.createObjectStore('sources', { keyPath: 'docId' });
        db.createObjectStore('settings');
      },
    });
    await v1.put('documents', { id: 'old', name: 'old.txt', sha256: 'abc', status: 'ready' });
    v1.close();
    const store = await LibraryStore.open(name);
    expect((await store.findBySha256('abc'))?.name).toBe('old.txt');
    store.close();
  });

  it('upgrades a version-2 library: its vectors say their precision was not recorded, and stay usable', async () => {
    const { openDB } = await import('idb');
    const name = uniqueDb();
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        const documents = db.createObjectStore('documents', { keyPath: 'id' });
        documents.createIndex('by-sha256', 'sha256');
        documents.createIndex('by-status', 'status');
        db.createObjectStore('chunks', { keyPath: 'docId' });
        db.createObjectStore('vectors', { keyPath: 'docId' });
        db.createObjectStore('sources', { keyPath: 'docId' });
        db.createObjectStore('settings');
      },
    });
    const old = { chunk: { size: 64, overlap: 0 }, embedModel: 'm' };
    await v2.put('documents', { id: 'old', name: 'old.txt', type: 'text', size: 1, sha256: 'abc', added: 0, status: 'ready', warnings: [], settings: old, chunkCount: 1, exactDuplicates: 0, nearDuplicates: 0 });
    const { buildSegment } = await import('../index/bm25');
    const chunks = [{ id: 'old#0', docId: 'old', docName: 'old.txt', docType: 'text' as const, ordinal: 0, text: 'owls at night', start: 0, end: 13, headings: [], tokens: 3 }];
    await v2.put('chunks', { docId: 'old', chunks, bm25: buildSegment('old', chunks) });
    await v2.put('vectors', { docId: 'old', model: 'm', dims: 4, count: 1, data: new Float32Array([1, 0, 0, 0]) } as never);
    v2.close();

    const service = new LibraryService({ dbName: name, loadVoy: initVoyBrowser });
    const opened = await service.open({ ...old, embedDtype: 'q8' }, 4, 'exact', () => undefined);
    expect(opened.staleCount).toBe(0);
    expect(opened.vectorCount).toBe(1);
    const raw = await openDB(name);
    expect((await raw.get('vectors', 'old'))?.dtype).toBe('');
    expect((await raw.get('documents', 'old'))?.settings.embedDtype).toBe('');
    raw.close();
  });

  it('rebuilds a BM25 segment an older analyzer built, so today\'s questions find its words, and stores it', async () => {
    const name = uniqueDb();
    const active = { chunk: { size: 64, overlap: 0 }, embedModel: 'm' };
    const writer = new LibraryService({ dbName: name, loadVoy: initVoyBrowser });
    await writer.open(active, 8, 'exact', () => undefined);
    const record = { id: 'monks', name: 'monks.txt', type: 'text' as const, size: 1, sha256: 'monks', added: 0, status: 'indexing' as const, warnings: [], settings: active, chunkCount: 1, exactDuplicates: 0, nearDuplicates: 0 };
    const parsed = { name: 'monks.txt', type: 'text' as const, text: 'x', blocks: [], warnings: [] };
    await writer.commit(record, parsed, [{ doc: 'monks', ordinal: 0, text: 'The monks fled to the hills.', start: 0, end: 28, headings: [], tokens: 7 }], null, 'm', null);
    // What version 1 of the analyzer stored: "fled" as its own term, and no version stamp.
    const { openDB } = await import('idb');
    const raw = await openDB(name);
    const stored = await raw.get('chunks', 'monks');
    const { analyzer: _version, ...segment } = stored.bm25;
    await raw.put('chunks', { ...stored, bm25: { ...segment, vocabulary: segment.vocabulary.map((t: string) => (t === 'flee' ? 'fled' : t)) } });

    const reader = new LibraryService({ dbName: name, loadVoy: initVoyBrowser });
    await reader.open(active, 8, 'exact', () => undefined);
    const hits = await reader.search('Where did they flee?', null, { ...DEFAULT_RETRIEVAL, retriever: 'bm25' });
    expect(hits.results.map((r) => r.chunk.docId)).toEqual(['monks']);
    await expect.poll(async () => (await raw.get('chunks', 'monks')).bm25.analyzer).toBe((await import('../index/analyze')).ANALYZER_VERSION);
    expect((await raw.get('chunks', 'monks')).bm25.vocabulary).toContain('flee');
    raw.close();
  });

  it('treats vectors of another precision like another model: stale until re-indexed', async () => {
    const dbName = uniqueDb();
    const q8 = { chunk: { size: 64, overlap: 0 }, embedModel: 'm', embedDtype: 'q8' };
    const service = new LibraryService({ dbName, loadVoy: initVoyBrowser });
    await service.open(q8, 4, 'exact', () => undefined);
    const record = { id: 'doc', name: 'doc.txt', type: 'text' as const, size: 1, sha256: 'd', added: 0, status: 'indexing' as const, warnings: [], settings: q8, chunkCount: 1, exactDuplicates: 0, nearDuplicates: 0 };
    await service.commit(record, { name: 'x', type: 'text', text: 'x', blocks: [], warnings: [] }, [{ doc: 'doc', ordinal: 0, text: 'a note about owls', start: 0, end: 17, headings: [], tokens: 4 }], new Float32Array([1, 0, 0, 0]), 'm', 4);
    expect(service.index.vectors?.size).toBe(1);

    // The same model on another device loads in fp32: the q8 vectors no longer count.
    expect(await service.setActive({ ...q8, embedDtype: 'fp32' }, 4, () => undefined)).toBe(1);
    expect((await service.list()).map((d) => d.status)).toEqual(['stale']);
    expect(service.index.vectors?.size).toBe(0);
    const dense = await service.search('owls', new Float32Array([1, 0, 0, 0]), { ...DEFAULT_RETRIEVAL, retriever: 'dense' });
    expect(dense.note).toBe(NO_VECTORS_NOTE);
    expect(dense.results.every((r) => r.trace.denseScore === null)).toBe(true);

    expect(await service.setActive(q8, 4, () => undefined)).toBe(0);
    expect(service.index.vectors?.size).toBe(1);
  });

  it('keeps a second tab in step, and tells an old tab to reload when the schema changes', async () => {
    const dbName = uniqueDb();
    const active = { chunk: { size: 64, overlap: 0 }, embedModel: 'm' };
    const changes: string[] = [];
    const tabA = new LibraryService({ dbName, loadVoy: initVoyBrowser });
    const tabB = new LibraryService({ dbName, loadVoy: initVoyBrowser, onChange: (c) => changes.push(`${c.kind}:${c.docId}`) });
    await tabA.open(active, 4, 'exact', () => undefined);
    await tabB.open(active, 4, 'exact', () => undefined);
    const record = { id: 'shared', name: 'shared.txt', type: 'text' as const, size: 1, sha256: 's', added: 0, status: 'indexing' as const, warnings: [], settings: active, chunkCount: 1, exactDuplicates: 0, nearDuplicates: 0 };
    await tabA.commit(record, { name: 'x', type: 'text', text: 'x', blocks: [], warnings: [] }, [{ doc: 'shared', ordinal: 0, text: 'a note about owls', start: 0, end: 17, headings: [], tokens: 4 }], new Float32Array([1, 0, 0, 0]), 'm', 4);
    await expect.poll(() => changes).toEqual(['added:shared']);
    const found = await tabB.search('owls', null, { ...DEFAULT_RETRIEVAL, retriever: 'bm25' });
    expect(found.results.map((r) => r.chunk.id)).toEqual(['shared#0']);

    let told = false;
    const { LibraryStore } = await import('./library-store');
    const old = await LibraryStore.open(dbName, { onVersionChange: () => (told = true) });
    const { openDB } = await import('idb');
    const newer = await openDB(dbName, 99);
    expect(told).toBe(true);
    newer.close();
    old.close();
  });
});
