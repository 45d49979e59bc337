import type { ReactNode } from 'react';
import type { AnswerCheck, SentenceLabel } from '../cite/verify';

const LABEL_TEXT: Record<SentenceLabel, string> = {
  supported: 'supported by the cited source',
  uncited: 'backed by a retrieved source, but not cited',
  unsupported: 'not backed by any retrieved source',
};

/**
 * Model output and document text are untrusted: they are only ever React text nodes, never HTML.
 * Citation markers become buttons that select the source.
 */
export function AnswerText({ text, check, onCite, citeLabel = (n) => `[${n}]` }: { text: string; check: AnswerCheck | null; onCite: (n: number) => void; citeLabel?: (n: number) => string }) {
  if (!check) return <p className="answer__text">{withCitations(text, onCite, citeLabel)}</p>;
  return (
    <p className="answer__text">
      {check.sentences.map((s, i) => (
        <span key={i} className={`sentence sentence--${s.label}`} title={`${LABEL_TEXT[s.label]} (support ${Math.round(s.support * 100)} %)`} data-label={s.label}>
          {withCitations(s.text, onCite, citeLabel, s.invalidCites)}
          <span className="visually-hidden"> ({LABEL_TEXT[s.label]})</span>{' '}
        </span>
      ))}
    </p>
  );
}

function withCitations(text: string, onCite: (n: number) => void, citeLabel: (n: number) => string, invalid: number[] = []) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[(\d+(?:\s*[,;–—-]\s*\d+)*)\]/g)) {
    parts.push(text.slice(last, match.index));
    const numbers = match[1]!.split(/[,;]/).flatMap((p) => {
      const [a, b] = p.split(/[–—-]/).map((x) => Number(x.trim()));
      return b ? Array.from({ length: Math.max(0, b - a! + 1) }, (_, i) => a! + i) : [a!];
    });
    parts.push(
      <span key={match.index} className="cite">
        [
        {numbers.map((n, i) => (
          <span key={n}>
            {i ? ', ' : ''}
            <button type="button" className={`cite__n${invalid.includes(n) ? ' cite__n--invalid' : ''}`} onClick={() => onCite(n)} aria-label={citeLabel(n)} data-cite={n} title={invalid.includes(n) ? 'This source does not exist' : `Show source ${n}`}>
              {n}
            </button>
          </span>
        ))}
        ]
      </span>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
