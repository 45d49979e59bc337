/**
 * The message protocol between the page and a model worker: calls go in, and progress, streamed
 * events (tokens, batches), one result or one error come back, all tagged with the call's id.
 */
import type { LoadProgress } from './progress';

export interface MethodSpec {
  params: unknown;
  result: unknown;
  /** What the call streams while it runs (tokens, batch counts); `never` when nothing. */
  event: unknown;
  /** What the call's progress channel carries; download progress (LoadProgress) when not given. */
  progress?: unknown;
}
export type ProgressOf<S extends MethodSpec> = S extends { progress: infer P } ? P : LoadProgress;
export type MethodMap = { [name: string]: MethodSpec };

export type CallMessage = { kind: 'call'; id: number; method: string; params: unknown };
export type CancelMessage = { kind: 'cancel'; id: number };
export type InboundMessage = CallMessage | CancelMessage;

export interface SerializedError {
  name: string;
  message: string;
  /** ModelLoadError's kind, or 'aborted'. */
  kind?: string;
}

export type OutboundMessage =
  | { kind: 'progress'; id: number; progress: unknown }
  | { kind: 'event'; id: number; event: unknown }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: SerializedError };

export class WorkerCallError extends Error {
  constructor(
    message: string,
    readonly kind: string | undefined,
    name: string,
  ) {
    super(message);
    this.name = name;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as WorkerCallError).kind === 'aborted');
}

export function abortError(): Error {
  const error = new Error('Cancelled.');
  error.name = 'AbortError';
  return error;
}
