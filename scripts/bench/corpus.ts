/**
 * Chunk texts and queries for the search benchmark. Real passages from the public benchmark
 * corpora when they are at hand (../shared/eval-data), otherwise the repository's own fixture
 * documents. Beyond the pool's size, passages repeat (reported as `unique_chunks`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkDocument } from '../../src/chunk/chunker.ts';
import type { TokenCounter } from '../../src/chunk/token-counter.ts';
import { parseFile } from '../../src/ingest/parse.ts';
import { readJsonl } from '../cli/beir.ts';
import { beirDocuments } from '../cli/corpus-index.ts';

export const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'eval-data');

export interface BenchCorpus {
  source: string;
  passages: { title: string; text: string }[];
  queries: string[];
}

export async function benchCorpus(counter: TokenCounter): Promise<BenchCorpus> {
  if (existsSync(join(SHARED, 'scifact', 'corpus.jsonl'))) {
    const passages: { title: string; text: string }[] = [];
    for (const name of ['scifact', 'msmarco-trecdl-subset', 'dbpedia-entity-subset', 'squad-v1.1-dev-half']) {
      for (const { parsed, docId } of beirDocuments(join(SHARED, name, 'corpus.jsonl'))) {
        for (const c of chunkDocument(parsed, docId, counter, { size: 96, overlap: 0 })) passages.push({ title: parsed.title ?? '', text: c.text });
      }
    }
    const queries = readJsonl<{ text: string }>(join(SHARED, 'scifact', 'queries.jsonl')).map((q) => q.text);
    return { source: 'BEIR corpora in ../shared/eval-data (scifact, msmarco, dbpedia, squad), 96-token chunks', passages, queries: queries.slice(0, 300) };
  }
  const passages: { title: string; text: string }[] = [];
  for (const file of ['pg26184.txt', 'guide__features.md', 'test_wikipedia.html']) {
    const doc = await parseFile(file, new Uint8Array(readFileSync(join('test', 'fixtures', 'docs', file))));
    for (const c of chunkDocument(doc, file, counter, { size: 96, overlap: 0 })) passages.push({ title: doc.title ?? file, text: c.text });
  }
  const queries = passages.slice(0, 300).map((p) => p.text.split(/\s+/).slice(3, 10).join(' '));
  return { source: 'repository fixture documents (../shared not found), 96-token chunks', passages, queries };
}

export { randomUnitVectorsBrowser as randomUnitVectors } from './vectors.ts';
