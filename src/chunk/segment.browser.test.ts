import { describe, expect, it } from 'vitest';
import { SPLIT_CASES } from '../../test/sentence-cases';
import { splitSentences } from './segment';

// The page splits with this browser's ICU, which may differ from Node's: the same cases must hold.
describe('sentence splitting in the browser', () => {
  it.each(SPLIT_CASES)('splits %j where its sentences end', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});
