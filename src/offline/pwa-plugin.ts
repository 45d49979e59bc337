/**
 * vite-plugin-pwa set up for the lab: a Workbox service worker of our own (src/offline/sw.ts)
 * whose precache list is generated from globs over the built output, so workers and assets added
 * later are picked up without editing a list. Model weights are never precached: the user saves
 * them explicitly ("Save for offline").
 */
import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';

export function offlineApp(): PluginOption {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/offline',
    filename: 'sw.ts',
    injectRegister: false,
    manifest: {
      name: 'Offline RAG Lab',
      short_name: 'RAG Lab',
      description: 'Drop documents, ask questions, compare grounded answers with a prompt-only baseline. Runs entirely in the browser.',
      start_url: '.',
      scope: '.',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#1f4e79',
      icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    },
    injectManifest: {
      globPatterns: ['**/*.{js,mjs,wasm,css,html,json,svg,webmanifest}'],
      globIgnores: ['models/**', '**/*.ragpack'],
      // ONNX Runtime's WebAssembly is about 25 MB.
      maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    },
    devOptions: { enabled: false },
  });
}
