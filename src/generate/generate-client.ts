/** The page's handle on the generation worker. */
import { WorkerBridge } from '../models/bridge';
import type { GenerateMethods } from './generate-protocol';

export type GenerateClient = WorkerBridge<GenerateMethods>;

export function startGenerateWorker(): GenerateClient {
  return new WorkerBridge<GenerateMethods>(new Worker(new URL('./generate.worker.ts', import.meta.url), { type: 'module', name: 'generate' }));
}
