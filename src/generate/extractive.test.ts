import { describe, expect, it } from 'vitest';
import { answerTypeFit, expectedAnswerType } from '../retrieve/answer-type';
import { derivedFrom, extractSentences } from './extractive';

describe('extractive answers', () => {
  it('never quotes the same sentence twice, even when two passages repeat it', () => {
    const passage = 'Barn owls hunt mice at night.\nThey hear prey in total darkness. Farmers like them.';
    const answer = extractSentences('How do barn owls hunt mice at night?', [
      { n: 1, text: passage },
      { n: 2, text: passage.replace('\n', ' ') },
    ]);
    const texts = answer.map((s) => s.text.replace(/\s+/g, ' '));
    expect(new Set(texts).size).toBe(texts.length);
    expect(answer[0]!.text).toBe('Barn owls hunt mice at night.');
  });

  it('prefers a sentence holding the kind of thing the question asks for', () => {
    expect(expectedAnswerType('When did the tower open?')).toBe('time');
    expect(expectedAnswerType('How many people visit it?')).toBe('count');
    expect(expectedAnswerType('How tall is the tower?')).toBe('number');
    expect(expectedAnswerType('Who designed the tower?')).toBe('person');
    expect(expectedAnswerType('What is the tower made of?')).toBeNull();
    expect(answerTypeFit('time', 'The tower opened in 1889.', 'When did the tower open?')).toBe(1);
    expect(answerTypeFit('time', 'The tower opened to great acclaim.', 'When did the tower open?')).toBe(0);
    // A year is a date, not a count; a measure may still be read from years.
    expect(answerTypeFit('count', 'The tower opened in 1889.', 'How many people visit the tower?')).toBe(0);
    expect(answerTypeFit('count', 'The tower drew 1,896,987 visitors in 1889.', 'How many people visit the tower?')).toBe(1);
    expect(answerTypeFit('count', 'Seven million people visit it each year.', 'How many people visit the tower?')).toBe(1);
    expect(answerTypeFit('number', 'It stood from 1889 to 1930 as the tallest.', 'How long was it the tallest?')).toBe(1);
    // Times that are not calendar years, and amounts asked for by name.
    expect(answerTypeFit('time', 'Such was the case during the Last Glacial Maximum, ca. 22,000–14,000 yr BP.', 'When was the Last Glacial Maximum?')).toBe(1);
    expect(answerTypeFit('time', 'The abbey was rebuilt in the 12th century.', 'When was the abbey rebuilt?')).toBe(1);
    expect(answerTypeFit('time', 'The city was founded around 500 BC by traders.', 'When was the city founded?')).toBe(1);
    expect(answerTypeFit('time', 'The city was founded by traders from the coast.', 'When was the city founded?')).toBe(0);
    expect(answerTypeFit('time', 'The abbey was rebuilt in the 12th century.', 'In what century was the abbey rebuilt?')).toBe(1);
    expect(answerTypeFit('time', 'The abbey was rebuilt in the 12th century.', 'Was the abbey rebuilt in the 12th century?')).toBe(0);
    expect(answerTypeFit('time', 'People first settled the valley 3,000 years ago.', 'How long ago was the valley settled?')).toBe(1);
    expect(answerTypeFit('time', 'The valley was settled three years ago.', 'When was the valley settled?')).toBe(1);
    expect(answerTypeFit('time', 'The fleet bought forty 747s.', 'When did the fleet grow?')).toBe(0);
    expect(expectedAnswerType('What is the population of the Greater Los Angeles Area?')).toBe('count');
    expect(expectedAnswerType('What is the length of the Rhine?')).toBe('number');
    expect(expectedAnswerType('What is the area known for?')).toBeNull();
    const answer = extractSentences('When did the tower open to visitors?', [
      { n: 1, text: 'The tower opened to visitors with great fanfare and a band. The tower opened to visitors on 31 March 1889.' },
    ]);
    expect(answer[0]!.text).toMatch(/1889/);
  });
});

