/**
 * Models saved for offline use live in one Cache Storage cache, each file under the same-origin URL
 * the app would load it from (`<base>models/<id>/<path>`), so the service worker and the model
 * workers find them without knowing where they were downloaded from.
 */
export const MODEL_CACHE = 'offline-rag-lab-models-v1';

/** Response headers stored with each saved file: what was verified, at which Hub commit. */
export const SAVED_SHA256 = 'X-Saved-Sha256';
export const SAVED_REVISION = 'X-Saved-Revision';

export function savedModelUrl(base: string, modelId: string, path: string): string {
  return new URL(`${base}models/${modelId}/${path}`, globalThis.location.href).href;
}
