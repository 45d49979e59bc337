/**
 * The evaluation panel's figures equal `eval:qa`'s on the same 50 SQuAD questions and corpus: the
 * panel's code (memory library, runEvaluation, CSV) in process, the CLI as a child process.
 * Needs the shared SQuAD data; skipped where it is absent.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { memoryCalibrationCache } from '../ask/calibrate';
import { chunkDocument } from '../chunk/chunker';
import { readCsvMetrics, flatReport } from '../eval/qa-report';
import { corpusDocument, parseCorpus, parseQuestionSet } from '../eval/question-sets';
import { DEFAULT_DECODING } from '../generate/generator';
import { DEFAULT_ANSWERABLE } from '../retrieve/answerable';
import { DEFAULT_RETRIEVAL } from '../retrieve/hybrid';
import { nodeTokenCounter, resolveNodeModel } from '../../scripts/cli/node-models';
import { runEvaluation } from './evaluation';
import { buildMemoryLibrary, memoryPorts } from './memory-library';

const SQUAD = join(__dirname, '..', '..', '..', 'shared', 'eval-data', 'squad-v1.1-dev-half');
const exec = promisify(execFile);

describe.skipIf(!existsSync(SQUAD))('evaluation panel and eval:qa', () => {
  it('give the same figures on a 50-question SQuAD sample', async () => {
    const all = readFileSync(join(SQUAD, 'qa.jsonl'), 'utf8').split('\n').filter(Boolean);
    // Every 100th question: 50 questions spread over the articles.
    const sample = all.filter((_, i) => i % 100 === 0).slice(0, 50);
    const dir = mkdtempSync(join(tmpdir(), 'eval-agree-'));
    const qaPath = join(dir, 'qa.jsonl');
    writeFileSync(qaPath, sample.join('\n') + '\n');
    const corpusPath = join(SQUAD, 'corpus.jsonl');

    const cli = exec('npx', ['tsx', 'scripts/eval-qa.ts', '--qa', qaPath, '--corpus', corpusPath, '--k', '5', '--json'], { maxBuffer: 1 << 24 });

    const counter = await nodeTokenCounter(resolveNodeModel(undefined, 'embed', true));
    const docs = parseCorpus(readFileSync(corpusPath, 'utf8'), 'corpus.jsonl').map((r) => ({ docId: r.id, parsed: corpusDocument(r), tags: [] }));
    const library = await buildMemoryLibrary(docs, { size: 256, overlap: 38 }, { chunk: async (doc, docId, s) => chunkDocument(doc, docId, counter, s) });
    const settings = { retrieval: { ...DEFAULT_RETRIEVAL, retriever: 'bm25' as const, k: 5 }, decoding: { ...DEFAULT_DECODING, maxNewTokens: 96 }, answerable: DEFAULT_ANSWERABLE, answerMode: 'auto' as const };
    const panel = await runEvaluation(parseQuestionSet(sample.join('\n'), 'qa.jsonl'), memoryPorts(library, {}), settings, { cache: memoryCalibrationCache() });

    const report = JSON.parse((await cli).stdout) as Record<string, unknown>;
    expect(report.n).toBe(50);
    const fromCsv = readCsvMetrics(panel.csv);
    const expected = new Map(flatReport(report).map(([k, v]) => [k, v === null ? '' : String(v)]));
    expect(Object.fromEntries(fromCsv)).toEqual(Object.fromEntries(expected));
    // The figures carry information (not all zero), and the table has one row per question.
    expect(Number(fromCsv.get('recall@5'))).toBeGreaterThan(0.5);
    expect(panel.rows).toHaveLength(50);
    for (const line of sample) expect(panel.csv).toContain(`\n${JSON.parse(line).id},`);
  }, 180_000);
});
