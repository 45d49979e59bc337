/**
 * Question-answering quality with the lab's retrieval and answer code.
 *
 *   npm run -s eval:qa -- --qa qa.jsonl --corpus corpus.jsonl [--mode extractive|llm] [--k 5]
 *       [--model <LLM id or folder>] [--embed-model <id or folder>] [--limit N] [--json]
 *
 * Prints ONE JSON object: n, answer_in_context@k (a gold answer occurs in the top-k chunks),
 * exact_match and f1 (SQuAD's), groundedness (share of answer sentences the retrieved chunks
 * support), answer_sentence_contains_gold (extractive: the first answer sentence contains a gold
 * answer). With an LLM, "baseline" holds the same figures for the prompt-only answers.
 */
import { verifyAnswer } from '../src/cite/verify.ts';
import { Embedder } from '../src/embed/embedder.ts';
import { mean } from '../src/eval/metrics.ts';
import { containsAnswer, exactMatch, f1Score } from '../src/eval/squad.ts';
import { extractAnswer } from '../src/generate/extractive.ts';
import { Generator, DEFAULT_DECODING } from '../src/generate/generator.ts';
import { answerability, NOT_FOUND } from '../src/retrieve/answerable.ts';
import { DEFAULT_RETRIEVAL, numberedSources, retrieve } from '../src/retrieve/hybrid.ts';
import { intValue, parseArgs, usage } from './cli/args.ts';
import { readJsonl } from './cli/beir.ts';
import { answerWithModel, type QaModels } from './cli/answer.ts';
import { beirDocuments, buildIndex } from './cli/corpus-index.ts';
import { nodeTokenCounter, resolveNodeModel } from './cli/node-models.ts';

const args = parseArgs(process.argv.slice(2), ['--qa', '--corpus', '--mode', '--k', '--model', '--embed-model', '--limit', '--max-new-tokens'], ['--json', '--offline']);
const mode = args.values.get('--mode') ?? 'extractive';
if (mode !== 'extractive' && mode !== 'llm') usage('--mode must be extractive or llm');
const k = intValue(args, '--k', 5);
const log = (m: string) => process.stderr.write(`${m}\n`);

const embedEntry = resolveNodeModel(args.values.get('--embed-model'), 'embed', args.flags.has('--offline'));
const counter = await nodeTokenCounter(embedEntry);
const embedder = args.values.has('--embed-model') ? await Embedder.load(embedEntry, { device: 'cpu' }) : undefined;
const index = await buildIndex(beirDocuments(args.values.get('--corpus') ?? usage('--corpus is required')), { counter, ...(embedder ? { embedder } : {}), onProgress: log });
let items = readJsonl<{ id: string; question: string; answers: string[] }>(args.values.get('--qa') ?? usage('--qa is required'));
if (args.values.has('--limit')) items = items.slice(0, intValue(args, '--limit', items.length));

let models: QaModels | null = null;
if (mode === 'llm') {
  const entry = resolveNodeModel(args.values.get('--model'), 'generate', args.flags.has('--offline'));
  models = { generator: await Generator.load(entry, { device: 'cpu' }), settings: { ...DEFAULT_DECODING, maxNewTokens: intValue(args, '--max-new-tokens', 96) } };
}

const settings = { ...DEFAULT_RETRIEVAL, retriever: embedder ? ('hybrid' as const) : ('bm25' as const), k };
const embedQuery = embedder ? async (q: string) => embedder.embed([q], 'query') : undefined;
const rag = { inContext: [] as number[], em: [] as number[], f1: [] as number[], grounded: [] as number[], sentence: [] as number[] };
const base = { em: [] as number[], f1: [] as number[], grounded: [] as number[] };
for (const [i, item] of items.entries()) {
  const { results } = await retrieve(index, item.question, settings, embedQuery ? { embedQuery } : {});
  rag.inContext.push(containsAnswer(results.map((r) => r.chunk.text).join(' \n '), item.answers) ? 1 : 0);
  const sources = numberedSources(results);
  const gate = answerability(item.question, results);
  let answer: string;
  if (!gate.answerable) answer = NOT_FOUND;
  else if (models) {
    const out = await answerWithModel(item.question, results, models);
    answer = out.answer;
    base.em.push(exactMatch(out.baseline, item.answers));
    base.f1.push(f1Score(out.baseline, item.answers));
    base.grounded.push(verifyAnswer(out.baseline, sources).groundedness);
  } else {
    const extracted = extractAnswer(item.question, sources);
    answer = extracted.text;
    rag.sentence.push(extracted.sentences[0] && containsAnswer(extracted.sentences[0].text, item.answers) ? 1 : 0);
  }
  if (!gate.answerable && !models) rag.sentence.push(0);
  const plain = answer.replace(/\s*\[[\d,\s–-]+\]/g, '');
  rag.em.push(exactMatch(plain, item.answers));
  rag.f1.push(f1Score(plain, item.answers));
  rag.grounded.push(verifyAnswer(answer, sources).groundedness);
  if ((i + 1) % 500 === 0) log(`${i + 1}/${items.length} questions`);
}
const r = (x: number) => Math.round(x * 10000) / 10000;
const report: Record<string, unknown> = {
  n: items.length,
  mode,
  [`answer_in_context@${k}`]: r(mean(rag.inContext)),
  exact_match: r(mean(rag.em)),
  f1: r(mean(rag.f1)),
  groundedness: r(mean(rag.grounded)),
  ...(mode === 'extractive' ? { answer_sentence_contains_gold: r(mean(rag.sentence)) } : {}),
  ...(models ? { baseline: { n: base.em.length, exact_match: r(mean(base.em)), f1: r(mean(base.f1)), groundedness: r(mean(base.grounded)) } } : {}),
};
if (args.flags.has('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
else console.log(JSON.stringify(report, null, 2));
