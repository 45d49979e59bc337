/**
 * The evaluation panel's run: a question set through the one ask pipeline (src/eval/run-qa.ts, the
 * loop `eval:qa` runs), with eval:qa's report, a recall@k curve and the CSV export.
 */
import type { CalibrationCache } from '../ask/calibrate';
import type { AskPorts } from '../ask/ports';
import type { AskSettings, AskState } from '../ask/types';
import { qaCsv, qaReport, recallCurve, type QaItem, type QaRow } from '../eval/qa-report';
import { answersWithModel, runQa } from '../eval/run-qa';

export interface Evaluation {
  rows: QaRow[];
  report: Record<string, unknown>;
  curve: { k: number; recall: number }[];
  csv: string;
  cancelled: boolean;
}

export const CURVE_MAX_K = 20;

export async function runEvaluation(
  items: QaItem[],
  ports: AskPorts,
  settings: AskSettings,
  options: { cache: CalibrationCache; signal?: AbortSignal; onItem?: (done: number, total: number, row: QaRow, state: AskState) => void },
): Promise<Evaluation> {
  const rows = await runQa(items, ports, settings, options);
  const mode = answersWithModel(ports, settings) ? 'llm' : 'extractive';
  // The retriever that can run: dense needs an embedding model in the ports.
  const retriever = ports.embed ? settings.retrieval.retriever : 'bm25';
  const report = qaReport(rows, { k: settings.retrieval.k, mode, retriever });
  return { rows, report, curve: recallCurve(rows, CURVE_MAX_K), csv: qaCsv(rows, report), cancelled: rows.length < items.length };
}
