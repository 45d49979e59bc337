/**
 * Offline for real, on a workshop kit (`npm run kit` output with the tiny models under /models/):
 * served by `vite preview` (headers set) and by a plain static server (no headers: the service
 * worker provides isolation). Also: a stalled Hub never blocks adding a file, and loading a model
 * against it times out with a message, and can be cancelled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../scripts/chromium';
import { makeKit } from '../scripts/kit';
import { offlineScenario } from './offline-scenario';
import { startStaticServer } from './static-server';

let dir: string;
let kit: string;
let server: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kit-'));
  kit = join(dir, 'kit');
  await makeKit({ models: ['offline-rag-lab/tiny-embedder', 'offline-rag-lab/tiny-reranker', 'offline-rag-lab/tiny-chat'], modelsDir: 'test/models-tiny', out: kit, quiet: true });
  server = await preview({ logLevel: 'error', build: { outDir: kit }, preview: { port: 0, host: '127.0.0.1' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The only failure a scenario may retry: a wait that ran out of time. */
const TIMED_OUT = /Timeout \d+ms exceeded|timed out/i;

const previewUrl = () => server.resolvedUrls!.local[0]!.replace(/\/$/, '');

describe('offline for real', () => {
  it('a stalled Hub never blocks adding a file; loading a model against it times out with a message, and Cancel works', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const stalled: Route[] = [];
    await context.route(/^https:\/\/([a-z0-9-]+\.)*(huggingface\.co|hf\.co)\//, (route) => void stalled.push(route));
    try {
      const page = await context.newPage();
      await page.goto(`${previewUrl()}/?device=wasm&timeout=3`);
      await page.getByTestId('file-input').setInputFiles([{ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('Workshops have bad Wi-Fi. The lab works offline.') }]);
      await expect.poll(() => page.getByTestId('documents').locator('li').count(), { timeout: 60_000 }).toBe(1);
      expect(stalled).toEqual([]);

      const embed = page.getByTestId('model-embed');
      await embed.getByRole('button', { name: 'Load' }).click();
      await expect.poll(() => embed.locator('[role="alert"]').textContent(), { timeout: 30_000 }).toMatch(/did not answer within 3 s/);
      expect(stalled.length).toBeGreaterThan(0);

      await embed.getByRole('button', { name: 'Load' }).click();
      await embed.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => embed.locator('[role="alert"]').textContent(), { timeout: 5_000 }).toMatch(/cancelled/);
      expect(await embed.getByRole('button', { name: 'Load' }).isEnabled()).toBe(true);
    } finally {
      await context.close();
    }
  });
  it('vite preview: the page is cross-origin isolated, the embedder reports more than one thread, and ONNX Runtime starts its thread workers', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${previewUrl()}/?models=tiny&device=wasm&autoload=1`);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      await page.getByTestId('model-embed').locator('[data-status="ready"]').waitFor({ timeout: 90_000 });
      const badge = (await page.getByTestId('threads').textContent()) ?? '';
      const [, threads] = badge.match(/threads: (\d+) of \d+ cores/) ?? [];
      expect(Number(threads)).toBeGreaterThan(1);
      // The count is what the runtime was asked for; its pool is real only if it started workers
      // from its threaded build (inside the model workers, which the browser still lists).
      const runtimeThreads = page.workers().filter((w) => /ort-wasm-simd-threaded[^/]*\.mjs/.test(w.url()));
      expect(runtimeThreads.length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  }, 120_000);

  // On a CPU-starved machine (other busy processes beside the browser) the first question after
  // the offline reload waited 50–130 s in 3 runs of 4: a Chromium trace shows one forced layout of
  // a small page lasting 86 s of wall time with 0.28 s of thread time, blocked in text shaping right
  // after a font-family lookup through the browser's font service; none of the app's code runs
  // then. Unloaded it answers in about 5 s, so the test projects no longer run side by side.
  // On this 2-core machine the renderer's background threads then keep one to two cores busy for over a
  // minute with the page idle (a trace shows V8 compiling WebAssembly there: ONNX Runtime's 27 MB
  // module, once per model worker), which is likely what starves that layout. Twice in full CI runs, and once in 8 runs of this scenario in a
  // loop, the answer model alone never became ready after the offline reload: every file was in
  // and its card read "preparing the model to run…", so ONNX Runtime was building its session (the
  // embedder and reranker were ready). Its cause is not known. A scenario that times out gets one
  // fresh try (a failed or off-site request fails at once), and its failure prints the models'
  // state, the page's errors and the failed requests, which the test summary repeats even when the
  // retry passes.
  it('vite preview: cross-origin isolated; saved for offline, it reloads offline with the library and answers, with no failed or off-site request', { retry: { count: 1, condition: TIMED_OUT }, timeout: 400_000 }, async () => {
    const report = await offlineScenario(browser, previewUrl());
    expect(report.isolatedFirstVisit).toBe(true);
    expect(report.isolatedOffline).toBe(true);
    expect(report.threadsBadge).toMatch(/threads: (on|\d+)/);
    expect(report.failed).toEqual([]);
    expect(report.offsite).toEqual([]);
    expect(report.requests).toBeGreaterThan(10);
  });

  // The same scenario, so the same one fresh try.
  it('a plain static server (no headers): the service worker makes it isolated and offline-ready', { retry: { count: 1, condition: TIMED_OUT }, timeout: 400_000 }, async () => {
    const statik = await startStaticServer(kit);
    try {
      const report = await offlineScenario(browser, statik.url);
      expect(report.isolatedFirstVisit).toBe(false);
      expect(report.isolatedOffline).toBe(true);
      expect(report.failed).toEqual([]);
      expect(report.offsite).toEqual([]);
    } finally {
      await statik.close();
    }
  });

});
