import { describe, expect, it } from 'vitest';
import { SAME_TERMS } from '../../test/analyzer-cases';
import { analyze } from './analyze';

// The page indexes with this browser's Unicode tables and regular expressions: the same cases must hold.
describe('search terms in the browser', () => {
  it.each(SAME_TERMS)('analyzes %j as %j', (a, b) => {
    expect(analyze(a)).toEqual(analyze(b));
  });

  it('keeps an accented word whole', () => {
    expect(analyze('Temüjin')).toEqual(['temujin']);
  });
});
