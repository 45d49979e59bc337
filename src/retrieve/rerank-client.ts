/** The page's handle on the reranking worker. */
import { WorkerBridge } from '../models/bridge';
import type { RerankMethods } from './rerank-protocol';

export type RerankClient = WorkerBridge<RerankMethods>;

export function startRerankWorker(): RerankClient {
  return new WorkerBridge<RerankMethods>(new Worker(new URL('./rerank.worker.ts', import.meta.url), { type: 'module', name: 'rerank' }));
}
