/**
 * Keeps the app self-contained: no CDN is ever named in the bundle, missing model files answer
 * 404 instead of the dev server's index.html, and the built page carries a strict CSP.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { CSP } from '../src/offline/headers.ts';

const CDN_PREFIX = /https:\/\/cdn\.jsdelivr\.net\/npm\/onnxruntime-web@\$\{[^}]+\}\/dist\//g;

/**
 * transformers.js falls back to a CDN for ONNX Runtime's files when `wasmPaths` is unset. The app
 * always sets it (see runtime-config), and the built app must not even name the CDN.
 */
export function noCdn(): Plugin {
  return {
    name: 'offline-rag-lab:no-cdn',
    transform(code, id) {
      if (!id.includes('@huggingface/transformers')) return null;
      if (!CDN_PREFIX.test(code)) return null;
      return { code: code.replace(CDN_PREFIX, './'), map: null };
    },
  };
}

export function localRuntime(): Plugin {
  return {
    name: 'offline-rag-lab:local-runtime',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const isModelFile = /^\/(models|test\/models-tiny)\/.+\.[a-z_]+$/i.test(path);
        const onDisk = join(server.config.root, path.startsWith('/models/') ? 'public' : '', path);
        if (isModelFile && !existsSync(onDisk)) {
          res.statusCode = 404;
          res.end('Not found');
          return;
        }
        next();
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // Dev mode needs inline scripts (React refresh); the built app gets a strict policy so that
        // nothing from a dropped document or a model's answer could ever run.
        if (ctx.server) return html;
        return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
      },
    },
  };
}
