import type { ReactNode } from 'react';
import { citationPieces } from '../cite/parse-citations';
import type { AnswerCheck, SentenceLabel } from '../cite/verify';

const LABEL_TEXT: Record<SentenceLabel, string> = {
  supported: 'supported by the cited source',
  uncited: 'backed by a retrieved source, but not cited',
  unsupported: 'not backed by any retrieved source',
};

/**
 * Model output and document text are untrusted: they are only ever React text nodes, never HTML.
 * Citation markers, as the one citation parser reads them, become buttons that select the source.
 */
export function AnswerText({ text, check, sourceCount, onCite, citeLabel = (n) => `[${n}]` }: { text: string; check: AnswerCheck | null; sourceCount: number; onCite: (n: number) => void; citeLabel?: (n: number) => string }) {
  if (!check) return <p className="answer__text">{withCitations(text, sourceCount, onCite, citeLabel)}</p>;
  return (
    <p className="answer__text">
      {check.sentences.map((s, i) => (
        <span key={i} className={`sentence sentence--${s.label}`} title={`${LABEL_TEXT[s.label]} (support ${Math.round(s.support * 100)} %)`} data-label={s.label}>
          {withCitations(s.text, sourceCount, onCite, citeLabel)}
          <span className="visually-hidden"> ({LABEL_TEXT[s.label]})</span>{' '}
        </span>
      ))}
    </p>
  );
}

function withCitations(text: string, sourceCount: number, onCite: (n: number) => void, citeLabel: (n: number) => string): ReactNode[] {
  return citationPieces(text, sourceCount).map((piece, p) =>
    piece.kind === 'text' ? (
      piece.text
    ) : (
      <span key={p} className="cite">
        [
        {piece.marker.numbers.map((n, i) => {
          const invalid = piece.marker.invalid.includes(n);
          return (
            <span key={n}>
              {i ? ', ' : ''}
              <button type="button" className={`cite__n${invalid ? ' cite__n--invalid' : ''}`} onClick={() => onCite(n)} aria-label={invalid ? `[${n}] a source that does not exist` : citeLabel(n)} data-cite={n} title={invalid ? 'This source does not exist' : `Show source ${n}`}>
                {n}
              </button>
            </span>
          );
        })}
        ]
      </span>
    ),
  );
}
