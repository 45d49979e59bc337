/**
 * The real app in real Chromium, driven like a person would: tiny generated models, files dropped
 * in, a question asked, both answers streamed and checked, the page reloaded. Every request that
 * leaves localhost is blocked and recorded, which proves nothing comes from a CDN.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../scripts/chromium';
import { startDevServer } from './serve';

let server: ViteDevServer;
let url: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const offsite: string[] = [];

beforeAll(async () => {
  ({ server, url } = await startDevServer());
  browser = await launchChromium();
  context = await browser.newContext();
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return route.continue();
    offsite.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const fixture = (name: string) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(`test/fixtures/docs/${name}`) });

describe('the app, offline, in Chromium', () => {
  it('catches requests that leave localhost, from the page and from workers (control)', async () => {
    await page.goto(`${url}/?models=tiny`);
    await page.evaluate(async () => {
      await fetch('https://cdn.jsdelivr.net/npm/control-from-page').catch(() => undefined);
      new Worker(URL.createObjectURL(new Blob(["fetch('https://huggingface.co/control-from-worker').catch(() => 0)"], { type: 'text/javascript' })));
    });
    await expect.poll(() => offsite.length, { timeout: 15_000 }).toBe(2);
    expect(offsite).toEqual(['https://cdn.jsdelivr.net/npm/control-from-page', 'https://huggingface.co/control-from-worker']);
    offsite.length = 0;
  });

  it('shows the device and loads the three models with progress', async () => {
    await page.goto(`${url}/?models=tiny&autoload=1&device=wasm`);
    await expect.poll(() => page.getByTestId('device').textContent(), { timeout: 60_000 }).toMatch(/WebGPU|WebAssembly/);
    // `?device=wasm` chose the device: the header names it and says so, whatever "Auto" would pick.
    expect(await page.getByTestId('device').locator('strong').textContent()).toBe('WebAssembly');
    expect(await page.getByTestId('device-reason').textContent()).toMatch(/^WebAssembly was chosen in settings/);
    for (const task of ['embed', 'rerank', 'generate']) {
      await page.getByTestId(`model-${task}`).locator('[data-status="ready"]').waitFor({ timeout: 90_000 });
    }
    expect(await page.getByTestId('catalog').textContent()).toContain('Xenova/bge-small-en-v1.5');
  });

  it('adds files, reports bad ones, and answers with citations next to the baseline', async () => {
    await page.getByTestId('file-input').setInputFiles([fixture('test.docx'), fixture('pg26184.txt'), fixture('password.pdf')]);
    await expect.poll(() => page.getByTestId('documents').locator('li').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('tasks').textContent(), { timeout: 30_000 }).toMatch(/password\.pdf: this PDF is password-protected/);

    await page.getByTestId('question').fill('What is AutoGen, the multi-agent conversation framework?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const rag = page.getByTestId('answer-rag');
    const baseline = page.getByTestId('answer-baseline');
    await expect.poll(() => baseline.getByTestId('groundedness').count(), { timeout: 60_000 }).toBe(1);
    expect(await rag.locator('.answer__text').textContent()).toContain('Based on the provided sources [1], this answer is grounded.');
    expect(await rag.getByTestId('latency').textContent()).toMatch(/Prefill.*tokens/s);
    expect(await rag.locator('.muted').first().textContent()).toMatch(/^RAG: \d+ retrieved passages? in the prompt, cited as \[n\]$/);
    // The baseline neither searched nor embedded the question; it did build a prompt.
    expect(await baseline.getByTestId('latency').textContent()).toMatch(/Query embedding–Search–Rerank–Prompt build\d/);
    await rag.locator('.cite__n').first().click();
    expect(await page.getByTestId('source-viewer').textContent()).toMatch(/\[1\] test\.docx/);
    const passage = ((await page.getByTestId('source-text').locator('mark').textContent()) ?? '').trim();
    await page.getByTestId('show-in-chunk-viewer').click();
    expect(await page.getByTestId('source-viewer').count()).toBe(0);
    const cited = page.getByTestId('chunk-viewer').locator('[data-cited="true"]').first();
    await cited.waitFor({ timeout: 30_000 });
    expect((await cited.textContent())!.replace(/\s+/g, ' ')).toContain(passage.slice(0, 60).replace(/\s+/g, ' '));
    expect(await page.getByTestId('chunk-doc').inputValue()).toMatch(/^u:/);
    expect(await cited.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: 'e2e/screenshots/chunk-viewer-cited.png' });
    expect(await page.getByTestId('inspector').textContent()).toMatch(/BM25 rank/);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  it('keeps the library across a reload', async () => {
    await page.reload();
    await expect.poll(() => page.getByTestId('documents').locator('li').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.getByTestId('documents').textContent()).toContain('pg26184.txt');
  });

  it('documents added before the embedder loads still answer, by keyword, and the page says so', async () => {
    const fresh = await browser.newContext();
    await fresh.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return route.continue();
      offsite.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    try {
      const first = await fresh.newPage();
      await first.goto(`${url}/?models=tiny&device=wasm`);
      await first.getByTestId('file-input').setInputFiles([fixture('test.docx')]);
      await expect.poll(() => first.getByTestId('documents').locator('li').count(), { timeout: 60_000 }).toBe(1);
      // Loading the embedder turns on search by meaning, but this document has no vectors yet.
      await first.getByTestId('model-embed').getByRole('button', { name: /^Load / }).click();
      await first.getByTestId('model-embed').locator('[data-status="ready"]').waitFor({ timeout: 90_000 });
      await first.getByTestId('question').fill('What is AutoGen, the multi-agent conversation framework?');
      await first.getByRole('button', { name: 'Ask' }).click();
      const rag = first.getByTestId('answer-rag');
      await expect.poll(() => rag.locator('.cite__n').count(), { timeout: 60_000 }).toBeGreaterThan(0);
      expect(await first.getByTestId('retrieval-note').textContent()).toMatch(/these are keyword \(BM25\) results\. Press "Re-index" in Library to embed the stale documents/);
      // The library says what "stale" means next to the button that mends it.
      expect(await first.getByTestId('stale').textContent()).toMatch(/^Re-index 1 stale documentStale: indexed with another embedding model/);
      // Said once, above the answers, with the inspector open below them.
      expect(await first.getByTestId('inspector').getAttribute('open')).not.toBeNull();
      expect(await first.getByText(/these are keyword \(BM25\) results/).count()).toBe(1);
      expect(await first.getByRole('alert').count()).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('reads an image by OCR on the development server too (its OCR files carry the page\'s isolation headers)', async () => {
    const worker = await fetch(`${url}/ocr/worker.min.js`);
    expect(worker.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(worker.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    await page.getByTestId('file-input').setInputFiles([fixture('text-image.png')]);
    await expect.poll(() => page.getByTestId('documents').locator('li').count(), { timeout: 120_000 }).toBe(3);
    const line = await page.getByTestId('tasks').locator('li').filter({ hasText: 'text-image.png' }).last().textContent();
    expect(line).not.toMatch(/failed|could not|skipped|Nothing was added/i);
  });

  it('fetched nothing from outside localhost', () => {
    expect(offsite).toEqual([]);
  });
});
