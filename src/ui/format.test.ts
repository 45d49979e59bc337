import { describe, expect, it } from 'vitest';
import { duplicatesLabel } from './format';

describe('the duplicates warning', () => {
  it('names only the kinds a document has', () => {
    expect(duplicatesLabel(0, 2)).toBe('2 near-duplicate passages');
    expect(duplicatesLabel(1, 0)).toBe('1 exact-duplicate passage');
    expect(duplicatesLabel(1, 2)).toBe('1 exact and 2 near-duplicate passages');
  });
});
