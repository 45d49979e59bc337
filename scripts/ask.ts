/**
 * Command-line twin of the lab's Ask, through the same ask pipeline as the page: retrieval, the
 * answerability decision, a cited answer (extractive, or from a local LLM) and the prompt-only
 * baseline, both checked and judged (faithful / relevant), with the latency breakdown.
 *
 *   npm run -s ask -- --corpus <corpus.jsonl | folder | file> [--mode extractive|llm]
 *       [--model <LLM id or folder>] [--embed-model <id or folder>] [--rerank-model <id or folder>]
 *       [--k 5] "question" [--json]
 *
 * Without --embed-model retrieval is BM25; with it, hybrid. Prints ONE JSON object with --json:
 * {"answer", "answerable", "verdicts", "citations":[{"n","doc","start","end","score"}], "baseline", "timings", …}.
 */
import { existsSync } from 'node:fs';
import { memoryCalibrationCache } from '../src/ask/calibrate.ts';
import { askQuestion } from '../src/ask/pipeline.ts';
import { parseCitations } from '../src/cite/parse-citations.ts';
import { Embedder } from '../src/embed/embedder.ts';
import { DEFAULT_DECODING, Generator } from '../src/generate/generator.ts';
import { DEFAULT_ANSWERABLE } from '../src/retrieve/answerable.ts';
import { DEFAULT_RETRIEVAL, type RetrievedChunk } from '../src/retrieve/hybrid.ts';
import { Reranker } from '../src/retrieve/reranker.ts';
import { intValue, parseArgs, usage } from './cli/args.ts';
import { beirDocuments, buildIndex, fileDocuments } from './cli/corpus-index.ts';
import { nodeTokenCounter, resolveNodeModel } from './cli/node-models.ts';
import { nodePorts } from './cli/node-ports.ts';

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
const embedder = args.values.has('--embed-model') ? await Embedder.load(embedEntry, { device: 'cpu' }) : null;
const docs = corpusPath.endsWith('.jsonl') ? beirDocuments(corpusPath) : await fileDocuments(corpusPath, log);
const index = await buildIndex(docs, { counter, ...(embedder ? { embedder } : {}) });
const reranker = args.values.has('--rerank-model') ? await Reranker.load(resolveNodeModel(args.values.get('--rerank-model'), 'rerank', offline), { device: 'cpu' }) : null;
const generator = mode === 'llm' ? await Generator.load(resolveNodeModel(args.values.get('--model'), 'generate', offline), { device: 'cpu' }) : null;

const started = performance.now();
const settings = {
  retrieval: { ...DEFAULT_RETRIEVAL, retriever: embedder ? ('hybrid' as const) : ('bm25' as const), k: intValue(args, '--k', 5), rerank: reranker !== null },
  decoding: { ...DEFAULT_DECODING, maxNewTokens: intValue(args, '--max-new-tokens', 256) },
  answerable: DEFAULT_ANSWERABLE,
  answerMode: 'auto' as const,
};
const state = await askQuestion(question, nodePorts(index, { embedder, reranker, generator }), settings, { cache: memoryCalibrationCache() });
const { rag, baseline, sources } = state;
const score = (r: RetrievedChunk) => r.trace.rerankScore ?? r.trace.denseScore ?? r.trace.bm25Score ?? r.trace.fusedScore;
const round = (x: number) => Math.round(x * 1000) / 1000;
const citations = rag.extract
  ? rag.extract.map((s) => {
      const r = sources[s.n - 1]!;
      return { n: s.n, doc: r.chunk.docId, start: r.chunk.start + s.start, end: r.chunk.start + s.end, score: round(score(r)) };
    })
  : [...new Set(parseCitations(rag.text, sources.length).markers.flatMap((m) => m.numbers))]
      .filter((n) => n >= 1 && n <= sources.length)
      .sort((a, b) => a - b)
      .map((n) => {
        const r = sources[n - 1]!;
        return { n, doc: r.chunk.docId, start: r.chunk.start, end: r.chunk.start + r.chunk.text.length, score: round(score(r)) };
      });
const stats = (s: typeof rag.stats) => (s ? { prompt_tokens: s.promptTokens, prefill_ms: round(s.prefillMs), new_tokens: s.newTokens, decode_tokens_per_s: round(s.tokensPerSecond), total_ms: round(s.prefillMs + s.decodeMs) } : null);
const verdicts = (a: typeof rag) => (a.verdicts ? { faithful: a.verdicts.faithful.level, relevant: a.verdicts.relevant.level, relevance: a.verdicts.relevant.score === null ? null : round(a.verdicts.relevant.score) } : null);
const t = state.retrievalTimings!;
const report = {
  answer: rag.text,
  mode: generator ? 'llm' : 'extractive',
  answerable: state.answerability!.answerable,
  verdicts: verdicts(rag),
  citations,
  baseline: baseline.text || baseline.note,
  baseline_verdicts: verdicts(baseline),
  groundedness: round(rag.check?.groundedness ?? 0),
  retrieval: { retriever: state.retrieverUsed, evidence: state.answerability!.evidence, threshold: state.answerability!.threshold, reason: state.answerability!.reason },
  timings: {
    embed_ms: round(t.embedMs),
    search_ms: round(t.bm25Ms + t.denseMs + t.fuseMs),
    rerank_ms: round(t.rerankMs),
    ...(generator ? { prompt_ms: round(state.prompts?.buildMs.rag ?? 0), rag: stats(rag.stats), baseline: stats(baseline.stats) } : {}),
    total_ms: round(performance.now() - started),
  },
};
if (args.flags.has('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  console.log(`Answer (${report.mode}): ${rag.text}\n`);
  for (const c of citations) console.log(`  [${c.n}] ${c.doc} ${c.start}–${c.end} (score ${c.score})`);
  if (rag.verdicts) console.log(`\nFaithful: ${rag.verdicts.faithful.level} — ${rag.verdicts.faithful.summary}\nRelevant: ${rag.verdicts.relevant.level} — ${rag.verdicts.relevant.summary}`);
  console.log(`\nRetrieval: ${report.retrieval.reason}\n\nBaseline: ${report.baseline}\n\nTimings: ${JSON.stringify(report.timings)}`);
}
