/**
 * The one ask pipeline, shared by the page and the command-line twins (`ask`, `eval:qa`):
 *
 *   retrieve → fuse → rerank → collapse duplicates → answerability → budgeted prompt → generate → verify
 *
 * so that k, reranking and every threshold are read in one place and the CLIs' numbers are the
 * page's numbers. The RAG answer and the prompt-only baseline come from the same model and
 * decoding settings, one after the other; without a language model the RAG side quotes sentences
 * (extractive) and the baseline says there is nothing to compare.
 */
import { judgeAnswer } from '../cite/verdicts';
import { answerSentences, quotationCheck, quotationText, verifyAnswer, type SourceForCheck } from '../cite/verify';
import { extractSentences } from '../generate/extractive';
import type { ChatMessage, GenerationStats } from '../generate/generator';
import { isAbortError } from '../models/protocol';
import { answerability, NOT_FOUND } from '../retrieve/answerable';
import { applyRerank, collapseDuplicates, finalCut, numberedSources, type QueryTerm, type RetrievedChunk } from '../retrieve/hybrid';
import { calibrations as measureCalibrations, type CalibrationCache } from './calibrate';
import type { AskPorts } from './ports';
import { emptyAnswer, newAskState, type AnswerState, type AnswerTimings, type AskSettings, type AskState, type UsedCalibrations } from './types';

import { EXTRACTIVE_NOTE, NO_MODEL_BASELINE, NOT_ASKED_NOTE } from './messages';

export { EXTRACTIVE_NOTE, NO_MODEL_BASELINE, NOT_ASKED_NOTE };

export interface AskOptions {
  signal?: AbortSignal;
  /** Called with each change, for streaming to a page. */
  onUpdate?: (patch: Partial<AskState>) => void;
  cache: CalibrationCache;
}

const noModelTimings = (base: Pick<AnswerTimings, 'embedMs' | 'searchMs' | 'rerankMs'>, totalMs: number): AnswerTimings => ({
  ...base,
  promptMs: 0,
  prefillMs: null,
  prefillTokens: null,
  decodeTokensPerSecond: null,
  newTokens: null,
  totalMs,
});

