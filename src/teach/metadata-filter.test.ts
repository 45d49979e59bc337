import { describe, expect, it } from 'vitest';
import { documentsPassing } from './metadata-filter';

describe('metadata filter', () => {
  const docs = [
    { docId: 'old', date: '2023-03-01', tags: ['outdated'] },
    { docId: 'new', date: '2025-01-15', tags: ['current'] },
    { docId: 'undated', tags: [] },
  ];
  it('keeps documents dated on or after the date, and undated ones', () => {
    expect([...documentsPassing(docs, { notBefore: '2025-01-15' })]).toEqual(['new', 'undated']);
  });
  it('leaves out documents with an excluded tag', () => {
    expect([...documentsPassing(docs, { excludeTags: ['outdated'] })]).toEqual(['new', 'undated']);
  });
  it('without a filter keeps everything', () => {
    expect(documentsPassing(docs, {}).size).toBe(3);
  });
});
