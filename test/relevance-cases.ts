/**
 * An answer that repeats the question's words but names nothing of the kind asked for ("When…"
 * without a date, "How many…" with only a year) is partly relevant; shared by the Node and the browser tests.
 */
export const TOWER_TERMS = [
  { term: 'tower', word: 'tower', idf: 2 },
  { term: 'open', word: 'opened', idf: 2 },
];

export const TOWER_CASES = [
  { question: 'When was the tower opened?', quote: 'The tower was opened to visitors with a band.', relevant: 'partly', summary: "Covers 100 % of the question's words, but names no date or time, which the question asks for." },
  { question: 'When was the tower opened?', quote: 'The tower was opened on 31 March 1889.', relevant: 'relevant', summary: 'Covers 100 % of what the question asks (weighted by rarity).' },
  // A year is a date, not an amount: it does not answer "How many…".
  { question: 'How many times was the tower opened?', quote: 'The tower was opened in 1889.', relevant: 'partly', summary: "Covers 100 % of the question's words, but names no count or amount, which the question asks for." },
  { question: 'How many times was the tower opened?', quote: 'The tower was opened three times in 1889.', relevant: 'relevant', summary: 'Covers 100 % of what the question asks (weighted by rarity).' },
  { question: 'Why was the tower opened?', quote: 'The tower was opened to visitors with a band.', relevant: 'relevant', summary: 'Covers 100 % of what the question asks (weighted by rarity).' },
] as const;

/** A quoted table row is read with its table's header row: "Jupiter | … | 142984" gives the diameter. */
export const TABLE_CASE = {
  question: 'What is the diameter of Jupiter?',
  terms: [
    { term: 'diamet', word: 'diameter', idf: 2 },
    { term: 'jupit', word: 'Jupiter', idf: 2 },
  ],
  source: 'Planet | Moons | Diameter km\nMercury | 0 | 4879\nJupiter | 95 | 142984',
  quote: 'Jupiter | 95 | 142984',
} as const;

/**
 * Relevance is read on the answer's closest sentence, and with two sentences the summary says so:
 * "make" stands in the other one, about bacteria, so listing it as simply "missing" under an
 * answer that says it would contradict what the reader sees.
 */
export const CLOSEST_SENTENCE_CASE = {
  question: 'How do I make a sourdough starter?',
  terms: [
    { term: 'make', word: 'make', idf: 1.3 },
    { term: 'sourdough', word: 'sourdough', idf: 1.8 },
    { term: 'starter', word: 'starter', idf: 1.8 },
  ],
  quotes: ['A starter is kept alive by feeding it flour and water every day.', 'The bacteria make the acids that give the bread its sour taste.'],
  relevant: 'irrelevant',
  summary: 'Its closest sentence covers 37 % of what the question asks (weighted by rarity); that sentence lacks: make, sourdough.',
} as const;