export async function askQuestion(question: string, ports: AskPorts, settings: AskSettings, options: AskOptions): Promise<AskState> {
  const { signal } = options;
  let state = newAskState(question);
  const update = (patch: Partial<AskState>) => {
    state = { ...state, ...patch };
    options.onUpdate?.(patch);
  };
  const started = performance.now();

  // Retrieve and fuse (in the index), then rerank here, where the cross-encoder is.
  let embedMs = 0;
  let vector: Float32Array | null = null;
  if (ports.embed && settings.retrieval.retriever !== 'bm25') {
    const t0 = performance.now();
    vector = (await ports.embed.embed([question], 'query', signal))[0]!;
    embedMs = performance.now() - t0;
  }
  const retrieval = { ...settings.retrieval, retriever: vector ? settings.retrieval.retriever : ('bm25' as const) };
  const wantsRerank = retrieval.rerank && !!ports.rerank;
  const outcome = await ports.search(question, vector, {
    ...retrieval,
    rerank: false,
    k: wantsRerank ? Math.max(retrieval.rerankTop, retrieval.k) : retrieval.k,
    minScore: wantsRerank ? null : retrieval.minScore,
  });
  let results = outcome.results;
  let rerankMs = 0;
  if (wantsRerank && results.length) {
    const t0 = performance.now();
    const head = results.slice(0, retrieval.rerankTop);
    const scores = await ports.rerank!.score(question, head.map((r) => r.chunk.text), signal);
    results = finalCut(collapseDuplicates(applyRerank(results, retrieval, scores)), retrieval);
    rerankMs = performance.now() - t0;
  }
  const searchMs = outcome.timings.bm25Ms + outcome.timings.denseMs + outcome.timings.fuseMs;
  const base = { embedMs, searchMs, rerankMs };
  update({
    results,
    considered: outcome.considered,
    retrievalTimings: { ...outcome.timings, embedMs, rerankMs },
    retrieverUsed: outcome.retriever,
    ...(outcome.note ? { retrievalNote: outcome.note } : {}),
  });

  // Answerability, on each model's own calibrated scale.
  const wants = { dense: vector !== null && results.some((r) => r.trace.denseScore !== null), rerank: wantsRerank && results.length > 0 };
  let used: UsedCalibrations = { denseQuery: null, denseSentence: null, rerank: null, note: null };
  if (wants.dense || wants.rerank) {
    update({ status: 'calibrating' });
    used = await measureCalibrations(ports, wants, options.cache, signal);
  }
  const gate = answerability(results, outcome.queryTerms, settings.answerable, { dense: used.denseQuery, rerank: used.rerank });
  update({ status: 'answering', answerability: gate, calibrations: used });

  let sources: RetrievedChunk[] = gate.answerable ? results : [];
  let rag: AnswerState;
  let baseline: AnswerState;
  const generate = settings.answerMode === 'auto' ? ports.generate ?? null : null;
  if (generate) {
    const prompts = await generate.prepare(question, results.map((r) => r.chunk), settings.decoding.maxNewTokens);
    for (const i of prompts.rag.cut) results[i]!.trace.cutByBudget = true;
    if (gate.answerable) sources = prompts.rag.used.map((i) => results[i]!);
    update({ prompts, sources, results: [...results] });
    const answer = async (messages: ChatMessage[], side: 'rag' | 'baseline'): Promise<AnswerState> => {
      const t0 = performance.now();
      let text = '';
      update({ [side]: { ...emptyAnswer(), kind: 'llm', streaming: true } });
      let stats: GenerationStats | null = null;
      try {
        stats = await generate.generate(
          messages,
          settings.decoding,
          (piece) => {
            text += piece;
            update({ [side]: { ...emptyAnswer(), kind: 'llm', streaming: true, text } });
          },
          signal,
          (done, total) => update({ [side]: { ...emptyAnswer(), kind: 'llm', streaming: true, text, prefill: done < total ? { done, total } : null } }),
        );
      } catch (error) {
        if (!isAbortError(error)) throw error;
      }
      const timings: AnswerTimings = {
        ...(side === 'rag' ? base : { embedMs: 0, searchMs: 0, rerankMs: 0 }),
        promptMs: prompts.buildMs[side],
        prefillMs: stats?.prefillMs ?? null,
        prefillTokens: stats?.promptTokens ?? null,
        decodeTokensPerSecond: stats?.tokensPerSecond ?? null,
        newTokens: stats?.newTokens ?? null,
        totalMs: (side === 'rag' ? embedMs + searchMs + rerankMs : 0) + prompts.buildMs[side] + (performance.now() - t0),
      };
      return { ...emptyAnswer(), kind: 'llm', text: stats?.text ?? text.trim(), stats, timings, note: stats?.stoppedBy === 'user' || signal?.aborted ? 'Stopped.' : null };
    };
    rag = gate.answerable
      ? await answer(prompts.rag.messages, 'rag')
      : { ...emptyAnswer(), kind: 'llm', text: NOT_FOUND, note: NOT_ASKED_NOTE, timings: noModelTimings(base, performance.now() - started) };
    update({ rag });
    baseline = signal?.aborted ? { ...emptyAnswer(), note: 'Stopped before the baseline started.' } : await answer(prompts.baseline.messages, 'baseline');
  } else {
    const t0 = performance.now();
    const extracted = gate.answerable ? extractSentences(question, numberedSources(results), 2, new Map(outcome.queryTerms.map((t) => [t.alias ?? t.term, t.idf])), new Map(outcome.queryTerms.flatMap((t) => (t.alias ? [[t.term, t.alias] as const] : [])))) : null;
    const text = extracted?.length ? quotationText(extracted) : NOT_FOUND;
    rag = {
      ...emptyAnswer(),
      kind: 'extractive',
      text,
      extract: extracted ?? null,
      note: text === NOT_FOUND ? null : EXTRACTIVE_NOTE,
      timings: noModelTimings(base, embedMs + searchMs + rerankMs + (performance.now() - t0)),
    };
    if (text === NOT_FOUND) sources = [];
    baseline = { ...emptyAnswer(), note: ports.generate ? 'Extractive mode is on: no model answer.' : NO_MODEL_BASELINE };
  }
  update({ status: 'verifying', rag, baseline, sources });

  const checked = await verify(ports, question, rag, baseline, sources, outcome.queryTerms, used);
  update({ status: 'done', ...checked });
  return state;
}

/** Checks both answers sentence by sentence against the sources, then gives each its two verdicts. */
async function verify(
  ports: AskPorts,
  question: string,
  rag: AnswerState,
  baseline: AnswerState,
  sources: RetrievedChunk[],
  queryTerms: QueryTerm[],
  used: UsedCalibrations,
): Promise<{ rag: AnswerState; baseline: AnswerState }> {
  const checkSources: SourceForCheck[] = numberedSources(sources);
  const texts = [rag.text, baseline.text];
  let vectors: Float32Array[][] | null = null;
  if (ports.embed && sources.length && used.denseSentence && (rag.kind === 'llm' || baseline.text)) {
    // The sources' vectors are already in the index; only the answers' sentences need embedding.
    const stored = await ports.embed.storedVectors(sources.map((r) => r.chunk.id));
    stored.forEach((v, i) => {
      if (v) checkSources[i]!.vector = v;
    });
    const sentences = texts.map((t) => answerSentences(t).map((s) => s.text.replace(/\[[^\]]*\]/g, '')));
    const flat = await ports.embed.embed(sentences.flat(), 'passage');
    let offset = 0;
    vectors = sentences.map((list) => list.map(() => flat[offset++]!));
  }
  const declined = (text: string) => !text || text === NOT_FOUND;
  const ragCheck = declined(rag.text)
    ? null
    : rag.kind === 'extractive' && rag.extract
      ? quotationCheck(rag.extract)
      : verifyAnswer(rag.text, checkSources, vectors?.[0], { calibration: used.denseSentence });
  const baseCheck = baseline.text ? verifyAnswer(baseline.text, checkSources, vectors?.[1], { citable: 0, calibration: used.denseSentence }) : null;
  return {
    rag: { ...rag, check: ragCheck, verdicts: judgeAnswer(rag.kind === 'extractive' ? 'extractive' : 'llm', rag.text, ragCheck, queryTerms, checkSources, question) },
    baseline: { ...baseline, check: baseCheck, verdicts: baseline.text ? judgeAnswer('baseline', baseline.text, baseCheck, queryTerms, checkSources, question) : null },
  };
}
