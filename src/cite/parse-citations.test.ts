import { describe, expect, it } from 'vitest';
import { parseCitations } from './parse-citations';

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
