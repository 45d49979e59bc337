/**
 * Every network wait of the app has a limit: a request that gets no answer, or a download that
 * stops sending, fails after `timeoutMs` with a message naming the host, instead of hanging.
 * The caller's AbortSignal still cancels at any moment.
 */
export const DEFAULT_NETWORK_TIMEOUT_MS = 30_000;

export class NetworkTimeoutError extends Error {
  constructor(host: string, timeoutMs: number, during: 'answer' | 'download') {
    const seconds = Math.round(timeoutMs / 100) / 10;
    super(
      during === 'answer'
        ? `${host} did not answer within ${seconds} s. Check the connection and try again, or use models saved for offline use.`
        : `the download from ${host} stalled for ${seconds} s. Check the connection and try again; what was received is kept.`,
    );
    this.name = 'NetworkTimeoutError';
  }
}

const urlOf = (input: RequestInfo | URL): string => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

export async function fetchWithTimeout(input: RequestInfo | URL, init: RequestInit = {}, timeoutMs = DEFAULT_NETWORK_TIMEOUT_MS): Promise<Response> {
  const host = new URL(urlOf(input), globalThis.location?.href).host;
  const controller = new AbortController();
  const outer = init.signal;
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  let timedOut = false;
  const arm = () =>
    setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);

  let timer = arm();
  let response: Response;
  try {
    response = await fetch(input, { ...init, signal: controller.signal });
  } catch (error) {
    if (timedOut) throw new NetworkTimeoutError(host, timeoutMs, 'answer');
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (!response.body) return response;
  // The body gets the same limit between two chunks: a download that stops sending fails too.
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      timer = arm();
      try {
        const { done, value } = await reader.read();
        if (done) stream.close();
        else stream.enqueue(value);
      } catch (error) {
        stream.error(timedOut ? new NetworkTimeoutError(host, timeoutMs, 'download') : error);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
