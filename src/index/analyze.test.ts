import { describe, expect, it } from 'vitest';
import { SAME_TERMS } from '../../test/analyzer-cases';
import { analyze, foldAccents } from './analyze';
import { Bm25Index, buildSegment } from './bm25';

describe('analyze', () => {
  it.each(SAME_TERMS)('analyzes %j as %j', (a, b) => {
    expect(analyze(a)).toEqual(analyze(b));
  });

  it('joins irregular forms to their base, which the stemmer alone cannot', () => {
    expect(analyze('indexing indexed indexes')).toEqual(['index', 'index', 'index']);
  });

  it('leaves forms that are common words of their own alone', () => {
    expect(analyze('left wound ground')).toEqual(['left', 'wound', 'ground']);
  });

  it('keeps accented words whole, folded to plain letters', () => {
    expect(analyze('Temüjin')).toEqual(['temujin']);
    // Spelling correction folds a typed word with the same function.
    expect(foldAccents('Müller Temüjin')).toBe('muller temujin');
    expect(analyze('Müller')).toEqual([foldAccents('Müller')]);
  });

  it('reads a dotted abbreviation as the word it spells', () => {
    expect(analyze('the U.K. and the E.U.')).toEqual(['uk', 'eu']);
    expect(analyze('pH 3.5 at 10 a.m.')).toEqual(['ph', '3', '5', '10']);
  });

  it('lets a question in the present find a text in the past', () => {
    const index = new Bm25Index();
    index.addSegment(buildSegment('d', [{ id: 'd#0', text: 'The monks fled to the hills.' }, { id: 'd#1', text: 'The abbey kept its books.' }]));
    expect(index.search('Where did they flee to?', 5).map((h) => h.id)).toEqual(['d#0']);
  });
});
