import { locationLabel } from '../ingest/location';
import { useEffect, useRef, useState } from 'react';
import { sourceLabel } from '../generate/prompt';
import type { RetrievedChunk } from '../retrieve/hybrid';
import type { Lab } from './lab/lab';

const CONTEXT = 700;
const num = (v: number | null, digits: number) => (v === null ? '–' : v.toFixed(digits));

/** Cut points that fall on whitespace, so the context never starts or ends mid-word. */
function snap(text: string, from: number, to: number): [number, number] {
  let a = Math.max(0, from);
  let b = Math.min(text.length, to);
  if (a > 0) {
    const space = text.slice(a, a + 60).search(/\s/);
    if (space >= 0) a += space + 1;
  }
  if (b < text.length) {
    const tail = text.slice(Math.max(a, b - 60), b);
    const space = tail.search(/\s\S*$/);
    if (space >= 0) b = Math.max(a, b - 60) + space;
  }
  return [a, b];
}

/**
 * A cited passage in a modal dialog: it opens where the person is looking (phone or projector),
 * takes focus, and Escape or × closes it and hands focus back to the citation. The passage is
 * highlighted inside its surrounding text, with every score that ranked it.
 */
export function SourceDialog({ n, source, rank, inPrompt, lab, onClose }: { n: number; source: RetrievedChunk | undefined; rank: string; inPrompt: boolean; lab: Lab; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const mark = useRef<HTMLElement>(null);
  const [docText, setDocText] = useState<string | null>(null);
  const [context, setContext] = useState(CONTEXT);
  const [loadError, setLoadError] = useState<string | null>(null);
  const chunk = source?.chunk;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const el = dialog.current!;
    if (!el.open) el.showModal();
    return () => {
      if (el.open) el.close();
      // Back to the citation that opened it (it may have re-rendered: find it by its name).
      if (opener?.isConnected) opener.focus();
      else document.querySelector<HTMLElement>(`[data-cite="${n}"]`)?.focus();
    };
  }, [n]);

  useEffect(() => {
    setDocText(null);
    setContext(CONTEXT);
    if (!chunk) return;
    let live = true;
    lab.source(chunk.docId).then(
      (doc) => live && (doc ? setDocText(doc.text) : setLoadError('The document is no longer in the library.')),
      (e: Error) => live && setLoadError(`Its surrounding text could not be read: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [lab, chunk]);

  useEffect(() => {
    // Only the text box scrolls to the passage: scrolling the dialog too would hide its title and
    // its close button above a phone's screen.
    const m = mark.current;
    const box = m?.closest('pre');
    if (!m || !box) return;
    const [at, frame] = [m.getBoundingClientRect(), box.getBoundingClientRect()];
    box.scrollTop += at.top - frame.top - Math.max(0, (box.clientHeight - at.height) / 2);
  }, [docText]);

  let body;
  if (!chunk || !source) {
    body = <p className="error">Source [{n}] does not exist: the answer cites a passage it was never given.</p>;
  } else {
    const text = docText ?? chunk.text;
    const [start, end] = docText ? [chunk.start, chunk.end] : [0, chunk.text.length];
    const [from, to] = docText ? snap(text, start - context, end + context) : [0, text.length];
    const t = source.trace;
    body = (
      <>
        <p className="muted">
          {chunk.docName}
          {chunk.pages ? ` · ${locationLabel(chunk.docType, chunk.pages)}` : ''}
          {chunk.headings.length ? ` · ${chunk.headings.join(' › ')}` : ''} · characters {chunk.start}–{chunk.end}
        </p>
        <pre className="source__text" data-testid="source-text" tabIndex={0} aria-label="The passage in its document">
          {from > 0 ? '… ' : ''}
          {text.slice(from, start)}
          <mark ref={mark}>{text.slice(start, end)}</mark>
          {text.slice(end, to)}
          {to < text.length ? ' …' : ''}
        </pre>
        {loadError ? <p className="warning">{loadError}</p> : null}
        {docText && (from > 0 || to < docText.length) ? (
          <button type="button" onClick={() => setContext((c) => c * 3)}>Show more of the document</button>
        ) : null}
        <dl className="scores">
          {/* Without a language model nothing is prompted: the sentences were quoted from the retrieved passages. */}
          <div><dt>{inPrompt ? 'In the prompt' : 'Retrieved as'}</dt><dd>{rank}</dd></div>
          <div><dt>BM25 rank / score</dt><dd>{t.bm25Rank ?? '–'} / {num(t.bm25Score, 2)}</dd></div>
          <div><dt>Dense rank / cosine</dt><dd>{t.denseRank ?? '–'} / {num(t.denseScore, 3)}</dd></div>
          <div><dt>Fused rank / RRF</dt><dd>{t.fusedRank} / {num(t.fusedScore, 4)}</dd></div>
          <div><dt>Rerank score</dt><dd>{num(t.rerankScore, 2)}</dd></div>
        </dl>
      </>
    );
  }
  return (
    <dialog
      ref={dialog}
      className="source-dialog"
      aria-label="Source"
      data-testid="source-viewer"
      // Escape goes through React state like ×; the dialog's own close event is not used because
      // StrictMode's trial unmount closes it too.
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="source-dialog__body">
        <div className="source-dialog__head">
          <h2>[{n}] {chunk ? sourceLabel(chunk) : 'missing source'}</h2>
          <button type="button" onClick={onClose} aria-label="Close source" autoFocus>×</button>
        </div>
        {chunk ? (
          <button
            type="button"
            data-testid="show-in-chunk-viewer"
            onClick={() => {
              const seq = (lab.store.get().chunkViewerRequest?.seq ?? 0) + 1;
              lab.store.set({ chunkViewerRequest: { docId: chunk.docId, start: chunk.start, end: chunk.end, seq } });
              onClose();
            }}
          >
            Show in the chunk viewer
          </button>
        ) : null}
        {body}
      </div>
    </dialog>
  );
}
