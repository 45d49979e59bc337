/**
 * Extractive answers, for when no language model is downloaded yet: the sentences of the top
 * chunks that best cover the question's informative terms, each cited to its source. Instant,
 * never invents, and clearly labelled as extracted rather than written.
 */
import { normalizeForDedupe } from '../chunk/dedupe';
import { sentenceSpans } from '../chunk/segment';
import { analyze } from '../index/analyze';
import { answerTypeFit, expectedAnswerType } from '../retrieve/answer-type';

export interface ExtractSource {
  n: number;
  text: string;
  /**
   * The document title and headings above the passage: what its sentences are about even where
   * they do not name it ("He called it packet switching" under "Donald Davies"). A heading names
   * a topic; it is never quoted as an answer.
   */
  headings?: readonly string[];
}

export interface ExtractedSentence {
  text: string;
  n: number;
  /** [start, end) within the source's text. */
  start: number;
  end: number;
  score: number;
}

/**
 * A term that only the heading above a sentence supplies counts a little less than one the
 * sentence says itself: under "1972–1985: Founding", a photo caption is about the founding, but
 * "Microsoft was founded by Bill Gates and Paul Allen" says it.
 */
const HEADING_TERM_SHARE = 0.9;

/**
 * A question term the sentence says only in another form of the word ("defector" for "defected",
 * "German" for "Germany") counts three quarters: the stemmer leaves such pairs apart, yet they
 * name the same thing. One stem, of six letters or more, begins the other, which adds at most
 * three letters: "count" and "country", "state" and "statement", "nation" and "nationalist" stay
 * apart. A word the question itself says is matched as itself, never as a form of another.
 */
const DERIVED_TERM_SHARE = 0.75;
const MIN_DERIVED_STEM = 6;
const MAX_DERIVED_SUFFIX = 3;

export function derivedFrom(term: string, words: ReadonlySet<string>, questionTerms: ReadonlySet<string>): boolean {
  if (term.length < MIN_DERIVED_STEM || !/^\p{L}+$/u.test(term)) return false;
  for (const w of words) {
    if (w === term || questionTerms.has(w) || Math.abs(w.length - term.length) > MAX_DERIVED_SUFFIX) continue;
    const [short, long] = w.length < term.length ? [w, term] : [term, w];
    if (short.length >= MIN_DERIVED_STEM && long.startsWith(short) && /^\p{L}+$/u.test(long)) return true;
  }
  return false;
}

/**
 * The sentences to quote, best first. `libraryWeights` holds the question's terms as the library
 * spells them (a typo in the question replaced by the library's word) with their rarity in the
 * library, and `librarySpelling` maps each typo to that word; without them, the question's own
 * terms weigh by their rarity among the candidates.
 */
