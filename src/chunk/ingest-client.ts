/** The page's handle on the ingest worker (parsing and chunking off the main thread). */
import { WorkerBridge } from '../models/bridge';
import type { IngestMethods } from './ingest-protocol';

export type IngestClient = WorkerBridge<IngestMethods>;

export function startIngestWorker(): IngestClient {
  return new WorkerBridge<IngestMethods>(new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }));
}
