/**
 * The page's controller: starts one worker per model plus the ingest and index workers, keeps the
 * state the UI renders, and runs the long tasks (loading models, adding files, asking) with
 * progress and clear errors. No DOM here: React components only read the store and call methods.
 */
import { DEFAULT_CHUNK_SETTINGS, validateChunkSettings, type ChunkSettings } from '../../chunk/chunker-meta';
import { startEmbedWorker, type EmbedClient } from '../../embed/embed-client';
import { DEFAULT_DECODING } from '../../generate/generator-meta';
import { startGenerateWorker, type GenerateClient } from '../../generate/generate-client';
import { DEFAULT_MAX_FILE_BYTES } from '../../ingest/parse-meta';
import { startIngestWorker, type IngestClient } from '../../chunk/ingest-client';
import type { WorkerBridge } from '../../models/bridge';
import { findModel } from '../../models/catalog';
import { DEFAULT_ANSWERABLE } from '../../retrieve/answerable';
import { DEFAULT_RETRIEVAL } from '../../retrieve/hybrid';
import { startRerankWorker, type RerankClient } from '../../retrieve/rerank-client';
import { addFile } from '../../store/add-files';
import { startIndexWorker, type IndexClient } from '../../store/index-client';
import { askToKeepStorage } from '../../store/persist';
import type { PackImport, RestoreEvent } from '../../store/index-protocol';
import type { IndexSettings } from '../../store/schema';
import type { LabConfig } from '../lab-config';
import { reindexDocument } from './reindex';
import { runComparison } from './run-comparison';
import { newAskState, type LabSettings, type LabState, type ModelSlot, type ModelTaskKey } from './state';
import { Store } from './store';

const SETTINGS_KEY = 'offline-rag-lab:settings';
const UNDO_MS = 10_000;

function initialSettings(): LabSettings {
  const defaults: LabSettings = {
    device: 'auto',
    chunk: DEFAULT_CHUNK_SETTINGS,
    retrieval: DEFAULT_RETRIEVAL,
    decoding: DEFAULT_DECODING,
    answerable: DEFAULT_ANSWERABLE,
    answerMode: 'auto',
    backend: 'exact',
    maxFileMb: DEFAULT_MAX_FILE_BYTES / 1024 / 1024,
    offlineOnly: false,
    ocr: true,
  };
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(SETTINGS_KEY) ?? 'null') as Partial<LabSettings> | null;
    if (!saved) return defaults;
    // Settings saved by an older version may lack newer fields (or carry retired ones): defaults fill them.
    const answerable = { minEvidence: saved.answerable?.minEvidence ?? defaults.answerable.minEvidence, maxMissingShare: saved.answerable?.maxMissingShare ?? defaults.answerable.maxMissingShare };
    return { ...defaults, ...saved, answerable, retrieval: { ...defaults.retrieval, ...saved.retrieval, docIds: undefined, types: undefined } };
  } catch {
    return defaults;
  }
}

const slot = (id: string): ModelSlot => ({ id, status: 'idle', progress: null, info: null, error: null });

export class Lab {
  readonly store: Store<LabState>;
  // Started by start() and ended by dispose(), not by the constructor: React's StrictMode builds
  // the page's objects twice, and a constructor that spawned workers would orphan a pair.
  private ingest!: IngestClient;
  private index!: IndexClient;
  private generation = 0;
  private readonly fileControllers = new Map<string, AbortController>();
  private readonly removalTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly workers: Partial<Record<ModelTaskKey, WorkerBridge<never>>> = {};
  private embed: EmbedClient | null = null;
  private rerank: RerankClient | null = null;
  private generate: GenerateClient | null = null;
  private askController: AbortController | null = null;
  private loading: Partial<Record<ModelTaskKey, { terminate(): void }>> = {};
  private dims: number | null = null;

  constructor(readonly config: LabConfig) {
    this.store = new Store<LabState>({
      device: null,
      deviceError: null,
      models: { embed: slot(config.models.embed), rerank: slot(config.models.rerank), generate: slot(config.models.generate) },
      library: { status: 'opening', error: null, documents: [], restore: null, rebuilding: null, storage: null, notices: [], pendingRemovals: [], reindexing: null },
      tasks: [],
      settings: { ...initialSettings(), ...(config.device ? { device: config.device } : {}), ...(config.runtime.offlineOnly ? { offlineOnly: true } : {}) },
      ask: null,
      chunkViewerRequest: null,
    });
  }

