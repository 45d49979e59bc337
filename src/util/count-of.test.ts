import { describe, expect, it } from 'vitest';
import { countOf } from './count-of';

describe('countOf', () => {
  it('writes one noun for 1 and the plural for every other count, zero included', () => {
    expect(countOf(1, 'passage')).toBe('1 passage');
    expect(countOf(0, 'passage')).toBe('0 passages');
    expect(countOf(3, 'passage')).toBe('3 passages');
  });
  it('takes an irregular plural, or a phrase whose verb agrees with the count', () => {
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
    expect(countOf(1, 'sentence agrees', 'sentences agree')).toBe('1 sentence agrees');
    expect(countOf(4, 'sentence agrees', 'sentences agree')).toBe('4 sentences agree');
  });
});
