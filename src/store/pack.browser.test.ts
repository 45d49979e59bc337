/**
 * Lesson packs through the real index worker and IndexedDB: export → clear → import gives the same
 * search results; a pack with one byte changed is refused and the library stays as it was; a pack
 * made with another embedding model imports as stale (keyword search until re-embedded).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_RUNTIME, TINY } from '../../test/browser-config';
import { fixture } from '../../test/fixtures-browser';
import { TEST_INDEX_SETTINGS, tinyEmbedClient } from '../../test/store-browser';
import { startIngestWorker } from '../chunk/ingest-client';
import { DEFAULT_RETRIEVAL } from '../retrieve/hybrid';
import { addFile } from './add-files';
import { decodePack } from './pack';
import { startIndexWorker, type IndexClient } from './index-client';
import type { IndexSettings } from './schema';

const settings = TEST_INDEX_SETTINGS;
const started: { terminate(): void }[] = [];
const embedClient = tinyEmbedClient;

async function openIndex(active: IndexSettings = settings, dims: number | null = 32): Promise<IndexClient> {
  const index = startIndexWorker();
  started.push(index);
  await index.call('open', { dbName: `test-${crypto.randomUUID()}`, active, dims, backend: 'exact' });
  return index;
}

afterEach(() => {
  started.splice(0).forEach((w) => w.terminate());
});

const query = 'multi-agent conversation framework';
const meta = { embedding: { model: TINY.embedder, dtype: 'fp32', dims: 32 }, settings: { chunk: settings.chunk }, questions: [query] };

async function search(index: IndexClient) {
  const vector = (await (await embedClient()).call('embed', { texts: [query], kind: 'query' })).vectors;
  const outcome = await index.call('search', { query, vector, settings: { ...DEFAULT_RETRIEVAL, k: 8 } });
  return outcome.results.map((r) => ({ id: r.chunk.id, text: r.chunk.text, dense: r.trace.denseScore, bm25: r.trace.bm25Rank }));
}

async function filledLibrary(): Promise<IndexClient> {
  const index = await openIndex();
  const ingest = startIngestWorker();
  started.push(ingest);
  const clients = { index, ingest, embed: await embedClient() };
  for (const name of ['test.docx', 'pg26184.txt']) {
    expect((await addFile(name, await fixture(name), clients, { settings, dims: 32, config: TEST_RUNTIME })).status).toBe('added');
  }
  return index;
}

describe('lesson packs (real Chromium, index worker, IndexedDB)', () => {
  it('export → clear all data → import gives identical search results', async () => {
    const index = await filledLibrary();
    const before = await search(index);
    expect(before.length).toBe(8);
    const pack = await index.call('exportPack', meta);

    await index.call('clear', {});
    expect(await index.call('list', {})).toEqual([]);
    expect((await index.call('search', { query, vector: null, settings: { ...DEFAULT_RETRIEVAL, retriever: 'bm25' } })).results).toEqual([]);

    const report = await index.call('importPack', { bytes: pack });
    expect(report.added.sort()).toEqual(['pg26184.txt', 'test.docx']);
    expect(report.staleCount).toBe(0);
    expect(report.questions).toEqual([query]);
    expect(await search(index)).toEqual(before);

    // Importing the same pack again adds nothing and changes nothing.
    const again = await index.call('importPack', { bytes: await index.call('exportPack', meta) });
    expect(again.added).toEqual([]);
    expect(again.skipped).toHaveLength(2);
    expect(await search(index)).toEqual(before);
  });

  it('refuses a pack with one byte changed and leaves the library exactly as it was', async () => {
    const source = await filledLibrary();
    const pack = await source.call('exportPack', meta);
    const target = await openIndex();
    const ingest = startIngestWorker();
    started.push(ingest);
    await addFile('test.pdf', await fixture('test.pdf'), { index: target, ingest, embed: await embedClient() }, { settings, dims: 32, config: TEST_RUNTIME });
    const listBefore = await target.call('list', {});
    const resultsBefore = await search(target);

    for (const at of [Math.floor(pack.length / 3), Math.floor(pack.length / 2), pack.length - 100]) {
      const damaged = pack.slice();
      damaged[at] = damaged[at]! ^ 0x20;
      const error = await target.call('importPack', { bytes: damaged }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/cannot be imported.*Nothing was changed/);
    }
    expect(await target.call('list', {})).toEqual(listBefore);
    expect(await search(target)).toEqual(resultsBefore);
  });

  it('a pack from another embedding model imports as stale, to be re-embedded', async () => {
    const source = await filledLibrary();
    const pack = await source.call('exportPack', meta);
    const other = await openIndex({ ...settings, embedModel: 'Xenova/all-MiniLM-L6-v2' }, 384);
    const report = await other.call('importPack', { bytes: pack });
    expect(report.embedding).toEqual(meta.embedding);
    expect(report.staleCount).toBe(2);
    expect((await other.call('list', {})).every((d) => d.status === 'stale')).toBe(true);
    const lexical = await other.call('search', { query, vector: null, settings: { ...DEFAULT_RETRIEVAL, retriever: 'bm25' } });
    expect(lexical.results.length).toBeGreaterThan(0);
  });

  it('with the original files: the files themselves travel in the pack and come back after an import', async () => {
    const index = await filledLibrary();
    const originals = async (bytes: Uint8Array) =>
      Object.fromEntries((await decodePack(bytes)).documents.map((d) => [d.record.name, d.original ? Array.from(d.original) : null]));
    const expected = { 'test.docx': Array.from(await fixture('test.docx')), 'pg26184.txt': Array.from(await fixture('pg26184.txt')) };
    expect(await originals(await index.call('exportPack', meta))).toEqual({ 'test.docx': null, 'pg26184.txt': null });
    const pack = await index.call('exportPack', { ...meta, withOriginals: true });
    expect(await originals(pack)).toEqual(expected);

    await index.call('clear', {});
    expect(await originals(await index.call('exportPack', { ...meta, withOriginals: true }))).toEqual({});
    expect((await index.call('importPack', { bytes: pack })).added).toHaveLength(2);
    expect(await originals(await index.call('exportPack', { ...meta, withOriginals: true }))).toEqual(expected);
  });
});
