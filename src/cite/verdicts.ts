/**
 * Two separate verdicts per answer, because they fail separately:
 *
 * - faithful: every sentence is backed by the passages it cites (from the sentence check in
 *   verify.ts). An extractive answer is a quotation: faithful by construction. The baseline had no
 *   sources, so it cannot be faithful to any; the lab reports how much of it your documents back.
 * - relevant: the answer addresses the question. Measured as the idf-weighted share of the
 *   question's terms that the answer covers, where each answer sentence also counts the source
 *   sentence it rests on (so "Canberra [1]" covers "capital of Australia" when [1] says so). An
 *   answer to "When…" that names no time (or "How many…" no number, "Who…" no name) is at most
 *   partly relevant, however many of the question's words it repeats.
 *
 * A quotation about Sumatra and Australia is faithful and, for "What is the capital of
 * Australia?", irrelevant: both verdicts are shown, side by side.
 */
import { splitSentences } from '../chunk/segment';
import { analyze } from '../index/analyze';
import { answerTypeFit, expectedAnswerType, type AnswerType } from '../retrieve/answer-type';
import type { QueryTerm } from '../retrieve/hybrid';
import { countOf } from '../util/count-of';
import type { AnswerCheck, SourceForCheck } from './verify';

export type FaithfulLevel = 'faithful' | 'partly' | 'unfaithful' | 'quotation' | 'no-sources' | 'declined';
export type RelevantLevel = 'relevant' | 'partly' | 'irrelevant' | 'declined';

export interface Verdict<Level> {
  level: Level;
  /** 0…1 where it applies. */
  score: number | null;
  /** One plain sentence for the page and the CLIs. */
  summary: string;
}

export interface AnswerVerdicts {
  faithful: Verdict<FaithfulLevel>;
  relevant: Verdict<RelevantLevel>;
}

/** Shares of the question's weight an answer must cover. */
export const RELEVANT_AT = 0.7;
export const PARTLY_RELEVANT_AT = 0.4;
/** A term with this share of the question's weight is its point: an answer without it is beside it. */
export const KEY_TERM_SHARE = 0.4;

export type AnswerKind = 'llm' | 'extractive' | 'baseline';

const withoutCitations = (text: string) => text.replace(/\[[^\]]*\]/g, ' ');

/** Answers that decline ("not found", "I don't know") are neither relevant nor faithful: they abstain. */
const DECLINE = /\b(not found in your documents|(?:do|does) not contain the answer|(?:i|we) (?:do not|don't|cannot|can't) (?:know|say|answer|tell)|no information (?:about|on)|not (?:mentioned|stated) in the (?:sources|documents))\b/i;

export function isDecline(text: string): boolean {
  return DECLINE.test(text) && analyze(withoutCitations(text)).length <= 16;
}

/**
 * The terms of each sentence of a source. A table row ("Jupiter | 95 | 142984") means what its
 * table's header row says of it ("Planet | Moons | Diameter km"), so a row carries the header's
 * terms too: the header is the first row of the run of rows, or, for a passage that starts inside
 * a table, the header row the chunker put last among its headings.
 */
function sourceSentences(source: SourceForCheck): Set<string>[] {
  const lastHeading = source.headings?.at(-1);
  let headerTerms: string[] = [];
  let inTable = false;
  return splitSentences(source.text).map((sentence, i) => {
    const row = sentence.includes(' | ');
    if (row && !inTable) headerTerms = analyze(i === 0 && lastHeading?.includes(' | ') ? lastHeading : sentence);
    inTable = row;
    return new Set([...analyze(sentence), ...(row ? headerTerms : [])]);
  });
}

/**
 * Idf-weighted share of the question's terms that one sentence of the answer covers (the best
 * sentence counts: one sentence about Australia and another about a capital do not answer "the
 * capital of Australia"). Each sentence may also lean on the one sentence of a source it cites that
 * shares most of its own words.
 */