  private get state(): LabState {
    return this.store.get();
  }

  /** The page's runtime config with the user's "offline only" choice applied. */
  private runtime() {
    return { ...this.config.runtime, offlineOnly: this.config.runtime.offlineOnly || this.state.settings.offlineOnly };
  }

  private indexSettings(): IndexSettings {
    const loaded = this.state.models.embed.info;
    return { chunk: this.state.settings.chunk, embedModel: this.state.models.embed.id, ...(loaded ? { embedDtype: loaded.dtype } : {}) };
  }

  async start(): Promise<void> {
    const generation = ++this.generation;
    this.ingest = startIngestWorker();
    this.index = startIndexWorker();
    const current = () => generation === this.generation;
    const probe = startEmbedWorker();
    probe.call('detect', { config: this.config.runtime }).then(
      (device) => current() && this.store.set({ device }),
      (e: Error) => current() && this.store.set({ deviceError: e.message }),
    ).finally(() => probe.terminate());
    try {
      const opened = await this.index.call('open', { active: this.indexSettings(), dims: null, backend: this.state.settings.backend }, { onEvent: this.showRebuild });
      // Stale documents are not a notice: the library says what "stale" means beside its Re-index button.
      const notices = opened.interrupted.map((name) => `Adding "${name}" was interrupted (the page closed); it was not kept. Add it again.`);
      if (!current()) return;
      this.store.set((s) => ({ library: { ...s.library, status: 'ready', documents: opened.documents, restore: opened.chunkCount ? opened : null, rebuilding: null, notices } }));
      // Asking to keep the data waits for the person (Keep data, Save for offline): Firefox would prompt on every first visit.
      void this.refreshStorage();
      void this.index.call('watch', {}, {
        onEvent: (change) => {
          if (change.kind === 'reloaded') {
            this.store.set((s) => ({ library: { ...s.library, status: 'error', error: 'A newer version of the lab opened this library in another tab. Reload this tab to keep using it; nothing was lost.' } }));
          } else void this.refreshDocuments();
        },
      });
    } catch (error) {
      if (!current()) return;
      this.store.set((s) => ({ library: { ...s.library, status: 'error', error: `The library could not be opened: ${(error as Error).message}. Reload the page; if it persists, your browser may block storage for this site.` } }));
    }
  }

  /** Ends every worker and timer; start() may be called again afterwards (StrictMode does). */
  dispose(): void {
    this.generation++;
    this.stop();
    for (const controller of this.fileControllers.values()) controller.abort();
    this.fileControllers.clear();
    // A removal still in its undo window is not carried out: the document stays.
    for (const timer of this.removalTimers.values()) clearTimeout(timer);
    this.removalTimers.clear();
    for (const worker of [this.ingest, this.index, ...Object.values(this.workers), ...Object.values(this.loading)]) worker?.terminate();
    for (const key of Object.keys(this.workers) as ModelTaskKey[]) delete this.workers[key];
    this.loading = {};
    this.embed = this.rerank = this.generate = null;
    this.dims = null;
    this.store.set((s) => ({
      models: { embed: slot(s.models.embed.id), rerank: slot(s.models.rerank.id), generate: slot(s.models.generate.id) },
      library: { ...s.library, status: 'opening', pendingRemovals: [] },
    }));
  }

  async refreshDocuments(): Promise<void> {
    const documents = await this.index.call('list', {});
    // Counts restored at start stop being true once the library changes.
    this.store.set((s) => ({ library: { ...s.library, documents, restore: null } }));
  }

  /** Reports storage use; with `askToKeep`, first asks the browser to keep the data, as a person pressed Keep data. */
  async refreshStorage(askToKeep = false): Promise<void> {
    const kept = askToKeep ? await askToKeepStorage() : false;
    const storage = await this.index.call('storage', {});
    this.store.set((s) => ({ library: { ...s.library, storage: { ...storage, ...(askToKeep && !kept && !storage.persisted ? { keepRefused: true } : {}) } } }));
  }

