/**
 * The offline promise, driven like a person would: first visit (the app installs its service
 * worker), add documents, "Save for offline" the tiny models from `/models/`, go offline, reload:
 * the library is back and a question gets both answers. Every request is recorded: none may fail
 * and none may leave the app's origin.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface ScenarioReport {
  isolatedFirstVisit: boolean;
  isolatedOffline: boolean;
  threadsBadge: string;
  requests: number;
  failed: string[];
  offsite: string[];
}

const fixture = (name: string) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(`test/fixtures/docs/${name}`) });

async function waitForModels(page: Page): Promise<void> {
  for (const task of ['embed', 'rerank', 'generate']) {
    await page.getByTestId(`model-${task}`).locator('[data-status="ready"]').waitFor({ timeout: 90_000 });
  }
}

export async function offlineScenario(browser: Browser, base: string): Promise<ScenarioReport> {
  const origin = new URL(base).origin;
  const context = await browser.newContext();
  const failed: string[] = [];
  const offsite: string[] = [];
  let requests = 0;
  context.on('request', (request) => {
    requests++;
    const url = request.url();
    if (!/^(data|blob):/.test(url) && new URL(url).origin !== origin) offsite.push(url);
  });
  // A fetch cut short by the page itself (a worker ended, the reload) reads net::ERR_ABORTED. It is
  // a failure only if that file was never served: under load the offline reload can land while
  // the old page's worker is still fetching a file that was already served and cached.
  const aborted = new Set<string>();
  const served = new Set<string>();
  context.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    if (reason === 'net::ERR_ABORTED') aborted.add(request.url());
    else failed.push(`${request.url()} (${reason})`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.url()} (HTTP ${response.status()})`);
    else served.add(response.url());
  });
  const allFailed = () => [...failed, ...[...aborted].filter((url) => !served.has(url)).map((url) => `${url} (net::ERR_ABORTED, never served)`)];
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    const log: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => log.push(`${m.type()}: ${m.text().slice(0, 300)}`));
    page.on('load', () => log.push(`load ${page.url()}`));
    try {
      return await steps(page, errors);
    } catch (error) {
      // What the page said is the quickest way to see why a step timed out.
      const t0 = Date.now();
      const ask = await page.evaluate(() => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Ask');
        const models = ['embed', 'rerank', 'generate'].map((task) => `${task}: ${document.querySelector(`[data-testid="model-${task}"]`)?.textContent?.slice(0, 300)}`);
        return `disabled=${button?.disabled} models=${models.join(' | ')} main=${document.querySelector('main')?.textContent?.slice(0, 600)}`;
      }).catch((e: Error) => e.message);
      throw new Error(`${(error as Error).message}\n--- page log ---\n${log.slice(-40).join('\n')}\n--- page errors ---\n${errors.join('\n')}\n--- failed requests ---\n${allFailed().join('\n')}\n--- page (${Date.now() - t0} ms): ${ask}`);
    }
  } finally {
    await context.close();
  }

  async function steps(page: Page, errors: string[]): Promise<ScenarioReport> {
    const app = `${base}/?models=tiny&device=wasm&autoload=1`;
    await page.goto(app);
    const isolatedFirstVisit = await page.evaluate(() => crossOriginIsolated);
    await waitForModels(page);
    await page.getByTestId('file-input').setInputFiles([fixture('test.docx'), fixture('pg26184.txt')]);
    await expect.poll(() => page.getByTestId('documents').locator('li').count(), { timeout: 60_000 }).toBe(2);

    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.getByTestId('offline-app').textContent(), { timeout: 60_000 }).toMatch(/cached, opens without a network/);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect.poll(() => page.getByTestId('offline-message').textContent(), { timeout: 60_000 }).toMatch(/Saved\./);
    for (const id of ['tiny-embedder', 'tiny-reranker', 'tiny-chat']) {
      expect(await page.getByTestId(`offline-model-offline-rag-lab/${id}`).getAttribute('data-saved')).toBe('true');
    }

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('documents').locator('li').count(), { timeout: 60_000 }).toBe(2);
    await waitForModels(page);
    const isolatedOffline = await page.evaluate(() => crossOriginIsolated);
    const threadsBadge = (await page.getByTestId('threads').textContent()) ?? '';

    await page.getByTestId('question').fill('What is AutoGen, the multi-agent conversation framework?');
    // Enter submits the form like the Ask button, without waiting for the layout to settle. On a
    // starved machine the first layout after the reload can wait on the browser's font lookup for
    // tens of seconds (see offline.e2e.test.ts), so the key press may wait that long.
    await page.getByTestId('question').press('Enter', { timeout: 120_000 });
    const rag = page.getByTestId('answer-rag');
    const baseline = page.getByTestId('answer-baseline');
    await expect.poll(() => baseline.getByTestId('groundedness').count(), { timeout: 60_000 }).toBe(1);
    expect(await rag.locator('.answer__text').textContent()).toMatch(/\[1\]/);
    expect(await rag.locator('.cite__n').count()).toBeGreaterThan(0);
    expect((await baseline.locator('.answer__text').textContent())?.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    return { isolatedFirstVisit, isolatedOffline, threadsBadge, requests, failed: allFailed(), offsite };
  }
}
