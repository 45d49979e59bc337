import { useId, useState } from 'react';
import { NOT_FOUND } from '../retrieve/answerable';
import { AnswerText } from './AnswerText';
import { declineHint } from './decline-hint';
import type { Lab } from './lab/lab';
import type { AnswerState, AskState, LabState } from './lab/state';
import { LatencyTable } from './LatencyTable';
import { countOf } from '../util/count-of';
import { VerdictLegend, Verdicts } from './Verdicts';
import { SourceDialog } from './SourceDialog';
import { sourceLabel } from '../generate/prompt';

const RETRIEVER_LABEL = { bm25: 'keyword search (BM25)', dense: 'dense search (embeddings)', hybrid: 'hybrid search (BM25 + dense, fused)' } as const;

/** The retriever that ran: reported by the pipeline, else read off the results' traces. */
export function retrieverUsed(ask: AskState): keyof typeof RETRIEVER_LABEL | null {
  if (ask.retrieverUsed) return ask.retrieverUsed;
  if (!ask.results.length) return null;
  const dense = ask.results.some((r) => r.trace.denseRank !== null);
  const bm25 = ask.results.some((r) => r.trace.bm25Rank !== null);
  return dense ? (bm25 ? 'hybrid' : 'dense') : 'bm25';
}

function waitingText(answer: AnswerState, ask: AskState, side: 'rag' | 'baseline'): string | null {
  if (answer.text || ask.status === 'done' || ask.status === 'error') return null;
  if (answer.prefill) return `reading the prompt (${answer.prefill.done} of ${answer.prefill.total} tokens)…`;
  if (answer.streaming) return 'reading the prompt…';
  if (side === 'rag') return ask.status === 'retrieving' ? 'searching your documents…' : ask.status === 'verifying' ? null : 'building the prompt…';
  return ask.status === 'verifying' ? null : 'waiting for the grounded answer…';
}

function announcement(title: string, answer: AnswerState, ask: AskState): string {
  if (answer.streaming && answer.text) return `${title}: writing…`;
  if (ask.status === 'done' && answer.text) return `${title} is complete.`;
  return '';
}

interface CardProps {
  title: string;
  subtitle: string;
  answer: AnswerState;
  ask: AskState;
  side: 'rag' | 'baseline';
  testId: string;
  sourceCount: number;
  onCite: (n: number) => void;
  citeLabel: (n: number) => string;
  /** The search ran within a document or type filter. */
  filtered: boolean;
  emptyLibrary: boolean;
}

function AnswerCard({ title, subtitle, answer, ask, side, testId, sourceCount, onCite, citeLabel, filtered, emptyLibrary }: CardProps) {
  const id = useId();
  const waiting = waitingText(answer, ask, side);
  const used = side === 'rag' ? retrieverUsed(ask) : null;
  return (
    <section className="panel answer" data-testid={testId} aria-labelledby={id} aria-busy={answer.streaming}>
      <h2 id={id}>{title}</h2>
      <p className="muted">{subtitle}</p>
      {side === 'rag' && used ? (
        <p className="retriever" data-testid="retriever-used">Retrieved with {RETRIEVER_LABEL[used]}.</p>
      ) : null}
      {answer.note ? <p className="note">{answer.note}</p> : null}
      {answer.text ? (
        <AnswerText text={answer.text} check={answer.check} sourceCount={sourceCount} onCite={onCite} citeLabel={citeLabel} />
      ) : waiting ? (
        <p className="answer__waiting" data-testid="waiting">{waiting}</p>
      ) : null}
      <p className="visually-hidden" role="status">{announcement(title, answer, ask)}</p>
      {answer.text === NOT_FOUND ? <p className="muted">{declineHint(ask, { filtered, emptyLibrary })}</p> : null}
      <Verdicts answer={answer} />
      {answer.timings ? (
        <LatencyTable
          timings={answer.timings}
          ran={{
            embed: used === 'dense' || used === 'hybrid',
            search: side === 'rag',
            rerank: side === 'rag' && ask.considered.some((r) => r.trace.rerankScore !== null),
            prompt: answer.kind === 'llm',
          }}
        />
      ) : null}
    </section>
  );
}

/** Names of the documents this answer's sources came from that are no longer in the library (removed, or being removed). */
export function removedSources(ask: AskState, library: Pick<LabState['library'], 'documents' | 'pendingRemovals'>): string[] {
  const pending = new Set(library.pendingRemovals.map((p) => p.docId));
  const present = new Set(library.documents.map((d) => d.id));
  return [...new Set(ask.sources.filter((s) => pending.has(s.chunk.docId) || !present.has(s.chunk.docId)).map((s) => s.chunk.docName))];
}

/** What the retrieval side was given: a prompt only when a language model wrote the answer. */
function ragSubtitle(ask: AskState): string {
  const n = ask.sources.length;
  if (n === 0) return 'RAG: no retrieved passage reached the answer (the inspector shows what was found)';
  const passages = countOf(n, 'retrieved passage');
  if (ask.rag.kind === 'llm') return `RAG: ${passages} in the prompt, cited as [n]`;
  // An extract quotes the best sentences, which may come from only some of the passages.
  const quoted = new Set((ask.rag.extract ?? []).map((s) => s.n)).size;
  const from = quoted > 0 && quoted < n ? `${quoted} of ${passages}` : passages;
  return `RAG without a language model: sentences quoted from ${from}, cited as [n]`;
}

export function ComparisonView({ ask, lab, library, filtered = false }: { ask: AskState; lab: Lab; library: Pick<LabState['library'], 'documents' | 'pendingRemovals'>; filtered?: boolean }) {
  const [selected, setSelected] = useState<number | null>(null);
  const removed = ask.status === 'done' ? removedSources(ask, library) : [];
  const emptyLibrary = library.documents.length === 0;
  const source = selected ? ask.sources[selected - 1] : undefined;
  const citeLabel = (n: number) => {
    const s = ask.sources[n - 1];
    return s ? `[${n}] ${sourceLabel(s.chunk)}` : `[${n}] a source that does not exist`;
  };
  return (
    <section aria-label="Answers">
      {ask.error ? <p className="panel error" role="alert">{ask.error}</p> : null}
      {ask.retrievalNote ? <p className="panel note" role="status" data-testid="retrieval-note">{ask.retrievalNote}</p> : null}
      {removed.length ? (
        <p className="panel note" role="status" data-testid="sources-removed">
          This answer's sources include {removed.join(', ')}, no longer in your library. Ask again for an answer from the library as it is now.
        </p>
      ) : null}
      <div className="comparison">
        <AnswerCard title="Answer with retrieval" subtitle={ragSubtitle(ask)} answer={ask.rag} ask={ask} side="rag" testId="answer-rag" sourceCount={ask.sources.length} onCite={setSelected} citeLabel={citeLabel} filtered={filtered} emptyLibrary={emptyLibrary} />
        <AnswerCard title="Answer without retrieval" subtitle="Baseline: same model and settings, prompt only" answer={ask.baseline} ask={ask} side="baseline" testId="answer-baseline" sourceCount={0} onCite={setSelected} citeLabel={citeLabel} filtered={filtered} emptyLibrary={emptyLibrary} />
      </div>
      <VerdictLegend />
      {selected ? (
        <SourceDialog
          n={selected}
          source={source}
          rank={source ? `source [${selected}] of ${ask.sources.length}` : '–'}
          inPrompt={ask.rag.kind === 'llm'}
          lab={lab}
          onClose={() => setSelected(null)}
        />
      ) : null}
    </section>
  );
}
