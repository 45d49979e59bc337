import { describe, expect, it } from 'vitest';
import { metricLabel, metricValue } from './metric-labels';

describe('evaluation metrics as a teacher reads them', () => {
  it('names each key in words and shows shares as percentages', () => {
    expect(metricLabel('abstained_answerable')).toBe('declined, of those it can answer (lower is better)');
    expect(metricValue('abstained_answerable', 0.0556)).toBe('5.6 %');
    expect(metricLabel('answer_in_context@5')).toBe('a gold answer in the top 5 passages');
    expect(metricValue('recall@5', 1)).toBe('100.0 %');
    expect(metricLabel('baseline.declined_unanswerable')).toBe('baseline: declined, of those it cannot answer');
  });

  it('keeps counts, ranks and unknown keys as they are', () => {
    expect(metricValue('n', 23)).toBe('23');
    expect(metricValue('mrr@5', 0.9722)).toBe('0.9722');
    expect(metricValue('ndcg@10', 0.9795)).toBe('0.9795');
    expect(metricLabel('something_new')).toBe('something_new');
    expect(metricValue('f1', null)).toBe('–');
  });
});
