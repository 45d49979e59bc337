/** Runs a list of questions through the one ask pipeline for an experiment, with progress and cancel. */
import { askQuestion } from '../ask/pipeline';
import type { AskPorts } from '../ask/ports';
import type { AskSettings, AskState } from '../ask/types';
import { scoreItem, type QaRow } from '../eval/qa-report';
import { answersWithModel } from '../eval/run-qa';
import { memoryPorts, type MemoryLibrary } from './memory-library';
import type { ExperimentContext, TeachItem } from './types';

export interface ItemRun {
  item: TeachItem;
  state: AskState;
  row: QaRow;
}

export const portsFor = (ctx: ExperimentContext, library: MemoryLibrary = ctx.library): AskPorts => memoryPorts(library, ctx.models);

export async function runItems(
  ctx: ExperimentContext,
  items: TeachItem[],
  options: { settings?: AskSettings; library?: MemoryLibrary; label: string; offset?: number; total?: number },
): Promise<ItemRun[]> {
  const ports = portsFor(ctx, options.library);
  const settings = options.settings ?? ctx.settings;
  const withBaseline = answersWithModel(ports, settings);
  const out: ItemRun[] = [];
  const total = options.total ?? items.length;
  for (const item of items) {
    ctx.signal?.throwIfAborted();
    const state = await askQuestion(item.question, ports, settings, { cache: ctx.cache, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    ctx.signal?.throwIfAborted();
    out.push({ item, state, row: scoreItem(item, state, withBaseline) });
    ctx.onProgress?.((options.offset ?? 0) + out.length, total, options.label);
  }
  return out;
}

export const avg = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
export const pct = (x: number) => Math.round(x * 1000) / 10;
export const ms = (x: number) => Math.round(x * 10) / 10;

/** Which answer path ran and what a missing model would add, for the card. */
export function pathNote(ctx: ExperimentContext, settings: AskSettings = ctx.settings): string {
  const parts: string[] = [];
  parts.push(ctx.library.dense && ctx.models.embed ? `Hybrid search (BM25 + the embedding model)` : 'Keyword search (BM25); loading the embedding model adds meaning-based search');
  parts.push(ctx.models.rerank && settings.retrieval.rerank ? 'reranked by the cross-encoder' : 'no reranking');
  parts.push(settings.answerMode === 'auto' && ctx.models.generate ? 'answers written by the language model, next to its prompt-only baseline' : 'extractive answers (quoted sentences); loading a language model adds written answers and the prompt-only baseline');
  return `${parts.join('; ')}.`;
}

/** Share of items whose retrieved documents include the gold one (recall@k by document). */
export const docHit = (r: ItemRun, k: number) => (r.row.relevantRank !== null && r.row.relevantRank <= k ? 1 : 0);