describe('extractive answers read sentences in their passage', () => {
  it('counts a question word the sentence says in another form ("defector", "defected")', () => {
    const answer = extractSentences('Who was the Jin dynasty defector who betrayed the location of the Jin army?', [
      {
        n: 1,
        text:
          'The commander of the Jin dynasty army made a tactical mistake in not attacking the Mongols at the first opportunity. ' +
          'Instead, the Jin commander sent a messenger, Ming-Tan, to the Mongol side, who defected and told the Mongols that the Jin army was waiting on the other side of the pass.',
      },
    ]);
    expect(answer[0]!.text).toMatch(/Ming-Tan/);
    // Another form adds a few letters to a stem of six or more; shorter or looser pairs stay apart.
    const none = new Set<string>();
    expect(derivedFrom('defector', new Set(['defect']), none)).toBe(true);
    expect(derivedFrom('germani', new Set(['german']), none)).toBe(true);
    expect(derivedFrom('countri', new Set(['count']), none)).toBe(false);
    expect(derivedFrom('statement', new Set(['state']), none)).toBe(false);
    expect(derivedFrom('nationalist', new Set(['nation']), none)).toBe(false);
    expect(derivedFrom('100000', new Set(['10000']), none)).toBe(false);
    // A word the question says itself is not also read as a form of another of its words.
    expect(derivedFrom('germani', new Set(['german']), new Set(['germani', 'german']))).toBe(false);
  });

  it('credits a sentence with the question terms its predecessor names ("he", "it" carry them over)', () => {
    const library = new Map([['mayow', 3], ['nitroaereu', 3], ['show', 1], ['combust', 2], ['consum', 1.5], ['besid', 0.5]]);
    const answer = extractSentences(
      'Besides combustion, what did Mayow show consumes nitroaereus?',
      [
        {
          n: 1,
          text:
            'John Mayow showed that fire needs only a part of air, which he called nitroaereus. ' +
            'He concluded that it is consumed in both respiration and combustion. Later chemists named the gas oxygen.',
        },
      ],
      1,
      library,
    );
    expect(answer[0]!.text).toMatch(/respiration/);
  });

  it('discounts a topic word that most retrieved sentences share', () => {
    // "oxygen" is rare in the library (high weight) but in nearly every candidate, so it cannot tell them apart.
    const library = new Map([['oxygen', 3], ['liquid', 1], ['solid', 1], ['form', 0.5], ['colour', 1.5]]);
    const answer = extractSentences(
      'What colour is oxygen in its liquid and solid forms?',
      [
        { n: 1, text: 'Oxygen was named by Lavoisier. Oxygen is the third most abundant element.' },
        { n: 2, text: 'Oxygen tanks store it under pressure. Both the liquid and the solid forms are pale blue.' },
        { n: 3, text: 'Plants release oxygen in photosynthesis.' },
      ],
      1,
      library,
    );
    expect(answer[0]!.text).toMatch(/pale blue/);
  });

  it('reads the title and headings above a passage as what its sentences are about', () => {
    // "Davies" is rare (heavy) and named only by the wrong sentence; the answer says "He".
    const library = new Map([['davi', 3], ['call', 1], ['system', 1]]);
    const question = 'What did Davies call the system?';
    const passage = {
      n: 1,
      text: 'A member of the team of Davies met Roberts at a symposium on operating system principles. He called it packet switching, a more accessible name.',
    };
    expect(extractSentences(question, [passage], 1, library)[0]!.text).toMatch(/symposium/);
    expect(extractSentences(question, [{ ...passage, headings: ['Donald Davies'] }], 1, library)[0]!.text).toMatch(/packet switching/);
  });

  it('prefers a sentence that says the question\'s words over captions under a heading that says them', () => {
    // Under "Founding", every caption is about the founding; the answer, in the next passage, says so itself, in the passive.
    const library = new Map([['found', 2], ['microsoft', 1]]);
    const answer = extractSentences(
      'Who founded Microsoft?',
      [
        { n: 1, text: 'An Altair 8800 computer with a Model 33 Teletype as terminal.\nPaul Allen and Bill Gates on October 19, 1981, after signing a contract.', headings: ['Microsoft', 'History', '1972–1985: Founding'] },
        { n: 2, text: 'Microsoft was founded by Bill Gates and Paul Allen on April 4, 1975.', headings: ['Microsoft'] },
      ],
      1,
      library,
    );
    expect(answer[0]!.text).toMatch(/was founded by/);
  });

  it('pairs a misspelt question\'s words as the library spells them, so the typo quotes what the right spelling quotes', () => {
    const library = new Map([['found', 2], ['microsoft', 2]]);
    const sources = [
      { n: 1, text: 'Founded in Albuquerque, the company later moved to Microsoft Way.' },
      { n: 2, text: 'Microsoft was founded by Bill Gates.' },
    ];
    const first = (question: string, spelling?: Map<string, string>) => extractSentences(question, sources, 1, library, spelling)[0]!.text;
    expect(first('Who founded Microsoft?')).toMatch(/Bill Gates/);
    expect(first('Who founded Microsfot?', new Map([['microsfot', 'microsoft']]))).toMatch(/Bill Gates/);
  });

  it('never quotes a heading as the answer', () => {
    const passage = { n: 1, text: '1972–1985: Founding\n\nThe company grew quickly in its first decade. It was founded in Albuquerque in April 1975.', headings: ['Microsoft', '1972–1985: Founding'] };
    const quoted = extractSentences('When was it founded?', [passage], 2).map((s) => s.text);
    expect(quoted).not.toContain('1972–1985: Founding');
    expect(quoted[0]).toMatch(/April 1975/);
  });
});
