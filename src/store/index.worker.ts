/// <reference lib="webworker" />
import { initVoyBrowser } from '../index/voy-browser';
import { serve } from '../models/host';
import type { IndexMethods, LibraryChange } from './index-protocol';
import { unpackIngest } from '../chunk/ingest-protocol';
import { LibraryService } from './library-service';
import { storageReport } from './library-store';

let service: LibraryService | null = null;
/** Calls that arrive while the library is still opening (a file dropped at once) wait for it. */
let opening: Promise<unknown> = Promise.resolve();
const watchers = new Set<(change: LibraryChange) => void>();

async function ready(): Promise<LibraryService> {
  await opening;
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
    const opened = service.open(active, dims, backend, (e) => ctx.emit(e));
    opening = opened.catch(() => undefined);
    return opened;
  },
  async findDuplicate({ sha256 }) {
    return (await (await ready()).findDuplicate(sha256)) ?? null;
  },
  async begin({ record }) {
    await (await ready()).begin(record);
  },
  async commit({ record, parsed, chunks, vectors, model, dims, original }) {
    return (await ready()).commit(record, parsed, chunks, vectors, model, dims, original ?? null);
  },
  async commitPacked({ record, packed, model, original }) {
    const { doc, chunks } = unpackIngest(packed);
    return (await ready()).commit(record, doc, chunks, null, model, null, original ?? null);
  },
  async remove({ docId }) {
    await (await ready()).remove(docId);
  },
  async list() {
    return (await ready()).list();
  },
  async source({ docId }) {
    return (await ready()).source(docId);
  },
  async vectors({ ids }) {
    return (await ready()).vectorsOf(ids);
  },
  async sample({ n }) {
    return (await ready()).sample(n);
  },
  async search({ query, vector, settings }) {
    return (await ready()).search(query, vector, settings);
  },
  async setBackend({ backend }, ctx) {
    return { buildMs: await (await ready()).setBackend(backend, (e) => ctx.emit(e)) };
  },
  async setActive({ active, dims }, ctx) {
    const staleCount = await (await ready()).setActive(active, dims, (e) => ctx.emit(e));
    return { staleCount, documents: await (await ready()).list() };
  },
  async storage() {
    return storageReport();
  },
  async exportPack(meta) {
    const bytes = await (await ready()).exportPack(meta);
    return { result: bytes, transfer: [bytes.buffer] };
  },
  async importPack({ bytes }) {
    return (await ready()).importPack(bytes);
  },
  async clear() {
    await (await ready()).clear();
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
