/**
 * The page's controller: starts one worker per model plus the ingest and index workers, keeps the
 * state the UI renders, and runs the long tasks (loading models, adding files, asking) with
 * progress and clear errors. No DOM here: React components only read the store and call methods.
 */
import { DEFAULT_CHUNK_SETTINGS, validateChunkSettings, type ChunkSettings } from '../../chunk/chunker';
import { startEmbedWorker, type EmbedClient } from '../../embed/embed-client';
import { DEFAULT_DECODING } from '../../generate/generator';
import { startGenerateWorker, type GenerateClient } from '../../generate/generate-client';
import { DEFAULT_MAX_FILE_BYTES } from '../../ingest/parse';
import { startIngestWorker, type IngestClient } from '../../chunk/ingest-client';
import type { WorkerBridge } from '../../models/bridge';
import { findModel } from '../../models/catalog';
import { DEFAULT_ANSWERABLE } from '../../retrieve/answerable';
import { DEFAULT_RETRIEVAL } from '../../retrieve/hybrid';
import { startRerankWorker, type RerankClient } from '../../retrieve/rerank-client';
import { addFile } from '../../store/add-files';
import { startIndexWorker, type IndexClient } from '../../store/index-client';
import type { PackImport, RestoreEvent } from '../../store/index-protocol';
import type { IndexSettings } from '../../store/schema';
import type { LabConfig } from '../lab-config';
import { reindexDocument } from './reindex';
import { runComparison } from './run-comparison';
import { emptyAnswer, type LabSettings, type LabState, type ModelSlot, type ModelTaskKey } from './state';
import { Store } from './store';

const SETTINGS_KEY = 'offline-rag-lab:settings';

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
  };
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(SETTINGS_KEY) ?? 'null') as Partial<LabSettings> | null;
    return saved ? { ...defaults, ...saved, retrieval: { ...defaults.retrieval, ...saved.retrieval, docIds: undefined, types: undefined } } : defaults;
  } catch {
    return defaults;
  }
}

const slot = (id: string): ModelSlot => ({ id, status: 'idle', progress: null, info: null, error: null });

