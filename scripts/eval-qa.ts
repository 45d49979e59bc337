/**
 * Question-answering quality through the lab's own ask pipeline (the page's code path).
 *
 *   npm run -s eval:qa -- --qa qa.jsonl --corpus <corpus.jsonl | folder> [--mode extractive|llm] [--k 5]
 *       [--model <LLM id or folder>] [--embed-model <id or folder>] [--rerank-model <id or folder>]
 *       [--limit N] [--items-out FILE] [--json]
 *
 * Items are {"id", "question", "answers": [...]}; `"answers": []` means the library cannot answer
 * and the right response is to decline. Prints ONE JSON object: n, n_answerable, n_unanswerable,
 * abstained_unanswerable and abstained_answerable (shares of each kind that were declined), and on
 * answerable items only: answer_in_context@k (a gold answer occurs in the top-k chunks), exact_match
 * and f1 (SQuAD's), groundedness, faithful and relevant (shares of answers judged so), and
 * answer_sentence_contains_gold (extractive: the first answer sentence contains a gold answer; a
 * decline counts as a miss). With an LLM, "baseline" holds the same figures for the prompt-only
 * answers. --items-out writes one JSON line per question (answer, verdicts) for comparisons.
 */
import { writeFileSync } from 'node:fs';
import { memoryCalibrationCache } from '../src/ask/calibrate.ts';
import { askQuestion } from '../src/ask/pipeline.ts';
import type { AnswerState } from '../src/ask/types.ts';
import { isDecline } from '../src/cite/verdicts.ts';
import { Embedder } from '../src/embed/embedder.ts';
import { mean } from '../src/eval/metrics.ts';
import { containsAnswer, exactMatch, f1Score } from '../src/eval/squad.ts';
import { DEFAULT_DECODING, Generator } from '../src/generate/generator.ts';
import { DEFAULT_ANSWERABLE, NOT_FOUND } from '../src/retrieve/answerable.ts';
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
let items = readJsonl<{ id: string; question: string; answers?: string[] }>(args.values.get('--qa') ?? usage('--qa is required'));
if (args.values.has('--limit')) items = items.slice(0, intValue(args, '--limit', items.length));

const settings = {
  retrieval: { ...DEFAULT_RETRIEVAL, retriever: embedder ? ('hybrid' as const) : ('bm25' as const), k, rerank: reranker !== null },
  decoding: { ...DEFAULT_DECODING, maxNewTokens: intValue(args, '--max-new-tokens', 96) },
  answerable: DEFAULT_ANSWERABLE,
  answerMode: 'auto' as const,
};
const ports = nodePorts(index, { embedder, reranker, generator });
const cache = memoryCalibrationCache();
const declined = (a: AnswerState) => a.text === NOT_FOUND || isDecline(a.text);
const plain = (text: string) => text.replace(/\s*\[[\d,\s–-]+\]/g, '');
const rag = { inContext: [] as number[], em: [] as number[], f1: [] as number[], grounded: [] as number[], sentence: [] as number[], faithful: [] as number[], relevant: [] as number[] };
const base = { em: [] as number[], f1: [] as number[], grounded: [] as number[], relevant: [] as number[], declinedUnanswerable: [] as number[] };
const abstained = { unanswerable: [] as number[], answerable: [] as number[] };
const lines: string[] = [];
for (const [i, item] of items.entries()) {
  const answers = item.answers ?? [];
  const state = await askQuestion(item.question, ports, settings, { cache });
  const { rag: r, baseline: b } = state;
  const verdict = (a: AnswerState) => (a.verdicts ? { faithful: a.verdicts.faithful.level, relevant: a.verdicts.relevant.level } : null);
  lines.push(JSON.stringify({ id: item.id, question: item.question, answerable: state.answerability?.answerable ?? false, evidence: state.answerability?.evidence ?? null, reason: state.answerability?.reason ?? null, gold: answers, answer: r.text, verdicts: verdict(r), baseline: b.text, baseline_verdicts: verdict(b) }));
  if (answers.length === 0) {
    abstained.unanswerable.push(declined(r) ? 1 : 0);
    if (generator) base.declinedUnanswerable.push(declined(b) ? 1 : 0);
    continue;
  }
  abstained.answerable.push(declined(r) ? 1 : 0);
  rag.inContext.push(containsAnswer(state.results.map((x) => x.chunk.text).join(' \n '), answers) ? 1 : 0);
  rag.em.push(exactMatch(plain(r.text), answers));
  rag.f1.push(f1Score(plain(r.text), answers));
  rag.grounded.push(r.check?.groundedness ?? 0);
  rag.faithful.push(r.verdicts && ['faithful', 'quotation'].includes(r.verdicts.faithful.level) ? 1 : 0);
  rag.relevant.push(r.verdicts?.relevant.level === 'relevant' ? 1 : 0);
  if (!generator) rag.sentence.push(r.extract?.[0] && containsAnswer(r.extract[0].text, answers) ? 1 : 0);
  else {
    base.em.push(exactMatch(b.text, answers));
    base.f1.push(f1Score(b.text, answers));
    base.grounded.push(b.check?.groundedness ?? 0);
    base.relevant.push(b.verdicts?.relevant.level === 'relevant' ? 1 : 0);
  }
  if ((i + 1) % 500 === 0) log(`${i + 1}/${items.length} questions`);
}
if (args.values.has('--items-out')) writeFileSync(args.values.get('--items-out')!, lines.join('\n') + '\n');
const round = (x: number) => Math.round(x * 10000) / 10000;
const share = (xs: number[]) => (xs.length ? round(mean(xs)) : null);
const report: Record<string, unknown> = {
  n: items.length,
  n_answerable: abstained.answerable.length,
  n_unanswerable: abstained.unanswerable.length,
  mode,
  retriever: settings.retrieval.retriever,
  abstained_unanswerable: share(abstained.unanswerable),
  abstained_answerable: share(abstained.answerable),
  [`answer_in_context@${k}`]: share(rag.inContext),
  exact_match: share(rag.em),
  f1: share(rag.f1),
  groundedness: share(rag.grounded),
  faithful: share(rag.faithful),
  relevant: share(rag.relevant),
  ...(generator ? {} : { answer_sentence_contains_gold: share(rag.sentence) }),
  ...(generator
    ? { baseline: { exact_match: share(base.em), f1: share(base.f1), groundedness: share(base.grounded), relevant: share(base.relevant), declined_unanswerable: share(base.declinedUnanswerable) } }
    : {}),
};
if (args.flags.has('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
else console.log(JSON.stringify(report, null, 2));
