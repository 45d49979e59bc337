/**
 * Hybrid retrieval: BM25 and dense candidates fused by reciprocal rank, optionally reranked by a
 * cross-encoder, filtered, thresholded and cut to k. Every result carries its trace, so the lab's
 * inspector can show why a chunk made it (or did not).
 */
import { jaccard, NEAR_DUPLICATE_JACCARD, normalizeForDedupe, shingles } from '../chunk/dedupe';
import type { DocType } from '../ingest/types';
import { analyze, foldAccents, termWords } from '../index/analyze';
import { stemSlip, swapVariants } from '../index/spelling';
import { dot } from '../index/vector-math';
import type { IndexedChunk, LibraryIndex } from './library-index';

export type RetrieverKind = 'bm25' | 'dense' | 'hybrid';

export interface RetrievalSettings {
  retriever: RetrieverKind;
  k: number;
  /** Candidates taken from each list before fusion. */
  candidates: number;
  /** The RRF constant: score = Σ 1 / (rrfK + rank). */
  rrfK: number;
  rerank: boolean;
  /** How many fused candidates the cross-encoder reads. */
  rerankTop: number;
  /** Results below this are dropped: cosine for dense/hybrid, BM25 score for bm25, logit when reranked. */
  minScore: number | null;
  docIds?: ReadonlySet<string>;
  types?: ReadonlySet<DocType>;
}

export const DEFAULT_RETRIEVAL: RetrievalSettings = {
  retriever: 'hybrid',
  k: 5,
  candidates: 50,
  rrfK: 60,
  rerank: false,
  rerankTop: 20,
  minScore: null,
};

export interface RetrievalTrace {
  bm25Rank: number | null;
  bm25Score: number | null;
  denseRank: number | null;
  denseScore: number | null;
  fusedRank: number;
  fusedScore: number;
  rerankScore: number | null;
  /** Set by prompt building: the chunk was retrieved but did not fit the context budget. */
  cutByBudget: boolean;
  /** Set when the passage repeats (nearly) the text of a better-ranked one, which is kept instead. */
  duplicateOf: string | null;
}

export interface RetrievedChunk {
  chunk: IndexedChunk;
  trace: RetrievalTrace;
}

export interface RetrievalTimings {
  embedMs: number;
  bm25Ms: number;
  denseMs: number;
  fuseMs: number;
  rerankMs: number;
  totalMs: number;
}

export interface RetrievalModels {
  /** Query → unit vector (with the model's query prefix). */
  embedQuery?: (query: string) => Promise<Float32Array>;
  /** One relevance logit per passage. */
  rerank?: (query: string, passages: string[]) => Promise<number[]>;
}

/** A content term of the query and its weight in this library (idf; highest when the library lacks it). */
export interface QueryTerm {
  term: string;
  /** The question's own word for the term, for people to read ("disastrous", not "disastr"). */
  word: string;
  idf: number;
  /** The library's spelling of a term it lacks (a typo in the question), counted as the term. */
  alias?: string;
  /** That spelling as a word people can read ("capital", where the alias is the stem "capit"). */
  aliasWord?: string;
  /** A word that shapes the question ("how many", "which country"), weighed a quarter: never reported as missing. */
  phrasing?: true;
}

/**
 * The question's word as people read it, with the library's reading where a typo was corrected:
 * "Austrlaia (read as Australia)", which is what was looked for. `quote` wraps each word.
 */
export function termAsRead(t: Pick<QueryTerm, 'word' | 'alias' | 'aliasWord'>, quote = (w: string) => w): string {
  const reading = t.aliasWord ?? t.alias;
  return reading ? `${quote(t.word)} (read as ${quote(reading)})` : quote(t.word);
}

/**
 * Words that shape a question rather than name its subject ("how much", "what does X stand for",
 * "is short for"): they weigh a quarter, so a passage is not judged on them.
 */
const QUESTION_PHRASING = new Set(['mani', 'much', 'mean', 'call', 'name', 'stand', 'short', 'kind', 'type', 'refer', 'describ', 'exampl', 'term', 'els', 'known', 'consid', 'locat']);

