/**
 * BM25 lexical search, our own small module. Why not a library: the lab needs per-document
 * segments (adding or removing one document must not rebuild the whole index), a compact binary
 * form to persist next to the vectors in IndexedDB so a reload skips re-analysis, title/heading
 * weighting, and filters by document — none of the maintained JS BM25 packages offer all of these.
 *
 * Each document is one segment holding its chunks' term frequencies. Collection statistics (N,
 * document frequency, average length) are summed over the live segments at query time.
 * Heading and title terms count double (a simple BM25F).
 */
import { analyze, ANALYZER_VERSION } from './analyze';
import { boundedEditDistance } from './spelling';
import { TopK } from './vector-math';

export interface Bm25Input {
  id: string;
  text: string;
  /** Heading path and document title: weighted ×2. */
  headings?: string[];
}

/** The persisted form: plain typed arrays, cheap to structured-clone into IndexedDB. */
export interface Bm25Segment {
  docId: string;
  chunkIds: string[];
  lengths: Float32Array;
  vocabulary: string[];
  /** Postings of vocabulary[t] are at [offsets[t], offsets[t+1]). */
  offsets: Uint32Array;
  postingChunks: Uint32Array;
  postingTfs: Float32Array;
  /** The analyze() version that built it (absent before version 2): an older one is rebuilt on load. */
  analyzer?: number;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

const K1 = 1.2;
const B = 0.75;
const HEADING_WEIGHT = 2;

export function buildSegment(docId: string, chunks: Bm25Input[]): Bm25Segment {
  const postings = new Map<string, Map<number, number>>();
  const lengths = new Float32Array(chunks.length);
  chunks.forEach((chunk, i) => {
    const add = (term: string, weight: number) => {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = new Map()));
      list.set(i, (list.get(i) ?? 0) + weight);
      lengths[i]! += weight;
    };
    for (const term of analyze(chunk.text)) add(term, 1);
    for (const term of analyze((chunk.headings ?? []).join(' '))) add(term, HEADING_WEIGHT);
  });
  const vocabulary = [...postings.keys()];
  const total = vocabulary.reduce((s, t) => s + postings.get(t)!.size, 0);
  const offsets = new Uint32Array(vocabulary.length + 1);
  const postingChunks = new Uint32Array(total);
  const postingTfs = new Float32Array(total);
  let at = 0;
  vocabulary.forEach((term, t) => {
    offsets[t] = at;
    for (const [chunk, tf] of postings.get(term)!) {
      postingChunks[at] = chunk;
      postingTfs[at] = tf;
      at++;
    }
  });
  offsets[vocabulary.length] = at;
  return { docId, chunkIds: chunks.map((c) => c.id), lengths, vocabulary, offsets, postingChunks, postingTfs, analyzer: ANALYZER_VERSION };
}

interface LiveSegment {
  segment: Bm25Segment;
  totalLength: number;
}

interface TermEntry {
  /** Segments that contain the term, with the term's index in each. */
  segments: { live: LiveSegment; t: number }[];
  df: number;
}

export class Bm25Index {
  private segments = new Map<string, LiveSegment>();
  /** term → where it occurs: kept up to date on add/remove so a query touches only its terms. */
  private terms = new Map<string, TermEntry>();
  private chunkCount = 0;
  private totalLength = 0;
  /** The vocabulary by first letter, for typo look-ups; rebuilt after the vocabulary changes. */
  private termsByInitial: Map<string, string[]> | null = null;

  get size(): number {
    return this.chunkCount;
  }

  addSegment(segment: Bm25Segment): void {
    this.removeDocument(segment.docId);
    this.termsByInitial = null;
    const totalLength = segment.lengths.reduce((s, l) => s + l, 0);
    const live: LiveSegment = { segment, totalLength };
    segment.vocabulary.forEach((term, t) => {
      let entry = this.terms.get(term);
      if (!entry) this.terms.set(term, (entry = { segments: [], df: 0 }));
      entry.segments.push({ live, t });
      entry.df += segment.offsets[t + 1]! - segment.offsets[t]!;
    });
    this.segments.set(segment.docId, live);
    this.chunkCount += segment.chunkIds.length;
    this.totalLength += totalLength;
  }

