/**
 * A mixed question set from SQuAD for the "decline what the library cannot answer" goals: half of
 * the articles are indexed, questions come from both halves, and those whose article is not in the
 * library carry `"answers": []` (the right response is to decline).
 *
 * The split is by article, fixed by a hash of the title, into four equal groups:
 *   indexed × {tune, test} and outside × {tune, test}.
 * Thresholds are tuned on `tune.jsonl` only; the quality gate reads `test.jsonl`, whose articles
 * (in and out of the library) were never looked at while tuning.
 *
 *   npm run -s mixed-set -- --squad <folder with corpus.jsonl and qa.jsonl> --out <folder>
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, usage } from '../cli/args.ts';
import { readJsonl } from '../cli/beir.ts';

interface CorpusLine { _id: string; title: string; text: string }
interface QaLine { id: string; question: string; answers: string[]; doc_id: string }

export type Group = 'indexed-tune' | 'indexed-test' | 'outside-tune' | 'outside-test';
const GROUPS: Group[] = ['indexed-tune', 'indexed-test', 'outside-tune', 'outside-test'];

export function splitArticles(titles: string[]): Map<string, Group> {
  const hash = (t: string) => createHash('sha256').update(t).digest('hex');
  const sorted = [...new Set(titles)].sort((a, b) => hash(a).localeCompare(hash(b)));
  return new Map(sorted.map((t, i) => [t, GROUPS[i % GROUPS.length]!]));
}

export function buildMixedSet(corpus: CorpusLine[], qa: QaLine[]) {
  const titleOf = new Map(corpus.map((d) => [d._id, d.title]));
  const groups = splitArticles(corpus.map((d) => d.title));
  const indexed = corpus.filter((d) => groups.get(d.title)!.startsWith('indexed'));
  const items = (split: 'tune' | 'test') =>
    qa
      .filter((q) => groups.get(titleOf.get(q.doc_id) ?? '')?.endsWith(split))
      .map((q) => {
        const inside = groups.get(titleOf.get(q.doc_id)!)!.startsWith('indexed');
        return { id: q.id, question: q.question, answers: inside ? q.answers : [], doc_id: inside ? q.doc_id : null };
      });
  return { corpus: indexed, tune: items('tune'), test: items('test'), groups };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2), ['--squad', '--out'], []);
  const squad = args.values.get('--squad') ?? usage('--squad <folder> is required');
  const out = args.values.get('--out') ?? usage('--out <folder> is required');
  const set = buildMixedSet(readJsonl<CorpusLine>(join(squad, 'corpus.jsonl')), readJsonl<QaLine>(join(squad, 'qa.jsonl')));
  mkdirSync(out, { recursive: true });
  const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(join(out, 'corpus.jsonl'), lines(set.corpus));
  writeFileSync(join(out, 'tune.jsonl'), lines(set.tune));
  writeFileSync(join(out, 'test.jsonl'), lines(set.test));
  const count = (rows: { answers: string[] }[]) => `${rows.filter((r) => r.answers.length).length} in-library + ${rows.filter((r) => !r.answers.length).length} out-of-library`;
  process.stderr.write(`${set.corpus.length} paragraphs indexed; tune: ${count(set.tune)}; test: ${count(set.test)}\n`);
  writeFileSync(join(out, 'split.json'), JSON.stringify(Object.fromEntries(set.groups), null, 2));
}
