/**
 * "Save for offline": fetches a model's files once into the saved-models cache, from the app's own
 * `/models/` folder when it has them, else from the Hub at the catalog's pinned revision. Progress
 * is reported per byte; a dropped connection is resumed with a Range request (automatically a few
 * times, then by pressing Save again, since received bytes are kept for the page's lifetime); each
 * file is checked against the catalog's size and sha256 before it is stored.
 */
import { filesFor, type CatalogEntry, type Device, type ModelFile } from '../models/catalog';
import { DEFAULT_NETWORK_TIMEOUT_MS, fetchWithTimeout } from '../models/net';
import { abortError } from '../models/protocol';
import { MODEL_CACHE, SAVED_REVISION, SAVED_SHA256, savedModelUrl } from '../models/saved-models';
import { concatBytes } from '../util/concat-bytes';

export interface SaveOptions {
  device: Device;
  /** The app's base URL (import.meta.env.BASE_URL). */
  base: string;
  /** Never ask the Hub: only the app's `/models/` folder is tried. */
  offlineOnly: boolean;
  hub?: string;
  timeoutMs?: number;
  /** Automatic resumes of one file before giving up (default 3). */
  retries?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SaveProgress) => void;
}

export interface SaveProgress {
  model: string;
  file: string;
  loaded: number;
  /** Bytes of all the model's files, where known. */
  total: number | null;
  resumed: boolean;
}

export interface SavedStatus {
  model: string;
  files: { path: string; saved: boolean; bytes: number | null }[];
  savedBytes: number;
  complete: boolean;
}

/** PartialDownload downloads, kept so that a second press of Save continues where the first stopped. */
const partial = new Map<string, PartialDownload>();

export async function savedStatus(entry: CatalogEntry, device: Device, base: string): Promise<SavedStatus> {
  const cache = await caches.open(MODEL_CACHE);
  const files = await Promise.all(
    filesFor(entry, device).map(async (file) => {
      const hit = await cache.match(savedModelUrl(base, entry.id, file.path));
      const bytes = hit ? Number(hit.headers.get('Content-Length')) || null : file.bytes;
      return { path: file.path, saved: !!hit, bytes };
    }),
  );
  const savedBytes = files.reduce((sum, f) => sum + (f.saved ? (f.bytes ?? 0) : 0), 0);
  return { model: entry.id, files, savedBytes, complete: files.every((f) => f.saved) };
}

export async function saveModel(entry: CatalogEntry, options: SaveOptions): Promise<SavedStatus> {
  const cache = await caches.open(MODEL_CACHE);
  const files = filesFor(entry, options.device);
  const known = files.every((f) => f.bytes !== null) ? files.reduce((s, f) => s + f.bytes!, 0) : null;
  let done = 0;
  for (const file of files) {
    const key = savedModelUrl(options.base, entry.id, file.path);
    const existing = await cache.match(key);
    if (existing) {
      done += Number(existing.headers.get('Content-Length')) || file.bytes || 0;
      continue;
    }
    const base = done;
    const bytes = await downloadFile(entry, file, key, options, (loaded, resumed) =>
      options.onProgress?.({ model: entry.id, file: file.path, loaded: base + loaded, total: known, resumed }),
    );
    const sha256 = await verify(entry, file, bytes);
    await cache.put(
      key,
      new Response(bytes as BlobPart, {
        headers: { 'Content-Type': contentType(file.path), 'Content-Length': String(bytes.byteLength), [SAVED_SHA256]: sha256, [SAVED_REVISION]: entry.revision },
      }),
    );
    partial.delete(key);
    done += bytes.byteLength;
  }
  return savedStatus(entry, options.device, options.base);
}

/** Removes a model's saved files (all devices). */
export async function forgetModel(entry: CatalogEntry, base: string): Promise<void> {
  const cache = await caches.open(MODEL_CACHE);
  const paths = new Set([...entry.files, ...Object.values(entry.weights)].map((f) => f.path));
  await Promise.all([...paths].map((path) => cache.delete(savedModelUrl(base, entry.id, path))));
}

function sources(entry: CatalogEntry, file: ModelFile, options: SaveOptions): string[] {
  const local = savedModelUrl(options.base, entry.id, file.path);
  if (options.offlineOnly) return [local];
  const hub = (options.hub ?? 'https://huggingface.co').replace(/\/$/, '');
  return [local, `${hub}/${entry.id}/resolve/${encodeURIComponent(entry.revision)}/${file.path}`];
}

