/// <reference lib="webworker" />
import { initVoyBrowser } from '../index/voy-browser';
import { serve } from '../models/host';
import type { IndexMethods, LibraryChange } from './index-protocol';
import { unpackIngest } from '../chunk/ingest-protocol';
import { LibraryService } from './library-service';
import { storageReport } from './library-store';

let service: LibraryService | null = null;
const watchers = new Set<(change: LibraryChange) => void>();

function open(): LibraryService {
  if (!service) throw new Error('The library is not open yet.');
  return service;
}

serve<IndexMethods>({
  async open({ dbName, active, dims, backend }, ctx) {
    service = new LibraryService({
      ...(dbName ? { dbName } : {}),
      loadVoy: initVoyBrowser,
      onChange: (change) => watchers.forEach((w) => w(change)),
      onVersionChange: () => watchers.forEach((w) => w({ kind: 'reloaded', docId: '' })),
    });
    return service.open(active, dims, backend, (e) => ctx.emit(e));
  },
  async findDuplicate({ sha256 }) {
    return (await open().findDuplicate(sha256)) ?? null;
  },
  async begin({ record }) {
    await open().begin(record);
  },
  async commit({ record, parsed, chunks, vectors, model, dims }) {
    return open().commit(record, parsed, chunks, vectors, model, dims);
  },
  async commitPacked({ record, packed, model }) {
    const { doc, chunks } = unpackIngest(packed);
    return open().commit(record, doc, chunks, null, model, null);
  },
  async remove({ docId }) {
    await open().remove(docId);
  },
  async list() {
    return open().list();
  },
  async source({ docId }) {
    return open().source(docId);
  },
  async vectors({ ids }) {
    return open().vectorsOf(ids);
  },
  async sample({ n }) {
    return open().sample(n);
  },
  async search({ query, vector, settings }) {
    return open().search(query, vector, settings);
  },
  async setBackend({ backend }, ctx) {
    return { buildMs: await open().setBackend(backend, (e) => ctx.emit(e)) };
  },
  async setActive({ active, dims }, ctx) {
    const staleCount = await open().setActive(active, dims, (e) => ctx.emit(e));
    return { staleCount, documents: await open().list() };
  },
  async storage({ askPersist }) {
    return storageReport(askPersist);
  },
  async exportPack(meta) {
    const bytes = await open().exportPack(meta);
    return { result: bytes, transfer: [bytes.buffer] };
  },
  async importPack({ bytes }) {
    return open().importPack(bytes);
  },
  async clear() {
    await open().clear();
  },
  watch(_params, ctx) {
    return new Promise<void>((resolve) => {
      const watcher = (change: LibraryChange) => ctx.emit(change);
      watchers.add(watcher);
      ctx.signal.addEventListener('abort', () => {
        watchers.delete(watcher);
        resolve();
      });
    });
  },
});
