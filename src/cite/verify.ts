/**
 * Checks every sentence of an answer against the retrieved chunks, so a class can see which
 * statements the documents back and which were invented.
 *
 * Support of a sentence by a chunk = share of the sentence's content terms (stemmed, stop words
 * out) found in the chunk, averaged with their embedding cosine when vectors are available. The
 * cosine is read on the embedding model's own calibrated scale (0 = an unrelated passage, 1 = a
 * passage's own sentence), never against a fixed number: without a calibration it is not used.
 * - supported: a chunk it cites supports it;
 * - uncited:   some retrieved chunk supports it, but it cites none (or only others);
 * - unsupported: no retrieved chunk supports it (whether it cites or not).
 * Groundedness = (supported + uncited) / sentences: how much of the answer the documents back.
 */
import { sentenceSpans } from '../chunk/segment';
import { analyze } from '../index/analyze';
import { dot } from '../index/vector-math';
import { calibrated, type ScoreCalibration } from '../retrieve/calibration';
import { parseCitations, withoutCitationMarks, type CitationMarker } from './parse-citations';

export type SentenceLabel = 'supported' | 'uncited' | 'unsupported';

export interface SourceForCheck {
  /** Its citation number, 1-based. */
  n: number;
  text: string;
  /** Headings above the passage; one that starts inside a table ends with the table's header row. */
  headings?: readonly string[];
  vector?: Float32Array;
}

export interface SentenceCheck {
  start: number;
  end: number;
  text: string;
  label: SentenceLabel;
  /** Valid source numbers the sentence cites. */
  cites: number[];
  /** Cited numbers that are not sources. */
  invalidCites: number[];
  /** The source that supports it best, and how well (0…1). */
  bestSource: number | null;
  support: number;
}

export interface AnswerCheck {
  sentences: SentenceCheck[];
  groundedness: number;
  counts: Record<SentenceLabel, number>;
  invalidCitations: number;
  malformedCitations: number;
}

export const SUPPORT_THRESHOLD = 0.5;

export function answerSentences(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const span of sentenceSpans(text)) {
    let start = span.start;
    let rest = text.slice(span.start, span.end);
    // Citation markers after a full stop ("… in 1889. [1] Then …") belong to the sentence before.
    const leading = /^(?:\[[^\]]*\]\s*)+/.exec(rest);
    if (leading && out.length) {
      const markers = leading[0].trimEnd();
      const previous = out.at(-1)!;
      previous.end = start + markers.length;
      previous.text = text.slice(previous.start, previous.end);
      start += leading[0].length;
      rest = rest.slice(leading[0].length);
      if (!rest) continue;
    }
    out.push({ start, end: start + rest.length, text: rest });
  }
  return out;
}

/**
 * Share of the sentence's terms found in the chunk, halved when only one of several terms matches
 * (one shared word proves little) and halved again when the sentence has a number the chunk lacks
 * (invented figures are the commonest hallucination).
 */
function lexicalSupport(sentenceTerms: Set<string>, chunkTerms: Set<string>): number {
  if (sentenceTerms.size === 0) return 0;
  let hit = 0;
  let missingNumber = false;
  for (const t of sentenceTerms) {
    if (chunkTerms.has(t)) hit++;
    else if (/^\d/.test(t)) missingNumber = true;
  }
  let support = hit / sentenceTerms.size;
  if (sentenceTerms.size >= 2 && hit < 2) support /= 2;
  if (missingNumber) support /= 2;
  return support;
}

/**
 * `sentenceVectors`, when given, holds one unit vector per sentence of answerSentences(answer),
 * from the same embedding model as the sources' vectors.
 */
export function verifyAnswer(answer: string, sources: SourceForCheck[], sentenceVectors?: Float32Array[], options: { citable?: number; calibration?: ScoreCalibration | null } = {}): AnswerCheck {
  // The baseline was given no sources: every citation it writes points at nothing (citable 0),
  // while its sentences are still checked against what retrieval found.
  const citable = options.citable ?? sources.length;
  const parsed = parseCitations(answer, citable);
  const sourceTerms = sources.map((s) => new Set(analyze(s.text)));
  const sentences = answerSentences(answer).map((sentence, i): SentenceCheck => {
    const markers: CitationMarker[] = parsed.markers.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
    const cited = [...new Set(markers.flatMap((m) => m.numbers))];
    const cites = cited.filter((n) => n >= 1 && n <= citable);
    const invalidCites = cited.filter((n) => n < 1 || n > citable);
    const plain = sentence.text.replace(/\[[^\]]*\]/g, ' ');
    const terms = new Set(analyze(plain));
    const vector = sentenceVectors?.[i];
    const supportOf = (s: SourceForCheck, k: number) => {
      const lexical = lexicalSupport(terms, sourceTerms[k]!);
      if (!vector || !s.vector || !options.calibration) return lexical;
      return (lexical + Math.min(1, Math.max(0, calibrated(options.calibration, dot(vector, s.vector))))) / 2;
    };
    let best: number | null = null;
    let bestSupport = 0;
    sources.forEach((s, k) => {
      const support = supportOf(s, k);
      if (support > bestSupport) {
        bestSupport = support;
        best = s.n;
      }
    });
    const citedSupport = Math.max(0, ...cites.map((n) => supportOf(sources[n - 1]!, n - 1)));
    let label: SentenceLabel;
    if (terms.size === 0) label = cites.length ? 'supported' : 'uncited';
    else if (cites.length && citedSupport >= SUPPORT_THRESHOLD) label = 'supported';
    else if (bestSupport >= SUPPORT_THRESHOLD) label = 'uncited';
    else label = 'unsupported';
    return { ...sentence, label, cites, invalidCites, bestSource: best, support: Math.round(bestSupport * 1000) / 1000 };
  });
  const counts: Record<SentenceLabel, number> = { supported: 0, uncited: 0, unsupported: 0 };
  for (const s of sentences) counts[s.label]++;
  const grounded = counts.supported + counts.uncited;
  return {
    sentences,
    groundedness: sentences.length ? grounded / sentences.length : 0,
    counts,
    invalidCitations: parsed.markers.reduce((n, m) => n + m.invalid.length, 0),
    malformedCitations: parsed.malformed.length,
  };
}

/** One quoted sentence as the answer shows it: the document's own reference marks left out, then its source. */
const quoted = (q: { text: string; n: number }) => `${withoutCitationMarks(q.text)} [${q.n}]`;

/** The text of an extractive answer: its quotations, each cited to its source. */
export function quotationText(quotes: { text: string; n: number }[]): string {
  return quotes.map(quoted).join(' ');
}

/**
 * The check of an extractive answer: each quoted sentence is backed by the passage it was copied
 * from, by construction. Built from the quotation itself rather than by splitting the joined text
 * again (a quoted heading without a full stop would run into the next sentence).
 */
export function quotationCheck(quotes: { text: string; n: number }[]): AnswerCheck {
  let offset = 0;
  const sentences: SentenceCheck[] = quotes.map((q) => {
    const text = quoted(q);
    const start = offset;
    offset += text.length + 1;
    return { start, end: start + text.length, text, label: 'supported', cites: [q.n], invalidCites: [], bestSource: q.n, support: 1 };
  });
  return { sentences, groundedness: sentences.length ? 1 : 0, counts: { supported: sentences.length, uncited: 0, unsupported: 0 }, invalidCitations: 0, malformedCitations: 0 };
}
