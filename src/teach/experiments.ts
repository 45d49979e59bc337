/**
 * Experiments 1–4 of the teaching lab: each runs a claim from RAG articles as a measurement over
 * the question set, through the one ask pipeline, and returns a chart, its table and a summary.
 */
import { DEFAULT_CHUNK_SETTINGS } from '../chunk/chunker';
import { mean, mrrAt, recallAt } from '../eval/metrics';
import { avg, docHit, ms, pathNote, pct, runItems } from './run-items';
import type { Experiment } from './types';

// A summary names a winner and a range only where the figures differ ("ranged 100–100 %" says nothing).
const allEqual = (values: number[]) => values.every((v) => v === values[0]);
const spread = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)} %`;

const answerable = <T extends { answers?: string[] }>(items: T[]): T[] => items.filter((i) => i.answers && i.answers.length > 0);

export const retrievalCost: Experiment = {
  id: 'cost',
  title: 'What retrieval costs',
  claim: 'Articles say retrieval adds 50–200 ms to a request.',
  plan: 'Asks every question of the set and times each stage: query embedding, search, reranking, prompt building, prefill and the rest of the answer.',
  async run(ctx) {
    const runs = await runItems(ctx, ctx.items, { label: 'questions' });
    const t = runs.map((r) => r.state.rag.timings).filter((x) => x !== null);
    const stage = (f: (x: (typeof t)[number]) => number) => ms(avg(t.map(f)));
    const embed = stage((x) => x.embedMs);
    const search = stage((x) => x.searchMs);
    const rerank = stage((x) => x.rerankMs);
    const prompt = stage((x) => x.promptMs);
    const prefill = stage((x) => x.prefillMs ?? 0);
    const total = stage((x) => x.totalMs);
    const rest = ms(Math.max(0, total - embed - search - rerank - prompt - prefill));
    const retrieval = ms(embed + search + rerank);
    const share = total > 0 ? pct(retrieval / total) : 0;
    const stages = ['Query embedding', 'Search', 'Reranking', 'Prompt', 'Prefill', 'Answer (rest)'];
    const values = [embed, search, rerank, prompt, prefill, rest];
    return {
      chart: { kind: 'bar', title: 'Mean time per stage (ms)', x: stages, xLabel: 'stage', yLabel: 'ms', series: [{ label: 'mean ms per question', values }], band: { from: 50, to: 200, label: 'articles: 50–200 ms' } },
      table: { columns: ['stage', 'mean ms'], rows: [...stages.map((s, i) => [s, values[i]!]), ['Retrieval (embedding + search + rerank)', retrieval], ['Total', total]] },
      summary: `Retrieval took ${retrieval} ms per question on average, ${share} % of the ${total} ms total, over ${runs.length} questions; the articles' figure is 50–200 ms. ${ctx.models.generate || ctx.models.embed ? 'Search itself is fast on a small library; the models (query embedding, prefill, decoding) take most of the time.' : 'Without models every stage is quick; load the embedding and language models to see where the time goes in a full RAG request.'}`,
      path: pathNote(ctx),
    };
  },
};

export const chunkSize: Experiment = {
  id: 'chunk-size',
  title: 'Chunk size',
  claim: 'Articles say chunking decides retrieval quality.',
  plan: 'Re-chunks a copy of the library at 64, 128, 256 and 512 tokens (15 % overlap), re-indexes it and asks the answerable questions: recall@k of the source document and whether the answer contains a gold answer.',
  async run(ctx) {
    const sizes = [64, 128, 256, 512];
    const items = answerable(ctx.items).filter((i) => i.doc);
    const k = ctx.settings.retrieval.k;
    const rows: (string | number)[][] = [];
    const recall: number[] = [];
    const quality: number[] = [];
    const reindex: number[] = [];
    for (const [i, size] of sizes.entries()) {
      const copy = await ctx.rebuild({ size, overlap: Math.round(size * 0.15) }, ctx.signal);
      const runs = await runItems(ctx, items, { library: copy, label: `${size} tokens`, offset: i * items.length, total: sizes.length * items.length });
      recall.push(pct(avg(runs.map((r) => docHit(r, k)))));
      quality.push(pct(avg(runs.map((r) => r.row.rag.contains ?? 0))));
      reindex.push(ms(copy.buildMs));
      rows.push([size, copy.index.size, recall.at(-1)!, quality.at(-1)!, reindex.at(-1)!]);
    }
    const best = sizes[recall.indexOf(Math.max(...recall))]!;
    return {
      chart: {
        kind: 'line', title: `Recall@${k} and answer quality by chunk size`, x: sizes, xLabel: 'chunk size (tokens)', yLabel: '%', rightLabel: 're-index ms',
        series: [{ label: `recall@${k} (%)`, values: recall }, { label: 'answer contains gold (%)', values: quality }, { label: 're-index time (ms)', values: reindex, right: true }],
      },
      table: { columns: ['chunk size', 'chunks', `recall@${k} %`, 'answer contains gold %', 're-index ms'], rows },
      summary: `${allEqual(recall) ? `Recall@${k} was ${recall[0]} % at every size` : `Recall@${k} was highest at ${best} tokens (${Math.max(...recall)} %) and ranged ${spread(recall)} over the sizes`}, while the answers' hit rate ${allEqual(quality) ? `was ${quality[0]} % at every size` : `ranged ${spread(quality)}`}. Small chunks find the exact sentence but lose context; large ones carry the answer but dilute the match. (Your library's own setting is ${DEFAULT_CHUNK_SETTINGS.size} tokens by default; it was not changed.)`,
      path: pathNote(ctx),
    };
  },
};

