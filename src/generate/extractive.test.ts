import { describe, expect, it } from 'vitest';
import { answerTypeFit, expectedAnswerType, extractAnswer } from './extractive';

describe('extractive answers', () => {
  it('never quotes the same sentence twice, even when two passages repeat it', () => {
    const passage = 'Barn owls hunt mice at night.\nThey hear prey in total darkness. Farmers like them.';
    const answer = extractAnswer('How do barn owls hunt mice at night?', [
      { n: 1, text: passage },
      { n: 2, text: passage.replace('\n', ' ') },
    ]);
    const texts = answer.sentences.map((s) => s.text.replace(/\s+/g, ' '));
    expect(new Set(texts).size).toBe(texts.length);
    expect(answer.sentences[0]!.text).toBe('Barn owls hunt mice at night.');
  });

  it('prefers a sentence holding the kind of thing the question asks for', () => {
    expect(expectedAnswerType('When did the tower open?')).toBe('time');
    expect(expectedAnswerType('How many people visit it?')).toBe('number');
    expect(expectedAnswerType('Who designed the tower?')).toBe('person');
    expect(expectedAnswerType('What is the tower made of?')).toBeNull();
    expect(answerTypeFit('time', 'The tower opened in 1889.', 'When did the tower open?')).toBe(1);
    expect(answerTypeFit('time', 'The tower opened to great acclaim.', 'When did the tower open?')).toBe(0);
    const answer = extractAnswer('When did the tower open to visitors?', [
      { n: 1, text: 'The tower opened to visitors with great fanfare and a band. The tower opened to visitors on 31 March 1889.' },
    ]);
    expect(answer.sentences[0]!.text).toMatch(/1889/);
  });
});
