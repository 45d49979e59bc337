/**
 * Text → search terms for BM25: lowercase, accents folded, split on anything that is not a letter
 * or digit, English stop words dropped, Porter-stemmed (the `stemmer` package), so "indexing",
 * "indexed" and "indexes" meet.
 */
import { stemmer } from 'stemmer';

const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves'
  ).split(' '),
);

const stemCache = new Map<string, string>();

export function analyze(text: string): string[] {
  const terms: string[] = [];
  const ascii = !/[^\x00-\x7f]/.test(text);
  // Accent folding only where there can be accents: most text is plain ASCII.
  const folded = ascii ? text.toLowerCase() : text.normalize('NFKD').toLowerCase();
  for (const match of folded.matchAll(ascii ? /[a-z0-9]+/g : /[\p{L}\p{N}]+/gu)) {
    const word = ascii ? match[0] : match[0].replace(/\p{M}/gu, '');
    if (word.length === 0 || STOP_WORDS.has(word)) continue;
    let stem = stemCache.get(word);
    if (stem === undefined) {
      stem = /^\p{N}+$/u.test(word) ? word : stemmer(word);
      if (stemCache.size > 500_000) stemCache.clear();
      stemCache.set(word, stem);
    }
    terms.push(stem);
  }
  return terms;
}