  /** Applies and saves settings; resolves once a chunking change has been applied to the index. */
  updateSettings(patch: Partial<LabSettings>): Promise<void> {
    this.store.set((s) => ({ settings: { ...s.settings, ...patch } }));
    const { retrieval, ...rest } = this.state.settings;
    globalThis.localStorage?.setItem(SETTINGS_KEY, JSON.stringify({ ...rest, retrieval: { ...retrieval, docIds: undefined, types: undefined } }));
    const applied = patch.chunk ? this.applyIndexSettings() : Promise.resolve();
    if (patch.backend) {
      void this.index.call('setBackend', { backend: patch.backend }, { onEvent: this.showRebuild }).finally(() => this.showRebuild(null));
    }
    return applied;
  }

  /** New chunk settings, then every document they make stale re-indexed. */
  async rechunk(chunk: LabSettings['chunk']): Promise<void> {
    await this.updateSettings({ chunk });
    await this.reindexStale();
  }

  private showRebuild = (rebuilding: RestoreEvent | null): void => {
    this.store.set((s) => ({ library: { ...s.library, rebuilding } }));
  };

  private async applyIndexSettings(): Promise<void> {
    const { documents } = await this.index.call('setActive', { active: this.indexSettings(), dims: this.dims }, { onEvent: this.showRebuild });
    this.showRebuild(null);
    this.store.set((s) => ({ library: { ...s.library, documents, notices: [] } }));
  }

  selectModel(task: ModelTaskKey, id: string): void {
    findModel(id);
    this.workers[task]?.terminate();
    delete this.workers[task];
    if (task === 'embed') this.embed = null;
    if (task === 'rerank') this.rerank = null;
    if (task === 'generate') this.generate = null;
    this.store.set((s) => ({ models: { ...s.models, [task]: slot(id) } }));
    if (task === 'embed') {
      this.dims = null;
      void this.applyIndexSettings();
    }
  }

  async loadModel(task: ModelTaskKey): Promise<void> {
    const current = this.state.models[task];
    const setSlot = (patch: Partial<ModelSlot>) => this.store.set((s) => ({ models: { ...s.models, [task]: { ...s.models[task], ...patch } } }));
    setSlot({ status: 'loading', error: null, progress: null });
    const worker = task === 'embed' ? startEmbedWorker() : task === 'rerank' ? startRerankWorker() : startGenerateWorker();
    this.loading[task] = worker;
    const params = { model: current.id, device: this.state.settings.device, config: this.runtime() };
    try {
      const info = await (worker as EmbedClient).call('load', params, { onProgress: (progress) => setSlot({ progress }) });
      this.workers[task]?.terminate();
      this.workers[task] = worker as WorkerBridge<never>;
      if (task === 'embed') {
        this.embed = worker as EmbedClient;
        this.dims = (info as { dims: number }).dims;
        await this.applyIndexSettings();
      } else if (task === 'rerank') this.rerank = worker as RerankClient;
      else this.generate = worker as GenerateClient;
      setSlot({ status: 'ready', info });
    } catch (error) {
      worker.terminate();
      if (this.loading[task] === worker) setSlot({ status: 'error', error: (error as Error).message });
    } finally {
      if (this.loading[task] === worker) delete this.loading[task];
    }
  }

  /** Stops a model download: its worker goes, files already cached stay for next time. */
  cancelLoad(task: ModelTaskKey): void {
    const worker = this.loading[task];
    if (!worker) return;
    delete this.loading[task];
    worker.terminate();
    this.store.set((s) => ({ models: { ...s.models, [task]: { ...s.models[task], status: 'idle', progress: null, error: 'Loading was cancelled.' } } }));
  }