  removeDocument(docId: string): void {
    const live = this.segments.get(docId);
    if (!live) return;
    this.termsByInitial = null;
    const { segment } = live;
    segment.vocabulary.forEach((term, t) => {
      const entry = this.terms.get(term);
      if (!entry) return;
      entry.segments = entry.segments.filter((s) => s.live !== live);
      entry.df -= segment.offsets[t + 1]! - segment.offsets[t]!;
      if (entry.segments.length === 0) this.terms.delete(term);
    });
    this.segments.delete(docId);
    this.chunkCount -= segment.chunkIds.length;
    this.totalLength -= live.totalLength;
  }

  clear(): void {
    this.termsByInitial = null;
    this.segments.clear();
    this.terms.clear();
    this.chunkCount = 0;
    this.totalLength = 0;
  }

  documentFrequency(term: string): number {
    return this.terms.get(term)?.df ?? 0;
  }

  /** Inverse document frequency of an analyzed term in the live collection. */
  idf(term: string): number {
    const df = this.terms.get(term)?.df ?? 0;
    return Math.log(1 + (this.chunkCount - df + 0.5) / (df + 0.5));
  }

  /**
   * The library's closest term to one it lacks, within `maxEdits` edits ("charecter" → "charact",
   * "telnet" → "telenet"), so a misspelt question is not read as one about something else.
   */
  nearestTerm(term: string, maxEdits: number): string | null {
    let best: string | null = null;
    let bestDistance = maxEdits + 1;
    if (!this.termsByInitial) {
      this.termsByInitial = new Map();
      for (const t of this.terms.keys()) {
        const list = this.termsByInitial.get(t[0]!);
        if (list) list.push(t);
        else this.termsByInitial.set(t[0]!, [t]);
      }
    }
    for (const candidate of this.termsByInitial.get(term[0] ?? '') ?? []) {
      if (Math.abs(candidate.length - term.length) >= bestDistance) continue;
      const d = boundedEditDistance(term, candidate, bestDistance - 1);
      if (d < bestDistance) [best, bestDistance] = [candidate, d];
    }
    return best;
  }

  /** Top-k chunks for a query (text, or terms already analyzed), optionally only within some documents. */
  search(query: string | readonly string[], k: number, docIds?: ReadonlySet<string>): Bm25Hit[] {
    const queryTerms = [...new Set(typeof query === 'string' ? analyze(query) : query)];
    if (queryTerms.length === 0 || this.chunkCount === 0) return [];
    const avgLength = this.totalLength / this.chunkCount;
    const scores = new Map<LiveSegment, Float64Array>();
    for (const term of queryTerms) {
      const entry = this.terms.get(term);
      if (!entry) continue;
      const idf = Math.log(1 + (this.chunkCount - entry.df + 0.5) / (entry.df + 0.5));
      for (const { live, t } of entry.segments) {
        const { segment } = live;
        if (docIds && !docIds.has(segment.docId)) continue;
        let acc = scores.get(live);
        if (!acc) scores.set(live, (acc = new Float64Array(segment.chunkIds.length)));
        for (let p = segment.offsets[t]!; p < segment.offsets[t + 1]!; p++) {
          const chunk = segment.postingChunks[p]!;
          const tf = segment.postingTfs[p]!;
          const norm = K1 * (1 - B + (B * segment.lengths[chunk]!) / avgLength);
          acc[chunk]! += (idf * tf * (K1 + 1)) / (tf + norm);
        }
      }
    }
    const top = new TopK<string>(k);
    for (const [live, acc] of scores) {
      for (let i = 0; i < acc.length; i++) if (acc[i]! > 0 && acc[i]! > top.worst) top.push(acc[i]!, live.segment.chunkIds[i]!);
    }
    return top.result().map(({ score, value }) => ({ id: value, score }));
  }
}
