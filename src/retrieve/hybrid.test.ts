import { describe, expect, it } from 'vitest';
import { ExactIndex } from '../index/exact-index';
import { DEFAULT_RETRIEVAL, retrieve, termAsRead, weighQueryTerms } from './hybrid';
import { lexicalSegment, toIndexedChunks } from './index-document';
import { LibraryIndex } from './library-index';
import { answerability } from './answerable';
import { verifyAnswer } from '../cite/verify';
import { judgeAnswer } from '../cite/verdicts';

function library() {
  const index = new LibraryIndex(new ExactIndex(3));
  const add = (docId: string, type: 'pdf' | 'text', texts: string[], vectors: number[][]) => {
    const info = { docId, name: `${docId}.${type}`, type };
    const chunks = toIndexedChunks(info, texts.map((text, ordinal) => ({ doc: docId, ordinal, text, start: 0, end: text.length, headings: [], tokens: 5 })));
    index.addDocument(docId, chunks, lexicalSegment(info, chunks), Float32Array.from(vectors.flat()));
  };
  add('a', 'pdf', ['owls hunt mice at night', 'the weather was mild'], [[1, 0, 0], [0, 1, 0]]);
  add('b', 'text', ['barn owls nest in old barns', 'tax forms are due in april'], [[0.9, 0.1, 0], [0, 0, 1]]);
  return index;
}

const embedQuery = async () => Float32Array.from([1, 0, 0]);

