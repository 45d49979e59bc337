/** Reads BEIR-format benchmark files: corpus.jsonl, queries.jsonl and qrels TSV (with a header line). */
import { readFileSync } from 'node:fs';

export interface BeirDoc {
  id: string;
  title: string;
  text: string;
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${path}:${i + 1}: not valid JSON`);
      }
    });
}

export function readCorpus(path: string): BeirDoc[] {
  return readJsonl<{ _id: string; title?: string; text: string }>(path).map((d) => ({ id: String(d._id), title: d.title ?? '', text: d.text }));
}

export function readQueries(path: string): Map<string, string> {
  return new Map(readJsonl<{ _id: string; text: string }>(path).map((q) => [String(q._id), q.text]));
}

/** query id → (doc id → relevance grade). Lines with grade ≤ 0 are kept as non-relevant. */
export function readQrels(path: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());
  const start = /^query[-_ ]?id/i.test(lines[0] ?? '') ? 1 : 0;
  for (const line of lines.slice(start)) {
    const cols = line.split('\t');
    const [qid, docId, grade] = cols.length >= 4 ? [cols[0], cols[2], cols[3]] : [cols[0], cols[1], cols[2]];
    if (!qid || !docId) continue;
    if (!qrels.has(qid)) qrels.set(qid, new Map());
    qrels.get(qid)!.set(docId, Number(grade ?? 1));
  }
  return qrels;
}
