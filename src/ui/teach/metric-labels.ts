/**
 * eval:qa's metric keys in words a teacher reads, with shares as percentages. The key stays
 * beside each label: it is what the CSV and the command line print.
 */
const LABELS: Record<string, string> = {
  n: 'questions',
  n_answerable: 'answerable questions',
  n_unanswerable: 'questions the library cannot answer',
  n_judged: 'questions with graded documents',
  mode: 'answer mode',
  retriever: 'retriever',
  abstained_unanswerable: 'declined, of those it cannot answer (higher is better)',
  abstained_answerable: 'declined, of those it can answer (lower is better)',
  exact_match: 'answer is exactly a gold answer',
  f1: 'word overlap with the gold answer (F1)',
  contains_answer: 'answer contains a gold answer',
  groundedness: 'sentences backed by the passages',
  faithful: 'answers judged faithful',
  relevant: 'answers judged relevant',
  answer_sentence_contains_gold: 'first answer sentence contains a gold answer',
  declined_unanswerable: 'declined, of those it cannot answer',
};

/** Shares of questions or sentences, 0–1: shown as percentages (ranks and nDCG are not shares). */
const SHARE = /^(abstained_|exact_match$|f1$|contains_answer$|groundedness$|faithful$|relevant$|answer_sentence|declined_|answer_in_context@|recall@)/;

/** Metrics at a cut-off k ("recall@5"). */
const AT_K: Record<string, (k: string) => string> = {
  answer_in_context: (k) => `a gold answer in the top ${k} passages`,
  recall: (k) => `source document in the top ${k}`,
  mrr: (k) => `mean reciprocal rank of the source (top ${k})`,
  ndcg: (k) => `nDCG@${k} of the ranking`,
};

export function metricLabel(key: string): string {
  const [, side, name = ''] = /^(?:(baseline)\.)?(.*)$/.exec(key)!;
  const [, metric = '', k = ''] = /^(\w+)@(\d+)$/.exec(name) ?? [];
  const label = AT_K[metric]?.(k) ?? LABELS[name] ?? name;
  return side ? `baseline: ${label}` : label;
}

export function metricValue(key: string, value: string | number | null): string {
  if (value === null) return '–';
  const name = key.replace(/^baseline\./, '');
  if (typeof value === 'number' && SHARE.test(name)) return `${(value * 100).toFixed(1)} %`;
  return String(value);
}