export function extractSentences(
  question: string,
  sources: ExtractSource[],
  maxSentences = 2,
  libraryWeights?: ReadonlyMap<string, number>,
  librarySpelling?: ReadonlyMap<string, string>,
): ExtractedSentence[] {
  const qTerms = libraryWeights ? [...libraryWeights.keys()] : [...new Set(analyze(question))];
  // `terms`: the sentence's own terms and those of its title and headings; `own`: its words alone.
  const candidates: (ExtractedSentence & { terms: Set<string>; own: Set<string>; before: Set<string> | null; rank: number })[] = [];
  // The same sentence in two passages (overlap, copies) is one candidate: an extract never repeats itself.
  const seen = new Set<string>();
  sources.forEach((source, rank) => {
    const headings = source.headings ?? [];
    const about = analyze(headings.join(' '));
    const headingKeys = new Set(headings.map(normalizeForDedupe));
    let before: Set<string> | null = null;
    for (const { start, end } of sentenceSpans(source.text)) {
      const text = source.text.slice(start, end);
      const key = normalizeForDedupe(text);
      const own = new Set(analyze(text));
      if (text.length >= 3 && !seen.has(key) && !headingKeys.has(key)) {
        seen.add(key);
        candidates.push({ text, n: source.n, start, end, score: 0, terms: new Set([...own, ...about]), own, before, rank });
      }
      before = own;
    }
  });
  if (candidates.length === 0 || qTerms.length === 0) return [];
  // Two rarities: in the whole library (when known) and among these candidates. The second
  // discounts the passages' shared topic ("oxygen" in every sentence of an article on oxygen).
  const questionTerms = new Set(qTerms);
  // Which question terms each candidate says in another form, worked out once.
  const derived = new Map(candidates.map((c) => [c, new Set(qTerms.filter((t) => !c.terms.has(t) && derivedFrom(t, c.own, questionTerms)))]));
  const says = (c: (typeof candidates)[number], t: string) => c.terms.has(t) || derived.get(c)!.has(t);
  const local = (t: string) => Math.log(1 + candidates.length / (1 + candidates.filter((c) => says(c, t)).length));
  const weights = (rarity: (t: string) => number) => {
    const w = new Map(qTerms.map((t) => [t, rarity(t)]));
    const total = [...w.values()].reduce((s, v) => s + v, 0) || 1;
    return { w, total };
  };
  const amongCandidates = weights(local);
  const library = weights((t) => libraryWeights?.get(t) ?? amongCandidates.w.get(t)!);
  const expected = expectedAnswerType(question);
  // "Who founded Microsfot?" pairs its words as the library spells them, as its terms already are.
  const questionWords = analyze(question).map((t) => librarySpelling?.get(t) ?? t);
  for (const c of candidates) {
    let covered = 0;
    let coveredLocally = 0;
    let carriedOver = 0;
    for (const t of qTerms) {
      const share = c.terms.has(t) ? (c.own.has(t) ? 1 : HEADING_TERM_SHARE) : derived.get(c)!.has(t) ? DERIVED_TERM_SHARE : 0;
      if (share > 0) {
        covered += share * library.w.get(t)!;
        coveredLocally += share * amongCandidates.w.get(t)!;
      } else if (c.before?.has(t)) carriedOver += library.w.get(t)!;
    }
    // Terms the sentence lacks but the one before it has count half: an answer sentence often
    // goes on from its predecessor ("These devices treat…" after the sentence naming them).
    // Higher-ranked chunks win near-ties; a sentence holding the kind of thing asked for (a year
    // for "when", a number for "how many") and the question's word pairs gains; one that only
    // repeats the question gains nothing. Weights tuned on the SQuAD mixed set's tune articles,
    // where the first sentence held a gold answer 82.7 % of the time when they were set (80.9 %
    // without the candidate rarity and the carried-over terms, 79.2 % also without the last three
    // terms); 85.0 % since sentences no longer end at abbreviations and spelling is corrected;
    // 85.4 % with the title and headings read as each sentence's subject (85.4 % when they count
    // 0.9 of the sentence's own words and word pairs match in either order); 85.5 % with other
    // forms of a question word and times that are not calendar years read; 85.6 % since a swap of
    // two letters is read as one spelling slip. Refitting the weights with cross-validation by
    // article gained nothing.
    const novel = [...c.own].some((t) => !library.w.has(t));
    c.score =
      (0.6 * covered) / library.total +
      (0.4 * coveredLocally) / amongCandidates.total +
      (0.5 * carriedOver) / library.total +
      0.15 / (1 + c.rank) +
      (novel ? 0.02 : -0.2) +
      0.2 * answerTypeFit(expected, c.text, question) +
      0.1 * bigramShare(questionWords, c.text);
  }
  const chosen = [...candidates].sort((a, b) => b.score - a.score).filter((c) => c.score > 0.05).slice(0, maxSentences);
  // Best first: the first sentence is the answer; the second adds context.
  return chosen.map(({ terms: _t, own: _o, before: _b, rank: _r, ...s }) => ({ ...s, score: Math.round(s.score * 1000) / 1000 }));
}

/**
 * Share of the question's word pairs that appear in the sentence, in either order: phrases matter,
 * not just words, and "Who founded Microsoft?" is answered by "Microsoft was founded by…".
 */
export function bigramShare(questionWords: readonly string[], sentence: string): number {
  const pairs = (words: readonly string[]) => new Set(words.slice(1).map((w, i) => [words[i]!, w].sort().join(' ')));
  const q = pairs(questionWords);
  if (q.size === 0) return 0;
  const s = pairs(analyze(sentence));
  let hit = 0;
  for (const p of q) if (s.has(p)) hit++;
  return hit / q.size;
}
