/** The page's handle on the index worker (IndexedDB, BM25, vectors, search). */
import { WorkerBridge } from '../models/bridge';
import type { IndexMethods } from './index-protocol';

export type IndexClient = WorkerBridge<IndexMethods>;

export function startIndexWorker(): IndexClient {
  return new WorkerBridge<IndexMethods>(new Worker(new URL('./index.worker.ts', import.meta.url), { type: 'module', name: 'index' }));
}
