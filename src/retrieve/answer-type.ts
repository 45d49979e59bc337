/**
 * The kind of thing a question asks for ("When…" a time, "How many…" a number, "Who…" a person),
 * and whether a sentence holds one: the extract prefers such sentences, and an answer that covers
 * the question's words but names no such thing is not judged fully relevant.
 */
export type AnswerType = 'time' | 'count' | 'number' | 'person' | 'place' | null;

/** What kind of thing the question asks for, from its wording ("When…", "How many…", "Who…"). */
export function expectedAnswerType(question: string): AnswerType {
  const q = question.toLowerCase();
  if (/\b(when|what year|which year|what date|what century|what decade|how long ago)\b/.test(q)) return 'time';
  // A count ("How many…") is never a year; a measure ("How long…", "How old…") may be read from years.
  if (/\b(how (many|much)|what (percentage|percent|number|amount|share|proportion)|how often)\b/.test(q)) return 'count';
  if (/\b(how (long|old|far|large|big|high|tall|deep|wide|heavy|fast))\b/.test(q)) return 'number';
  // "What is the population of…" asks for a count, "What is the length of…" for a measure; "What is
  // the area known for?" asks for neither, hence the "of".
  if (/\b(what|which) (is|was|are|were) (the|its|their) population of\b/.test(q)) return 'count';
  if (/\b(what|which) (is|was|are|were) (the|its|their) (size|area|length|height|width|depth|weight|cost|price|temperature|speed|distance|capacity|budget|revenue|income|salary) of\b/.test(q)) return 'number';
  if (/\b(who|whom|whose)\b/.test(q)) return 'person';
  if (/\bwhere\b/.test(q)) return 'place';
  return null;
}

const MONTH = /\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/i;
/** A year standing alone ("in 1889", "the 1990s"): a date, not an amount. */
const YEAR = /(?<![\d.,])(1\d{3}|20\d{2})s?(?![\d.,]*\d)/g;
const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen';
const NUMBER_WORD = new RegExp(`\\b(${NUMBER_WORDS})\\b`, 'i');
const ORDINAL_WORDS = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth';
/**
 * Times that are not calendar years: "22,000–14,000 yr BP", "the 12th century", "500 BC", "AD 800",
 * "three years ago", "the 1990s". Read on the sentence's words joined by spaces (punctuation
 * dropped), so that a unit the question also says ("In what century…") still counts; the number
 * itself must be one the question does not say.
 */
const ERA = new RegExp(
  `\\b(\\d+|${NUMBER_WORDS}) (bc|bce|ad|ce|bp|yr|years? ago|million years|century|centuries)\\b` +
    `|\\b(\\d+(st|nd|rd|th)|${ORDINAL_WORDS}) (century|centuries|millennium)\\b` +
    `|\\b(ad|bc) \\d+\\b|\\b(1\\d|20)\\d0s\\b`,
  'gi',
);

const ORDINAL_WORD = new RegExp(`^(${ORDINAL_WORDS})$`, 'i');

function namesEra(words: string[], asked: ReadonlySet<string>): boolean {
  for (const m of words.join(' ').matchAll(ERA)) {
    const number = m[0].split(' ').find((w) => /\d/.test(w) || NUMBER_WORD.test(w) || ORDINAL_WORD.test(w));
    if (number && !asked.has(number.toLowerCase())) return true;
  }
  return false;
}

/** 1 when the sentence holds something of the expected kind that the question does not already say. */
export function answerTypeFit(type: AnswerType, sentence: string, question: string): number {
  if (!type) return 0;
  const asked = new Set(question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const words = sentence.match(/[\p{L}\p{N}]+/gu) ?? [];
  const fresh = words.filter((w) => !asked.has(w.toLowerCase()));
  const text = fresh.join(' ');
  if (type === 'time') return /\b1\d{3}\b|\b20\d{2}\b/.test(text) || MONTH.test(text) || namesEra(words, asked) ? 1 : 0;
  if (type === 'number') return /\d/.test(text) || NUMBER_WORD.test(text) ? 1 : 0;
  if (type === 'count') {
    const amounts = text.replace(YEAR, ' ');
    return /\d/.test(amounts) || NUMBER_WORD.test(amounts) ? 1 : 0;
  }
  // Names and places: a capitalised word that is not the sentence's first and not in the question.
  return fresh.slice(1).some((w) => /^\p{Lu}/u.test(w)) ? 1 : 0;
}
