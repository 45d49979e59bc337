/**
 * Keeps the app self-contained: no CDN is ever named in the bundle, missing model files answer
 * 404 instead of the dev server's index.html, and the built page carries a strict CSP.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { CSP } from '../src/offline/headers.ts';

const CDN_PREFIX = /https:\/\/cdn\.jsdelivr\.net\/npm\/onnxruntime-web@\$\{[^}]+\}\/dist\//g;
/** Any CDN address in tesseract.js's defaults; the app always passes its own paths (see tesseractAssets). */
const TESSERACT_CDN = /https:\/\/cdn\.jsdelivr\.net\/npm\/[^"'`]*/g;

/**
 * transformers.js falls back to a CDN for ONNX Runtime's files when `wasmPaths` is unset. The app
 * always sets it (see runtime-config), and the built app must not even name the CDN.
 */
export function noCdn(): Plugin {
  return {
    name: 'offline-rag-lab:no-cdn',
    transform(code, id) {
      if (id.includes('tesseract.js') && code.includes('cdn.jsdelivr.net')) return { code: code.replace(TESSERACT_CDN, './'), map: null };
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
        const isModelFile = /^\/(models|test\/models-tiny|test\/models-standin)\/.+\.[a-z_]+$/i.test(path);
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

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * tesseract.js's files served under `ocr/` as the app's own assets: its worker script, the
 * tesseract core builds for LSTM recognition (relaxed SIMD, SIMD, plain; the worker picks one) and
 * the English model from @tesseract.js-data/eng. Served by the dev server, written into dist/ on build.
 */
export function tesseractAssets(): Plugin {
  const files = (): Record<string, string> => {
    const core = packageDir('tesseract.js-core');
    return {
      'worker.min.js': join(packageDir('tesseract.js'), 'dist', 'worker.min.js'),
      'tesseract-core-relaxedsimd-lstm.wasm.js': join(core, 'tesseract-core-relaxedsimd-lstm.wasm.js'),
      'tesseract-core-simd-lstm.wasm.js': join(core, 'tesseract-core-simd-lstm.wasm.js'),
      'tesseract-core-lstm.wasm.js': join(core, 'tesseract-core-lstm.wasm.js'),
      'eng.traineddata.gz': join(packageDir('@tesseract.js-data/eng'), '4.0.0_best_int', 'eng.traineddata.gz'),
    };
  };
  const read = (name: string, path: string): Buffer | string => (name.endsWith('.js') ? readFileSync(path, 'utf8').replace(TESSERACT_CDN, './') : readFileSync(path));
  return {
    name: 'offline-rag-lab:tesseract-assets',
    configureServer(server) {
      const served = files();
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const base = server.config.base.replace(/\/?$/, '/');
        const name = path.startsWith(`${base}ocr/`) ? path.slice(base.length + 4) : null;
        const file = name ? served[name] : undefined;
        if (!name || !file) return next();
        // Answered here, before Vite's own handlers add the server's headers: without the page's
        // isolation headers the cross-origin-isolated page may not start the OCR worker.
        for (const [header, value] of Object.entries(server.config.server.headers ?? {})) if (value !== undefined) res.setHeader(header, value);
        res.setHeader('Content-Type', name.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
        res.end(read(name, file));
      });
    },
    generateBundle() {
      for (const [name, path] of Object.entries(files())) this.emitFile({ type: 'asset', fileName: `ocr/${name}`, source: read(name, path) });
    },
  };
}
