/**
 * The response headers the app wants everywhere: cross-origin isolation (so ONNX Runtime may use
 * several threads) and a content security policy that also binds the workers. Vite's dev and
 * preview servers send them as real headers; on hosts that cannot, the service worker adds them to
 * every response it serves. Plain data, no DOM: imported by vite.config.ts and by the worker.
 */

/** Every model request goes to the app itself or to the Hub (and its file CDNs). */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data: https://huggingface.co https://*.huggingface.co https://*.hf.co",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * `require-corp` rather than `credentialless`: every resource is the app's own, and Hub downloads
 * are CORS requests, which require-corp allows; Safari knows only require-corp.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...ISOLATION_HEADERS,
  // frame-ancestors works only as a header, so the <meta> copy of the policy leaves it out.
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};
