/** The command-line twins, run as a person would run them, on the repository's own fixtures. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const run = (script: string, args: string[]) =>
  exec('npx', ['tsx', `scripts/${script}.ts`, ...args], { maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

let data: string;
beforeAll(() => {
  data = mkdtempSync(join(tmpdir(), 'beir-'));
  const docs = [
    { _id: 'd1', title: 'Owls', text: 'Barn owls hunt mice at night using their excellent hearing.' },
    { _id: 'd2', title: 'Tax', text: 'Tax returns are due in April; late filing costs a penalty.' },
    { _id: 'd3', title: 'Bread', text: 'Sourdough bread rises slowly because wild yeast ferments the dough.' },
  ];
  writeFileSync(join(data, 'corpus.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n'));
  const queries = [
    { _id: 'q1', text: 'how do owls find mice' },
    { _id: 'q2', text: 'when are tax returns due' },
    { _id: 'q3', text: 'a query without judgments' },
  ];
  writeFileSync(join(data, 'queries.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n'));
  writeFileSync(join(data, 'qrels.tsv'), 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n');
  const qa = [
    { id: 'a', question: 'What do barn owls hunt at night?', answers: ['mice'] },
    { id: 'b', question: 'When are tax returns due?', answers: ['April'] },
  ];
  writeFileSync(join(data, 'qa.jsonl'), qa.map((q) => JSON.stringify(q)).join('\n'));
});

describe('command-line twins', () => {
  it('chunk: one JSON array of chunks, errors per file on stderr, exit 2', async () => {
    const r = await run('chunk', ['test/fixtures/docs/test.docx', 'test/fixtures/docs/password.pdf', 'test/fixtures/docs/test.pdf', '--size', '64', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: test\/fixtures\/docs\/password\.pdf: this PDF is password-protected/m);
    const chunks = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(new Set(chunks.map((c) => c.doc))).toEqual(new Set(['test/fixtures/docs/test.docx', 'test/fixtures/docs/test.pdf']));
    expect(Object.keys(chunks[0]!).sort()).toEqual(['doc', 'end', 'headings', 'ordinal', 'start', 'text', 'tokens']);
    expect(chunks.find((c) => c.doc === 'test/fixtures/docs/test.pdf')!.pages).toEqual([1, 1]);
    expect(chunks.every((c) => (c.tokens as number) <= 64)).toBe(true);
  });

  it('eval:retrieval: one JSON object, queries without judgments skipped', async () => {
    const r = await run('eval-retrieval', ['--corpus', join(data, 'corpus.jsonl'), '--queries', join(data, 'queries.jsonl'), '--qrels', join(data, 'qrels.tsv'), '--retriever', 'bm25', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ retriever: 'bm25', n_queries: 2, 'ndcg@10': 1, 'recall@10': 1, 'recall@100': 1, 'mrr@10': 1 });
    expect(report.ms_per_query).toBeGreaterThan(0);
  });

  it('ask: answer with citations, the baseline, and timings', async () => {
    const r = await run('ask', ['--corpus', join(data, 'corpus.jsonl'), 'What do barn owls hunt at night?', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.answer).toMatch(/mice.*\[1\]/);
    expect(out.citations[0]).toMatchObject({ n: 1, doc: 'd1' });
    expect(Object.keys(out.citations[0]).sort()).toEqual(['doc', 'end', 'n', 'score', 'start']);
    expect(out.baseline).toMatch(/No language model is loaded/);
    expect(out.timings.search_ms).toBeGreaterThanOrEqual(0);
  });

  it('ask: says "not found" rather than guessing', async () => {
    const r = await run('ask', ['--corpus', join(data, 'corpus.jsonl'), 'quantum chromodynamics of gluons', '--json']);
    expect(JSON.parse(r.stdout).answer).toBe('Not found in your documents.');
  });

  it('eval:qa: one JSON object of QA metrics', async () => {
    const r = await run('eval-qa', ['--qa', join(data, 'qa.jsonl'), '--corpus', join(data, 'corpus.jsonl'), '--mode', 'extractive', '--k', '2', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ n: 2, 'answer_in_context@2': 1, answer_sentence_contains_gold: 1, groundedness: 1 });
  });
});
