import { describe, expect, it } from 'vitest';
import { mrrAt, ndcgAt, percentile, recallAt } from './metrics';

describe('retrieval metrics', () => {
  const judgments = new Map([['a', 1], ['b', 2], ['z', 0]]);
  it('nDCG@k is 1 for the ideal order and lower otherwise', () => {
    expect(ndcgAt(['b', 'a', 'x'], judgments, 10)).toBeCloseTo(1);
    const dcg = 1 / Math.log2(2) + 3 / Math.log2(4);
    const idcg = 3 / Math.log2(2) + 1 / Math.log2(3);
    expect(ndcgAt(['a', 'x', 'b'], judgments, 10)).toBeCloseTo(dcg / idcg);
    expect(ndcgAt(['x', 'y'], judgments, 10)).toBe(0);
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
