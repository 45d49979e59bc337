/**
 * The chunk viewer: a document's text cut as the library cuts it (same ingest worker and chunker
 * as adding a file, and as `npm run -s chunk`), with boundaries, overlaps marked, token counts,
 * pages and headings. Text is rendered as text, never as HTML.
 */
import { useEffect, useRef, useState } from 'react';
import type { Chunk } from '../../chunk/chunker';
import { locationLabel, locationUnit } from '../../ingest/location';
import type { ParsedDocument } from '../../ingest/types';
import type { Lab } from '../lab/lab';
import { useStore } from '../lab/store';
import { buildParts, type TeachLibrary } from './teach-session';
import { ProgressLine, useRun } from './useRun';

interface Viewed {
  doc: ParsedDocument;
  chunks: Chunk[];
  /** The cited passage it was opened at, from a Source dialog. */
  passage: { start: number; end: number } | null;
}

export function ChunkViewer({ lab, library }: { lab: Lab; library: TeachLibrary | null }) {
  const userDocs = lab.store.get().library.documents;
  const options = [
    ...(library?.library.docs ?? []).map((d) => ({ key: `t:${d.docId}`, label: `${d.parsed.name} (${library!.name})` })),
    ...userDocs.map((d) => ({ key: `u:${d.id}`, label: `${d.name} (your library)` })),
  ];
  const defaults = lab.teachingClients().settings.chunk;
  const [choice, setChoice] = useState('');
  const [size, setSize] = useState(defaults.size);
  const [overlap, setOverlap] = useState(defaults.overlap);
  const run = useRun<Viewed>();
  const selected = choice || options[0]?.key || '';
  const request = useStore(lab.store).chunkViewerRequest;
  const panel = useRef<HTMLElement>(null);

  const show = (key: string, passage: Viewed['passage'] = null) =>
    run.start(async () => {
      let doc: ParsedDocument | null = null;
      if (key.startsWith('t:')) doc = library?.library.docs.find((d) => `t:${d.docId}` === key)?.parsed ?? null;
      else doc = await lab.source(key.slice(2));
      if (!doc) throw new Error('That document is no longer available. Choose another one.');
      const chunks = await buildParts(lab).chunk(doc, key.slice(2), { size, overlap });
      return { doc, chunks, passage };
    });

  // A citation's "Show in the chunk viewer": that document, cut with the settings shown here.
  useEffect(() => {
    if (!request) return;
    const key = library?.library.docs.some((d) => d.docId === request.docId) ? `t:${request.docId}` : `u:${request.docId}`;
    setChoice(key);
    panel.current?.scrollIntoView({ block: 'start' });
    void show(key, { start: request.start, end: request.end });
    // Only a new request opens the viewer; settings changes wait for "Show chunks".
  }, [request?.seq]);

  return (
    <section className="panel" aria-label="Chunk viewer" data-testid="chunk-viewer" ref={panel}>
      <h2>Chunk viewer</h2>
      {options.length === 0 ? <p>Load the sample library or add documents to see how they are cut.</p> : null}
      <div className="teach-card__actions">
        <label>
          Document{' '}
          <select value={selected} onChange={(e) => setChoice(e.target.value)} data-testid="chunk-doc">
            {options.map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}
          </select>
        </label>
        <label>
          Chunk size (tokens) <input type="number" min={16} max={2048} value={size} onChange={(e) => setSize(Number(e.target.value))} data-testid="chunk-size" />
        </label>
        <label>
          Overlap (tokens) <input type="number" min={0} max={1024} value={overlap} onChange={(e) => setOverlap(Number(e.target.value))} data-testid="chunk-overlap" />
        </label>
        <button type="button" onClick={() => void show(selected)} disabled={!selected || run.running}>Show chunks</button>
        <ProgressLine progress={run.progress} running={run.running} />
      </div>
      {run.error ? <p className="teach-error" role="alert">{run.error}</p> : null}
      {run.result ? <ChunkList viewed={run.result} /> : null}
    </section>
  );
}

function ChunkList({ viewed }: { viewed: Viewed }) {
  const { doc, chunks, passage } = viewed;
  const total = chunks.reduce((s, c) => s + c.tokens, 0);
  const cited = (c: Chunk) => passage !== null && c.start < passage.end && c.end > passage.start;
  const firstCited = useRef<HTMLLIElement>(null);
  useEffect(() => {
    firstCited.current?.scrollIntoView({ block: 'start' });
    firstCited.current?.focus();
  }, [viewed]);
  const citedOrdinals = chunks.filter(cited).map((c) => c.ordinal + 1);
  return (
    <>
      <p role="status">
        {doc.name}: {chunks.length} chunks, {total} tokens{doc.pageCount ? `, ${locationUnit(doc.type, doc.pageCount)}` : ''}. Marked text repeats the end of the chunk before it (overlap).
        {passage ? ` The cited passage (characters ${passage.start}–${passage.end}) is in chunk ${citedOrdinals.join(', ') || 'none: it is no longer in this document'}, outlined.` : ''}
      </p>
      <ol className="teach-chunks" data-testid="chunks">
        {chunks.map((c, i) => {
          const prevEnd = i > 0 ? chunks[i - 1]!.end : c.start;
          const cut = Math.min(Math.max(prevEnd, c.start), c.end);
          const holdsPassage = cited(c);
          return (
            <li
              key={c.ordinal}
              className={holdsPassage ? 'teach-chunk teach-chunk--cited' : 'teach-chunk'}
              data-start={c.start}
              data-end={c.end}
              data-tokens={c.tokens}
              {...(holdsPassage ? { 'data-cited': 'true', tabIndex: -1, 'aria-label': `Chunk ${c.ordinal + 1}, holding the cited passage` } : {})}
              ref={holdsPassage && c.ordinal + 1 === citedOrdinals[0] ? firstCited : undefined}
            >
              <div className="teach-chunk__meta">
                Chunk {c.ordinal + 1} · {c.tokens} tokens · characters {c.start}–{c.end}
                {c.pages ? ` · ${locationLabel(doc.type, c.pages)}` : ''}
                {c.headings.length ? ` · ${c.headings.join(' › ')}` : ''}
              </div>
              {cut > c.start ? <mark title="overlap with the previous chunk">{doc.text.slice(c.start, cut)}</mark> : null}
              {doc.text.slice(cut, c.end)}
            </li>
          );
        })}
      </ol>
    </>
  );
}
