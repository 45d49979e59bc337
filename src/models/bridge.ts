/** The page's side of a model worker: typed calls that return promises, with progress and cancel. */
import { abortError, WorkerCallError, type InboundMessage, type MethodMap, type OutboundMessage, type ProgressOf } from './protocol';
import type { LoadProgress } from './progress';

export interface CallOptions<Event, Progress = LoadProgress> {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  onEvent?: (event: Event) => void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  options: CallOptions<unknown, unknown>;
}

/** Anything with Worker's message API: a real Worker, or a MessagePort in tests. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate?(): void;
}

export class WorkerBridge<M extends MethodMap> {
  private nextId = 1;
  private pending = new Map<number, Pending>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event: MessageEvent) => this.receive(event.data as OutboundMessage));
    worker.addEventListener('error', (event: ErrorEvent) => {
      const error = new WorkerCallError(`The model worker crashed: ${event.message || 'unknown error'}. Reload the page to start it again.`, 'crashed', 'Error');
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
    });
  }

  call<K extends keyof M & string>(
    method: K,
    params: M[K]['params'],
    options: CallOptions<M[K]['event'], ProgressOf<M[K]>> = {},
    transfer: Transferable[] = [],
  ): Promise<M[K]['result']> {
    if (options.signal?.aborted) return Promise.reject(abortError());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, options: options as CallOptions<unknown, unknown> });
      options.signal?.addEventListener('abort', () => this.post({ kind: 'cancel', id }), { once: true });
      this.post({ kind: 'call', id, method, params }, transfer);
    });
  }

  terminate(): void {
    this.worker.terminate?.();
    for (const call of this.pending.values()) call.reject(abortError());
    this.pending.clear();
  }

  private post(message: InboundMessage, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private receive(message: OutboundMessage): void {
    const call = this.pending.get(message.id);
    if (!call) return;
    switch (message.kind) {
      case 'progress':
        call.options.onProgress?.(message.progress);
        break;
      case 'event':
        call.options.onEvent?.(message.event);
        break;
      case 'result':
        this.pending.delete(message.id);
        call.resolve(message.result);
        break;
      case 'error':
        this.pending.delete(message.id);
        call.reject(new WorkerCallError(message.error.message, message.error.kind, message.error.name));
        break;
    }
  }
}
