import { useRef, useState, type DragEvent } from 'react';
import type { Lab } from './lab/lab';
import type { FileTask, LabState } from './lab/state';
import { formatBytes } from './format';

const STAGE_LABEL: Record<FileTask['stage'], string> = {
  queued: 'waiting',
  hashing: 'checking for duplicates',
  parsing: 'reading',
  ocr: 'recognising text (OCR), page',
  embedding: 'embedding',
  saving: 'saving',
  done: 'done',
};

function TaskRow({ task }: { task: FileTask }) {
  const outcome = task.outcome;
  if (!outcome) {
    const pct = task.total ? ` ${task.done ?? 0}/${task.total}` : '';
    return (
      <li className="task" aria-busy="true">
        <span>{task.name}</span> <span className="muted">{STAGE_LABEL[task.stage]}{pct}</span>
        {task.total ? <progress max={task.total} value={task.done ?? 0} /> : <progress />}
      </li>
    );
  }
  if (outcome.status === 'added') {
    const w = outcome.warnings.length ? ` — ${outcome.warnings.join('; ')}` : '';
    return <li className="task task--ok">✓ {task.name}: {outcome.record.chunkCount} chunks in {(outcome.timings.totalMs / 1000).toFixed(1)} s{w}</li>;
  }
  const cls = outcome.status === 'failed' ? 'task task--error' : 'task task--warning';
  return <li className={cls} role={outcome.status === 'failed' ? 'alert' : undefined}>{outcome.message}</li>;
}

export function LibraryPanel({ lab, state }: { lab: Lab; state: LabState }) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { library, tasks } = state;
  const addList = (list: FileList | null) => {
    if (!list?.length) return;
    void lab.addFiles(Array.from(list, (file) => ({ name: file.name, bytes: async () => new Uint8Array(await file.arrayBuffer()) })));
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    addList(event.dataTransfer.files);
  };
  const stale = library.documents.filter((d) => d.status === 'stale').length;
  return (
    <section className="panel" aria-labelledby="library-title">
      <h2 id="library-title">Library</h2>
      <div
        className={`dropzone${over ? ' dropzone--over' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>Drop PDF, Office (DOCX, PPTX, XLSX), OpenDocument, EPUB, RTF, CSV, Markdown, HTML, text or image files here</p>
        <button type="button" onClick={() => input.current?.click()}>Choose files…</button>
        <input ref={input} type="file" multiple hidden data-testid="file-input" accept=".pdf,.docx,.md,.markdown,.html,.htm,.txt,.text,.rst,.csv,.tsv,.pptx,.odp,.xlsx,.ods,.epub,.odt,.rtf,.png,.jpg,.jpeg" onChange={(e) => addList(e.target.files)} />
      </div>
      {library.status === 'opening' ? <p className="muted">Opening the library…</p> : null}
      {library.rebuilding ? (
        <div className="muted" aria-busy="true">
          {library.rebuilding.stage === 'lexical' ? 'Restoring keyword index' : library.rebuilding.stage === 'voy' ? 'Building the voy-search index' : 'Restoring vectors'}: {library.rebuilding.done}/{library.rebuilding.total} documents
          <progress max={library.rebuilding.total} value={library.rebuilding.done} />
        </div>
      ) : null}
      {library.error ? <p className="error" role="alert">{library.error}</p> : null}
      {library.notices.map((n) => (
        <p key={n} className="warning">{n}</p>
      ))}
      {stale ? <button type="button" onClick={() => void lab.reindexStale()}>Re-index {stale} stale document(s)</button> : null}
      {tasks.length ? <ul className="tasks" data-testid="tasks">{tasks.map((t) => <TaskRow key={t.key} task={t} />)}</ul> : null}
      <ul className="documents" data-testid="documents">
        {library.documents.map((d) => (
          <li key={d.id} className={`document document--${d.status}`}>
            <div>
              <strong>{d.name}</strong>
              <span className="muted"> {d.type.toUpperCase()} · {formatBytes(d.size)} · {d.chunkCount} chunks{d.pageCount ? ` · ${d.pageCount} pages` : ''}</span>
              {d.status !== 'ready' ? <span className="tag tag--warning">{d.status}</span> : null}
              {d.exactDuplicates + d.nearDuplicates > 0 ? <span className="tag tag--warning" title="Repeated passages crowd the top results">{d.exactDuplicates} exact / {d.nearDuplicates} near duplicates</span> : null}
            </div>
            <button type="button" aria-label={`Remove ${d.name}`} onClick={() => void lab.removeDocument(d.id)}>Remove</button>
          </li>
        ))}
      </ul>
      {library.restore ? (
        <p className="muted">
          Restored {library.restore.chunkCount} chunks: keyword search ready in {library.restore.lexicalReadyMs.toFixed(0)} ms, {library.restore.vectorCount} vectors ready in {library.restore.denseReadyMs.toFixed(0)} ms.
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
