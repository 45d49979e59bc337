/**
 * Runs in Chromium: fills a fresh IndexedDB library with N chunks (text, BM25 segments and binary
 * vectors, as the app stores them), then measures a cold open of the library until search is ready.
 */
import { randomUnitVectorsBrowser } from './vectors';
import { initVoyBrowser } from '../../src/index/voy-browser';
import { DEFAULT_RETRIEVAL } from '../../src/retrieve/hybrid';
import { LibraryService } from '../../src/store/library-service';

const params = new URLSearchParams(location.search);
const size = Number(params.get('chunks') ?? 10000);
const dims = 384;
const perDoc = 50;
const active = { chunk: { size: 256, overlap: 38 }, embedModel: 'bench' };

async function run() {
  const dbName = `restore-bench-${Date.now()}`;
  const words = 'retrieval augmented generation index vector search chunk token embedding model browser offline document citation answer question latency'.split(' ');
  const writer = new LibraryService({ dbName, loadVoy: initVoyBrowser });
  await writer.open(active, dims, 'exact', () => undefined);
  for (let d = 0; d * perDoc < size; d++) {
    const chunks = Array.from({ length: perDoc }, (_, i) => {
      const text = Array.from({ length: 120 }, (_, j) => words[(d * 31 + i * 7 + j * 13) % words.length]).join(' ') + ` doc${d} part${i}`;
      return { doc: `d${d}`, ordinal: i, text, start: 0, end: text.length, headings: [`Document ${d}`], tokens: 128 };
    });
    const record = { id: `d${d}`, name: `d${d}.txt`, type: 'text' as const, size: 1, sha256: `s${d}`, added: 0, status: 'indexing' as const, warnings: [], settings: active, chunkCount: perDoc, exactDuplicates: 0, nearDuplicates: 0 };
    await writer.commit(record, { name: record.name, type: 'text', text: '', blocks: [], warnings: [] }, chunks, randomUnitVectorsBrowser(perDoc, dims, d + 1), 'bench', dims);
  }
  const t0 = performance.now();
  const reader = new LibraryService({ dbName, loadVoy: initVoyBrowser });
  const opened = await reader.open(active, dims, 'exact', () => undefined);
  await reader.search('vector search latency', randomUnitVectorsBrowser(1, dims, 99), DEFAULT_RETRIEVAL);
  const searchReadyMs = performance.now() - t0;
  indexedDB.deleteDatabase(dbName);
  return { chunks: opened.chunkCount, vectors: opened.vectorCount, lexical_ready_ms: Math.round(opened.lexicalReadyMs), search_ready_ms: Math.round(searchReadyMs) };
}

run().then(
  (result) => {
    (window as unknown as { __result: unknown }).__result = result;
    document.getElementById('status')!.textContent = JSON.stringify(result);
  },
  (error: Error) => {
    (window as unknown as { __result: unknown }).__result = { error: error.message };
  },
);
