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
  for (const seg of sentenceSegmenter.segment(unwrapLines(text.slice(span.start, span.end)))) {
    const s = trimmed(text, span.start + seg.index, span.start + seg.index + seg.segment.length);
    if (s) out.push(s);
  }
  return out;
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
