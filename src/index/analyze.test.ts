import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { Bm25Index, buildSegment } from './bm25';

describe('analyze', () => {
  it('joins irregular forms to their base, which the stemmer alone cannot', () => {
    expect(analyze('fled fought children taught')).toEqual(analyze('flee fight child teach'));
    expect(analyze('indexing indexed indexes')).toEqual(['index', 'index', 'index']);
  });

  it('leaves forms that are common words of their own alone', () => {
    expect(analyze('left wound ground')).toEqual(['left', 'wound', 'ground']);
  });

  it('lets a question in the present find a text in the past', () => {
    const index = new Bm25Index();
    index.addSegment(buildSegment('d', [{ id: 'd#0', text: 'The monks fled to the hills.' }, { id: 'd#1', text: 'The abbey kept its books.' }]));
    expect(index.search('Where did they flee to?', 5).map((h) => h.id)).toEqual(['d#0']);
  });
});
