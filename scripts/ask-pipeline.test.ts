/**
 * The ask pipeline as the command-line twins run it: the shared verdict cases through `eval:qa`
 * itself, the Australia answer judged faithful-and-irrelevant, duplicates collapsed, declining in
 * LLM mode with the tiny chat model, and verdicts that do not depend on an embedder's cosine scale.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORCED_AUSTRALIA, NO_SEARCHABLE_WORDS, VERDICT_CASES } from '../test/verdict-cases';
import { memoryCalibrationCache } from '../src/ask/calibrate';
import { askQuestion } from '../src/ask/pipeline';
import { Embedder } from '../src/embed/embedder';
import { DEFAULT_DECODING } from '../src/generate/generator';
import { findModel } from '../src/models/catalog';
import { DEFAULT_ANSWERABLE, NOT_FOUND } from '../src/retrieve/answerable';
import { DEFAULT_RETRIEVAL } from '../src/retrieve/hybrid';
import { buildIndex, fileDocuments } from './cli/corpus-index';
import { nodeTokenCounter, resolveNodeModel } from './cli/node-models';
import { nodePorts } from './cli/node-ports';

const exec = promisify(execFile);
const FIXTURES = 'test/fixtures/verdicts';
const settings = { retrieval: { ...DEFAULT_RETRIEVAL, retriever: 'bm25' as const }, decoding: { ...DEFAULT_DECODING, maxNewTokens: 32 }, answerable: DEFAULT_ANSWERABLE, answerMode: 'auto' as const };

async function library(embedder?: Embedder) {
  const counter = await nodeTokenCounter(resolveNodeModel(undefined, 'embed', true));
  return buildIndex(await fileDocuments(FIXTURES, () => {}), { counter, ...(embedder ? { embedder } : {}) });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verdicts-'));
  writeFileSync(join(dir, 'qa.jsonl'), VERDICT_CASES.map((c, i) => JSON.stringify({ id: `c${i}`, question: c.question, answers: c.answerable ? ['x'] : [] })).join('\n'));
});

describe('the ask pipeline from the command line', () => {
  it('eval:qa gives the shared cases their verdicts, and reports abstentions by kind', async () => {
    const items = join(dir, 'items.jsonl');
    const { stdout } = await exec('npx', ['tsx', 'scripts/eval-qa.ts', '--qa', join(dir, 'qa.jsonl'), '--corpus', FIXTURES, '--items-out', items, '--json']);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ n: VERDICT_CASES.length, n_unanswerable: 3, abstained_unanswerable: 1, abstained_answerable: 0 });
    const got = readFileSync(items, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    for (const [i, c] of VERDICT_CASES.entries()) {
      expect({ q: c.question, answerable: got[i].answerable, ...got[i].verdicts }).toEqual({ q: c.question, answerable: c.answerable, faithful: c.faithful, relevant: c.relevant });
      if (!c.answerable) expect(got[i].answer).toBe(NOT_FOUND);
    }
  }, 120_000);

  it('reads a misspelt question term as the library spells it, to find, judge and quote', async () => {
    const docs = mkdtempSync(join(tmpdir(), 'typo-'));
    writeFileSync(join(docs, 'rivers.txt'), 'The Elm river feeds the town mill. The reservoir is fed by the Ash river, which feeds it all year.');
    const counter = await nodeTokenCounter(resolveNodeModel(undefined, 'embed', true));
    const index = await buildIndex(await fileDocuments(docs, () => {}), { counter });
    const state = await askQuestion('Which river feeds the resevoir?', nodePorts(index, {}), settings, { cache: memoryCalibrationCache() });
    expect(state.rag.extract?.[0]?.text).toBe('The reservoir is fed by the Ash river, which feeds it all year.');
  });

  it('judges the Moby-Dick quotation for "capital of Australia" faithful and irrelevant when the gate is off', async () => {
    const index = await library();
    const forced = { ...settings, answerable: { minEvidence: 0, maxMissingShare: 1 } };
    const state = await askQuestion(FORCED_AUSTRALIA.question, nodePorts(index, {}), forced, { cache: memoryCalibrationCache() });
    expect(state.rag.text).toMatch(/Australia/);
    expect(state.rag.verdicts!.faithful.level).toBe(FORCED_AUSTRALIA.faithful);
    expect(state.rag.verdicts!.relevant.level).toBe(FORCED_AUSTRALIA.relevant);
    expect(state.rag.verdicts!.relevant.summary).toBe(FORCED_AUSTRALIA.relevantSummary);
    // Why it would have declined, in the question's words.
    expect(state.answerability!.reason).toMatch(/not in the best passage: Australia\.$/);
    // Hard-wrapped lines do not break the quoted sentences apart.
    expect(state.rag.check!.sentences.length).toBe(state.rag.extract!.length);
  });

  it('says why a question of common words alone is declined', async () => {
    const state = await askQuestion(NO_SEARCHABLE_WORDS.question, nodePorts(await library(), {}), settings, { cache: memoryCalibrationCache() });
    expect(state.rag.text).toBe(NOT_FOUND);
    expect(state.answerability!.reason).toMatch(NO_SEARCHABLE_WORDS.reason);
  });

  it('collapses a near-copy of a passage: one copy reaches the answer, the other is noted', async () => {
    const index = await library();
    const state = await askQuestion('How do barn owls find their prey in the dark?', nodePorts(index, {}), settings, { cache: memoryCalibrationCache() });
    const owlSources = state.sources.filter((r) => r.chunk.docName.includes('barn-owls'));
    expect(owlSources).toHaveLength(1);
    const collapsed = state.considered.filter((r) => r.trace.duplicateOf !== null);
    expect(collapsed.map((r) => r.chunk.docName)).toEqual(expect.arrayContaining([expect.stringMatching(/barn-owls/)]));
    const quoted = state.rag.extract!.map((s) => s.text);
    expect(new Set(quoted).size).toBe(quoted.length);
  });

  it('declines in LLM mode without asking the model, while the baseline answers from its own prompt', async () => {
    const { stdout } = await exec('npx', ['tsx', 'scripts/ask.ts', '--corpus', FIXTURES, '--mode', 'llm', '--model', 'test/models-tiny/offline-rag-lab/tiny-chat', '--max-new-tokens', '24', '--json', 'What is the capital of Australia?']);
    const out = JSON.parse(stdout);
    expect(out.answer).toBe(NOT_FOUND);
    expect(out.answerable).toBe(false);
    expect(out.citations).toEqual([]);
    expect(out.timings.rag).toBeNull();
    expect(out.baseline.length).toBeGreaterThan(0);
    expect(out.baseline_verdicts.faithful).toBe('no-sources');
  }, 120_000);

  it('gives the same verdicts with two embedders whose cosine scales differ (calibrated per model and library)', async () => {
    const results = [];
    for (const name of ['a', 'b']) {
      // (Resolving the CLI's token counter points transformers.js at public/models: point it back.)
      env.localModelPath = resolve('test/models-tiny') + '/';
      env.allowRemoteModels = false;
      const embedder = await Embedder.load(findModel(`offline-rag-lab/tiny-embedder-scale-${name}`), { device: 'cpu' });
      const index = await library(embedder);
      const ports = nodePorts(index, { embedder });
      const cache = memoryCalibrationCache();
      const hybrid = { ...settings, retrieval: { ...settings.retrieval, retriever: 'hybrid' as const } };
      const states = [];
      for (const c of VERDICT_CASES) states.push(await askQuestion(c.question, ports, hybrid, { cache }));
      results.push(states);
    }
    const [a, b] = results as [Awaited<ReturnType<typeof askQuestion>>[], Awaited<ReturnType<typeof askQuestion>>[]];
    // The raw scales differ a lot: unrelated passages sit near 0.1 for one and near 0.7 for the other.
    const background = (s: (typeof a)[number]) => s.calibrations!.denseQuery!.background.mean;
    expect(background(a[0]!)).toBeLessThan(0.25);
    expect(background(b[0]!)).toBeGreaterThan(0.6);
    for (let i = 0; i < VERDICT_CASES.length; i++) {
      expect(a[i]!.answerability!.details.bestDense).not.toBeCloseTo(b[i]!.answerability!.details.bestDense!, 2);
      expect(a[i]!.answerability!.details.denseCalibrated).toBeCloseTo(b[i]!.answerability!.details.denseCalibrated!, 3);
      expect(b[i]!.answerability!.answerable).toBe(a[i]!.answerability!.answerable);
      expect(b[i]!.rag.verdicts).toEqual(a[i]!.rag.verdicts);
    }
  }, 120_000);
});
