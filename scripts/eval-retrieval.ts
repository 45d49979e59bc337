/**
 * Retrieval quality on a BEIR-format benchmark, with the lab's own chunking, BM25, dense and hybrid
 * retrieval code. Prints ONE JSON object with --json.
 *
 *   npm run -s eval:retrieval -- --corpus corpus.jsonl --queries queries.jsonl --qrels qrels.tsv
 *       [--retriever bm25|dense|hybrid] [--model <id or folder>] [--k 10] [--limit N]
 *       [--run-out FILE] [--json]
 *
 * --run-out writes the ranking that was scored in TREC run format (qid Q0 docid rank score tag),
 * so trec_eval or anyone else can recompute the metrics from it.
 *
 * Chunks are mapped back to their corpus document (best rank wins). Queries absent from the qrels
 * are skipped.
 */
import { writeFileSync } from 'node:fs';
import { Embedder } from '../src/embed/embedder.ts';
import { mean, mrrAt, ndcgAt, recallAt } from '../src/eval/metrics.ts';
import { DEFAULT_RETRIEVAL, retrieve, type RetrieverKind } from '../src/retrieve/hybrid.ts';
import { intValue, parseArgs, usage } from './cli/args.ts';
import { readQrels, readQueries } from './cli/beir.ts';
import { beirDocuments, buildIndex } from './cli/corpus-index.ts';
import { nodeTokenCounter, resolveNodeModel } from './cli/node-models.ts';

const args = parseArgs(process.argv.slice(2), ['--corpus', '--queries', '--qrels', '--retriever', '--model', '--k', '--limit', '--size', '--overlap', '--run-out'], ['--json', '--offline']);
const need = (flag: string) => args.values.get(flag) ?? usage(`${flag} is required`);
const retriever = (args.values.get('--retriever') ?? 'bm25') as RetrieverKind;
if (!['bm25', 'dense', 'hybrid'].includes(retriever)) usage('--retriever must be bm25, dense or hybrid');
const k = intValue(args, '--k', 10);
const log = (message: string) => process.stderr.write(`${message}\n`);

const entry = resolveNodeModel(args.values.get('--model'), 'embed', args.flags.has('--offline'));
const counter = await nodeTokenCounter(entry);
const embedder = retriever === 'bm25' ? undefined : await Embedder.load(entry, { device: 'cpu' });
const docs = beirDocuments(need('--corpus'));
const chunking = { size: intValue(args, '--size', 256), overlap: intValue(args, '--overlap', 38) };
const index = await buildIndex(docs, { counter, chunking, ...(embedder ? { embedder } : {}), onProgress: log });

const queries = readQueries(need('--queries'));
const qrels = readQrels(need('--qrels'));
let ids = [...qrels.keys()].filter((id) => queries.has(id));
const limit = args.values.has('--limit') ? intValue(args, '--limit', ids.length) : ids.length;
ids = ids.slice(0, limit);
if (ids.length === 0) usage('no query of --queries appears in --qrels');

const embedQuery = embedder ? async (q: string) => embedder.embed([q], 'query') : undefined;
const settings = { ...DEFAULT_RETRIEVAL, retriever, k: Math.max(100, k), candidates: 300 };
const scores = { ndcg: [] as number[], r10: [] as number[], rk: [] as number[], r100: [] as number[], mrr: [] as number[] };
let searchMs = 0;
const run: string[] = [];
for (const qid of ids) {
  const t0 = performance.now();
  const { results } = await retrieve(index, queries.get(qid)!, { ...settings, k: 300 }, embedQuery ? { embedQuery } : {});
  searchMs += performance.now() - t0;
  // A document ranks where its best chunk does; its score is that chunk's fused score.
  const best = new Map<string, number>();
  for (const r of results) if (!best.has(r.chunk.docId)) best.set(r.chunk.docId, r.trace.fusedScore);
  const ranked = [...best.keys()];
  ranked.slice(0, Math.max(k, 100)).forEach((doc, i) => run.push(`${qid} Q0 ${doc} ${i + 1} ${(best.get(doc)! * 1e4).toFixed(4)} offline-rag-lab-${retriever}`));
  const judgments = qrels.get(qid)!;
  scores.ndcg.push(ndcgAt(ranked, judgments, k));
  scores.r10.push(recallAt(ranked, judgments, 10));
  scores.rk.push(recallAt(ranked, judgments, k));
  scores.r100.push(recallAt(ranked, judgments, 100));
  scores.mrr.push(mrrAt(ranked, judgments, 10));
}
if (args.values.has('--run-out')) writeFileSync(args.values.get('--run-out')!, run.join('\n') + '\n');
const round = (x: number) => Math.round(x * 10000) / 10000;
const report = {
  retriever,
  n_queries: ids.length,
  [`ndcg@${k}`]: round(mean(scores.ndcg)),
  'recall@10': round(mean(scores.r10)),
  ...(k !== 10 ? { [`recall@${k}`]: round(mean(scores.rk)) } : {}),
  'recall@100': round(mean(scores.r100)),
  'mrr@10': round(mean(scores.mrr)),
  ms_per_query: Math.round((searchMs / ids.length) * 1000) / 1000,
  ...(embedder ? { model: entry.id } : {}),
  chunks: index.size,
};
if (args.flags.has('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
else for (const [key, value] of Object.entries(report)) console.log(`${key.padEnd(12)} ${value}`);