export function relevanceScore(queryTerms: QueryTerm[], check: AnswerCheck, sources: SourceForCheck[]): { score: number; missing: string[]; keyMissing: string[] } {
  const total = queryTerms.reduce((s, t) => s + t.idf, 0);
  if (total <= 0) return { score: 0, missing: [], keyMissing: [] };
  const sentencesOf = new Map<number, Set<string>[]>();
  const has = (covered: Set<string>, t: QueryTerm) => covered.has(t.term) || (t.alias !== undefined && covered.has(t.alias));
  let best = { score: -1, covered: new Set<string>() };
  for (const sentence of check.sentences) {
    const own = new Set(analyze(withoutCitations(sentence.text)));
    const covered = new Set(own);
    for (const n of sentence.cites) {
      const source = sources.find((s) => s.n === n);
      if (!source) continue;
      if (!sentencesOf.has(n)) sentencesOf.set(n, sourceSentences(source));
      let anchor: Set<string> | null = null;
      let shared = 0;
      for (const terms of sentencesOf.get(n)!) {
        let s = 0;
        for (const t of own) if (terms.has(t)) s++;
        if (s > shared) [shared, anchor] = [s, terms];
      }
      // The anchor must carry the answer's own words (at least half), or it is not what the sentence says.
      if (anchor && shared >= Math.max(1, own.size / 2)) for (const t of anchor) covered.add(t);
    }
    const score = queryTerms.reduce((s, t) => s + (has(covered, t) ? t.idf : 0), 0) / total;
    if (score > best.score) best = { score, covered };
  }
  const missing = queryTerms.filter((t) => !has(best.covered, t));
  return {
    score: Math.max(0, best.score),
    missing: missing.filter((t) => !t.phrasing).map((t) => t.word),
    keyMissing: missing.filter((t) => t.idf / total >= KEY_TERM_SHARE).map((t) => t.word),
  };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

const ASKED_FOR: Record<Exclude<AnswerType, null>, string> = { time: 'date or time', count: 'count or amount', number: 'number', person: 'name', place: 'place' };

export function judgeAnswer(kind: AnswerKind, text: string, check: AnswerCheck | null, queryTerms: QueryTerm[], sources: SourceForCheck[], question = ''): AnswerVerdicts {
  if (!check || !text.trim() || isDecline(text)) {
    const summary = 'The answer says the information is not there.';
    return { faithful: { level: 'declined', score: null, summary }, relevant: { level: 'declined', score: null, summary } };
  }
  const sentences = check.sentences.length;
  let faithful: Verdict<FaithfulLevel>;
  if (kind === 'extractive') {
    faithful = { level: 'quotation', score: 1, summary: 'A quotation of your documents: faithful by construction.' };
  } else if (kind === 'baseline') {
    const backed = check.counts.supported + check.counts.uncited;
    faithful = { level: 'no-sources', score: null, summary: `No sources were given to this answer; ${backed} of ${countOf(sentences, 'sentence agrees', 'sentences agree')} with the retrieved passages.` };
  } else {
    const share = sentences ? check.counts.supported / sentences : 0;
    const level: FaithfulLevel = share >= 0.999 ? 'faithful' : share > 0 ? 'partly' : 'unfaithful';
    faithful = { level, score: share, summary: `${check.counts.supported} of ${countOf(sentences, 'sentence is', 'sentences are')} backed by the passages they cite (${pct(share)}).` };
  }
  const { score, missing, keyMissing } = relevanceScore(queryTerms, check, kind === 'baseline' ? [] : sources);
  const wanted = expectedAnswerType(question);
  const namesWanted = !wanted || check.sentences.some((s) => answerTypeFit(wanted, withoutCitations(s.text), question));
  const level: RelevantLevel = keyMissing.length || score < PARTLY_RELEVANT_AT ? 'irrelevant' : score >= RELEVANT_AT && namesWanted ? 'relevant' : 'partly';
  const relevant: Verdict<RelevantLevel> = {
    level,
    score,
    // Relevance is read on the answer's closest sentence: with several, the summary says so, or a
    // word it lists as missing may stand in another sentence, there about something else.
    summary: keyMissing.length
      ? sentences > 1
        ? `Its closest sentence does not address the question's point (${keyMissing.join(', ')}); it covers ${pct(score)} of what the question asks.`
        : `Does not address the question's point (${keyMissing.join(', ')}); covers ${pct(score)} of what it asks.`
      : !namesWanted && score >= PARTLY_RELEVANT_AT
        ? `Covers ${pct(score)} of the question's words, but names no ${ASKED_FOR[wanted!]}, which the question asks for.`
        : `${sentences > 1 ? 'Its closest sentence covers' : 'Covers'} ${pct(score)} of what the question asks (weighted by rarity)` +
          `${level !== 'relevant' && missing.length ? `; ${sentences > 1 ? 'that sentence lacks' : 'missing'}: ${missing.join(', ')}` : ''}.`,
  };
  return { faithful, relevant };
}
