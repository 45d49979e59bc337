import type { FaithfulLevel, RelevantLevel } from '../cite/verdicts';
import type { AnswerState } from './lab/state';
import { countOf } from '../util/count-of';

// Each level has a word and a symbol, so the verdict never depends on colour alone.
const FAITHFUL: Record<FaithfulLevel, { symbol: string; word: string }> = {
  faithful: { symbol: '✓', word: 'Faithful' },
  partly: { symbol: '◐', word: 'Partly faithful' },
  unfaithful: { symbol: '✗', word: 'Not faithful' },
  quotation: { symbol: '❝', word: 'Quotation (faithful)' },
  'no-sources': { symbol: '–', word: 'No sources to be faithful to' },
  declined: { symbol: '∅', word: 'Declined' },
};

const RELEVANT: Record<RelevantLevel, { symbol: string; word: string }> = {
  relevant: { symbol: '✓', word: 'Relevant' },
  partly: { symbol: '◐', word: 'Partly relevant' },
  irrelevant: { symbol: '✗', word: 'Irrelevant' },
  declined: { symbol: '∅', word: 'Declined' },
};

/** The answer's two verdicts side by side, each with its reason, plus the sentence counts. */
export function Verdicts({ answer }: { answer: AnswerState }) {
  const v = answer.verdicts;
  if (!v) return null;
  const check = answer.check;
  const f = FAITHFUL[v.faithful.level];
  const r = RELEVANT[v.relevant.level];
  if (v.faithful.level === 'declined' && v.relevant.level === 'declined') {
    // Nothing was said, so there is nothing to be faithful or relevant: one line, not the same one twice.
    return (
      <div className="verdicts" data-testid="verdicts">
        <p className="verdict verdict--declined" data-testid="verdict-declined" data-level="declined">
          <strong><span aria-hidden="true">{f.symbol} </span>Declined: nothing to judge as faithful or relevant</strong>
          <span className="muted"> — {v.faithful.summary}</span>
        </p>
      </div>
    );
  }
  return (
    <div className="verdicts" data-testid="verdicts">
      <p className={`verdict verdict--${v.faithful.level}`} data-testid="verdict-faithful" data-level={v.faithful.level}>
        <strong><span aria-hidden="true">{f.symbol} </span>{f.word}</strong>
        <span className="muted"> — {v.faithful.summary}</span>
      </p>
      <p className={`verdict verdict--${v.relevant.level}`} data-testid="verdict-relevant" data-level={v.relevant.level}>
        <strong><span aria-hidden="true">{r.symbol} </span>{r.word}</strong>
        <span className="muted"> — {v.relevant.summary}</span>
      </p>
      {check ? (
        <p className="muted grounded" data-testid="groundedness">
          Sentences: {check.counts.supported} backed by what they cite · {check.counts.uncited} backed but uncited · {check.counts.unsupported} backed by nothing retrieved
          {check.invalidCitations ? ` · ${countOf(check.invalidCitations, 'citation')} of sources that do not exist` : ''}
        </p>
      ) : null}
    </div>
  );
}

/** What the marks mean: words and symbols, not colours. */
export function VerdictLegend() {
  return (
    <details className="legend">
      <summary>What the verdicts mean</summary>
      <dl>
        <dt>✓ Faithful</dt>
        <dd>Every sentence is backed by the passage it cites. ◐ some are; ✗ none are.</dd>
        <dt>❝ Quotation</dt>
        <dd>Sentences copied from your documents (no language model): faithful by construction, so only relevance is judged.</dd>
        <dt>✓ Relevant</dt>
        <dd>The answer covers what the question asks (its rarer words weigh more) and names the kind of thing asked for (a date for “when”, a name for “who”, a count for “how many”, which a year alone is not). ◐ Partly: it covers less, or names no such thing. ✗ Irrelevant: it misses the question's point, however faithful it is.</dd>
        <dt>∅ Declined</dt>
        <dd>The answer says the information is not there: right when the library cannot answer.</dd>
        <dt>Sentence marks</dt>
        <dd>Solid underline: backed by what it cites. Dashed: backed by a retrieved passage it does not cite. Dotted: backed by nothing retrieved.</dd>
      </dl>
    </details>
  );
}
