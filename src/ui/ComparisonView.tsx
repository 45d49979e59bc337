import { useState } from 'react';
import { NOT_FOUND } from '../retrieve/answerable';
import { sourceLabel } from '../generate/prompt';
import { AnswerText } from './AnswerText';
import type { Lab } from './lab/lab';
import type { AnswerState, AskState } from './lab/state';
import { LatencyTable } from './LatencyTable';
import { VerdictLegend, Verdicts } from './Verdicts';

function AnswerCard({ title, subtitle, answer, testId, sourceCount, onCite }: { title: string; subtitle: string; answer: AnswerState; testId: string; sourceCount: number; onCite: (n: number) => void }) {
  return (
    <article className="panel answer" data-testid={testId} aria-busy={answer.streaming}>
      <h2>{title}</h2>
      <p className="muted">{subtitle}</p>
      {answer.note ? <p className="note">{answer.note}</p> : null}
      {answer.text ? <AnswerText text={answer.text} check={answer.check} sourceCount={sourceCount} onCite={onCite} /> : answer.streaming ? <p className="muted">…</p> : null}
      {answer.text === NOT_FOUND ? <p className="muted">Try other words, add documents, or lower the relevance threshold in Settings.</p> : null}
      <Verdicts answer={answer} />
      {answer.timings ? <LatencyTable timings={answer.timings} /> : null}
    </article>
  );
}

const RETRIEVER_NAMES = { bm25: 'keyword search (BM25)', dense: 'dense search', hybrid: 'hybrid search (BM25 + dense)' } as const;

export function ComparisonView({ ask, lab }: { ask: AskState; lab: Lab }) {
  const [selected, setSelected] = useState<number | null>(null);
  const source = selected ? ask.sources[selected - 1] : undefined;
  return (
    <section aria-label="Answers">
      {ask.error ? <p className="panel error" role="alert">{ask.error}</p> : null}
      <div className="comparison">
        <AnswerCard title="With your documents (RAG)" subtitle={`${ask.sources.length} retrieved passage(s), cited as [n]${ask.retrieverUsed ? ` · retrieved with ${RETRIEVER_NAMES[ask.retrieverUsed]}` : ''}`} answer={ask.rag} testId="answer-rag" sourceCount={ask.sources.length} onCite={setSelected} />
        <AnswerCard title="Prompt only (baseline)" subtitle="Same model and settings, no retrieval" answer={ask.baseline} testId="answer-baseline" sourceCount={0} onCite={setSelected} />
      </div>
      <VerdictLegend />
      {selected ? (
        <aside className="panel source" data-testid="source-viewer">
          <button type="button" className="source__close" onClick={() => setSelected(null)} aria-label="Close source">×</button>
          {source ? (
            <>
              <h3>[{selected}] {sourceLabel(source.chunk)}</h3>
              <pre className="source__text">{source.chunk.text}</pre>
              <p className="muted">Characters {source.chunk.start}–{source.chunk.end} of the document. <button type="button" onClick={() => void showDocument(lab, source.chunk.docId, source.chunk.start)}>Show in document</button></p>
            </>
          ) : (
            <p className="error">Source [{selected}] does not exist: the answer cites a passage it was never given.</p>
          )}
        </aside>
      ) : null}
    </section>
  );
}

async function showDocument(lab: Lab, docId: string, start: number) {
  const doc = await lab.source(docId);
  if (!doc) return;
  const from = Math.max(0, start - 600);
  // ('noopener' would make window.open return null, so the opener link is cut by hand.)
  const win = window.open('', '_blank');
  // Even in a new window the document stays text: assigned as textContent, never as HTML.
  if (win) {
    win.opener = null;
    win.document.title = doc.name;
    const pre = win.document.createElement('pre');
    pre.style.whiteSpace = 'pre-wrap';
    pre.textContent = doc.text.slice(from, start + 2400);
    win.document.body.append(pre);
  }
}