/**
 * Nouns that, right after "what" or "which", name the kind of answer wanted ("Which country…",
 * "What year…"): the passage names the country, seldom the word "country".
 */
const ANSWER_KINDS = new Set(analyze('country countries city cities year years century decade month day date state nation region place location area town team company person people group organization type kind sort'));

function answerKindTerms(query: string): Set<string> {
  const out = new Set<string>();
  for (const m of query.toLowerCase().matchAll(/\b(?:what|which)\s+([\p{L}]+)/gu)) {
    const [term] = analyze(m[1]!);
    if (term && ANSWER_KINDS.has(term)) out.add(term);
  }
  return out;
}

/**
 * How the library spells a question word it lacks: its nearest term within one slip (two for long
 * words), or, where two swapped letters broke the stemmer ("captial" keeps the suffix that
 * "capital" loses), the term of the word with those letters put back. `word` is that term as
 * people read it, in the question's case ("Austrlaia" → "Australia", not "australia").
 */
function spellingInLibrary(index: LibraryIndex, term: string, written: string): { alias: string; word: string } | null {
  const typed = foldAccents(written);
  // Numbers and codes are not misspelt words: "1753" is never "1573".
  if (!/^\p{L}+$/u.test(typed)) return null;
  const maxEdits = (t: string) => (t.length >= 8 ? 2 : 1);
  let found: { alias: string; word: string } | null = null;
  // A four-letter word is read back only through a swap ("owsl" as "owls"): any other single edit
  // turns most of them into another word ("barn" and "bark").
  const alias = term.length >= 5 ? index.bm25.nearestTerm(term, maxEdits(term)) : null;
  if (alias) found = { alias, word: stemSlip(alias, typed, maxEdits(term))?.word ?? alias };
  else {
    for (const unswapped of swapVariants(typed)) {
      const terms = analyze(unswapped);
      if (terms.length === 1 && index.bm25.documentFrequency(terms[0]!) > 0) {
        found = { alias: terms[0]!, word: unswapped };
        break;
      }
    }
  }
  if (found && /^\p{Lu}/u.test(written)) found.word = found.word[0]!.toUpperCase() + found.word.slice(1);
  return found;
}

export function weighQueryTerms(index: LibraryIndex, query: string): QueryTerm[] {
  const kinds = answerKindTerms(query);
  const words = termWords(query);
  return [...new Set(analyze(query))].map((term) => {
    const word = words.get(term) ?? term;
    let idf = index.bm25.idf(term);
    const spelling = index.bm25.documentFrequency(term) === 0 && term.length >= 4 ? spellingInLibrary(index, term, word) : null;
    if (spelling) idf = index.bm25.idf(spelling.alias);
    const phrasing = QUESTION_PHRASING.has(term) || kinds.has(term);
    if (phrasing) idf /= 4;
    return { term, word, idf, ...(spelling ? { alias: spelling.alias, aliasWord: spelling.word } : {}), ...(phrasing ? { phrasing: true as const } : {}) };
  });
}

export interface RetrievalOutcome {
  /** Set when the search could not be run as asked (e.g. vectors still loading). */
  note?: string;
  results: RetrievedChunk[];
  /** The retriever that actually ran (BM25 stands in while vectors load). */
  retriever: RetrieverKind;
  queryTerms: QueryTerm[];
  /** Candidates considered before the cut to k, with traces (for the inspector). */
  considered: RetrievedChunk[];
  timings: RetrievalTimings;
}

const now = () => performance.now();

