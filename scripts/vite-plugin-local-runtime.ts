/**
 * Serves ONNX Runtime's WebAssembly files from the app itself (dev server and build output), so no
 * CDN is ever asked for them, and answers 404 for missing model files instead of the SPA fallback.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const ORT_FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];
const CDN_PREFIX = /https:\/\/cdn\.jsdelivr\.net\/npm\/onnxruntime-web@\$\{[^}]+\}\/dist\//g;

function ortDist(): string {
  // The package exports no ./package.json; its node entry sits in dist/ next to the .wasm files.
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('onnxruntime-web'));
}

export function localRuntime(): Plugin {
  const dist = ortDist();
  return {
    name: 'offline-rag-lab:local-runtime',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const ortMatch = /\/ort\/([\w.-]+)$/.exec(path);
        if (ortMatch && ORT_FILES.includes(ortMatch[1]!)) {
          const file = join(dist, ortMatch[1]!);
          res.setHeader('Content-Type', file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
          res.setHeader('Content-Length', statSync(file).size);
          createReadStream(file).pipe(res);
          return;
        }
        if (/^\/(models|test\/models-tiny)\//.test(path) && !existsSync(join(server.config.root, path.startsWith('/models/') ? 'public' : '', path))) {
          res.statusCode = 404;
          res.end('Not found');
          return;
        }
        next();
      });
    },
    generateBundle() {
      for (const name of ORT_FILES) {
        this.emitFile({ type: 'asset', fileName: `ort/${name}`, source: readFileSync(join(dist, name)) });
      }
    },
    transform(code, id) {
      // transformers.js falls back to a CDN when wasmPaths is unset; we always set it, and the
      // built app must not even name the CDN.
      if (id.includes('@huggingface/transformers') && CDN_PREFIX.test(code)) {
        return { code: code.replace(CDN_PREFIX, '/ort/'), map: null };
      }
      return null;
    },
  };
}