export class Lab {
  readonly store: Store<LabState>;
  private readonly ingest: IngestClient = startIngestWorker();
  private readonly index: IndexClient = startIndexWorker();
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
      library: { status: 'opening', error: null, documents: [], restore: null, rebuilding: null, storage: null, notices: [] },
      tasks: [],
      settings: { ...initialSettings(), ...(config.device ? { device: config.device } : {}), ...(config.runtime.offlineOnly ? { offlineOnly: true } : {}) },
      ask: null,
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
    return { chunk: this.state.settings.chunk, embedModel: this.state.models.embed.id };
  }

  async start(): Promise<void> {
    const probe = startEmbedWorker();
    probe.call('detect', { config: this.config.runtime }).then(
      (device) => this.store.set({ device }),
      (e: Error) => this.store.set({ deviceError: e.message }),
    ).finally(() => probe.terminate());
    try {
      const opened = await this.index.call('open', { active: this.indexSettings(), dims: null, backend: this.state.settings.backend }, { onEvent: this.showRebuild });
      const notices = [
        ...opened.interrupted.map((name) => `Adding "${name}" was interrupted (the page closed); it was not kept. Add it again.`),
        ...(opened.staleCount ? [`${opened.staleCount} document(s) were indexed with other settings or another embedding model. Re-index them to use dense search.`] : []),
      ];
      this.store.set((s) => ({ library: { ...s.library, status: 'ready', documents: opened.documents, restore: opened, rebuilding: null, notices } }));
      void this.refreshStorage(true);
      void this.index.call('watch', {}, {
        onEvent: (change) => {
          if (change.kind === 'reloaded') {
            this.store.set((s) => ({ library: { ...s.library, status: 'error', error: 'A newer version of the lab opened this library in another tab. Reload this tab to keep using it; nothing was lost.' } }));
          } else void this.refreshDocuments();
        },
      });
    } catch (error) {
      this.store.set((s) => ({ library: { ...s.library, status: 'error', error: `The library could not be opened: ${(error as Error).message}. Reload the page; if it persists, your browser may block storage for this site.` } }));
    }
  }

  async refreshDocuments(): Promise<void> {
    const documents = await this.index.call('list', {});
    this.store.set((s) => ({ library: { ...s.library, documents } }));
  }

  async refreshStorage(askPersist = false): Promise<void> {
    const storage = await this.index.call('storage', { askPersist });
    this.store.set((s) => ({ library: { ...s.library, storage } }));
  }

  updateSettings(patch: Partial<LabSettings>): void {
    this.store.set((s) => ({ settings: { ...s.settings, ...patch } }));
    const { retrieval, ...rest } = this.state.settings;
    globalThis.localStorage?.setItem(SETTINGS_KEY, JSON.stringify({ ...rest, retrieval: { ...retrieval, docIds: undefined, types: undefined } }));
    if (patch.chunk) void this.applyIndexSettings();
    if (patch.backend) {
      void this.index.call('setBackend', { backend: patch.backend }, { onEvent: this.showRebuild }).finally(() => this.showRebuild(null));
    }
  }

  private showRebuild = (rebuilding: RestoreEvent | null): void => {
    this.store.set((s) => ({ library: { ...s.library, rebuilding } }));
  };

  private async applyIndexSettings(): Promise<void> {
    const { staleCount, documents } = await this.index.call('setActive', { active: this.indexSettings(), dims: this.dims }, { onEvent: this.showRebuild });
    this.showRebuild(null);
    const notices = staleCount ? [`${staleCount} document(s) need re-indexing for the current model and chunk settings.`] : [];
    this.store.set((s) => ({ library: { ...s.library, documents, notices } }));
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

  async addFiles(files: { name: string; bytes: () => Promise<Uint8Array> }[]): Promise<void> {
    const tasks = files.map((f) => ({ key: crypto.randomUUID(), name: f.name, stage: 'queued' as const }));
    this.store.set((s) => ({ tasks: [...tasks, ...s.tasks].slice(0, 50) }));
    const setTask = (key: string, patch: object) => this.store.set((s) => ({ tasks: s.tasks.map((t) => (t.key === key ? { ...t, ...patch } : t)) }));
    for (const [i, file] of files.entries()) {
      const key = tasks[i]!.key;
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
        onStage: (stage, done, total) => setTask(key, { stage, done, total }),
      });
      setTask(key, { stage: 'done', outcome });
      await this.refreshDocuments();
    }
    void this.refreshStorage();
  }

  async removeDocument(docId: string): Promise<void> {
    await this.index.call('remove', { docId });
    await this.refreshDocuments();
    void this.refreshStorage();
  }

  async reindexStale(): Promise<void> {
    for (const doc of this.state.library.documents.filter((d) => d.status === 'stale')) {
      const key = crypto.randomUUID();
      this.store.set((s) => ({ tasks: [{ key, name: `${doc.name} (re-index)`, stage: 'parsing' }, ...s.tasks] }));
      const outcome = await reindexDocument(doc, { ingest: this.ingest, index: this.index, embed: this.embed }, this.indexSettings(), this.dims, this.runtime());
      this.store.set((s) => ({ tasks: s.tasks.map((t) => (t.key === key ? { ...t, stage: 'done', outcome } : t)) }));
    }
    await this.applyIndexSettings();
  }

  async ask(question: string): Promise<void> {
    this.stop();
    const controller = new AbortController();
    this.askController = controller;
    this.store.set({
      ask: { question, status: 'retrieving', error: null, results: [], considered: [], retrievalTimings: null, answerability: null, sources: [], prompts: null, rag: emptyAnswer(), baseline: emptyAnswer() },
    });
    const update = (patch: object) => {
      if (this.askController === controller) this.store.set((s) => ({ ask: s.ask ? { ...s.ask, ...patch } : s.ask }));
    };
    try {
      await runComparison(question, { index: this.index, embed: this.embed, rerank: this.rerank, generate: this.generate }, this.state.settings, update, controller.signal);
    } catch (error) {
      update({ status: 'error', error: (error as Error).message });
    }
  }

  stop(): void {
    this.askController?.abort();
  }

  /** The library as a lesson pack file (store/pack.ts), with the settings and the last question. */
  exportPack(): Promise<Uint8Array> {
    const { chunk, retrieval, answerable, answerMode } = this.state.settings;
    const embed = this.state.models.embed;
    const embedding = this.dims ? { model: embed.id, dtype: embed.info?.dtype ?? null, dims: this.dims } : null;
    const settings = { chunk, retrieval: { ...retrieval, docIds: undefined, types: undefined }, answerable, answerMode };
    return this.index.call('exportPack', { embedding, settings: JSON.parse(JSON.stringify(settings)) as Record<string, unknown>, questions: this.state.ask ? [this.state.ask.question] : [] });
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
    await this.index.call('clear', {});
    await this.applyIndexSettings();
    void this.refreshStorage();
  }

  /** Full text of a stored document, for the source viewer. */
  source(docId: string) {
    return this.index.call('source', { docId });
  }
}
