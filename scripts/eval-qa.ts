/**
 * Question-answering quality through the lab's own ask pipeline (the page's code path).
 *
 *   npm run -s eval:qa -- --qa qa.jsonl --corpus <corpus.jsonl | folder> [--mode extractive|llm] [--k 5]
 *       [--model <LLM id or folder>] [--embed-model <id or folder>] [--rerank-model <id or folder>]
 *       [--limit N] [--items-out FILE] [--json]
 *
 * Items are {"id", "question", "answers": [...], "doc"?}; `"answers": []` means the library cannot
 * answer and the right response is to decline. The loop and every figure come from src/eval
 * (run-qa.ts, qa-report.ts), which the lab's evaluation panel runs too. Prints ONE JSON object: n, n_answerable, n_unanswerable,
 * abstained_unanswerable and abstained_answerable (shares of each kind that were declined), and on
 * answerable items only: answer_in_context@k (a gold answer occurs in the top-k chunks), exact_match
 * and f1 (SQuAD's), groundedness, faithful and relevant (shares of answers judged so), and
 * answer_sentence_contains_gold (extractive: the first answer sentence contains a gold answer; a
 * decline counts as a miss), contains_answer; where items name their document (doc / doc_id),
 * recall@k, mrr@k and ndcg@10 of that document. With an LLM, "baseline" holds the same figures for the prompt-only
 * answers. --items-out writes one JSON line per question (answer, verdicts, and whether the gold answer was in the
 * context and in the first sentence) for comparisons.
 */
import { writeFileSync } from 'node:fs';
import { memoryCalibrationCache } from '../src/ask/calibrate.ts';
import { Embedder } from '../src/embed/embedder.ts';
import { qaReport, type QaItem } from '../src/eval/qa-report.ts';
import { runQa } from '../src/eval/run-qa.ts';
import { DEFAULT_DECODING, Generator } from '../src/generate/generator.ts';
import { DEFAULT_ANSWERABLE } from '../src/retrieve/answerable.ts';
import { DEFAULT_RETRIEVAL } from '../src/retrieve/hybrid.ts';
import { Reranker } from '../src/retrieve/reranker.ts';
import { intValue, parseArgs, usage } from './cli/args.ts';
import { readJsonl } from './cli/beir.ts';
import { beirDocuments, buildIndex, fileDocuments } from './cli/corpus-index.ts';
import { nodeTokenCounter, resolveNodeModel } from './cli/node-models.ts';
import { nodePorts } from './cli/node-ports.ts';

const args = parseArgs(process.argv.slice(2), ['--qa', '--corpus', '--mode', '--k', '--model', '--embed-model', '--rerank-model', '--limit', '--max-new-tokens', '--items-out'], ['--json', '--offline']);
const mode = args.values.get('--mode') ?? 'extractive';
if (mode !== 'extractive' && mode !== 'llm') usage('--mode must be extractive or llm');
const k = intValue(args, '--k', 5);
const offline = args.flags.has('--offline');
const log = (m: string) => process.stderr.write(`${m}\n`);

const embedEntry = resolveNodeModel(args.values.get('--embed-model'), 'embed', offline);
const counter = await nodeTokenCounter(embedEntry);
const embedder = args.values.has('--embed-model') ? await Embedder.load(embedEntry, { device: 'cpu' }) : null;
const corpusPath = args.values.get('--corpus') ?? usage('--corpus is required (a BEIR corpus.jsonl, or a folder of documents)');
const docs = corpusPath.endsWith('.jsonl') ? beirDocuments(corpusPath) : await fileDocuments(corpusPath, log);
const index = await buildIndex(docs, { counter, ...(embedder ? { embedder } : {}), onProgress: log });
const reranker = args.values.has('--rerank-model') ? await Reranker.load(resolveNodeModel(args.values.get('--rerank-model'), 'rerank', offline), { device: 'cpu' }) : null;
const generator = mode === 'llm' ? await Generator.load(resolveNodeModel(args.values.get('--model'), 'generate', offline), { device: 'cpu' }) : null;
let items = readJsonl<QaItem>(args.values.get('--qa') ?? usage('--qa is required'));
if (args.values.has('--limit')) items = items.slice(0, intValue(args, '--limit', items.length));

const settings = {
  retrieval: { ...DEFAULT_RETRIEVAL, retriever: embedder ? ('hybrid' as const) : ('bm25' as const), k, rerank: reranker !== null },
  decoding: { ...DEFAULT_DECODING, maxNewTokens: intValue(args, '--max-new-tokens', 96) },
  answerable: DEFAULT_ANSWERABLE,
  answerMode: 'auto' as const,
};
const ports = nodePorts(index, { embedder, reranker, generator });
const rows = await runQa(items, ports, settings, {
  cache: memoryCalibrationCache(),
  onItem: (done, total) => done % 500 === 0 && log(`${done}/${total} questions`),
});
if (args.values.has('--items-out')) {
  const verdict = (v: { faithful: string | null; relevant: string | null } | null) => (v && v.faithful ? { faithful: v.faithful, relevant: v.relevant } : null);
  const lines = rows.map((r) => JSON.stringify({ id: r.id, question: r.question, answerable: r.answerable, evidence: r.evidence, reason: r.reason, gold: r.gold, doc: r.doc, in_context: r.inContext, sentence: r.sentence, answer: r.rag.text, verdicts: verdict(r.rag), baseline: r.baseline?.text ?? '', baseline_verdicts: verdict(r.baseline) }));
  writeFileSync(args.values.get('--items-out')!, lines.join('\n') + '\n');
}
const report = qaReport(rows, { k, mode, retriever: settings.retrieval.retriever });
if (args.flags.has('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
else console.log(JSON.stringify(report, null, 2));