  async addFiles(files: { name: string; size?: number; bytes: () => Promise<Uint8Array> }[]): Promise<void> {
    const batch = crypto.randomUUID();
    const tasks = files.map((f) => ({ key: crypto.randomUUID(), name: f.name, stage: 'queued' as const, batch, ...(f.size !== undefined ? { size: f.size } : {}) }));
    for (const t of tasks) this.fileControllers.set(t.key, new AbortController());
    this.store.set((s) => ({ tasks: [...tasks, ...s.tasks].slice(0, 50) }));
    const setTask = (key: string, patch: object) => this.store.set((s) => ({ tasks: s.tasks.map((t) => (t.key === key ? { ...t, ...patch } : t)) }));
    for (const [i, file] of files.entries()) {
      const key = tasks[i]!.key;
      const signal = this.fileControllers.get(key)?.signal;
      if (!signal || signal.aborted) {
        this.fileControllers.delete(key);
        if (signal) setTask(key, { stage: 'done', outcome: { status: 'skipped', message: `${file.name}: cancelled before it started. Nothing was added.` } });
        continue;
      }
      const startedAt = Date.now();
      setTask(key, { startedAt, stageStartedAt: startedAt });
      let bytes: Uint8Array;
      try {
        bytes = await file.bytes();
      } catch (error) {
        setTask(key, { stage: 'done', outcome: { status: 'failed', message: `${file.name}: the browser could not read it (${(error as Error).message}).` } });
        continue;
      }
      const outcome = await addFile(file.name, bytes, { ingest: this.ingest, index: this.index, embed: this.embed }, {
        settings: this.indexSettings(),
        dims: this.dims,
        config: this.runtime(),
        maxBytes: this.state.settings.maxFileMb * 1024 * 1024,
        ocr: this.state.settings.ocr,
        signal,
        onStage: (stage, done, total) => {
          const task = this.state.tasks.find((t) => t.key === key);
          setTask(key, { stage, done, total, ...(task?.stage !== stage ? { stageStartedAt: Date.now() } : {}) });
        },
      });
      this.fileControllers.delete(key);
      setTask(key, { stage: 'done', outcome });
      await this.refreshDocuments();
    }
    void this.refreshStorage();
  }

  /** Stops adding one file (waiting or in progress); nothing of it is kept. */
  cancelFile(key: string): void {
    this.fileControllers.get(key)?.abort();
  }

  /** Empties the task log (files still being added stay). */
  clearTasks(): void {
    this.store.set((s) => ({ tasks: s.tasks.filter((t) => t.stage !== 'done') }));
  }

  /**
   * Hides the document from the list and from search at once, and deletes it only when the undo
   * window closes, so a slip of the finger costs nothing.
   */
  removeDocument(docId: string, undoMs = UNDO_MS): void {
    const doc = this.state.library.documents.find((d) => d.id === docId);
    if (!doc || this.removalTimers.has(docId)) return;
    const pending = { docId, name: doc.name, size: doc.size, until: Date.now() + undoMs };
    this.store.set((s) => ({ library: { ...s.library, pendingRemovals: [...s.library.pendingRemovals, pending] } }));
    this.removalTimers.set(docId, setTimeout(() => void this.finishRemoval(docId), undoMs));
  }

  undoRemove(docId: string): void {
    clearTimeout(this.removalTimers.get(docId));
    this.removalTimers.delete(docId);
    this.dropPending(docId);
  }

  private dropPending(docId: string): void {
    this.store.set((s) => ({ library: { ...s.library, pendingRemovals: s.library.pendingRemovals.filter((p) => p.docId !== docId) } }));
  }

  private async finishRemoval(docId: string): Promise<void> {
    if (!this.removalTimers.delete(docId)) return;
    try {
      await this.index.call('remove', { docId });
      await this.refreshDocuments();
    } catch (error) {
      this.store.set((s) => ({ library: { ...s.library, notices: [...s.library.notices, `A document could not be removed: ${(error as Error).message}. It is still in the library; try again.`] } }));
    }
    this.dropPending(docId);
    void this.refreshStorage();
  }

  async reindexStale(): Promise<void> {
    const stale = this.state.library.documents.filter((d) => d.status === 'stale');
    const progress = (done: number) => this.store.set((s) => ({ library: { ...s.library, reindexing: done < stale.length ? { done, total: stale.length } : null } }));
    progress(0);
    for (const [i, doc] of stale.entries()) {
      const key = crypto.randomUUID();
      this.store.set((s) => ({ tasks: [{ key, name: `${doc.name} (re-index)`, stage: 'parsing' }, ...s.tasks] }));
      const outcome = await reindexDocument(doc, { ingest: this.ingest, index: this.index, embed: this.embed }, this.indexSettings(), this.dims, this.runtime());
      this.store.set((s) => ({ tasks: s.tasks.map((t) => (t.key === key ? { ...t, stage: 'done', outcome } : t)) }));
      progress(i + 1);
    }
    await this.applyIndexSettings();
  }

