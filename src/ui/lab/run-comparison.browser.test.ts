import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_RUNTIME, TINY } from '../../../test/browser-config';
import { fixture } from '../../../test/fixtures-browser';
import { startEmbedWorker } from '../../embed/embed-client';
import { DEFAULT_DECODING } from '../../generate/generator';
import { startGenerateWorker } from '../../generate/generate-client';
import { startIngestWorker } from '../../chunk/ingest-client';
import { DEFAULT_ANSWERABLE, NOT_FOUND } from '../../retrieve/answerable';
import { DEFAULT_RETRIEVAL } from '../../retrieve/hybrid';
import { startRerankWorker } from '../../retrieve/rerank-client';
import { addFile } from '../../store/add-files';
import { startIndexWorker } from '../../store/index-client';
import { NO_MODEL_BASELINE, runComparison, type ComparisonClients } from './run-comparison';
import { emptyAnswer, type AskState, type LabSettings } from './state';

const settings: LabSettings = {
  device: 'wasm',
  chunk: { size: 400, overlap: 40 },
  retrieval: { ...DEFAULT_RETRIEVAL, k: 10, rerank: true },
  decoding: { ...DEFAULT_DECODING, maxNewTokens: 64 },
  answerable: DEFAULT_ANSWERABLE,
  answerMode: 'auto',
  backend: 'exact',
  maxFileMb: 50,
  offlineOnly: true,
  ocr: false,
};
let clients: ComparisonClients;
const all: { terminate(): void }[] = [];

beforeAll(async () => {
  const load = { device: 'wasm' as const, config: TEST_RUNTIME };
  const embed = startEmbedWorker();
  const rerank = startRerankWorker();
  const generate = startGenerateWorker();
  const index = startIndexWorker();
  const ingest = startIngestWorker();
  all.push(embed, rerank, generate, index, ingest);
  const [info] = await Promise.all([
    embed.call('load', { model: TINY.embedder, ...load }),
    rerank.call('load', { model: TINY.reranker, ...load }),
    generate.call('load', { model: TINY.chat, ...load }),
  ]);
  const active = { chunk: settings.chunk, embedModel: TINY.embedder };
  await index.call('open', { dbName: `cmp-${crypto.randomUUID()}`, active, dims: info.dims, backend: 'exact' });
  for (const name of ['test.docx', 'pg26184.txt']) {
    const outcome = await addFile(name, await fixture(name), { ingest, index, embed }, { settings: active, dims: info.dims, config: TEST_RUNTIME });
    expect(outcome.status).toBe('added');
  }
  clients = { index, embed, rerank, generate };
});
afterAll(() => all.forEach((w) => w.terminate()));

async function run(question: string, overrides: Partial<ComparisonClients> = {}, onPatch?: (patch: Partial<AskState>, controller: AbortController) => void, options: LabSettings = settings) {
  const controller = new AbortController();
  let state: AskState = { question, status: 'retrieving', error: null, results: [], considered: [], retrievalTimings: null, answerability: null, sources: [], prompts: null, rag: emptyAnswer(), baseline: emptyAnswer() };
  const patches: Partial<AskState>[] = [];
  await runComparison(question, { ...clients, ...overrides }, options, (patch) => {
    patches.push(patch);
    state = { ...state, ...patch };
    onPatch?.(patch, controller);
  }, controller.signal);
  return { state, patches };
}

describe('a comparison with the tiny models in real workers', () => {
  it('streams both answers, budgets the prompt, links and checks citations, and times every step', async () => {
    const { state, patches } = await run('What is AutoGen and how do its agents converse?');
    const streamed = (side: 'rag' | 'baseline') => patches.filter((p) => p[side]?.streaming && p[side]!.text).map((p) => p[side]!.text);
    expect(streamed('rag').length).toBeGreaterThan(3);
    expect(streamed('baseline').length).toBeGreaterThan(3);
    expect(streamed('rag')[0]!.length).toBeLessThan(streamed('rag').at(-1)!.length);

    // Ten 400-token passages cannot fit a 2048-token context with 64 tokens for the answer.
    const prompts = state.prompts!;
    expect(prompts.rag.cut.length).toBeGreaterThan(0);
    expect(prompts.rag.tokens).toBeLessThanOrEqual(2048 - 64);
    expect(state.results.filter((r) => r.trace.cutByBudget)).toHaveLength(prompts.rag.cut.length);
    expect(prompts.baseline.prompt).not.toContain('Sources:');
    expect(state.results.every((r) => r.trace.rerankScore !== null)).toBe(true);

    expect(state.rag.text).toBe('Based on the provided sources [1], this answer is grounded.');
    const rag = state.rag.check!;
    expect(rag.sentences[0]!.cites).toEqual([1]);
    expect(['supported', 'uncited', 'unsupported']).toContain(rag.sentences[0]!.label);
    expect(state.sources[0]!.chunk.docName).toMatch(/test\.docx|pg26184\.txt/);
    expect(state.baseline.check!.sentences[0]!.invalidCites).toEqual([1]);

    const t = state.rag.timings!;
    expect(t.embedMs).toBeGreaterThan(0);
    expect(t.searchMs).toBeGreaterThanOrEqual(0);
    expect(t.rerankMs).toBeGreaterThan(0);
    expect(t.prefillMs).toBeGreaterThan(0);
    expect(t.prefillTokens).toBe(prompts.rag.tokens);
    expect(t.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(state.baseline.timings!.prefillTokens).toBe(prompts.baseline.tokens);
  });

  it('stops when asked, keeping what was written', async () => {
    // At a very high temperature the tiny model rambles up to max tokens, so only Stop can end it early.
    const rambling = { ...settings, decoding: { ...settings.decoding, doSample: true, temperature: 50, maxNewTokens: 400 } };
    const { state } = await run('What is AutoGen?', {}, (patch, controller) => {
      if (patch.rag?.streaming && patch.rag.text) controller.abort();
    }, rambling);
    expect(state.rag.note).toBe('Stopped.');
    expect(state.rag.text.length).toBeGreaterThan(0);
    expect(state.rag.stats!.stoppedBy).toBe('user');
    expect(state.rag.stats!.newTokens).toBeLessThan(400);
    expect(state.baseline.note).toMatch(/Stopped before the baseline/);
  });

  it('answers extractively without a language model, and says so on the baseline side', async () => {
    const { state } = await run('What should a saboteur do with oil in the turbine?', { generate: null });
    expect(state.rag.kind).toBe('extractive');
    expect(state.rag.text).toMatch(/\[\d+\]/);
    expect(state.rag.check!.groundedness).toBeGreaterThan(0.9);
    expect(state.baseline.note).toBe(NO_MODEL_BASELINE);
  });

  it('says "not found" instead of guessing when nothing relevant is retrieved', async () => {
    // Without the reranker the gate reads term coverage and cosine (the tiny reranker's logits are not calibrated).
    const { state } = await run('zyxwv plorfination of gribbles', { generate: null }, undefined, { ...settings, retrieval: { ...settings.retrieval, rerank: false } });
    expect(state.answerability!.answerable).toBe(false);
    expect(state.rag.text).toBe(NOT_FOUND);
  });
});
