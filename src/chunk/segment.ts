/** Span helpers for the chunker: sentences, lines and words as [start, end) offsets into a text. */
export interface Span {
  start: number;
  end: number;
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Trims a span to its non-whitespace part; null when nothing is left. */
function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

export function sentences(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let from = 0;
  const raw = text.slice(span.start, span.end);
  const ends = [...new Set([...sentenceEnds(unwrapLines(raw)), ...tableRowEnds(raw)])].sort((a, b) => a - b);
  for (const end of ends) {
    const s = trimmed(text, span.start + from, span.start + end);
    if (s) out.push(s);
    from = end;
  }
  return out;
}

/*
 * Where sentences end: Intl.Segmenter's breaks, corrected where it is wrong on real documents.
 * ICU's abbreviation list is not reachable from JavaScript, so it breaks after every
 * "abbreviation. Capital": "the U.S. Supreme Court", "George B. Storer" and "Mr. Belvedere" came
 * out as two sentences each and an answer could not be quoted whole. A break is undone after a
 * title, which always precedes a name (the "v." of "Brown v. Board of Education" is one), and
 * after an initial or a short abbreviation unless the next word is one that usually opens a
 * sentence ("…in the U.S. The next year…"). Reference marks after a full stop, common in text
 * copied from Wikipedia, confuse it both ways: it does not break after "tonnes).[d] Earth is…" and
 * breaks inside "end.[2] Next…"; the break goes after the mark.
 */
function sentenceEnds(text: string): number[] {
  const candidates = new Set<number>();
  for (const seg of sentenceSegmenter.segment(text)) candidates.add(seg.index + seg.segment.length);
  for (const m of text.matchAll(REFERENCE_MARK_END)) candidates.add(m.index + m[0].length);
  const ends: number[] = [];
  let from = 0;
  for (const end of [...candidates].sort((a, b) => a - b)) {
    const piece = text.slice(from, end);
    const body = piece.trimEnd();
    // A paragraph break always ends the sentence, whatever came before it.
    const paragraphEnds = /\n/.test(piece.slice(body.length));
    if (end < text.length && !paragraphEnds && (body.endsWith('[') || continues(continuation(body), text, end))) continue;
    ends.push(end);
    from = end;
  }
  return ends;
}

const REFERENCE_MARK_END = /[.!?]["'\u201d\u2019)]*(?:\[[^\[\]\n]{1,25}\])+(?=\s+["\u201c]?\p{Lu})/gu;

type Continuation = 'no' | 'always' | 'unless-opener';
const TITLE = /(?:^|[\s("'\u201c])(?:Mr|Mrs|Ms|Mme|Messrs|Dr|Prof|St|Ste|Mt|Ft|Gen|Col|Maj|Lt|Capt|Cmdr|Sgt|Adm|Rev|Hon|Sen|Rep|Gov|Pres|Fr|No|Nos|Vol|Fig|cf|v|vs|viz|approx|ca)\.$/;
const ABBREVIATION = /(?:^|[\s("'\u201c])(?:(?:\p{Lu}\.){0,3}\p{Lu}|Jr|Sr|Inc|Ltd|Co|Corp|Bros|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|a\.m|p\.m|[a-z]\.[a-z])\.$/u;
const SENTENCE_OPENERS = new Set(
  (
    'a an the this that these those it its he she they we i you his her their our there here in on at by for from of to as ' +
    'after before during when while where since until although though however but and or so yet if then thus also today ' +
    'later some many most one other both each all any every such according following despite with without under over ' +
    'between among through'
  ).split(' '),
);

function continuation(sentence: string): Continuation {
  if (TITLE.test(sentence)) return 'always';
  return ABBREVIATION.test(sentence) ? 'unless-opener' : 'no';
}

const NEXT_WORD = /\s*["\u201c(]?([\p{L}\p{N}]+)/uy;

function continues(open: Continuation, text: string, at: number): boolean {
  if (open !== 'unless-opener') return open === 'always';
  NEXT_WORD.lastIndex = at;
  const first = NEXT_WORD.exec(text)?.[1];
  return first !== undefined && !SENTENCE_OPENERS.has(first.toLowerCase());
}

/**
 * A table row ("Total assets | US$411.9 billion (2023)", as the parsers write tables) ends at its
 * line's end: rows carry no full stops, and a whole table read as one sentence could not be
 * quoted row by row.
 */
function tableRowEnds(text: string): number[] {
  const ends: number[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    const next = text.indexOf('\n', i + 1);
    const line = text.slice(start, i);
    const following = text.slice(i + 1, next === -1 ? text.length : next);
    if (line.includes(' | ') || following.includes(' | ')) ends.push(i);
    start = i + 1;
  }
  return ends;
}

/** Sentences of a whole text as [start, end) spans (hard line wraps do not end a sentence). */
export function sentenceSpans(text: string): Span[] {
  return sentences(text, { start: 0, end: text.length });
}

/** Sentences of a whole text as strings: the one sentence splitter every module uses. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}

export function lines(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  for (let i = span.start; i <= span.end; i++) {
    if (i === span.end || text[i] === '\n') {
      const s = trimmed(text, start, i);
      if (s) out.push(s);
      start = i + 1;
    }
  }
  return out;
}

export function words(text: string, span: Span): Span[] {
  const out: Span[] = [];
  const re = /\S+/g;
  const slice = text.slice(span.start, span.end);
  for (const m of slice.matchAll(re)) out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
  return out;
}

/**
 * Hard-wrapped text (e.g. Project Gutenberg) breaks lines mid-sentence and the sentence segmenter
 * would cut there. A single newline becomes a space, which keeps every offset where it was.
 */
export function unwrapLines(text: string): string {
  return text.replace(/(?<!\n)\n(?!\n)/g, ' ');
}
