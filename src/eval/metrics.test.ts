import { describe, expect, it } from 'vitest';
import { mrrAt, ndcgAt, percentile, recallAt } from './metrics';

describe('retrieval metrics', () => {
  const judgments = new Map([['a', 1], ['b', 2], ['z', 0]]);
  it('nDCG@k is 1 for the ideal order and lower otherwise', () => {
    expect(ndcgAt(['b', 'a', 'x'], judgments, 10)).toBeCloseTo(1);
    expect(ndcgAt(['x', 'y'], judgments, 10)).toBe(0);
  });
  it("nDCG@k uses trec_eval's linear gain (the grade itself), checked by hand", () => {
    // Ranking a(1), x(0), b(2): DCG = 1/log2(2) + 2/log2(4) = 1 + 1 = 2.
    // Ideal b(2), a(1): IDCG = 2/log2(2) + 1/log2(3) = 2 + 0.63093 = 2.63093. nDCG = 0.76019.
    expect(ndcgAt(['a', 'x', 'b'], judgments, 10)).toBeCloseTo(0.76019, 4);
    // Cut at 2: DCG@2 = 1; IDCG@2 = 2.63093; nDCG@2 = 0.38010.
    expect(ndcgAt(['a', 'x', 'b'], judgments, 2)).toBeCloseTo(0.3801, 4);
    // Grades 3,2,3,0,1,2 (a classic worked example): trec_eval's nDCG@6 of that order is 0.9608.
    const graded = new Map([['d1', 3], ['d2', 2], ['d3', 3], ['d4', 0], ['d5', 1], ['d6', 2]]);
    expect(ndcgAt(['d1', 'd2', 'd3', 'd4', 'd5', 'd6'], graded, 6)).toBeCloseTo(0.9608, 4);
  });
  it('recall@k and MRR@k', () => {
    expect(recallAt(['x', 'a', 'y'], judgments, 2)).toBe(0.5);
    expect(recallAt(['x', 'a', 'b'], judgments, 3)).toBe(1);
    expect(mrrAt(['x', 'y', 'b'], judgments, 10)).toBeCloseTo(1 / 3);
    expect(mrrAt(['x', 'y', 'b'], judgments, 2)).toBe(0);
  });
  it('percentiles by nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
  });
});
