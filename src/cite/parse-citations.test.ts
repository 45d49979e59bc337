import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { citationPieces, MAX_CITATIONS_PER_MARKER, parseCitations, withoutCitationMarks } from './parse-citations';

const numbers = (text: string, sources = 5) => parseCitations(text, sources).markers.map((m) => m.numbers);

describe('citation parsing', () => {
  it('reads single, listed and ranged citations', () => {
    expect(numbers('Paris is the capital [1].')).toEqual([[1]]);
    expect(numbers('Both agree [1, 3] and [2,4].')).toEqual([[1, 3], [2, 4]]);
    expect(numbers('See [2-4] and [1–2] and [3 — 5].')).toEqual([[2, 3, 4], [1, 2], [3, 4, 5]]);
    expect(numbers('Adjacent [1][2].')).toEqual([[1], [2]]);
    expect(numbers('Mixed [1, 3-4; 5].')).toEqual([[1, 3, 4, 5]]);
    expect(numbers('Repeats [2, 2, 1-2].')).toEqual([[2, 1]]);
  });

  it('keeps marker positions so the UI can link them', () => {
    const { markers } = parseCitations('Text [12] more', 20);
    expect(markers[0]).toMatchObject({ start: 5, end: 9, raw: '[12]' });
  });

  it('flags references to sources that do not exist', () => {
    const { markers } = parseCitations('Claims [0] and [2, 7] and [6-7].', 5);
    expect(markers.map((m) => m.invalid)).toEqual([[0], [7], [6, 7]]);
  });

  it('reports malformed brackets instead of guessing', () => {
    const { markers, malformed } = parseCitations('Odd [3-1] and [1,,2] and [source 2] and an open [2. Next', 5);
    expect(markers).toEqual([]);
    expect(malformed.map((m) => m.raw)).toEqual(['[3-1]', '[1,,2]', '[source 2]', '[2']);
  });

  it('ignores brackets that are not citations', () => {
    expect(parseCitations('An array [a, b] and a note [sic] and [].', 5)).toEqual({ markers: [], malformed: [] });
    expect(parseCitations('A range [1-99] is too wide.', 100).malformed.map((m) => m.raw)).toEqual(['[1-99]']);
  });
});

describe('citation parsing on document text', () => {
  it('refuses an absurd range instead of expanding it ([1-90000000] from a real document)', () => {
    const text = 'Table 4 lists the intervals used [1-90000000]. Then [2].';
    const { markers, malformed } = parseCitations(text, 5);
    expect(markers.map((m) => m.numbers)).toEqual([[2]]);
    expect(malformed.map((m) => m.raw)).toEqual(['[1-90000000]']);
    const pieces = citationPieces(text, 5);
    expect(pieces.filter((p) => p.kind === 'marker')).toHaveLength(1);
    expect(pieces.map((p) => (p.kind === 'text' ? p.text : p.marker.raw)).join('')).toBe(text);
  });

  it("leaves a document's own reference marks out of a quotation", () => {
    expect(withoutCitationMarks('after signing a pivotal contract with IBM[14]: 228')).toBe('after signing a pivotal contract with IBM');
    expect(withoutCitationMarks('It was built in 1912.[12][13]')).toBe('It was built in 1912.');
    expect(withoutCitationMarks('As shown in [3], the method works.')).toBe('As shown in, the method works.');
    // What the parser refuses is shown as text anyway, and stays.
    expect(withoutCitationMarks('The intervals were [1-90000000]; it burned.[citation needed]')).toBe('The intervals were [1-90000000]; it burned.[citation needed]');
    expect(withoutCitationMarks('[2[3]] left')).toBe('left');
  });

  it('never yields more than a bounded number of citations per marker, and pieces always rebuild the text (fuzz)', async () => {
    const { readFileSync } = await import('node:fs');
    const book = readFileSync(new URL('../../test/fixtures/docs/pg26184.txt', import.meta.url), 'utf8');
    const marker = fc.oneof(
      fc.tuple(fc.nat(100_000_000), fc.nat(100_000_000)).map(([a, b]) => `[${a}-${b}]`),
      fc.array(fc.nat(999), { minLength: 1, maxLength: 6 }).map((ns) => `[${ns.join(', ')}]`),
      fc.constantFrom('[', ']', '[[1]]', '[1–3]', '[source 2]', '[2'),
    );
    fc.assert(
      fc.property(fc.nat(book.length - 400), fc.array(fc.tuple(fc.nat(400), marker), { maxLength: 6 }), fc.nat(20), (at, inserts, sources) => {
        let text = book.slice(at, at + 400);
        for (const [pos, m] of inserts) text = text.slice(0, pos) + m + text.slice(pos);
        const { markers } = parseCitations(text, sources);
        for (const m of markers) expect(m.numbers.length).toBeLessThanOrEqual(MAX_CITATIONS_PER_MARKER);
        const pieces = citationPieces(text, sources);
        expect(pieces.map((p) => (p.kind === 'text' ? p.text : text.slice(p.marker.start, p.marker.end))).join('')).toBe(text);
        // A quotation of this text carries no citation of its own.
        expect(parseCitations(withoutCitationMarks(text), sources).markers).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
