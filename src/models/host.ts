/** The worker's side of the protocol: dispatches calls to handlers and reports back. */
import { ModelLoadError } from './load';
import type { CallMessage, InboundMessage, MethodMap, OutboundMessage, ProgressOf, SerializedError } from './protocol';
import type { LoadProgress } from './progress';

export interface CallContext<Event, Progress = LoadProgress> {
  signal: AbortSignal;
  progress(progress: Progress): void;
  emit(event: Event, transfer?: Transferable[]): void;
}

export interface ResultWithTransfer<R> {
  result: R;
  transfer: Transferable[];
}

export type Handlers<M extends MethodMap> = {
  [K in keyof M]: (params: M[K]['params'], ctx: CallContext<M[K]['event'], ProgressOf<M[K]>>) => Promise<M[K]['result'] | ResultWithTransfer<M[K]['result']>>;
};

interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export function serve<M extends MethodMap>(handlers: Handlers<M>, port: Port = self as unknown as Port): void {
  const running = new Map<number, AbortController>();
  const send = (message: OutboundMessage, transfer: Transferable[] = []) => port.postMessage(message, transfer);

  port.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as InboundMessage;
    if (message.kind === 'cancel') running.get(message.id)?.abort();
    else void run(message);
  });

  async function run(message: CallMessage): Promise<void> {
    const controller = new AbortController();
    running.set(message.id, controller);
    const handler = handlers[message.method as keyof M];
    try {
      if (!handler) throw new Error(`Unknown method "${message.method}"`);
      const ctx: CallContext<unknown, unknown> = {
        signal: controller.signal,
        progress: (progress) => send({ kind: 'progress', id: message.id, progress }),
        emit: (ev, transfer) => send({ kind: 'event', id: message.id, event: ev }, transfer),
      };
      const outcome = await handler(message.params as never, ctx as never);
      if (isWithTransfer(outcome)) send({ kind: 'result', id: message.id, result: outcome.result }, outcome.transfer);
      else send({ kind: 'result', id: message.id, result: outcome });
    } catch (error) {
      send({ kind: 'error', id: message.id, error: serializeError(error, controller.signal.aborted) });
    } finally {
      running.delete(message.id);
    }
  }
}

function isWithTransfer(value: unknown): value is ResultWithTransfer<unknown> {
  return typeof value === 'object' && value !== null && 'transfer' in value && 'result' in value;
}

function serializeError(error: unknown, aborted: boolean): SerializedError {
  if (aborted) return { name: 'AbortError', message: 'Cancelled.', kind: 'aborted' };
  if (error instanceof ModelLoadError) return { name: error.name, message: error.message, kind: error.kind };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
