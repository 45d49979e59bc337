import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.ts';
import { localRuntime, noCdn, tesseractAssets } from './scripts/vite-plugin-local-runtime.ts';
import { bundleBudget } from './scripts/vite-plugin-bundle-budget.ts';
import { ISOLATION_HEADERS, SECURITY_HEADERS } from './src/offline/headers.ts';
import { offlineApp } from './src/offline/pwa-plugin.ts';


export default defineConfig({
  plugins: [react(), localRuntime(), noCdn(), tesseractAssets(), bundleBudget(), offlineApp()],
  // Cross-origin isolated, so ONNX Runtime may use threads. Dev keeps no CSP (React refresh is inline).
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...SECURITY_HEADERS } },
  worker: { format: 'es', plugins: () => [noCdn()] },
  optimizeDeps: {
    exclude: ['@huggingface/transformers', 'onnxruntime-web', 'voy-search'],
    // Pre-bundled up front: discovered late (inside workers) they would make Vite reload mid-test.
    include: ['pdfjs-dist/legacy/build/pdf.mjs', 'pdfjs-dist/legacy/build/pdf.worker.mjs', 'mammoth', 'htmlparser2', 'marked', 'idb', 'stemmer', 'react', 'react-dom/client', 'tesseract.js', 'jszip', 'papaparse'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    reporters: ['default', './scripts/test-summary-reporter.ts'],
    // The projects run one after another (groupOrder): two browser suites side by side starve a
    // 2-core machine, and a starved Chromium can stall its main thread for minutes in a font lookup.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.browser.test.ts', 'src/**/*.browser.test.tsx'],
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'chromium',
          include: ['src/**/*.browser.test.ts', 'src/**/*.browser.test.tsx'],
          // Generous: a 2-core machine is slow, and a model load can wait on a busy disk.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
