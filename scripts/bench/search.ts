/** Search latency at a given library size: BM25, voy, exact scan and hybrid, with build times. */
import { buildSegment } from '../../src/index/bm25.ts';
import { COMPRESSED_FROM, ExactIndex } from '../../src/index/exact-index.ts';
import { VoyIndex } from '../../src/index/voy-index.ts';
import { initVoyNode } from '../../src/index/voy-node.ts';
import { percentile } from '../../src/eval/metrics.ts';
import { DEFAULT_RETRIEVAL, retrieve } from '../../src/retrieve/hybrid.ts';
import { LibraryIndex, type IndexedChunk } from '../../src/retrieve/library-index.ts';
import { randomUnitVectors, type BenchCorpus } from './corpus.ts';

export const DIMS = 384;
const DOC_SIZE = 50;

export interface Latency {
  p50_ms: number;
  p95_ms: number;
}

function measure(queries: number, run: (i: number) => void | Promise<void>): Promise<Latency> {
  return (async () => {
    for (let i = 0; i < Math.min(20, queries); i++) await run(i);
    const times: number[] = [];
    for (let i = 0; i < queries; i++) {
      const t0 = performance.now();
      await run(i);
      times.push(performance.now() - t0);
    }
    const r = (x: number) => Math.round(x * 1000) / 1000;
    return { p50_ms: r(percentile(times, 50)), p95_ms: r(percentile(times, 95)) };
  })();
}

export interface SizeReport {
  chunks: number;
  unique_chunks: number;
  build_ms: { bm25: number; exact: number; voy: number };
  search: { bm25: Latency; voy: Latency; exact_scan: Latency; exact_scan_f32: Latency; hybrid: Latency; hybrid_voy: Latency };
  /** Of the exact float32 top 10, the share the int8 first pass + float32 re-score returns (null below its size). */
  compressed_recall_at_10: number | null;
}

export async function benchSize(corpus: BenchCorpus, size: number, queryCount: number, withVoy: boolean): Promise<SizeReport> {
  const chunks: IndexedChunk[] = Array.from({ length: size }, (_, i) => {
    const p = corpus.passages[i % corpus.passages.length]!;
    const docId = `d${Math.floor(i / DOC_SIZE)}`;
    return { id: `${docId}#${i % DOC_SIZE}`, docId, docName: docId, docType: 'text', ordinal: i % DOC_SIZE, text: p.text, start: 0, end: p.text.length, headings: p.title ? [p.title] : [], tokens: 0 };
  });
  const vectors = randomUnitVectors(size, DIMS, 7);
  const queryVectors = randomUnitVectors(queryCount, DIMS, 11);
  const qv = (i: number) => queryVectors.subarray(i * DIMS, (i + 1) * DIMS);
  const query = (i: number) => corpus.queries[i % corpus.queries.length]!;

  const t0 = performance.now();
  const index = new LibraryIndex(null);
  for (let start = 0; start < size; start += DOC_SIZE) {
    const docChunks = chunks.slice(start, start + DOC_SIZE);
    index.addDocument(docChunks[0]!.docId, docChunks, buildSegment(docChunks[0]!.docId, docChunks));
  }
  const bm25Build = performance.now() - t0;

  const t1 = performance.now();
  const exact = new ExactIndex(DIMS, size);
  exact.add(chunks.map((c, i) => ({ id: c.id, vector: vectors.subarray(i * DIMS, (i + 1) * DIMS) })));
  const exactBuild = performance.now() - t1;

  let voy: VoyIndex | null = null;
  let voyBuild = 0;
  if (withVoy) {
    const t2 = performance.now();
    voy = new VoyIndex(await initVoyNode(), DIMS);
    voy.add(chunks.map((c, i) => ({ id: c.id, vector: vectors.subarray(i * DIMS, (i + 1) * DIMS) })));
    voy.rebuild();
    voyBuild = performance.now() - t2;
  }

  const settings = { ...DEFAULT_RETRIEVAL, k: 5 };
  const bm25 = await measure(queryCount, (i) => void index.bm25.search(query(i), settings.candidates));
  const exactScan = await measure(queryCount, (i) => void exact.search(qv(i), settings.candidates));
  const exactF32 = await measure(Math.min(queryCount, 100), (i) => void exact.search(qv(i), settings.candidates, true));
  let recall: number | null = null;
  if (size >= COMPRESSED_FROM) {
    let found = 0;
    for (let i = 0; i < queryCount; i++) {
      const truth = new Set(exact.search(qv(i), 10, true).map((h) => h.id));
      found += exact.search(qv(i), 10).filter((h) => truth.has(h.id)).length;
    }
    recall = Math.round((found / (queryCount * 10)) * 10000) / 10000;
  }
  index.vectors = exact;
  const hybrid = await measure(queryCount, async (i) => void (await retrieve(index, query(i), settings, { embedQuery: async () => qv(i) })));
  let voyLatency: Latency = { p50_ms: NaN, p95_ms: NaN };
  let hybridVoy: Latency = { p50_ms: NaN, p95_ms: NaN };
  if (voy) {
    voyLatency = await measure(Math.min(queryCount, 100), (i) => void voy!.search(qv(i), settings.candidates));
    index.vectors = voy;
    hybridVoy = await measure(Math.min(queryCount, 100), async (i) => void (await retrieve(index, query(i), settings, { embedQuery: async () => qv(i) })));
  }
  const r = (x: number) => Math.round(x);
  return {
    chunks: size,
    unique_chunks: Math.min(size, corpus.passages.length),
    build_ms: { bm25: r(bm25Build), exact: r(exactBuild), voy: r(voyBuild) },
    search: { bm25, voy: voyLatency, exact_scan: exactScan, exact_scan_f32: exactF32, hybrid, hybrid_voy: hybridVoy },
    compressed_recall_at_10: recall,
  };
}
