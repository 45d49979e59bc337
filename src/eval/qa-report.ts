/**
 * Question-answering figures from the ask pipeline's results, in one place for `eval:qa` and the
 * lab's evaluation panel, so the two report the same numbers for the same questions and corpus.
 *
 * An item's `answers` are its gold answers; `answers: []` means the library cannot answer and the
 * right response is to decline; no `answers` at all (a BEIR query) means only retrieval is judged.
 * Retrieval is judged by documents: an item's `doc` (a document id or file name) or BEIR `judgments`.
 */
import type { AnswerState, AskState } from '../ask/types';
import { isDecline } from '../cite/verdicts';
import { NOT_FOUND } from '../retrieve/answerable';
import { mean, mrrAt, ndcgAt, recallAt } from './metrics';
import { containsAnswer, exactMatch, f1Score } from './squad';

export interface QaItem {
  id: string;
  question: string;
  answers?: string[];
  /** The document the answer comes from (id or file name). */
  doc?: string;
  /** SQuAD's qa.jsonl names it doc_id. */
  doc_id?: string;
  /** Graded relevance per document (BEIR qrels). */
  judgments?: Record<string, number>;
}

export interface SideScore {
  text: string;
  declined: boolean;
  exactMatch: number | null;
  f1: number | null;
  contains: number | null;
  groundedness: number | null;
  faithful: string | null;
  relevant: string | null;
}

export interface QaRow {
  id: string;
  question: string;
  gold: string[] | null;
  doc: string | null;
  answerable: boolean;
  evidence: number | null;
  reason: string | null;
  /** Distinct documents in retrieval order: the top k first, then the other candidates. */
  ranking: string[];
  /** Names of the documents of the top-k passages, in order. */
  retrievedNames: string[];
  /** The grade of each ranked document (0 when not judged relevant); null without judgments. */
  grades: Record<string, number> | null;
  /** Rank (1-based) of the first relevant document in the ranking. */
  relevantRank: number | null;
  inContext: number | null;
  /** Extractive: the first answer sentence contains a gold answer. */
  sentence: number | null;
  rag: SideScore;
  baseline: SideScore | null;
}

export const declinedAnswer = (a: AnswerState) => a.text === NOT_FOUND || isDecline(a.text);
const plain = (text: string) => text.replace(/\s*\[[\d,\s–-]+\]/g, '');
const baseName = (name: string) => name.slice(name.lastIndexOf('/') + 1);

function side(a: AnswerState, gold: string[] | null, stripCitations: boolean): SideScore {
  const text = stripCitations ? plain(a.text) : a.text;
  const scored = gold && gold.length > 0;
  return {
    text: a.text,
    declined: declinedAnswer(a),
    exactMatch: scored ? exactMatch(text, gold) : null,
    f1: scored ? f1Score(text, gold) : null,
    contains: scored ? (containsAnswer(text, gold) ? 1 : 0) : null,
    groundedness: a.check?.groundedness ?? null,
    faithful: a.verdicts?.faithful.level ?? null,
    relevant: a.verdicts?.relevant.level ?? null,
  };
}

/** One question's figures. `withBaseline`: a language model answered, so the baseline is scored. */
export function scoreItem(item: QaItem, state: AskState, withBaseline: boolean): QaRow {
  const gold = item.answers ?? null;
  const ranking: string[] = [];
  const names = new Map<string, string>();
  for (const r of [...state.results, ...state.considered]) {
    if (!names.has(r.chunk.docId)) {
      names.set(r.chunk.docId, r.chunk.docName);
      ranking.push(r.chunk.docId);
    }
  }
  const target = item.doc ?? item.doc_id;
  const judged = item.judgments ?? (target ? { [target]: 1 } : null);
  let grades: Record<string, number> | null = null;
  if (judged) {
    // A judgment names a document by id or by file name; either matches.
    grades = {};
    for (const [key, grade] of Object.entries(judged)) {
      const docId = ranking.find((id) => id === key || names.get(id) === key || baseName(names.get(id) ?? '') === key) ?? key;
      grades[docId] = grade;
    }
  }
  const rank = grades ? ranking.findIndex((id) => (grades![id] ?? 0) > 0) : -1;
  const answerableGold = gold && gold.length > 0 ? gold : null;
  return {
    id: item.id,
    question: item.question,
    gold,
    doc: target ?? null,
    answerable: state.answerability?.answerable ?? false,
    evidence: state.answerability?.evidence ?? null,
    reason: state.answerability?.reason ?? null,
    ranking,
    retrievedNames: state.results.map((r) => r.chunk.docName),
    grades,
    relevantRank: rank >= 0 ? rank + 1 : null,
    inContext: answerableGold ? (containsAnswer(state.results.map((x) => x.chunk.text).join(' \n '), answerableGold) ? 1 : 0) : null,
    sentence: answerableGold && state.rag.kind === 'extractive' ? (state.rag.extract?.[0] && containsAnswer(state.rag.extract[0].text, answerableGold) ? 1 : 0) : null,
    rag: side(state.rag, gold, true),
    baseline: withBaseline ? side(state.baseline, gold, false) : null,
  };
}

export interface QaReportOptions {
  k: number;
  mode: 'extractive' | 'llm';
  retriever: string;
}

const round = (x: number) => Math.round(x * 10000) / 10000;
const share = (xs: number[]) => (xs.length ? round(mean(xs)) : null);
const judgedMap = (row: QaRow) => new Map(Object.entries(row.grades ?? {}));

