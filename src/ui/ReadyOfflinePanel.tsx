/**
 * "Ready offline": what this browser holds for working without a network (the app itself, each
 * model, the library, storage and whether it is persistent), and "Save for offline" for models.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { CATALOG, downloadBytes, type CatalogEntry, type Device } from '../models/catalog';
import { isAbortError } from '../models/protocol';
import { forgetModel, saveModel, savedStatus, type SavedStatus, type SaveProgress } from '../offline/save-models';
import { appWorkerState, onAppWorkerState } from '../offline/service-worker';
import { countOf } from '../util/count-of';
import type { Lab } from './lab/lab';
import type { LabState } from './lab/state';
import { deviceName, formatBytes } from './format';

const BASE = import.meta.env.BASE_URL;
/** A workshop kit names the models it ships (scripts/kit.ts); they are offered first. */
const KIT_MODELS = ((import.meta.env.VITE_KIT_MODELS as string | undefined) ?? '').split(',').filter(Boolean);

function offerable(lab: Lab): CatalogEntry[] {
  return CATALOG.filter((m) => (lab.config.showTestModels ? m.testOnly && !m.id.includes('-weights') : !m.testOnly));
}

export function ReadyOfflinePanel({ lab, state }: { lab: Lab; state: LabState }) {
  const worker = useSyncExternalStore(onAppWorkerState, appWorkerState);
  const device: Device = state.device?.device ?? 'wasm';
  const models = offerable(lab);
  const [status, setStatus] = useState<Record<string, SavedStatus>>({});
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(KIT_MODELS.length ? KIT_MODELS : Object.values(state.models).map((m) => m.id)));
  const [saving, setSaving] = useState<{ controller: AbortController; progress: SaveProgress | null } | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [appCached, setAppCached] = useState(false);

  const refresh = useCallback(async () => {
    if (typeof caches === 'undefined') return;
    const entries = await Promise.all(models.map(async (m) => [m.id, await savedStatus(m, device, BASE)] as const));
    setStatus(Object.fromEntries(entries));
    setAppCached((await caches.keys()).some((k) => k.startsWith('workbox-precache')));
  }, [device, models.length]);

  useEffect(() => {
    void refresh();
  }, [refresh, worker.controlled]);

  const save = async () => {
    const controller = new AbortController();
    setSaving({ controller, progress: null });
    setMessage(null);
    const offlineOnly = lab.config.runtime.offlineOnly || state.settings.offlineOnly;
    try {
      for (const entry of models.filter((m) => chosen.has(m.id))) {
        await saveModel(entry, {
          device,
          base: BASE,
          offlineOnly,
          ...(lab.config.runtime.networkTimeoutMs ? { timeoutMs: lab.config.runtime.networkTimeoutMs } : {}),
          signal: controller.signal,
          onProgress: (progress) => setSaving((s) => (s ? { ...s, progress } : s)),
        });
        await refresh();
      }
      setMessage({ error: false, text: 'Saved. These models now load without a network.' });
      void lab.refreshStorage(true);
    } catch (error) {
      setMessage({ error: true, text: isAbortError(error) ? 'Saving was cancelled. Press Save for offline to continue where it stopped.' : (error as Error).message });
    } finally {
      setSaving(null);
      void refresh();
    }
  };

  const remove = async (entry: CatalogEntry) => {
    await forgetModel(entry, BASE);
    await refresh();
    void lab.refreshStorage();
  };

  const storage = state.library.storage;
  const p = saving?.progress;
  return (
    <section className="panel" aria-labelledby="offline-title" data-testid="ready-offline">
      <h2 id="offline-title">Ready offline</h2>
      <ul>
        <li data-testid="offline-app">
          App:{' '}
          {worker.controlled && appCached
            ? 'cached, opens without a network'
            : worker.supported
              ? 'being cached for offline use…'
              : 'not cached (development server, or no service worker in this browser)'}
          {worker.error ? <span className="error" role="alert"> {worker.error}</span> : null}
        </li>
        <li>Library: {countOf(state.library.documents.length, 'document')}, stored in this browser</li>
        <li>
          Storage: {storage?.usage != null ? formatBytes(storage.usage) : '–'} used
          {storage?.quota != null ? ` of ${formatBytes(storage.quota)}` : ''};{' '}
          {storage?.persisted ? 'persistent (the browser will not evict it)' : 'not persistent (the browser may evict it when space runs low)'}
          {storage && !storage.persisted ? (
            <>
              {' '}
              <button type="button" onClick={() => void lab.refreshStorage(true)}>Keep data</button>
            </>
          ) : null}
          {storage?.keepRefused ? (
            <p className="warning" role="status" data-testid="keep-refused">
              The browser declined to keep the data. Chrome and Edge keep it for sites that are installed, bookmarked or used often; Firefox asks
              you. Everything works anyway: the data stays unless the disk runs short of space.
            </p>
          ) : null}
        </li>
      </ul>
      <fieldset disabled={!!saving}>
        <legend>Models ({deviceName(device)} files)</legend>
        {models.map((m) => {
          const s = status[m.id];
          const savedCount = s?.files.filter((f) => f.saved).length ?? 0;
          const state = !s ? '…' : s.complete ? `saved (${formatBytes(s.savedBytes)})` : savedCount ? `partly saved (${savedCount} of ${s.files.length} files)` : 'not saved';
          return (
            <div key={m.id} data-testid={`offline-model-${m.id}`} data-saved={s?.complete ? 'true' : 'false'}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(m.id)}
                  onChange={(e) => setChosen((c) => {
                    const next = new Set(c);
                    if (e.target.checked) next.add(m.id);
                    else next.delete(m.id);
                    return next;
                  })}
                />{' '}
                {m.label} <span className="muted">({formatBytes(downloadBytes(m, device))})</span>
              </label>{' '}
              <span className="muted">{state}</span>
              {s && savedCount > 0 ? (
                <>
                  {' '}
                  <button type="button" onClick={() => void remove(m)} aria-label={`Remove the saved copy of ${m.label}`}>Remove</button>
                </>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <button type="button" className="primary" disabled={!!saving || chosen.size === 0} onClick={() => void save()}>
        {saving ? 'Saving…' : 'Save for offline'}
      </button>
      {saving ? (
        <div>
          <progress max={p?.total ?? undefined} value={p?.total ? p.loaded : undefined} aria-label="Saving models for offline use" />
          <span className="muted">
            {' '}
            {p ? `${p.model}: ${p.file}, ${formatBytes(p.loaded)}${p.total ? ` of ${formatBytes(p.total)}` : ''}${p.resumed ? ' (resumed)' : ''}` : 'starting…'}
          </span>{' '}
          <button type="button" onClick={() => saving.controller.abort()}>Cancel</button>
        </div>
      ) : null}
      {message ? (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'} data-testid="offline-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
