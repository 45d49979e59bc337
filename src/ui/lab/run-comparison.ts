/**
 * One question, answered twice: retrieval (query embedding, search, optional rerank), then the RAG
 * answer and the prompt-only baseline from the same model with the same settings, one after the
 * other, then both checked sentence by sentence against the retrieved chunks.
 * Without a language model, the RAG side extracts sentences and the baseline says so.
 */
import { verifyAnswer, answerSentences, type SourceForCheck } from '../../cite/verify';
import type { EmbedClient } from '../../embed/embed-client';
import { extractAnswer } from '../../generate/extractive';
import type { GenerateClient } from '../../generate/generate-client';
import type { GenerationStats } from '../../generate/generator';
import { isAbortError } from '../../models/protocol';
import { answerability, NOT_FOUND } from '../../retrieve/answerable';
import { applyRerank, finalCut, numberedSources, type RetrievedChunk } from '../../retrieve/hybrid';
import type { RerankClient } from '../../retrieve/rerank-client';
import type { IndexClient } from '../../store/index-client';
import { emptyAnswer, type AnswerState, type AnswerTimings, type AskState, type LabSettings } from './state';

export interface ComparisonClients {
  index: IndexClient;
  embed: EmbedClient | null;
  rerank: RerankClient | null;
  generate: GenerateClient | null;
}

export const NO_MODEL_BASELINE = 'No language model is loaded, so there is no prompt-only answer to compare. Load one under Models to see what the model says without your documents.';