export async function retrieve(index: LibraryIndex, query: string, settings: RetrievalSettings, models: RetrievalModels = {}): Promise<RetrievalOutcome> {
  const started = now();
  const timings: RetrievalTimings = { embedMs: 0, bm25Ms: 0, denseMs: 0, fuseMs: 0, rerankMs: 0, totalMs: 0 };
  let docFilter = settings.docIds ? new Set(settings.docIds) : undefined;
  if (settings.types) {
    const ofType = index.documentsOfType(settings.types);
    docFilter = docFilter ? new Set([...docFilter].filter((d) => ofType.has(d))) : ofType;
  }
  const useBm25 = settings.retriever !== 'dense';
  const useDense = settings.retriever !== 'bm25';
  if (useDense && (!index.vectors || !models.embedQuery)) {
    throw new Error('Dense search needs an embedding model and a vector index. Load the embedding model, or choose BM25.');
  }

  const traces = new Map<string, RetrievalTrace>();
  const traceOf = (id: string) => {
    let t = traces.get(id);
    if (!t) {
      t = { bm25Rank: null, bm25Score: null, denseRank: null, denseScore: null, fusedRank: 0, fusedScore: 0, rerankScore: null, cutByBudget: false, duplicateOf: null };
      traces.set(id, t);
    }
    return t;
  };

  const queryTerms = weighQueryTerms(index, query);
  if (useBm25) {
    const t0 = now();
    // A misspelt term is searched as the library spells it, as answerability already reads it.
    const terms = [...new Set(queryTerms.map((t) => t.alias ?? t.term))];
    withSentenceBonus(index, terms, index.bm25.search(terms, settings.candidates, docFilter)).forEach((hit, i) => {
      const t = traceOf(hit.id);
      t.bm25Rank = i + 1;
      t.bm25Score = hit.score;
    });
    timings.bm25Ms = now() - t0;
  }

  let queryVector: Float32Array | null = null;
  if (useDense) {
    const t0 = now();
    queryVector = await models.embedQuery!(query);
    const t1 = now();
    timings.embedMs = t1 - t0;
    // Over-fetch when filtering, since the vector index knows nothing of documents.
    const fetch = docFilter ? Math.min(index.vectors!.size, settings.candidates * 8) : settings.candidates;
    let rank = 0;
    for (const hit of index.vectors!.search(queryVector, fetch)) {
      const chunk = index.chunks.get(hit.id);
      if (!chunk || (docFilter && !docFilter.has(chunk.docId))) continue;
      if (++rank > settings.candidates) break;
      const t = traceOf(hit.id);
      t.denseRank = rank;
      t.denseScore = hit.score;
    }
    timings.denseMs = now() - t1;
  }

  const t2 = now();
  if (queryVector) {
    // Candidates found only by BM25 still get their cosine, for the inspector and the threshold.
    for (const [id, t] of traces) {
      if (t.denseScore !== null) continue;
      const v = index.vectors!.vectorOf(id);
      if (v) t.denseScore = dot(queryVector, v);
    }
  }
  for (const t of traces.values()) {
    t.fusedScore = (t.bm25Rank ? 1 / (settings.rrfK + t.bm25Rank) : 0) + (t.denseRank ? 1 / (settings.rrfK + t.denseRank) : 0);
  }
  let ranked = [...traces.entries()]
    .filter(([id]) => index.chunks.has(id))
    .sort((a, b) => b[1].fusedScore - a[1].fusedScore || (a[1].bm25Rank ?? 1e9) - (b[1].bm25Rank ?? 1e9))
    .map(([id, trace], i) => {
      trace.fusedRank = i + 1;
      return { chunk: index.chunks.get(id)!, trace };
    });
  timings.fuseMs = now() - t2;

  if (settings.rerank && models.rerank && ranked.length > 0) {
    const t3 = now();
    const head = ranked.slice(0, settings.rerankTop);
    ranked = applyRerank(ranked, settings, await models.rerank(query, head.map((r) => r.chunk.text)));
    timings.rerankMs = now() - t3;
  }

  const results = finalCut(collapseDuplicates(ranked, settings.minScore === null ? settings.k : settings.k * 4), settings);
  timings.totalMs = now() - started;
  return { results, retriever: settings.retriever, queryTerms, considered: ranked.slice(0, Math.max(settings.k * 4, settings.rerankTop, 20)), timings };
}

/**
 * Near-duplicate passages (copies of a file, boilerplate, an old and a new version) would fill the
 * top k with one text and the answer with repeated evidence: only the best-ranked copy is kept, the
 * others are marked (trace.duplicateOf) so the inspector can show what was collapsed.
 */
