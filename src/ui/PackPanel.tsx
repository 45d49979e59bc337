/**
 * Lesson packs: export the library to one file, import one (checked whole before anything is
 * stored), clear the library, and, in a workshop kit, the pack the host shipped with the app.
 */
import { useRef, useState } from 'react';
import { CATALOG } from '../models/catalog';
import type { PackImport } from '../store/index-protocol';
import { PACK_EXTENSION } from '../store/pack';
import { countOf } from '../util/count-of';
import type { Lab } from './lab/lab';
import type { LabState } from './lab/state';

const BASE = import.meta.env.BASE_URL;
/** Set by scripts/kit.ts: the file name of the pack shipped next to the app. */
const KIT_PACK = (import.meta.env.VITE_KIT_PACK as string | undefined) ?? '';

type Message = { error: boolean; text: string } | null;

export function PackPanel({ lab, state }: { lab: Lab; state: LabState }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [report, setReport] = useState<PackImport | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [withOriginals, setWithOriginals] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const count = state.library.documents.length;

  const run = async (what: string, task: () => Promise<void>) => {
    setBusy(what);
    setMessage(null);
    try {
      await task();
    } catch (error) {
      setMessage({ error: true, text: (error as Error).message });
    } finally {
      setBusy(null);
    }
  };

  const exportPack = () =>
    run('Exporting…', async () => {
      const bytes = await lab.exportPack(withOriginals);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `lesson-${new Date().toISOString().slice(0, 10)}${PACK_EXTENSION}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ error: false, text: `Exported ${countOf(count, 'document')} (${(bytes.byteLength / 1e6).toFixed(1)} MB).` });
    });

  const importBytes = (bytes: Uint8Array, name: string) =>
    run('Importing…', async () => {
      setReport(null);
      const result = await lab.importPack(bytes);
      setReport(result);
      const skipped = result.skipped.length ? ` ${result.skipped.length} already in the library were left as they were.` : '';
      setMessage({ error: false, text: `Imported ${countOf(result.added.length, 'document')} from ${name}.${skipped}` });
    });

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    await importBytes(new Uint8Array(await file.arrayBuffer()), file.name);
    if (input.current) input.current.value = '';
  };

  const importKit = () =>
    run('Importing…', async () => {
      const response = await fetch(`${BASE}${KIT_PACK}`);
      if (!response.ok) throw new Error(`The workshop's lesson pack ${KIT_PACK} could not be read (HTTP ${response.status}). Ask the host for the file.`);
      setBusy(null);
      await importBytes(new Uint8Array(await response.arrayBuffer()), KIT_PACK);
    });

  const clear = () =>
    run('Clearing…', async () => {
      setConfirmClear(false);
      setReport(null);
      await lab.clearLibrary();
      setMessage({ error: false, text: 'The library is empty. Saved models were kept.' });
    });

  const active = state.models.embed;
  const packModel = report?.embedding?.model;
  const offerReembed = !!report && !!packModel && packModel !== active.id && report.added.length > 0;
  const inCatalog = !!packModel && CATALOG.some((m) => m.id === packModel);

  return (
    <section className="panel" aria-labelledby="packs-title" data-testid="packs">
      <h2 id="packs-title">Lesson packs</h2>
      <p className="muted">One file with the documents' extracted text, chunks, vectors, settings and questions, to share with a room; with the original files too if you choose (larger; documents added before the lab began keeping original files have only their text).</p>
      {KIT_PACK && count === 0 ? (
        <p className="note">
          This workshop includes a lesson pack.{' '}
          <button type="button" className="primary" disabled={!!busy} onClick={() => void importKit()}>Import the workshop pack</button>
        </p>
      ) : null}
      <label>
        <input type="checkbox" checked={withOriginals} onChange={(e) => setWithOriginals(e.target.checked)} data-testid="pack-originals" /> Include the original files
      </label>{' '}
      <button type="button" disabled={!!busy || count === 0} onClick={() => void exportPack()}>Export lesson pack</button>{' '}
      <label className="file-field">
        <span>Import lesson pack</span>
        <input ref={input} type="file" accept={PACK_EXTENSION} disabled={!!busy} data-testid="pack-input" onChange={(e) => void importFile(e.target.files?.[0])} />
      </label>
      <div>
        {confirmClear ? (
          <span role="group" aria-label="Confirm clearing the library">
            Remove all {countOf(count, 'document')} from this browser?{' '}
            <button type="button" onClick={() => void clear()}>Yes, clear all data</button>{' '}
            <button type="button" onClick={() => setConfirmClear(false)}>Keep them</button>
          </span>
        ) : (
          <button type="button" disabled={!!busy || count === 0} onClick={() => setConfirmClear(true)}>Clear all data</button>
        )}
      </div>
      {busy ? <p aria-busy="true" className="muted">{busy}</p> : null}
      {message ? (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'} data-testid="pack-message">{message.text}</p>
      ) : null}
      {offerReembed ? (
        <div className="note" data-testid="pack-reembed">
          <p>
            This pack was embedded with <span className="mono">{packModel}</span> ({report!.embedding!.dims} dimensions); the lab's embedding model is{' '}
            <span className="mono">{active.id}</span>. Its documents are found by keyword search until they are re-embedded.
          </p>
          <button type="button" disabled={!!busy} onClick={() => void run('Re-embedding…', async () => {
            if (active.status !== 'ready') await lab.loadModel('embed');
            await lab.reindexStale();
            setReport(null);
          })}>Re-embed with {active.id}</button>{' '}
          {inCatalog ? <button type="button" onClick={() => lab.selectModel('embed', packModel!)}>Switch to {packModel}</button> : null}
        </div>
      ) : null}
      {report?.questions.length ? (
        <div>
          <p>Questions in this pack:</p>
          <ul>
            {report.questions.map((q) => (
              <li key={q}>
                {q} <button type="button" aria-label={`Ask: ${q}`} onClick={() => void lab.ask(q)}>Ask</button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