export async function runComparison(
  question: string,
  clients: ComparisonClients,
  settings: LabSettings,
  update: (patch: Partial<AskState>) => void,
  signal: AbortSignal,
): Promise<void> {
  const started = performance.now();
  let embedMs = 0;
  let vector: Float32Array | null = null;
  if (clients.embed && settings.retrieval.retriever !== 'bm25') {
    const t0 = performance.now();
    vector = (await clients.embed.call('embed', { texts: [question], kind: 'query' }, { signal })).vectors;
    embedMs = performance.now() - t0;
  }
  const retrieval = { ...settings.retrieval, retriever: vector ? settings.retrieval.retriever : ('bm25' as const) };
  const wantsRerank = retrieval.rerank && clients.rerank !== null;
  const outcome = await clients.index.call('search', {
    query: question,
    vector,
    settings: { ...retrieval, k: wantsRerank ? Math.max(retrieval.rerankTop, retrieval.k) : retrieval.k, minScore: wantsRerank ? null : retrieval.minScore },
  });
  let results = outcome.results;
  let rerankMs = 0;
  if (wantsRerank && results.length) {
    const t0 = performance.now();
    const head = results.slice(0, retrieval.rerankTop);
    const scores = await clients.rerank!.call('score', { query: question, passages: head.map((r) => r.chunk.text) }, { signal });
    results = finalCut(applyRerank(results, retrieval, scores), retrieval);
    rerankMs = performance.now() - t0;
  }
  const searchMs = outcome.timings.bm25Ms + outcome.timings.denseMs + outcome.timings.fuseMs;
  const gate = answerability(question, results, settings.answerable);
  update({ status: 'answering', results, considered: outcome.considered, retrievalTimings: { ...outcome.timings, embedMs, rerankMs }, answerability: gate, ...(outcome.note ? { retrievalNote: outcome.note } : {}) });
  const base = { embedMs, searchMs, rerankMs };

  const useModel = clients.generate !== null && settings.answerMode === 'auto';
  let sources: RetrievedChunk[] = results;
  let rag: AnswerState;
  let baseline: AnswerState;
  if (useModel) {
    const prompts = await clients.generate!.call('prepare', {
      question,
      sources: results.map((r) => r.chunk),
      answerTokens: settings.decoding.maxNewTokens,
    });
    for (const i of prompts.rag.cut) results[i]!.trace.cutByBudget = true;
    sources = prompts.rag.used.map((i) => results[i]!);
    update({ prompts, sources, results: [...results] });
    const answer = async (messages: typeof prompts.rag.messages, side: 'rag' | 'baseline'): Promise<AnswerState> => {
      const t0 = performance.now();
      let text = '';
      update({ [side]: { ...emptyAnswer(), kind: 'llm', streaming: true } });
      let stats: GenerationStats | null = null;
      try {
        stats = await clients.generate!.call('generate', { messages, settings: settings.decoding }, {
          signal,
          onEvent: (piece) => {
            text += piece;
            update({ [side]: { ...emptyAnswer(), kind: 'llm', streaming: true, text } });
          },
        });
      } catch (error) {
        if (!isAbortError(error)) throw error;
      }
      const timings: AnswerTimings = {
        ...(side === 'rag' ? base : { embedMs: 0, searchMs: 0, rerankMs: 0 }),
        promptMs: prompts.buildMs,
        prefillMs: stats?.prefillMs ?? null,
        prefillTokens: stats?.promptTokens ?? null,
        decodeTokensPerSecond: stats?.tokensPerSecond ?? null,
        newTokens: stats?.newTokens ?? null,
        totalMs: (side === 'rag' ? embedMs + searchMs + rerankMs : 0) + prompts.buildMs + (performance.now() - t0),
      };
      return { ...emptyAnswer(), kind: 'llm', text: stats?.text ?? text.trim(), stats, timings, note: stats?.stoppedBy === 'user' || signal.aborted ? 'Stopped.' : null };
    };
    if (gate.answerable) {
      rag = await answer(prompts.rag.messages, 'rag');
    } else {
      rag = { ...emptyAnswer(), kind: 'llm', text: NOT_FOUND, note: 'Retrieval found nothing relevant enough, so the model was not asked.', timings: { ...base, promptMs: 0, prefillMs: null, prefillTokens: null, decodeTokensPerSecond: null, newTokens: null, totalMs: performance.now() - started } };
    }
    update({ rag });
    baseline = signal.aborted ? { ...emptyAnswer(), note: 'Stopped before the baseline started.' } : await answer(prompts.baseline.messages, 'baseline');
  } else {
    const t0 = performance.now();
    const extracted = gate.answerable ? extractAnswer(question, numberedSources(results)) : null;
    const text = extracted?.text || NOT_FOUND;
    rag = {
      ...emptyAnswer(),
      kind: 'extractive',
      text,
      note: 'Extractive answer: sentences copied from your documents, not written by a model.',
      timings: { ...base, promptMs: 0, prefillMs: null, prefillTokens: null, decodeTokensPerSecond: null, newTokens: null, totalMs: embedMs + searchMs + rerankMs + (performance.now() - t0) },
    };
    baseline = { ...emptyAnswer(), note: clients.generate ? 'Extractive mode is on: no model answer.' : NO_MODEL_BASELINE };
  }
  update({ status: 'verifying', rag, baseline, sources });

  const checkSources: SourceForCheck[] = numberedSources(sources);
  const texts = [rag.text, baseline.text];
  let vectors: Float32Array[][] | null = null;
  if (clients.embed && sources.length) {
    // The sources' vectors are already in the index; only the answers' sentences need embedding,
    // so the check can use meaning as well as words.
    const stored = await clients.index.call('vectors', { ids: sources.map((r) => r.chunk.id) });
    stored.forEach((v, i) => {
      if (v) checkSources[i]!.vector = v;
    });
    const sentences = texts.map((t) => answerSentences(t).map((s) => s.text.replace(/\[[^\]]*\]/g, '')));
    const { vectors: flat, dims } = await clients.embed.call('embed', { texts: sentences.flat(), kind: 'passage' });
    const row = (i: number) => flat.subarray(i * dims, (i + 1) * dims);
    let offset = 0;
    vectors = sentences.map((list) => list.map(() => row(offset++)));
  }
  update({
    status: 'done',
    rag: { ...rag, check: rag.text && rag.text !== NOT_FOUND ? verifyAnswer(rag.text, checkSources, vectors?.[0]) : null },
    baseline: { ...baseline, check: baseline.text ? verifyAnswer(baseline.text, checkSources, vectors?.[1], { citable: 0 }) : null },
  });
}