describe('hybrid retrieval', () => {
  it('fuses BM25 and dense ranks and traces both', async () => {
    const { results } = await retrieve(library(), 'owls', { ...DEFAULT_RETRIEVAL, k: 3 }, { embedQuery });
    expect(results.map((r) => r.chunk.id).slice(0, 2).sort()).toEqual(['a#0', 'b#0']);
    const top = results[0]!.trace;
    expect(top.bm25Rank).not.toBeNull();
    expect(top.denseRank).toBe(1);
    expect(top.fusedScore).toBeCloseTo(1 / (60 + top.bm25Rank!) + 1 / 61);
    // A chunk found by BM25 only still gets its cosine, for the inspector and the threshold.
    expect(results.every((r) => r.trace.denseScore !== null)).toBe(true);
  });

  it('filters by document and by type', async () => {
    const byDoc = await retrieve(library(), 'owls', { ...DEFAULT_RETRIEVAL, docIds: new Set(['b']) }, { embedQuery });
    expect(new Set(byDoc.results.map((r) => r.chunk.docId))).toEqual(new Set(['b']));
    const byType = await retrieve(library(), 'owls', { ...DEFAULT_RETRIEVAL, types: new Set(['pdf' as const]) }, { embedQuery });
    expect(new Set(byType.results.map((r) => r.chunk.docId))).toEqual(new Set(['a']));
  });

  it('reranks the head with the cross-encoder and applies the score threshold', async () => {
    const rerank = async (_q: string, passages: string[]) => passages.map((p) => (p.includes('barn') ? 5 : -5));
    const { results } = await retrieve(library(), 'owls', { ...DEFAULT_RETRIEVAL, rerank: true, minScore: 0 }, { embedQuery, rerank });
    expect(results.map((r) => r.chunk.id)).toEqual(['b#0']);
    expect(results[0]!.trace.rerankScore).toBe(5);
  });

  it('runs BM25 alone without any model', async () => {
    const { results } = await retrieve(library(), 'tax forms april', { ...DEFAULT_RETRIEVAL, retriever: 'bm25' });
    expect(results[0]!.chunk.id).toBe('b#1');
    expect(results[0]!.trace.denseScore).toBeNull();
  });

  it('searches a misspelt question term as the library spells it', async () => {
    const { results, queryTerms } = await retrieve(library(), 'was the wheather good for owls', { ...DEFAULT_RETRIEVAL, retriever: 'bm25' });
    expect(queryTerms.find((t) => t.term === 'wheather')?.alias).toBe('weather');
    expect(results[0]!.chunk.id).toBe('a#1');
  });

  it('reads two swapped letters as one slip, as the library spells the word', () => {
    const terms = weighQueryTerms(library(), 'was the weahter good for owls');
    expect(terms.find((t) => t.term === 'weahter')?.alias).toBe('weather');
  });

  it('reads a swap that broke the stemmer, and names the library\'s word as people write it', async () => {
    const index = new LibraryIndex(new ExactIndex(3));
    const info = { docId: 'c', name: 'c.txt', type: 'text' as const };
    const texts = ['Canberra is the capital of Australia.', 'Barn owls hunt at night.'];
    const chunks = toIndexedChunks(info, texts.map((text, ordinal) => ({ doc: 'c', ordinal, text, start: 0, end: text.length, headings: [], tokens: 5 })));
    index.addDocument('c', chunks, lexicalSegment(info, chunks), Float32Array.from([1, 0, 0, 0, 1, 0]));
    // "captial" stems to itself, three edits from the library's "capit": only the swap finds it.
    const { results, queryTerms } = await retrieve(index, 'What is the captial of Austrlaia?', { ...DEFAULT_RETRIEVAL, retriever: 'bm25' });
    expect(queryTerms.find((t) => t.word === 'captial')).toMatchObject({ alias: 'capit', aliasWord: 'capital' });
    expect(queryTerms.find((t) => t.word === 'Austrlaia')).toMatchObject({ alias: 'australia', aliasWord: 'Australia' });
    expect(results[0]!.chunk.id).toBe('c#0');
    expect(answerability(results, queryTerms).answerable).toBe(true);
  });

  it('reads a swap in a four-letter word, and never reads a number as misspelt', () => {
    const terms = weighQueryTerms(library(), 'How do barn owsl hunt in 1953?');
    expect(terms.find((t) => t.word === 'owsl')).toMatchObject({ alias: 'owl', aliasWord: 'owls' });
    const index = new LibraryIndex(new ExactIndex(3));
    const info = { docId: 'y', name: 'y.txt', type: 'text' as const };
    const chunks = toIndexedChunks(info, [{ doc: 'y', ordinal: 0, text: 'The fort fell in 1573 and again in 17530 BC.', start: 0, end: 44, headings: [], tokens: 5 }]);
    index.addDocument('y', chunks, lexicalSegment(info, chunks), Float32Array.from([1, 0, 0]));
    const years = weighQueryTerms(index, 'Did the fort fall in 1753 or 17531 BC?');
    expect(years.find((t) => t.word === '1753')?.alias).toBeUndefined();
    expect(years.find((t) => t.word === '17531')?.alias).toBeUndefined();
  });

  it('keeps the question\'s own word for each search term, to show people', () => {
    const words = new Map(weighQueryTerms(library(), 'Were barn owls disastrous hunters in the U.S. and Müller\'s barns?').map((t) => [t.term, t.word]));
    expect(words.get('disastr')).toBe('disastrous');
    expect(words.get('us')).toBe('U.S.');
    expect(words.get('muller')).toBe('Müller');
    expect(words.get('barn')).toBe('barn');
  });

  it('weighs the words that shape a question, and the kind of answer after "what" or "which", at a quarter', () => {
    const index = library();
    const weights = new Map(weighQueryTerms(index, 'Which country do barn owls nest in, and where is it located?').map((t) => [t.term, t.idf]));
    expect(weights.get('countri')).toBeCloseTo(index.bm25.idf('countri') / 4);
    expect(weights.get('locat')).toBeCloseTo(index.bm25.idf('locat') / 4);
    expect(weights.get('nest')).toBeCloseTo(index.bm25.idf('nest'));
    expect(new Map(weighQueryTerms(index, 'Owls nest in this country').map((t) => [t.term, t.idf])).get('countri')).toBeCloseTo(index.bm25.idf('countri'));
  });

  it('never reports a word that shapes the question as missing from the answer or the passage', async () => {
    const index = library();
    const question = 'How many barn owls nest in old barns?';
    const terms = weighQueryTerms(index, question);
    expect(terms.find((t) => t.term === 'mani')?.phrasing).toBe(true);
    const { results } = await retrieve(index, question, { ...DEFAULT_RETRIEVAL, retriever: 'bm25', k: 2 });
    const reason = answerability(results, terms).reason;
    expect(reason).not.toMatch(/\bmany\b/);
    // A partly relevant answer lists what it misses ("old"), but not the word "many".
    const source = [{ n: 1, text: 'Three barn owls nest in lofts.' }];
    const check = verifyAnswer('Three barn owls nest in lofts [1].', source);
    const summary = judgeAnswer('llm', 'Three barn owls nest in lofts [1].', check, terms, source, question).relevant.summary;
    expect(summary).toMatch(/missing: old\.$/);
  });

  it('names a corrected word with the library\'s reading of it, in one format for the reason and the hints', () => {
    expect(termAsRead({ word: 'Austrlaia', alias: 'australia', aliasWord: 'Australia' })).toBe('Austrlaia (read as Australia)');
    expect(termAsRead({ word: 'captial', alias: 'capit', aliasWord: 'capital' }, (w) => `“${w}”`)).toBe('“captial” (read as “capital”)');
    expect(termAsRead({ word: 'owls' })).toBe('owls');
  });

  it('lists each calibrated score in the reason as it counts in the evidence, never above 1', async () => {
    const { results, queryTerms } = await retrieve(library(), 'owls hunt mice', { ...DEFAULT_RETRIEVAL, retriever: 'hybrid' }, { embedQuery: async () => Float32Array.from([1, 0, 0]) });
    const stats = (mean: number) => ({ mean, sd: 0.05, p95: mean + 0.1 });
    const dense = { kind: 'dense-query' as const, model: 'm', dtype: 'fp32', library: 'l', related: stats(0.5), background: stats(0.1), samples: 40 };
    const verdict = answerability(results, queryTerms, undefined, { dense });
    expect(verdict.details.denseCalibrated).toBeGreaterThan(1);
    expect(verdict.reason).toMatch(/, dense 1\.00\)/);
  });
});