export function collapseDuplicates(ranked: RetrievedChunk[], unique = Infinity): RetrievedChunk[] {
  // Walks down the ranking until `unique` distinct passages are found: only those can reach the
  // answer, and comparing a handful keeps search fast on large libraries.
  // Exact copies are found at any depth; near copies among the first NEAR_DEPTH kept passages,
  // which bounds the pairwise comparisons when an evaluation asks for hundreds of results.
  const NEAR_DEPTH = 50;
  const kept: { id: string; pairs: Set<number> }[] = [];
  const byKey = new Map<string, string>();
  for (const r of ranked) {
    if (kept.length >= unique) break;
    const key = normalizeForDedupe(r.chunk.text);
    let first = byKey.get(key) ?? null;
    let pairs: Set<number> | null = null;
    if (first === null && kept.length < NEAR_DEPTH) {
      pairs = shingles(key);
      const near = pairs.size >= 4 ? kept.find((k) => jaccard(k.pairs, pairs!) >= NEAR_DUPLICATE_JACCARD) : undefined;
      first = near ? near.id : null;
    }
    r.trace.duplicateOf = first;
    if (first === null) {
      byKey.set(key, r.chunk.id);
      kept.push({ id: r.chunk.id, pairs: pairs ?? new Set() });
    }
  }
  return ranked;
}

/**
 * BM25 scores a chunk as a bag of words; answers sit in one sentence that holds most of the
 * question's terms. Adding the best sentence's idf-weighted term coverage (× 0.6) lifts those
 * chunks: on the SQuAD half it raised answer-in-top-5 from 0.948 to 0.952.
 */
export const SENTENCE_BONUS = 0.6;
/** Only the head of the BM25 list is rescored: that is where the top k come from. */
const SENTENCE_BONUS_DEPTH = 10;

function withSentenceBonus(index: LibraryIndex, terms: string[], hits: { id: string; score: number }[]): { id: string; score: number }[] {
  if (terms.length < 2) return hits;
  const idf = new Map(terms.map((t) => [t, index.bm25.idf(t)]));
  const head = hits.slice(0, SENTENCE_BONUS_DEPTH);
  const floor = hits[SENTENCE_BONUS_DEPTH]?.score ?? -Infinity;
  const rescored = head
    .map((hit) => {
      let best = 0;
      for (const sentence of index.sentenceTerms(hit.id)) {
        let covered = 0;
        for (const [t, w] of idf) if (sentence.has(t)) covered += w;
        if (covered > best) best = covered;
      }
      return { id: hit.id, score: hit.score + SENTENCE_BONUS * best };
    })
    .sort((a, b) => b.score - a.score);
  // The rest keep their order below the rescored head (a bonus never lowers a score).
  return [...rescored, ...hits.slice(SENTENCE_BONUS_DEPTH).map((h) => ({ ...h, score: Math.min(h.score, floor) }))];
}

/** Retrieved chunks as the numbered sources [1]…[k] that extraction and citation checks read. */
export function numberedSources(results: RetrievedChunk[]): { n: number; text: string; headings: readonly string[] }[] {
  return results.map((r, i) => ({ n: i + 1, text: r.chunk.text, headings: r.chunk.headings }));
}

/** Reorders the first `rerankTop` candidates by cross-encoder score (one score per candidate, in order). */
export function applyRerank(ranked: RetrievedChunk[], settings: RetrievalSettings, scores: number[]): RetrievedChunk[] {
  const head = ranked.slice(0, settings.rerankTop);
  head.forEach((r, i) => (r.trace.rerankScore = scores[i] ?? null));
  head.sort((a, b) => (b.trace.rerankScore ?? -Infinity) - (a.trace.rerankScore ?? -Infinity));
  return [...head, ...ranked.slice(settings.rerankTop)];
}

/** Drops results under the threshold and collapsed duplicates, and keeps k. */
export function finalCut(ranked: RetrievedChunk[], settings: RetrievalSettings): RetrievedChunk[] {
  const passes = (r: RetrievedChunk) => {
    if (settings.minScore === null) return true;
    const score = r.trace.rerankScore ?? (settings.retriever === 'bm25' ? r.trace.bm25Score : r.trace.denseScore);
    return score !== null && score >= settings.minScore;
  };
  return ranked.filter((r) => r.trace.duplicateOf === null && passes(r)).slice(0, settings.k);
}
