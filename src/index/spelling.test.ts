import { describe, expect, it } from 'vitest';
import { boundedEditDistance, stemSlip, swapVariants } from './spelling';

describe('spelling slips', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(boundedEditDistance('weahter', 'weather', 2)).toBe(1);
    expect(boundedEditDistance('wheather', 'weather', 2)).toBe(1);
    expect(boundedEditDistance('owl', 'barn', 1)).toBe(2);
  });

  it('matches a library stem to the start of a typed word whose rest reads back to that stem', () => {
    // The stemmer keeps the typo whole ("captial"), three edits from the library's "capit".
    expect(boundedEditDistance('captial', 'capit', 3)).toBe(3);
    expect(stemSlip('capit', 'captial', 1)).toEqual({ distance: 1, word: 'capital' });
    expect(stemSlip('charact', 'charecter', 1)).toEqual({ distance: 1, word: 'character' });
    expect(stemSlip('australia', 'austrlaia', 1)).toEqual({ distance: 1, word: 'australia' });
    expect(stemSlip('perish', 'perihs', 1)).toEqual({ distance: 1, word: 'perish' });
    // "capit" + "xyz" does not stem to "capit": no readable word, no match.
    expect(stemSlip('capit', 'capitxyz', 1)).toBeNull();
  });

  it('lists each way to put back one swapped pair', () => {
    expect(swapVariants('captial')).toContain('capital');
    expect(swapVariants('abba')).toEqual(['baba', 'abab']);
  });
});
