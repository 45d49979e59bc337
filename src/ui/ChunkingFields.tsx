import { useEffect, useState } from 'react';
import type { ChunkSettings } from '../chunk/chunker-meta';
import { countOf } from '../util/count-of';
import type { Lab } from './lab/lab';
import type { LabSettings, LabState } from './lab/state';
import { formatBytes } from './format';
import { NumberField } from './NumberField';

/**
 * Chunk size and overlap are typed into a draft; what applying the draft will cost (how many
 * documents get re-indexed, how many bytes) is shown here, next to the fields, before anything
 * happens.
 */
export function ChunkingFields({ lab, settings, library }: { lab: Lab; settings: LabSettings; library: LabState['library'] | undefined }) {
  const current = settings.chunk;
  const [draft, setDraft] = useState<ChunkSettings>(current);
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft(current), [current]);
  const changed = draft.size !== current.size || draft.overlap !== current.overlap;
  const hidden = new Set(library?.pendingRemovals.map((p) => p.docId));
  const documents = (library?.documents ?? []).filter((d) => !hidden.has(d.id));
  const affected = documents.filter((d) => d.settings.chunk.size !== draft.size || d.settings.chunk.overlap !== draft.overlap);
  const stale = documents.filter((d) => d.status === 'stale');
  const bytes = affected.reduce((sum, d) => sum + d.size, 0);
  const maxOverlap = Math.floor(draft.size / 2) - 1;
  const reindexing = library?.reindexing;
  const apply = async (reindex: boolean) => {
    setBusy(true);
    try {
      if (reindex) await lab.rechunk(draft);
      else await lab.updateSettings({ chunk: draft });
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset>
      <legend>Chunking</legend>
      <NumberField
        label="Chunk size (tokens)"
        value={draft.size}
        min={32}
        max={1024}
        onCommit={(size) => setDraft((d) => ({ size, overlap: Math.min(d.overlap, Math.floor(size / 2) - 1) }))}
      />
      <NumberField label="Overlap (tokens)" value={draft.overlap} min={0} max={maxOverlap} onCommit={(overlap) => setDraft((d) => ({ ...d, overlap }))} />
      {changed ? (
        <div className="cost" data-testid="chunk-cost">
          <p style={{ margin: 0 }}>
            Chunks of {draft.size} tokens with {draft.overlap} overlap (now {current.size} / {current.overlap}).{' '}
            {affected.length
              ? `Applying re-indexes ${countOf(affected.length, 'document')} (${formatBytes(bytes)}); until then they are searched with their old chunks by keyword only.`
              : 'No document needs re-indexing.'}
          </p>
          <div className="cost__actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void apply(affected.length > 0)}>
              {affected.length ? `Apply and re-index ${countOf(affected.length, 'document')}` : 'Apply'}
            </button>
            <button type="button" disabled={busy} onClick={() => setDraft(current)}>Keep {current.size} / {current.overlap}</button>
          </div>
        </div>
      ) : null}
      {reindexing ? (
        <p className="muted" role="status">
          Re-indexing: {reindexing.done} of {countOf(reindexing.total, 'document')} done.
          <progress max={reindexing.total} value={reindexing.done} aria-label="Re-indexing" />
        </p>
      ) : !changed && stale.length ? (
        <p className="warning">
          {countOf(stale.length, 'document')} indexed with other settings.{' '}
          <button type="button" disabled={busy} onClick={() => void lab.reindexStale()}>Re-index {countOf(stale.length, 'document')}</button>
        </p>
      ) : null}
    </fieldset>
  );
}