async function downloadFile(entry: CatalogEntry, file: ModelFile, key: string, options: SaveOptions, progress: (loaded: number, resumed: boolean) => void): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS;
  const retries = options.retries ?? 3;
  let state = partial.get(key);
  let lastError: Error | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (options.signal?.aborted) throw abortError();
    try {
      let body: ReadableStream<Uint8Array>;
      if (!state) ({ state, body } = await open(entry, file, options, timeoutMs));
      else body = await resume(state, options, timeoutMs);
      partial.set(key, state);
      const current = state;
      await readBody(body, current, options.signal, (resumed) => progress(current.received, resumed));
      return concatBytes(state.chunks, state.received);
    } catch (error) {
      if (options.signal?.aborted) throw abortError();
      lastError = error as Error;
      if ((error as { fatal?: boolean }).fatal) break;
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    }
  }
  throw new Error(`${entry.id}: ${file.path} could not be saved (${lastError?.message ?? 'unknown error'}). ${whatToDo(entry, options, lastError, state?.received ?? 0)}`);
}

/** A missing file is not mended by pressing Save again; a dropped connection is, from where it stopped. */
function whatToDo(entry: CatalogEntry, options: SaveOptions, error: Error | null, received: number): string {
  if ((error as { fatal?: boolean } | null)?.fatal) {
    return options.offlineOnly
      ? `Only the app's models folder is asked (offline only): put the model's files under models/${entry.id}/ on the server that serves the app, or turn offline only off, then press Save for offline again.`
      : `Neither the app's models folder nor the Hub has it: check that the Hub can be reached, or put the model's files under models/${entry.id}/ on the server that serves the app, then press Save for offline again.`;
  }
  return received > 0 ? `Press Save for offline again to continue from ${received} bytes.` : 'Press Save for offline again to retry.';
}

interface PartialDownload {
  source: string;
  chunks: Uint8Array[];
  received: number;
}

/** Finds the first source that has the file and starts reading it. */
async function open(entry: CatalogEntry, file: ModelFile, options: SaveOptions, timeoutMs: number): Promise<{ state: PartialDownload; body: ReadableStream<Uint8Array> }> {
  const tried: string[] = [];
  for (const source of sources(entry, file, options)) {
    const response = await fetchWithTimeout(source, { signal: options.signal ?? null }, timeoutMs);
    const html = (response.headers.get('Content-Type') ?? '').includes('text/html');
    if (response.ok && response.body && !html) {
      return { state: { source, chunks: [], received: 0 }, body: response.body };
    }
    await response.body?.cancel();
    tried.push(`${new URL(source, location.href).host} answered ${html ? 'with a web page' : `HTTP ${response.status}`}`);
  }
  throw Object.assign(new Error(`the file was not found (${tried.join('; ')})`), { fatal: true });
}

/** Continues a download with a Range request; a server that ignores it sends the whole file again. */
async function resume(state: PartialDownload, options: SaveOptions, timeoutMs: number): Promise<ReadableStream<Uint8Array>> {
  const response = await fetchWithTimeout(state.source, { signal: options.signal ?? null, headers: { Range: `bytes=${state.received}-` } }, timeoutMs);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  if (response.status !== 206) {
    state.chunks = [];
    state.received = 0;
  }
  return response.body;
}

async function readBody(body: ReadableStream<Uint8Array>, state: PartialDownload, signal: AbortSignal | undefined, progress: (resumed: boolean) => void): Promise<void> {
  const resumed = state.received > 0;
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      state.chunks.push(value);
      state.received += value.byteLength;
      progress(resumed);
    }
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

async function verify(entry: CatalogEntry, file: ModelFile, bytes: Uint8Array): Promise<string> {
  if (file.bytes !== null && bytes.byteLength !== file.bytes) {
    throw new Error(`${entry.id}: ${file.path} has ${bytes.byteLength} bytes, the catalog expects ${file.bytes} (revision ${entry.revision}). It was not saved; try again.`);
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (file.sha256 !== null && sha256 !== file.sha256) {
    throw new Error(`${entry.id}: ${file.path} does not match its known sha256 (revision ${entry.revision}); it is corrupt or changed. It was not saved; try again.`);
  }
  return sha256;
}

function contentType(path: string): string {
  return path.endsWith('.json') ? 'application/json' : 'application/octet-stream';
}
