import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPLIT_CASES } from '../../test/sentence-cases';
import { sentenceSpans, splitSentences } from './segment';

describe('sentence splitting', () => {
  it.each(SPLIT_CASES)('splits %j where its sentences end', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('keeps hard-wrapped lines of one sentence together', () => {
    expect(splitSentences('Call me\nIshmael. Some years\nago, never mind.')).toEqual(['Call me\nIshmael.', 'Some years\nago, never mind.']);
  });

  it('returns ordered, trimmed spans that keep every non-space character of any text', () => {
    const piece = fc.constantFrom('U.S.', 'Mr.', 'B.', '[1]', '[', ']', '.', '!', '?', 'The', 'word', 'Name', '\n', '\n\n', ' ', '1990.', '"', '(');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join(' ')), (text) => {
        const spans = sentenceSpans(text);
        let last = 0;
        let kept = '';
        for (const { start, end } of spans) {
          expect(start).toBeGreaterThanOrEqual(last);
          expect(end).toBeGreaterThan(start);
          expect(text[start]).toMatch(/\S/);
          expect(text[end - 1]).toMatch(/\S/);
          kept += text.slice(start, end);
          last = end;
        }
        expect(kept.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});
