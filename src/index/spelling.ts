/**
 * Spelling slips measured against the library's own terms: the distance the search uses to read
 * "weahter" as "weather", and the way back from a library stem to a word people can read.
 */
import { analyze } from './analyze';

/**
 * Edit distances from `a` to every prefix of `b` (index j: to b's first j letters), counting a
 * swap of two neighbouring letters as one edit ("exlposion" for "explosion", "teh"), the commonest
 * typing slip, which plain Levenshtein counts as two; or null as soon as every one must exceed
 * `limit`.
 */
export function prefixEditDistances(a: string, b: string, limit: number): number[] | null {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, beforePrevious[j - 2]! + 1);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return null;
    beforePrevious = previous;
    previous = row;
  }
  return previous;
}

/** Edit distance from `a` to `b` (a swap counts one), or limit + 1 as soon as it must exceed `limit`. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  const row = prefixEditDistances(a, b, limit);
  return row ? Math.min(row[b.length]!, limit + 1) : limit + 1;
}

/**
 * How closely a library stem matches the start of a typed word, where the rest of the word, put
 * after the stem, makes a word with that same stem: "capit" matches "captial" at one slip, since
 * "capit" + "al" reads "capital". The stemmer cuts a suffix only from a word it recognises, so a
 * typo keeps its suffix ("captial" stays whole) and stems alone compare badly.
 */
export function stemSlip(stem: string, typed: string, limit: number): { distance: number; word: string } | null {
  const row = prefixEditDistances(stem, typed, limit);
  if (!row) return null;
  let best: { distance: number; word: string } | null = null;
  for (let j = 1; j <= typed.length; j++) {
    const distance = row[j]!;
    // Fewest slips first, then the least of the typed word carried over ("perihs" reads "perish", not "perishs").
    if (distance > limit || (best && distance > best.distance)) continue;
    const word = stem + typed.slice(j);
    const terms = analyze(word);
    if (terms.length === 1 && terms[0] === stem) best = { distance, word };
  }
  return best;
}

/**
 * The word with one pair of neighbouring letters put back in order, each way it can be done
 * ("captial" → …, "capital", …): a swap breaks the stemmer ("captial" keeps its suffix, so its
 * stem is three edits from "capit"), yet seldom turns one real word into another.
 */
export function swapVariants(word: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) variants.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return variants;
}
