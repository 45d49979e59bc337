/**
 * Question sets and corpora from text, for the page as well as the command line: the lab's JSONL
 * question format and BEIR's corpus.jsonl / queries.jsonl / qrels TSV.
 */
import { DocumentBuilder, type ParsedDocument } from '../ingest/types';
import type { QaItem } from './qa-report';

export function parseJsonl<T>(text: string, source: string): T[] {
  return text
    .split('\n')
    .map((line, i) => [line, i] as const)
    .filter(([line]) => line.trim())
    .map(([line, i]) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${source}, line ${i + 1}: not valid JSON. Each line must be one JSON object.`);
      }
    });
}

/** The lab's format: {"id"?, "question", "answers"?, "doc"?}; ids default to the line number. */
export function parseQuestionSet(text: string, source: string): QaItem[] {
  return parseJsonl<Partial<QaItem> & { _id?: string; text?: string }>(text, source).map((raw, i) => {
    const question = raw.question ?? raw.text;
    if (typeof question !== 'string' || !question.trim()) throw new Error(`${source}, line ${i + 1}: no "question" text.`);
    if (raw.answers !== undefined && (!Array.isArray(raw.answers) || raw.answers.some((a) => typeof a !== 'string'))) {
      throw new Error(`${source}, line ${i + 1}: "answers" must be a list of strings ([] means the library cannot answer).`);
    }
    const item: QaItem = { id: String(raw.id ?? raw._id ?? i + 1), question };
    if (raw.answers) item.answers = raw.answers;
    if (raw.doc ?? raw.doc_id) item.doc = String(raw.doc ?? raw.doc_id);
    return item;
  });
}

export interface CorpusRecord {
  id: string;
  title: string;
  text: string;
}

export function parseCorpus(text: string, source: string): CorpusRecord[] {
  return parseJsonl<{ _id: string; title?: string; text: string }>(text, source).map((d) => ({ id: String(d._id), title: d.title ?? '', text: d.text }));
}

/** A BEIR record as a document whose title is its first heading. */
export function corpusDocument(record: CorpusRecord): ParsedDocument {
  const doc = new DocumentBuilder();
  if (record.title) doc.heading(record.title, 1);
  doc.block('paragraph', record.text);
  const parsed = doc.build(record.id, 'text');
  if (record.title) parsed.title = record.title;
  return parsed;
}

/** query id → (doc id → relevance grade); a header line is skipped; 3 or 4 columns. */
export function parseQrels(text: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  const lines = text.split('\n').filter((l) => l.trim());
  const start = /^query[-_ ]?id/i.test(lines[0] ?? '') ? 1 : 0;
  for (const line of lines.slice(start)) {
    const cols = line.trim().split(/\t|\s+/);
    const [qid, docId, grade] = cols.length >= 4 ? [cols[0], cols[2], cols[3]] : [cols[0], cols[1], cols[2]];
    if (!qid || !docId) continue;
    if (!qrels.has(qid)) qrels.set(qid, new Map());
    qrels.get(qid)!.set(docId, Number(grade ?? 1));
  }
  return qrels;
}

/** BEIR queries with judgments as question items (retrieval metrics only: no gold answers). */
export function beirItems(queriesText: string, qrelsText: string, source: string): QaItem[] {
  const qrels = parseQrels(qrelsText);
  return parseJsonl<{ _id: string; text: string }>(queriesText, source)
    .filter((q) => qrels.has(String(q._id)))
    .map((q) => ({ id: String(q._id), question: q.text, judgments: Object.fromEntries(qrels.get(String(q._id))!) }));
}
