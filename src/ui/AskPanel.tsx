import { useState, type FormEvent } from 'react';
import type { DocType } from '../ingest/types';
import type { Lab } from './lab/lab';
import type { LabState } from './lab/state';

export function AskPanel({ lab, state }: { lab: Lab; state: LabState }) {
  const [question, setQuestion] = useState('');
  const busy = state.ask !== null && state.ask.status !== 'done' && state.ask.status !== 'error';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (question.trim()) void lab.ask(question.trim());
  };
  const { retrieval, answerMode } = state.settings;
  const set = (patch: Partial<typeof retrieval>) => lab.updateSettings({ retrieval: { ...retrieval, ...patch } });
  return (
    <form className="panel ask" onSubmit={submit} aria-label="Ask a question">
      <div className="ask__row">
        <input
          type="text"
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          placeholder="Ask a question about your documents"
          aria-label="Question"
          data-testid="question"
        />
        <button type="submit" className="primary" disabled={busy || !question.trim()}>Ask</button>
        <button type="button" onClick={() => lab.stop()} disabled={!busy}>Stop</button>
      </div>
      <div className="ask__options">
        <label>
          Retrieval{' '}
          <select value={retrieval.retriever} onChange={(e) => set({ retriever: e.target.value as typeof retrieval.retriever })}>
            <option value="hybrid">Hybrid (BM25 + dense)</option>
            <option value="dense">Dense only</option>
            <option value="bm25">BM25 only</option>
          </select>
        </label>
        <label>
          k <input type="number" min={1} max={20} value={retrieval.k} onChange={(e) => set({ k: Math.max(1, Math.min(20, Number(e.target.value) || 5)) })} />
        </label>
        <label>
          <input type="checkbox" checked={retrieval.rerank} onChange={(e) => set({ rerank: e.target.checked })} /> Rerank top {retrieval.rerankTop}
        </label>
        <label>
          Answer{' '}
          <select value={answerMode} onChange={(e) => lab.updateSettings({ answerMode: e.target.value as typeof answerMode })}>
            <option value="auto">Language model when loaded</option>
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
            {(['pdf', 'docx', 'markdown', 'html', 'text'] as const).map((t) => (
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
      </div>
    </form>
  );
}
