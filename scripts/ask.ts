/**
 * Command-line twin of the lab's Ask: retrieval, then a cited answer (extractive, or from a local
 * LLM) and the prompt-only baseline, with the latency breakdown.
 *
 *   npm run -s ask -- --corpus <corpus.jsonl | folder | file> [--mode extractive|llm]
 *       [--model <LLM id or folder>] [--embed-model <id or folder>] [--rerank-model <id or folder>]
 *       [--k 5] "question" [--json]
 *
 * Without --embed-model retrieval is BM25; with it, hybrid. Prints ONE JSON object with --json:
 * {"answer", "citations":[{"n","doc","start","end","score"}], "baseline", "timings"}.
 */
import { existsSync } from 'node:fs';
import { parseCitations } from '../src/cite/parse-citations.ts';
import { verifyAnswer } from '../src/cite/verify.ts';
import { Embedder } from '../src/embed/embedder.ts';
import { extractAnswer } from '../src/generate/extractive.ts';
import { DEFAULT_DECODING, Generator } from '../src/generate/generator.ts';
import { answerability, NOT_FOUND } from '../src/retrieve/answerable.ts';
import { DEFAULT_RETRIEVAL, numberedSources, retrieve, type RetrievedChunk } from '../src/retrieve/hybrid.ts';
import { Reranker } from '../src/retrieve/reranker.ts';
import { intValue, parseArgs, usage } from './cli/args.ts';
import { answerWithModel } from './cli/answer.ts';
import { beirDocuments, buildIndex, fileDocuments } from './cli/corpus-index.ts';
import { nodeTokenCounter, resolveNodeModel } from './cli/node-models.ts';

const args = parseArgs(process.argv.slice(2), ['--corpus', '--mode', '--model', '--embed-model', '--rerank-model', '--k', '--max-new-tokens'], ['--json', '--offline']);
const question = args.positionals.join(' ').trim() || usage('ask a question: npm run -s ask -- --corpus <path> "question"');
const corpusPath = args.values.get('--corpus') ?? usage('--corpus is required');
if (!existsSync(corpusPath)) usage(`--corpus ${corpusPath}: no such file or folder`);
const mode = args.values.get('--mode') ?? 'extractive';
if (mode !== 'extractive' && mode !== 'llm') usage('--mode must be extractive or llm');
const offline = args.flags.has('--offline');
const log = (m: string) => process.stderr.write(`${m}\n`);

const embedEntry = resolveNodeModel(args.values.get('--embed-model'), 'embed', offline);
const counter = await nodeTokenCounter(embedEntry);
const embedder = args.values.has('--embed-model') ? await Embedder.load(embedEntry, { device: 'cpu' }) : undefined;
const docs = corpusPath.endsWith('.jsonl') ? beirDocuments(corpusPath) : await fileDocuments(corpusPath, log);
const index = await buildIndex(docs, { counter, ...(embedder ? { embedder } : {}) });
const reranker = args.values.has('--rerank-model') ? await Reranker.load(resolveNodeModel(args.values.get('--rerank-model'), 'rerank', offline), { device: 'cpu' }) : null;
const generator = mode === 'llm' ? await Generator.load(resolveNodeModel(args.values.get('--model'), 'generate', offline), { device: 'cpu' }) : null;

const started = performance.now();
const settings = { ...DEFAULT_RETRIEVAL, retriever: embedder ? ('hybrid' as const) : ('bm25' as const), k: intValue(args, '--k', 5), rerank: reranker !== null };
const outcome = await retrieve(index, question, settings, {
  ...(embedder ? { embedQuery: async (q: string) => embedder.embed([q], 'query') } : {}),
  ...(reranker ? { rerank: (q: string, passages: string[]) => reranker.score(q, passages) } : {}),
});
const { results, timings } = outcome;
const gate = answerability(question, results);
const score = (r: RetrievedChunk) => r.trace.rerankScore ?? r.trace.denseScore ?? r.trace.bm25Score ?? r.trace.fusedScore;
const round = (x: number) => Math.round(x * 1000) / 1000;

let answer = NOT_FOUND;
let baseline = 'No language model is loaded, so there is no prompt-only answer to compare. Use --mode llm with a model.';
let citations: { n: number; doc: string; start: number; end: number; score: number }[] = [];
let generation: Record<string, unknown> = {};
let sources: RetrievedChunk[] = results;
if (gate.answerable && generator) {
  const out = await answerWithModel(question, results, { generator, settings: { ...DEFAULT_DECODING, maxNewTokens: intValue(args, '--max-new-tokens', 256) } });
  answer = out.answer;
  baseline = out.baseline;
  sources = out.used;
  const cited = new Set(parseCitations(answer, sources.length).markers.flatMap((m) => m.numbers));
  citations = [...cited].filter((n) => n >= 1 && n <= sources.length).sort((a, b) => a - b).map((n) => {
    const r = sources[n - 1]!;
    return { n, doc: r.chunk.docId, start: r.chunk.start, end: r.chunk.end, score: round(score(r)) };
  });
  const stats = (s: typeof out.rag) => ({ prompt_tokens: s.promptTokens, prefill_ms: round(s.prefillMs), new_tokens: s.newTokens, decode_tokens_per_s: round(s.tokensPerSecond), total_ms: round(s.prefillMs + s.decodeMs) });
  generation = { prompt_ms: round(out.promptMs), rag: stats(out.rag), baseline: stats(out.base) };
} else if (gate.answerable) {
  const extracted = extractAnswer(question, numberedSources(results));
  answer = extracted.text ? `${extracted.text}` : NOT_FOUND;
  citations = extracted.sentences.map((s) => {
    const r = results[s.n - 1]!;
    return { n: s.n, doc: r.chunk.docId, start: r.chunk.start + s.start, end: r.chunk.start + s.end, score: round(score(r)) };
  });
}
const check = verifyAnswer(answer, numberedSources(sources));
const report = {
  answer,
  mode: generator ? 'llm' : 'extractive',
  citations,
  baseline,
  groundedness: round(check.groundedness),
  retrieval: { retriever: settings.retriever, coverage: round(gate.coverage), answerable: gate.answerable },
  timings: {
    embed_ms: round(timings.embedMs),
    search_ms: round(timings.bm25Ms + timings.denseMs + timings.fuseMs),
    rerank_ms: round(timings.rerankMs),
    ...generation,
    total_ms: round(performance.now() - started),
  },
};
if (args.flags.has('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  console.log(`Answer (${report.mode}): ${answer}\n`);
  for (const c of citations) console.log(`  [${c.n}] ${c.doc} ${c.start}–${c.end} (score ${c.score})`);
  console.log(`\nBaseline: ${baseline}\n\nGroundedness: ${Math.round(check.groundedness * 100)} %   Timings: ${JSON.stringify(report.timings)}`);
}
