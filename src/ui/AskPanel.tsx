import { useState, type FormEvent } from 'react';
import { DOC_TYPES, type DocType } from '../ingest/types';
import type { Lab } from './lab/lab';
import type { LabState } from './lab/state';
import { NumberField } from './NumberField';

export function AskPanel({ lab, state }: { lab: Lab; state: LabState }) {
  const [question, setQuestion] = useState('');
  const busy = state.ask !== null && state.ask.status !== 'done' && state.ask.status !== 'error';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (question.trim() && !busy) void lab.ask(question.trim());
  };
  const { retrieval, answerMode } = state.settings;
  const set = (patch: Partial<typeof retrieval>) => void lab.updateSettings({ retrieval: { ...retrieval, ...patch } });
  // Controls that cannot act are shown as they will run, disabled, with the reason.
  const embedReady = state.models.embed.status === 'ready';
  const rerankReady = state.models.rerank.status === 'ready';
  const effectiveRetriever = embedReady ? retrieval.retriever : 'bm25';
  const generateReady = state.models.generate.status === 'ready';
  return (
    <form className="panel ask" onSubmit={submit} aria-label="Ask a question">
      <div className="ask__row">
        <input
          type="text"
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          placeholder="Ask about your documents"
          aria-label="Question"
          id="question"
          data-testid="question"
        />
        {/* While a question runs, Ask and Stop trade places as the one that acts, but both stay
            focusable (aria-disabled): a disabled button drops the keyboard focus to the page's top. */}
        <button type="submit" className="primary" disabled={!question.trim()} aria-disabled={busy || undefined}>Ask</button>
        <button type="button" onClick={() => busy && lab.stop()} aria-disabled={!busy || undefined}>Stop</button>
      </div>
      <div className="ask__options">
        <label>
          Retrieval{' '}
          <select value={effectiveRetriever} onChange={(e) => set({ retriever: e.target.value as typeof retrieval.retriever })} aria-describedby={embedReady ? undefined : 'retriever-why'}>
            <option value="hybrid" disabled={!embedReady}>Hybrid (BM25 + dense)</option>
            <option value="dense" disabled={!embedReady}>Dense only</option>
            <option value="bm25">BM25 only</option>
          </select>
        </label>
        <NumberField className="" label="k " value={retrieval.k} min={1} max={20} onCommit={(k) => set({ k })} />
        <label>
          <input type="checkbox" checked={retrieval.rerank && rerankReady} disabled={!rerankReady} onChange={(e) => set({ rerank: e.target.checked })} aria-describedby={rerankReady ? undefined : 'rerank-why'} /> Rerank top {retrieval.rerankTop}
        </label>
        <label>
          Answer{' '}
          <select value={answerMode} onChange={(e) => void lab.updateSettings({ answerMode: e.target.value as typeof answerMode })}>
            <option value="auto">{generateReady ? 'Language model' : 'Language model when loaded'}</option>
            <option value="extractive">Extractive only</option>
          </select>
        </label>
        <label>
          Type{' '}
          <select
            value={retrieval.types ? [...retrieval.types][0] : ''}
            onChange={(e) => set({ types: e.target.value ? new Set([e.target.value as DocType]) : undefined })}
            aria-label="Search only documents of this type"
          >
            <option value="">any</option>
            {/* The types the library holds (and the one chosen, should its last document go). */}
            {DOC_TYPES.filter((t) => retrieval.types?.has(t) || state.library.documents.some((d) => d.type === t)).map((t) => (
              <option key={t} value={t}>{t.toUpperCase()}</option>
            ))}
          </select>
        </label>
        <label>
          Only{' '}
          <select
            value={retrieval.docIds ? [...retrieval.docIds][0] : ''}
            onChange={(e) => set({ docIds: e.target.value ? new Set([e.target.value]) : undefined })}
            aria-label="Search only this document"
          >
            <option value="">all documents</option>
            {state.library.documents.map((d) => (
              <option key={d.id} value={d.id}>{d.name}</option>
            ))}
          </select>
        </label>
        {!embedReady ? (
          <p className="muted ask__hint" id="retriever-why">
            Keyword search (BM25) is used: dense and hybrid search need the embedding model (Models).
          </p>
        ) : null}
        {!rerankReady ? (
          <p className="muted ask__hint" id="rerank-why">
            Reranking needs the reranker model (Models).
          </p>
        ) : null}
      </div>
    </form>
  );
}
