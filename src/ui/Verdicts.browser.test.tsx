/** The verdict lines as a person reads them, in real Chromium: words and symbols, never colour alone. */
import { describe, expect, it } from 'vitest';
import { CLOSEST_SENTENCE_CASE, TABLE_CASE, TOWER_CASES, TOWER_TERMS } from '../../test/relevance-cases';
import { render } from '../../test/render-browser';
import { emptyAnswer } from '../ask/types';
import { judgeAnswer } from '../cite/verdicts';
import { quotationCheck } from '../cite/verify';
import { NOT_FOUND } from '../retrieve/answerable';
import type { QueryTerm } from '../retrieve/hybrid';
import { Verdicts } from './Verdicts';

/** The verdict lines of an extractive answer quoting `quote` from source [1] (`source`, by default the quote). */
function renderQuotation(quote: string, terms: QueryTerm[], question: string, source = quote): HTMLElement {
  const check = quotationCheck([{ text: quote, n: 1 }]);
  const text = check.sentences[0]!.text;
  const verdicts = judgeAnswer('extractive', text, check, terms, [{ n: 1, text: source }], question);
  return render(<Verdicts answer={{ ...emptyAnswer(), kind: 'extractive', text, check, verdicts }} />);
}

describe('the verdicts', () => {
  it('show a declined answer once, as declined, saying "Declined" once', () => {
    const verdicts = judgeAnswer('extractive', NOT_FOUND, null, [], []);
    const host = render(<Verdicts answer={{ ...emptyAnswer(), kind: 'extractive', text: NOT_FOUND, verdicts }} />);
    const lines = host.querySelectorAll('.verdict');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.textContent).toBe('∅ Declined: nothing to judge as faithful or relevant — The answer says the information is not there.');
  });

  it('show a quotation\'s two verdicts side by side, each named', () => {
    const terms = [{ term: 'owl', word: 'owls', idf: 2 }, { term: 'hunt', word: 'hunt', idf: 2 }];
    const host = renderQuotation('Barn owls hunt by ear in total darkness.', terms, '');
    expect([...host.querySelectorAll('.verdict strong')].map((s) => s.textContent)).toEqual(['❝ Quotation (faithful)', '✓ Relevant']);
  });

  it.each(TOWER_CASES)('read %j as a person sees it', ({ question, quote, relevant, summary }) => {
    const host = renderQuotation(quote, TOWER_TERMS, question);
    const line = host.querySelector('[data-testid=verdict-relevant]')!;
    expect(line.getAttribute('data-level')).toBe(relevant);
    expect(line.textContent).toBe(`${relevant === 'relevant' ? '✓ Relevant' : '◐ Partly relevant'} — ${summary}`);
  });

  it('say that a two-sentence quotation is judged on its closest sentence', () => {
    const { question, terms, quotes, summary } = CLOSEST_SENTENCE_CASE;
    const check = quotationCheck(quotes.map((text) => ({ text, n: 1 })));
    const text = check.sentences.map((s) => s.text).join(' ');
    const verdicts = judgeAnswer('extractive', text, check, [...terms], [{ n: 1, text: quotes.join(' ') }], question);
    const host = render(<Verdicts answer={{ ...emptyAnswer(), kind: 'extractive', text, check, verdicts }} />);
    expect(host.querySelector('[data-testid=verdict-relevant]')!.textContent).toBe(`✗ Irrelevant — ${summary}`);
  });

  it('read a quoted table row as relevant when its header row names what was asked', () => {
    const host = renderQuotation(TABLE_CASE.quote, [...TABLE_CASE.terms], TABLE_CASE.question, TABLE_CASE.source);
    expect(host.querySelector('[data-testid=verdict-relevant]')!.getAttribute('data-level')).toBe('relevant');
  });
});