export const howManyChunks: Experiment = {
  id: 'k',
  title: 'How many chunks',
  claim: 'Articles say: give the model 5–10 chunks, not 50.',
  plan: 'Asks the answerable questions with k = 3, 5, 10 and 50 retrieved chunks: prompt (or context) tokens, prefill time, answer quality and groundedness.',
  async run(ctx) {
    const ks = [3, 5, 10, 50];
    const items = answerable(ctx.items);
    const tokens: number[] = [];
    const prefill: (number | null)[] = [];
    const quality: number[] = [];
    const grounded: number[] = [];
    const rows: (string | number | null)[][] = [];
    for (const [i, k] of ks.entries()) {
      const settings = { ...ctx.settings, retrieval: { ...ctx.settings.retrieval, k, candidates: Math.max(ctx.settings.retrieval.candidates, k) } };
      const runs = await runItems(ctx, items, { settings, label: `k = ${k}`, offset: i * items.length, total: ks.length * items.length });
      // With a model, the prompt it read; without, the retrieved passages' tokens (what a prompt would hold).
      tokens.push(Math.round(avg(runs.map((r) => r.state.prompts?.rag.tokens ?? r.state.results.reduce((s, x) => s + x.chunk.tokens, 0)))));
      const pf = runs.map((r) => r.state.rag.timings?.prefillMs).filter((x): x is number => typeof x === 'number');
      prefill.push(pf.length ? ms(avg(pf)) : null);
      quality.push(pct(avg(runs.map((r) => r.row.rag.contains ?? 0))));
      grounded.push(pct(avg(runs.map((r) => r.row.rag.groundedness ?? 0))));
      rows.push([k, tokens.at(-1)!, prefill.at(-1)!, quality.at(-1)!, grounded.at(-1)!]);
    }
    const withModel = prefill.some((p) => p !== null);
    return {
      chart: {
        kind: 'line', title: 'Context size and answer quality by k', x: ks, xLabel: 'k (chunks retrieved)', yLabel: '%', rightLabel: 'tokens',
        series: [{ label: 'answer contains gold (%)', values: quality }, { label: 'groundedness (%)', values: grounded }, { label: withModel ? 'prompt tokens' : 'context tokens', values: tokens, right: true }],
      },
      table: { columns: ['k', withModel ? 'prompt tokens' : 'context tokens', 'prefill ms', 'answer contains gold %', 'groundedness %'], rows },
      summary: `Going from k = 3 to k = 50 grew the ${withModel ? 'prompt' : 'context'} from ${tokens[0]} to ${tokens.at(-1)} tokens while answer quality ${quality[0] === quality.at(-1) ? `stayed at ${quality[0]} %` : `went from ${quality[0]} % to ${quality.at(-1)} %`}. More chunks cost tokens and prefill time${withModel ? ` (${prefill[0]} → ${prefill.at(-1)} ms)` : ''}; past the first few they rarely add the answer.`,
      path: `${pathNote(ctx)}${withModel ? '' : ' Prefill time needs a language model.'}`,
    };
  },
};

export const reranking: Experiment = {
  id: 'rerank',
  title: 'Reranking',
  claim: 'Articles say a reranker improves relevance by 15–35 %.',
  plan: 'Asks the answerable questions without and with the cross-encoder reranker: recall@k and MRR@k of the source document, and the gain in percent.',
  async run(ctx) {
    const items = answerable(ctx.items).filter((i) => i.doc);
    const k = ctx.settings.retrieval.k;
    const sides = ctx.models.rerank ? [false, true] : [false];
    const recall: number[] = [];
    const mrr: number[] = [];
    for (const [i, rerank] of sides.entries()) {
      const settings = { ...ctx.settings, retrieval: { ...ctx.settings.retrieval, rerank } };
      const runs = await runItems(ctx, items, { settings, label: rerank ? 'with reranker' : 'without reranker', offset: i * items.length, total: sides.length * items.length });
      const judged = runs.map((r) => ({ ranking: r.row.ranking, grades: new Map(Object.entries(r.row.grades ?? {})) }));
      recall.push(pct(mean(judged.map((j) => recallAt(j.ranking, j.grades, k)))));
      mrr.push(pct(mean(judged.map((j) => mrrAt(j.ranking, j.grades, k)))));
    }
    const gain = (a: number, b: number) => (a > 0 ? Math.round(((b - a) / a) * 1000) / 10 : null);
    const labels = sides.map((r) => (r ? 'with reranker' : 'without reranker'));
    return {
      chart: { kind: 'bar', title: `Recall@${k} and MRR@${k}, without and with reranking (%)`, x: [`recall@${k}`, `MRR@${k}`], xLabel: 'metric', yLabel: '%', series: labels.map((label, i) => ({ label, values: [recall[i]!, mrr[i]!] })) },
      table: { columns: ['run', `recall@${k} %`, `MRR@${k} %`], rows: labels.map((l, i) => [l, recall[i]!, mrr[i]!]) },
      summary: ctx.models.rerank
        ? `The reranker changed recall@${k} by ${gain(recall[0]!, recall[1]!) ?? '–'} % and MRR@${k} by ${gain(mrr[0]!, mrr[1]!) ?? '–'} % (relative), against the articles' 15–35 %. On a small library first-stage search already finds most sources, so the gain shows mostly in the order (MRR).`
        : `Without a reranker loaded only the first run could be measured: recall@${k} ${recall[0]} %, MRR@${k} ${mrr[0]} %. Load the reranker (Models) to measure the gain against the articles' 15–35 %.`,
      path: pathNote(ctx),
    };
  },
};
