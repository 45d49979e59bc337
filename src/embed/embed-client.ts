/** The page's handle on the embedding worker. */
import { WorkerBridge } from '../models/bridge';
import type { EmbedMethods } from './embed-protocol';

export type EmbedClient = WorkerBridge<EmbedMethods>;

export function startEmbedWorker(): EmbedClient {
  return new WorkerBridge<EmbedMethods>(new Worker(new URL('./embed.worker.ts', import.meta.url), { type: 'module', name: 'embed' }));
}
