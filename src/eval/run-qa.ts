/**
 * Runs a question set through the one ask pipeline and scores each answer: the loop behind both
 * `eval:qa` and the lab's evaluation panel (same pipeline, same scoring, same report).
 */
import type { CalibrationCache } from '../ask/calibrate';
import { askQuestion } from '../ask/pipeline';
import type { AskPorts } from '../ask/ports';
import type { AskSettings, AskState } from '../ask/types';
import { scoreItem, type QaItem, type QaRow } from './qa-report';

export interface RunQaOptions {
  cache: CalibrationCache;
  signal?: AbortSignal;
  onItem?: (done: number, total: number, row: QaRow, state: AskState) => void;
}

/** Whether the baseline gets scored: only when a language model answers. */
export const answersWithModel = (ports: AskPorts, settings: AskSettings) => settings.answerMode === 'auto' && !!ports.generate;

export async function runQa(items: QaItem[], ports: AskPorts, settings: AskSettings, options: RunQaOptions): Promise<QaRow[]> {
  const rows: QaRow[] = [];
  const withBaseline = answersWithModel(ports, settings);
  for (const item of items) {
    if (options.signal?.aborted) break;
    const state = await askQuestion(item.question, ports, settings, { cache: options.cache, ...(options.signal ? { signal: options.signal } : {}) });
    const row = scoreItem(item, state, withBaseline);
    rows.push(row);
    options.onItem?.(rows.length, items.length, row, state);
  }
  return rows;
}
