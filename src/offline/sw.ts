/// <reference lib="webworker" />
/**
 * The app's service worker. It precaches the shell, every worker, ONNX Runtime's files and the
 * bundled tokenizer (the list is generated at build time from globs, so new assets join it on
 * their own), answers model files from the "Save for offline" cache, and adds the isolation and
 * security headers to everything it serves, which makes a header-less static host behave like the
 * dev server. It never activates itself over a running page: the page asks, when the user agrees.
 */
import { cleanupOutdatedCaches, matchPrecache, precache } from 'workbox-precaching';
import { MODEL_CACHE } from '../models/saved-models';
import { SECURITY_HEADERS } from './headers';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(respond(request, url).then(withHeaders));
});

const scope = () => new URL(self.registration.scope);

async function respond(request: Request, url: URL): Promise<Response> {
  if (request.mode === 'navigate') {
    const shell = await matchPrecache(new URL('index.html', scope()).href);
    return shell ?? fetch(request);
  }
  if (url.pathname.startsWith(`${scope().pathname}models/`)) return modelFile(request);
  return (await matchPrecache(request)) ?? fetch(request);
}

/** Saved model files first; a file neither saved nor reachable is a plain 404, not a network error. */
async function modelFile(request: Request): Promise<Response> {
  const saved = await (await caches.open(MODEL_CACHE)).match(request.url);
  if (saved) return saved;
  try {
    return await fetch(request);
  } catch {
    return new Response('This model file was not saved for offline use.', { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'text/plain' } });
  }
}

function withHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
