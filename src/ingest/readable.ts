/**
 * Whether text taken from a PDF's text layer is real words. A font without a Unicode mapping gives
 * control, private-use or replacement characters, or letters that spell nothing; such a page is
 * not indexed as it is (it goes to OCR, or the document says which pages were left out).
 */

/** Known words; the bundled BERT vocabulary's whole words serve (see vocabularyFromTokenizer). */
export interface Vocabulary {
  has(word: string): boolean;
}

export interface TextQuality {
  /** Non-space characters looked at. */
  chars: number;
  /** Share of control, private-use, unassigned and replacement characters. */
  junk: number;
  /** Share of Latin-letter words of two or more letters found in the vocabulary (NaN without one, or with fewer than 8 such words). */
  known: number;
}

const JUNK = /[\p{Cc}\p{Co}\p{Cn}\uFFFD]/u;
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;

export function textQuality(text: string, vocabulary?: Vocabulary): TextQuality {
  let chars = 0;
  let junk = 0;
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    chars++;
    if (JUNK.test(ch)) junk++;
  }
  let known = NaN;
  if (vocabulary) {
    const words = text.match(LATIN_WORD) ?? [];
    if (words.length >= 8) known = words.filter((w) => vocabulary.has(w.toLowerCase())).length / words.length;
  }
  return { chars, junk: chars ? junk / chars : 0, known };
}

/** Beyond these a page's text layer is not trusted. Symbol fonts put some private-use characters into real pages (a Thai maths sheet: 6 %); English pages score far above 0.5 known. */
export const MAX_JUNK = 0.2;
export const MIN_KNOWN = 0.35;

export function isUnreadable(q: TextQuality): boolean {
  if (q.chars < 20) return q.junk > 0.5;
  return q.junk > MAX_JUNK || q.known < MIN_KNOWN;
}

/** Whole words of a WordPiece vocabulary (a tokenizer.json), lowercased. */
export function vocabularyFromTokenizer(json: unknown): Vocabulary | null {
  const vocab = (json as { model?: { vocab?: Record<string, number> } } | null)?.model?.vocab;
  if (!vocab) return null;
  return new Set(Object.keys(vocab).filter((w) => /^\p{L}{2,}$/u.test(w)).map((w) => w.toLowerCase()));
}

/** "1, 3–5, 9" */
export function pageList(pages: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    ranges.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j;
  }
  return ranges.join(', ');
}
