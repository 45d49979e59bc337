import { describe, expect, it } from 'vitest';
import { CLOSEST_SENTENCE_CASE, TABLE_CASE, TOWER_CASES, TOWER_TERMS } from '../../test/relevance-cases';
import { judgeAnswer } from './verdicts';
import { answerSentences, quotationCheck, verifyAnswer } from './verify';

const sources = [
  { n: 1, text: 'The Eiffel Tower was completed in 1889 for the World Fair in Paris.' },
  { n: 2, text: 'Gustave Eiffel’s company designed and built the tower, which is made of wrought iron.' },
];

describe('answer verification', () => {
  it('labels cited, uncited and invented sentences, and computes groundedness', () => {
    const answer =
      'The Eiffel Tower was completed in 1889 [1]. ' +
      'It is made of wrought iron. ' +
      'The tower was painted gold by Napoleon in 1920 [2]. ' +
      'Its elevators run on steam from a coal plant.';
    const check = verifyAnswer(answer, sources);
    expect(check.sentences.map((s) => s.label)).toEqual(['supported', 'uncited', 'unsupported', 'unsupported']);
    expect(check.sentences[1]!.bestSource).toBe(2);
    expect(check.groundedness).toBeCloseTo(0.5);
    expect(check.counts).toEqual({ supported: 1, uncited: 1, unsupported: 2 });
  });

  it('treats a citation of the wrong source as not supporting', () => {
    const check = verifyAnswer('The tower was completed in 1889 for the World Fair [2].', sources);
    expect(check.sentences[0]!.label).toBe('uncited');
    expect(check.sentences[0]!.bestSource).toBe(1);
  });

  it('flags citations of sources that do not exist', () => {
    const check = verifyAnswer('The tower was completed in 1889 [3].', sources);
    expect(check.sentences[0]!.invalidCites).toEqual([3]);
    expect(check.invalidCitations).toBe(1);
  });

  it('treats every citation of the baseline (which had no sources) as invalid, yet checks its support', () => {
    const check = verifyAnswer('The Eiffel Tower was completed in 1889 [1].', sources, undefined, { citable: 0 });
    expect(check.sentences[0]!.invalidCites).toEqual([1]);
    expect(check.sentences[0]!.label).toBe('uncited');
  });

  it('counts a baseline answer with no sources as ungrounded', () => {
    const check = verifyAnswer('The tower is 500 metres tall. It was built by the Romans.', sources);
    expect(check.groundedness).toBe(0);
  });

  it("uses embedding similarity on the model's calibrated scale, and never against a fixed cosine", () => {
    const v = (x: number, y: number) => Float32Array.from([x, y]).map((c, _, a) => c / Math.hypot(...a));
    const withVectors = sources.map((s, i) => ({ ...s, vector: i === 0 ? v(1, 0) : v(0, 1) }));
    const stats = (mean: number) => ({ mean, sd: 0.05, p95: mean + 0.1 });
    const calibration = { kind: 'dense-sentence' as const, model: 'm', dtype: 'fp32', library: 'l', related: stats(0.9), background: stats(0.1), samples: 40 };
    // Few shared words, but the meaning matches source 1 exactly.
    const answer = 'Finished 1889, in time for the exhibition [1].';
    expect(verifyAnswer(answer, withVectors, [v(1, 0)], { calibration }).sentences[0]!.label).toBe('supported');
    expect(verifyAnswer(answer, withVectors, [v(1, 0)]).sentences[0]!.label).toBe('unsupported');
  });

  it('splits hard-wrapped text into sentences where they end, not at line breaks', () => {
    const wrapped = 'In a continuous line from that peninsula stretch the long islands of\nSumatra, Java, Bally, and Timor; which form a vast\nmole. [1] That great America on the other side of the sphere, Australia, was\ngiven to the enlightened world by the whaleman. [2]';
    const sentences = answerSentences(wrapped);
    expect(sentences).toHaveLength(2);
    expect(sentences[0]!.text).toMatch(/^In a continuous line[\s\S]*mole\. \[1\]$/);
    expect(sentences[1]!.text).toMatch(/^That great America[\s\S]*whaleman\. \[2\]$/);
  });

  it('attaches a trailing citation sentence to the sentence before it', () => {
    expect(answerSentences('It was built in 1889. [1] Then more.').map((s) => s.text)).toEqual(['It was built in 1889. [1]', 'Then more.']);
  });
});

describe('relevance verdicts', () => {
  it.each(TOWER_CASES)('judges %j by the kind of thing the question asks for', ({ question, quote, relevant, summary }) => {
    const check = quotationCheck([{ text: quote, n: 1 }]);
    const verdicts = judgeAnswer('extractive', check.sentences[0]!.text, check, TOWER_TERMS, [{ n: 1, text: quote }], question);
    expect(verdicts.relevant.level).toBe(relevant);
    expect(verdicts.relevant.summary).toBe(summary);
  });

  it('says that a two-sentence answer is judged on its closest sentence', () => {
    const { question, terms, quotes, relevant, summary } = CLOSEST_SENTENCE_CASE;
    const check = quotationCheck(quotes.map((text) => ({ text, n: 1 })));
    const verdicts = judgeAnswer('extractive', check.sentences.map((s) => s.text).join(' '), check, [...terms], [{ n: 1, text: quotes.join(' ') }], question);
    expect(verdicts.relevant.level).toBe(relevant);
    expect(verdicts.relevant.summary).toBe(summary);
  });

  it('reads a quoted table row with its header row', () => {
    const check = quotationCheck([{ text: TABLE_CASE.quote, n: 1 }]);
    const judge = (source: string) => judgeAnswer('extractive', check.sentences[0]!.text, check, [...TABLE_CASE.terms], [{ n: 1, text: source }], TABLE_CASE.question).relevant.level;
    expect(judge(TABLE_CASE.source)).toBe('relevant');
    // A passage that starts inside the table has the header among its headings.
    const rows = TABLE_CASE.source.split('\n');
    expect(judgeAnswer('extractive', check.sentences[0]!.text, check, [...TABLE_CASE.terms], [{ n: 1, text: rows.slice(1).join('\n'), headings: ['Planets', rows[0]!] }], TABLE_CASE.question).relevant.level).toBe('relevant');
    // Without its header the row does not say what 142984 is.
    expect(judge(rows.slice(1).join('\n'))).toBe('irrelevant');
  });
});