  async ask(question: string): Promise<void> {
    this.stop();
    const controller = new AbortController();
    this.askController = controller;
    this.store.set({ ask: newAskState(question) });
    const update = (patch: object) => {
      if (this.askController === controller) this.store.set((s) => ({ ask: s.ask ? { ...s.ask, ...patch } : s.ask }));
    };
    try {
      const identity = (task: ModelTaskKey) => {
        const info = this.state.models[task].info;
        return info ? { id: info.model, dtype: info.dtype } : null;
      };
      const models = { embed: identity('embed'), rerank: identity('rerank') };
      await runComparison(question, { index: this.index, embed: this.embed, rerank: this.rerank, generate: this.generate, models }, this.searchSettings(), update, controller.signal);
    } catch (error) {
      update({ status: 'error', error: (error as Error).message });
    }
  }

  /** The settings a search runs with: documents waiting out their undo window are left out. */
  private searchSettings(): LabSettings {
    const { settings, library } = this.state;
    if (!library.pendingRemovals.length) return settings;
    const gone = new Set(library.pendingRemovals.map((p) => p.docId));
    const allowed = [...(settings.retrieval.docIds ?? library.documents.map((d) => d.id))].filter((id) => !gone.has(id));
    return { ...settings, retrieval: { ...settings.retrieval, docIds: new Set(allowed) } };
  }

  stop(): void {
    this.askController?.abort();
  }

  /** The workers and settings the teaching lab borrows, read when one of its runs starts. */
  teachingClients() {
    const identity = (task: ModelTaskKey) => {
      const info = this.state.models[task].info;
      return info ? { id: info.model, dtype: info.dtype } : null;
    };
    return { ingest: this.ingest, index: this.index, embed: this.embed, rerank: this.rerank, generate: this.generate, models: { embed: identity('embed'), rerank: identity('rerank') }, tokenizerModel: this.state.models.embed.id, config: this.runtime(), settings: this.state.settings };
  }

  /** The library as a lesson pack file (store/pack.ts), with the settings and the last question. */
  exportPack(withOriginals = false): Promise<Uint8Array> {
    const { chunk, retrieval, answerable, answerMode } = this.state.settings;
    const embed = this.state.models.embed;
    const embedding = this.dims ? { model: embed.id, dtype: embed.info?.dtype ?? null, dims: this.dims } : null;
    const settings = { chunk, retrieval: { ...retrieval, docIds: undefined, types: undefined }, answerable, answerMode };
    return this.index.call('exportPack', { embedding, settings: JSON.parse(JSON.stringify(settings)) as Record<string, unknown>, questions: this.state.ask ? [this.state.ask.question] : [], withOriginals });
  }

  /** Imports a pack whole or not at all; an empty library adopts the pack's chunk settings. */
  async importPack(bytes: Uint8Array): Promise<PackImport> {
    const wasEmpty = this.state.library.documents.length === 0;
    const report = await this.index.call('importPack', { bytes }, {}, [bytes.buffer]);
    const chunk = report.settings.chunk as ChunkSettings | undefined;
    if (wasEmpty && chunk) {
      try {
        validateChunkSettings(chunk);
        this.updateSettings({ chunk: { size: chunk.size, overlap: chunk.overlap } });
      } catch {
        // An unusable setting in a pack is ignored; its documents are then marked for re-indexing.
      }
    }
    await this.applyIndexSettings();
    void this.refreshStorage();
    return report;
  }

  /** Removes every document from this browser's library (saved models stay). */
  async clearLibrary(): Promise<void> {
    this.askController?.abort();
    await this.index.call('clear', {});
    // Nothing about the old library stays on screen: not its answer and citations, not its restore counts.
    this.store.set((s) => ({ ask: null, library: { ...s.library, restore: null } }));
    await this.applyIndexSettings();
    void this.refreshStorage();
  }

  /** Full text of a stored document, for the source viewer. */
  source(docId: string) {
    return this.index.call('source', { docId });
  }
}
