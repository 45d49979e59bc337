/**
 * Untrusted text in the answer view, in real Chromium: a document sentence carrying
 * "[1-90000000]" renders as text (one parser refuses the range), a footnote mark does not become a
 * citation, markup stays text, and the citation buttons carry their [n] in their accessible names.
 */
import { describe, expect, it } from 'vitest';
import { render } from '../../test/render-browser';
import { quotationCheck } from '../cite/verify';
import { AnswerText } from './AnswerText';

describe('the answer view', () => {
  it('shows "[1-90000000]" from a document as text, not ninety million buttons', () => {
    const quote = { text: 'The sampled intervals were [1-90000000] and <img src=x onerror=alert(1)>.', n: 1 };
    const check = quotationCheck([quote]);
    const host = render(<AnswerText text={check.sentences[0]!.text} check={check} sourceCount={1} onCite={() => {}} />);
    const buttons = host.querySelectorAll('button');
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.getAttribute('aria-label')).toMatch(/^\[1\]/);
    expect(host.textContent).toContain('[1-90000000]');
    expect(host.querySelector('img')).toBeNull();
  });

  it("quotes a Wikipedia sentence without its footnote marks, which would read as citations", () => {
    const check = quotationCheck([{ text: 'Paul Allen and Bill Gates in 1981, after signing a contract with IBM[14]: 228', n: 1 }]);
    const host = render(<AnswerText text={check.sentences[0]!.text} check={check} sourceCount={2} onCite={() => {}} />);
    expect([...host.querySelectorAll('button')].map((b) => b.dataset.cite)).toEqual(['1']);
    expect(host.querySelector('.cite__n--invalid')).toBeNull();
    expect(host.textContent).toContain('a contract with IBM [1]');
  });

  it('splits hard-wrapped answers where sentences end in this browser too', async () => {
    const { answerSentences } = await import('../cite/verify');
    const wrapped = 'In a continuous line from that peninsula stretch the long islands of\nSumatra, Java, Bally, and Timor; which form a vast\nmole. [1] That great America on the other side of the sphere, Australia, was\ngiven to the enlightened world by the whaleman. [2]';
    expect(answerSentences(wrapped).map((s) => s.text.slice(0, 12))).toEqual(['In a continu', 'That great A']);
  });
});
