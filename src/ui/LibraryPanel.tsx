import { useEffect, useState } from 'react';
import type { DocumentRecord } from '../store/schema';
import { countOf } from '../util/count-of';
import { ACCEPTED_TYPES, addBrowserFiles } from './files';
import type { Lab } from './lab/lab';
import type { FileTask, LabState, PendingRemoval } from './lab/state';
import { duplicatesLabel, formatBytes } from './format';
import { batchEstimate, formatEta, taskEstimate } from './progress';

const STAGE_LABEL: Record<FileTask['stage'], string> = {
  queued: 'waiting',
  hashing: 'checking for duplicates',
  parsing: 'reading',
  ocr: 'recognising text (OCR), page',
  embedding: 'embedding',
  saving: 'saving',
  done: 'done',
};

type SortKey = 'name' | 'added' | 'size';
const SORTERS: Record<SortKey, (a: DocumentRecord, b: DocumentRecord) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }),
  added: (a, b) => b.added - a.added,
  size: (a, b) => b.size - a.size,
};
const SORT_KEY = 'offline-rag-lab:library-sort';


/** Re-renders every second while something runs, so estimates count down without new events. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return active ? Math.max(now, Date.now()) : now;
}

function ActiveTask({ task, now, onCancel }: { task: FileTask; now: number; onCancel: () => void }) {
  const estimate = taskEstimate(task, now);
  return (
    <li className="task" aria-busy="true">
      <div className="task__head">
        <span>
          {task.name}{' '}
          <span className="muted">
            {STAGE_LABEL[task.stage]}
            {estimate ? ` ${Math.round(estimate.fraction * 100)} % · ${formatEta(estimate.etaSeconds)}` : ''}
          </span>
        </span>
        <button type="button" onClick={onCancel} aria-label={`Cancel adding ${task.name}`}>Cancel</button>
      </div>
      {estimate ? <progress max={1} value={estimate.fraction} aria-label={`${task.name}: ${STAGE_LABEL[task.stage]}`} /> : <progress aria-label={`${task.name}: ${STAGE_LABEL[task.stage]}`} />}
    </li>
  );
}

function FinishedTask({ task }: { task: FileTask }) {
  const outcome = task.outcome;
  if (!outcome) return null;
  if (outcome.status === 'added') {
    const w = outcome.warnings.length ? ` — ${outcome.warnings.join('; ')}` : '';
    return <li className="task task--ok">✓ {task.name}: {countOf(outcome.record.chunkCount, 'chunk')} in {(outcome.timings.totalMs / 1000).toFixed(1)} s{w}</li>;
  }
  const cls = outcome.status === 'failed' ? 'task task--error' : 'task task--warning';
  return <li className={cls}>{outcome.status === 'failed' ? '✗ ' : '! '}{outcome.message}</li>;
}

function UndoBar({ pending, onUndo }: { pending: PendingRemoval; onUndo: () => void }) {
  return (
    <div className="undo" role="status">
      <span>Removed “{pending.name}” ({formatBytes(pending.size)}). It is deleted in a few seconds.</span>
      <button type="button" onClick={onUndo} aria-label={`Undo removing ${pending.name}`}>Undo</button>
    </div>
  );
}

export function LibraryPanel({ lab, state }: { lab: Lab; state: LabState }) {
  const { library, tasks } = state;
  const [sort, setSort] = useState<SortKey>(() => (globalThis.localStorage?.getItem(SORT_KEY) as SortKey | null) ?? 'name');
  const active = tasks.filter((t) => t.stage !== 'done');
  const finished = tasks.filter((t) => t.stage === 'done');
  const now = useNow(active.length > 0);
  const batch = batchEstimate(tasks, now);
  const hidden = new Set(library.pendingRemovals.map((p) => p.docId));
  const documents = library.documents.filter((d) => !hidden.has(d.id)).sort(SORTERS[sort] ?? SORTERS.name);
  const stale = documents.filter((d) => d.status === 'stale').length;
  const failures = finished.filter((t) => t.outcome?.status === 'failed').length;
  return (
    <section className="panel" aria-labelledby="library-title">
      <h2 id="library-title">Library</h2>
      <div className="dropzone" data-testid="dropzone">
        <p>Drop PDF, Office (DOCX, PPTX, XLSX), OpenDocument, EPUB, RTF, CSV, Markdown, HTML, text or image files anywhere on this page.</p>
        <label className="button primary">
          Add documents
          <input className="visually-hidden" type="file" multiple data-testid="file-input" accept={ACCEPTED_TYPES} onChange={(e) => {
            addBrowserFiles(lab, e.target.files);
            e.target.value = '';
          }} />
        </label>
      </div>
      {library.status === 'opening' ? <p className="muted" role="status">Opening the library…</p> : null}
      {library.rebuilding ? (
        <div className="muted" aria-busy="true">
          {library.rebuilding.stage === 'lexical' ? 'Restoring keyword index' : library.rebuilding.stage === 'voy' ? 'Building the voy-search index' : 'Restoring vectors'}: {library.rebuilding.done} of {countOf(library.rebuilding.total, 'document')}
          <progress max={library.rebuilding.total} value={library.rebuilding.done} aria-label="Restoring the index" />
        </div>
      ) : null}
      {library.error ? <p className="error" role="alert">{library.error}</p> : null}
      {library.notices.map((n) => (
        <p key={n} className="warning">{n}</p>
      ))}
      {stale ? (
        <div className="stale" data-testid="stale">
          <button type="button" onClick={() => void lab.reindexStale()}>Re-index {countOf(stale, 'stale document')}</button>
          <p className="muted">
            Stale: indexed with another embedding model or other chunk settings than those in use now. Keyword search still finds them; re-indexing
            brings them up to date, so that search by meaning finds them too.
          </p>
        </div>
      ) : null}
      <div role="status" className="batch" data-testid="batch">
        {batch ? (
          <>
            Adding {countOf(batch.files, 'file')}: {batch.finished} done · {Math.round(batch.fraction * 100)} % · {formatEta(batch.etaSeconds)}
            <progress max={1} value={batch.fraction} aria-label="Adding files" />
          </>
        ) : null}
      </div>
      {active.length ? (
        <ul className="tasks" data-testid="active-tasks" aria-label="Files being added">
          {active.map((t) => <ActiveTask key={t.key} task={t} now={now} onCancel={() => lab.cancelFile(t.key)} />)}
        </ul>
      ) : null}
      {finished.length ? (
        <details className="tasklog" open>
          <summary>
            Task log ({countOf(finished.length, 'entry', 'entries')}{failures ? `, ${failures} failed` : ''})
          </summary>
          <ul className="tasks" data-testid="tasks">
            {finished.map((t) => <FinishedTask key={t.key} task={t} />)}
          </ul>
          <div className="tasklog__tools">
            <button type="button" onClick={() => lab.clearTasks()}>Clear the log</button>
          </div>
        </details>
      ) : null}
      {library.pendingRemovals.map((p) => <UndoBar key={p.docId} pending={p} onUndo={() => lab.undoRemove(p.docId)} />)}
      {documents.length > 1 ? (
        <div className="library__tools">
          <span className="muted">{countOf(documents.length, 'document')}</span>
          <label>
            Sort by{' '}
            <select value={sort} onChange={(e) => {
              const next = e.target.value as SortKey;
              setSort(next);
              globalThis.localStorage?.setItem(SORT_KEY, next);
            }}>
              <option value="name">name</option>
              <option value="added">date added (newest first)</option>
              <option value="size">size (largest first)</option>
            </select>
          </label>
        </div>
      ) : null}
      <ul className="documents" data-testid="documents" aria-label="Documents">
        {documents.map((d) => (
          <li key={d.id} className={`document document--${d.status}`}>
            <div>
              <strong>{d.name}</strong>{' '}
              <span className={`tag ${d.status === 'ready' ? 'tag--ok' : 'tag--warning'}`}>{d.status}</span>{' '}
              <span className="muted document__meta">
                {d.type.toUpperCase()} · {formatBytes(d.size)} · {countOf(d.chunkCount, 'chunk')}{d.pageCount ? ` · ${countOf(d.pageCount, 'page')}` : ''} · added {new Date(d.added).toLocaleDateString()}
              </span>
              {d.exactDuplicates + d.nearDuplicates > 0 ? <span className="tag tag--warning">{duplicatesLabel(d.exactDuplicates, d.nearDuplicates)} (they crowd the top results)</span> : null}
            </div>
            <button type="button" aria-label={`Remove ${d.name}`} onClick={() => lab.removeDocument(d.id)}>Remove</button>
          </li>
        ))}
      </ul>
      {library.status === 'ready' && !documents.length && !active.length ? <p className="muted">No documents yet.</p> : null}
      {library.restore ? (
        <p className="muted">
          Restored {countOf(library.restore.chunkCount, 'chunk')}: keyword search ready in {library.restore.lexicalReadyMs.toFixed(0)} ms
          {library.restore.vectorCount
            ? `, ${countOf(library.restore.vectorCount, 'vector')} ready in ${library.restore.denseReadyMs.toFixed(0)} ms.`
            : '; no vectors stored yet (they come with the embedding model).'}
        </p>
      ) : null}
      {library.storage?.quota ? (
        <p className="muted" data-testid="storage">
          Storage: {formatBytes(library.storage.usage)} of {formatBytes(library.storage.quota)}{library.storage.persisted ? ' (persistent)' : ' (the browser may clear it under pressure)'}
        </p>
      ) : null}
    </section>
  );
}
