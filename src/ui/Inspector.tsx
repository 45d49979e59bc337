import { normalizeForDedupe } from '../chunk/dedupe';
import { sourceLabel } from '../generate/prompt';
import type { AskState } from './lab/state';
import { countOf } from '../util/count-of';
import { formatMs } from './format';
import { AnswerabilityView } from './AnswerabilityView';

const num = (v: number | null, digits = 3) => (v === null ? '–' : v.toFixed(digits));

/** Why each passage was (or was not) used: both rankings, fusion, rerank, and the context budget. */
export function Inspector({ ask }: { ask: AskState }) {
  const used = new Set(ask.sources.map((r) => r.chunk.id));
  // Repeated passages (copies of a file, boilerplate) crowd out others: point them out.
  const firstWithText = new Map<string, number>();
  const duplicateOf = new Map<string, number>();
  const rankOf = new Map(ask.considered.map((r) => [r.chunk.id, r.trace.fusedRank]));
  for (const r of ask.considered) {
    const key = normalizeForDedupe(r.chunk.text);
    const first = r.trace.duplicateOf ? rankOf.get(r.trace.duplicateOf) : firstWithText.get(key);
    if (first === undefined) firstWithText.set(key, r.trace.fusedRank);
    else duplicateOf.set(r.chunk.id, first);
  }
  const t = ask.retrievalTimings;
  return (
    <details className="panel inspector" open data-testid="inspector">
      <summary>Inspector: retrieval trace{t ? ` (search ${formatMs(t.bm25Ms + t.denseMs + t.fuseMs)})` : ''}</summary>
      {ask.answerability ? <AnswerabilityView ask={ask} /> : null}
      <p className="muted table-hint">The table scrolls sideways: the scores are to the right of each passage.</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Retrieval trace table">
        <table className="trace">
          <thead>
            <tr>
              <th scope="col">Fused</th>
              <th scope="col">Passage</th>
              <th scope="col">BM25 rank / score</th>
              <th scope="col">Dense rank / cosine</th>
              <th scope="col">RRF</th>
              <th scope="col">Rerank</th>
              <th scope="col">{ask.rag.kind === 'llm' ? 'In prompt' : 'Source'}</th>
            </tr>
          </thead>
          <tbody>
            {ask.considered.map((r) => (
              <tr key={r.chunk.id} className={used.has(r.chunk.id) ? 'trace--used' : ''}>
                <td>{r.trace.fusedRank}</td>
                <td>
                  <div className="trace__source">
                    {sourceLabel(r.chunk)}
                    {duplicateOf.has(r.chunk.id) ? <span className="tag tag--warning">{r.trace.duplicateOf ? 'collapsed: ' : ''}same text as #{duplicateOf.get(r.chunk.id)}</span> : null}
                  </div>
                  <div className="trace__text">{r.chunk.text.slice(0, 220)}{r.chunk.text.length > 220 ? '…' : ''}</div>
                </td>
                <td>{r.trace.bm25Rank ?? '–'} / {num(r.trace.bm25Score, 2)}</td>
                <td>{r.trace.denseRank ?? '–'} / {num(r.trace.denseScore)}</td>
                <td>{num(r.trace.fusedScore, 4)}</td>
                <td>{num(r.trace.rerankScore, 2)}</td>
                <td>{used.has(r.chunk.id) ? `[${ask.sources.findIndex((s) => s.chunk.id === r.chunk.id) + 1}]` : r.trace.cutByBudget ? 'cut: over budget' : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ask.prompts ? (
        <>
          <details>
            <summary>RAG prompt ({ask.prompts.rag.tokens} tokens; {countOf(ask.prompts.rag.cut.length, 'source')} cut for the context budget)</summary>
            <pre className="prompt" data-testid="rag-prompt" tabIndex={0}>{ask.prompts.rag.prompt}</pre>
          </details>
          <details>
            <summary>Baseline prompt ({ask.prompts.baseline.tokens} tokens)</summary>
            <pre className="prompt" tabIndex={0}>{ask.prompts.baseline.prompt}</pre>
          </details>
        </>
      ) : null}
    </details>
  );
}