/** Recall of the relevant documents at each cut 1…maxK, averaged over judged questions. */
export function recallCurve(rows: QaRow[], maxK: number): { k: number; recall: number }[] {
  const judged = rows.filter((r) => r.grades);
  return Array.from({ length: maxK }, (_, i) => ({ k: i + 1, recall: round(mean(judged.map((r) => recallAt(r.ranking, judgedMap(r), i + 1)))) }));
}

/** The aggregate report, exactly as `eval:qa --json` prints it. */
export function qaReport(rows: QaRow[], options: QaReportOptions): Record<string, unknown> {
  const { k } = options;
  const answerable = rows.filter((r) => r.gold && r.gold.length > 0);
  const unanswerable = rows.filter((r) => r.gold && r.gold.length === 0);
  const judged = rows.filter((r) => r.grades);
  const llm = options.mode === 'llm';
  const level = (xs: (string | null)[], ok: string[]) => xs.map((x) => (x && ok.includes(x) ? 1 : 0));
  return {
    n: rows.length,
    n_answerable: answerable.length,
    n_unanswerable: unanswerable.length,
    mode: options.mode,
    retriever: options.retriever,
    abstained_unanswerable: share(unanswerable.map((r) => (r.rag.declined ? 1 : 0))),
    abstained_answerable: share(answerable.map((r) => (r.rag.declined ? 1 : 0))),
    [`answer_in_context@${k}`]: share(answerable.map((r) => r.inContext ?? 0)),
    exact_match: share(answerable.map((r) => r.rag.exactMatch ?? 0)),
    f1: share(answerable.map((r) => r.rag.f1 ?? 0)),
    contains_answer: share(answerable.map((r) => r.rag.contains ?? 0)),
    groundedness: share(answerable.map((r) => r.rag.groundedness ?? 0)),
    faithful: share(level(answerable.map((r) => r.rag.faithful), ['faithful', 'quotation'])),
    relevant: share(level(answerable.map((r) => r.rag.relevant), ['relevant'])),
    ...(llm ? {} : { answer_sentence_contains_gold: share(answerable.map((r) => r.sentence ?? 0)) }),
    ...(judged.length
      ? {
          n_judged: judged.length,
          [`recall@${k}`]: share(judged.map((r) => recallAt(r.ranking, judgedMap(r), k))),
          [`mrr@${k}`]: share(judged.map((r) => mrrAt(r.ranking, judgedMap(r), k))),
          'ndcg@10': share(judged.map((r) => ndcgAt(r.ranking, judgedMap(r), 10))),
        }
      : {}),
    ...(llm
      ? {
          baseline: {
            exact_match: share(answerable.map((r) => r.baseline?.exactMatch ?? 0)),
            f1: share(answerable.map((r) => r.baseline?.f1 ?? 0)),
            contains_answer: share(answerable.map((r) => r.baseline?.contains ?? 0)),
            groundedness: share(answerable.map((r) => r.baseline?.groundedness ?? 0)),
            relevant: share(level(answerable.map((r) => r.baseline?.relevant ?? null), ['relevant'])),
            declined_unanswerable: share(unanswerable.map((r) => (r.baseline?.declined ? 1 : 0))),
          },
        }
      : {}),
  };
}

/** The report flattened to metric → value ("baseline.f1"), for tables and CSV. */
export function flatReport(report: Record<string, unknown>, prefix = ''): [string, string | number | null][] {
  return Object.entries(report).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? flatReport(value as Record<string, unknown>, `${prefix}${key}.`) : [[`${prefix}${key}`, value as string | number | null]],
  );
}

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' | ') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const QUESTION_COLUMNS = [
  'id', 'question', 'gold', 'doc', 'retrieved_docs', 'relevant_rank', 'answerable',
  'rag_answer', 'rag_declined', 'rag_exact_match', 'rag_f1', 'rag_contains_answer', 'rag_groundedness', 'rag_faithful', 'rag_relevant',
  'baseline_answer', 'baseline_declined', 'baseline_exact_match', 'baseline_f1', 'baseline_contains_answer', 'baseline_groundedness', 'baseline_relevant',
] as const;

/** Two tables in one file: "metric,value" (the aggregate report), a blank line, then one row per question. */
export function qaCsv(rows: QaRow[], report: Record<string, unknown>): string {
  const lines = ['metric,value', ...flatReport(report).map(([m, v]) => `${cell(m)},${cell(v)}`), '', QUESTION_COLUMNS.join(',')];
  for (const r of rows) {
    const b = r.baseline;
    lines.push(
      [
        r.id, r.question, r.gold, r.doc, r.retrievedNames, r.relevantRank, r.answerable,
        r.rag.text, r.rag.declined, r.rag.exactMatch, r.rag.f1, r.rag.contains, r.rag.groundedness, r.rag.faithful, r.rag.relevant,
        b?.text, b?.declined, b?.exactMatch, b?.f1, b?.contains, b?.groundedness, b?.relevant,
      ].map(cell).join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** The aggregate section of a CSV written by qaCsv, back as metric → value. */
export function readCsvMetrics(csv: string): Map<string, string> {
  const [head] = csv.split('\n\n');
  return new Map(head!.split('\n').slice(1).map((line) => {
    const comma = line.lastIndexOf(',');
    return [line.slice(0, comma), line.slice(comma + 1)] as [string, string];
  }));
}
