/**
 * The teaching lab in the built app, driven like a teacher would: load the sample library, run the
 * experiments, evaluate the question set and compare the CSV with `eval:qa`, view chunks and
 * compare them with `npm run -s chunk`. Then, on the dev server with the tiny generated models,
 * the experiments that need a language model run both answers. Every off-site request is blocked.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatReport, readCsvMetrics } from '../src/eval/qa-report';
import { launchChromium } from '../scripts/chromium';
import { startDevServer } from './serve';

const exec = promisify(execFile);
let browser: Browser;
const offsite: string[] = [];

async function openPage(url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return route.continue();
    offsite.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

async function loadSamples(page: Page) {
  await page.getByRole('button', { name: 'Load sample library' }).click();
  await expect.poll(() => page.getByTestId('teach-library').textContent().catch(() => ''), { timeout: 60_000 }).toMatch(/6 documents, \d+ chunks, 23 questions/);
}

async function runExperiment(page: Page, title: string) {
  const card = page.getByRole('region', { name: title, exact: true });
  await card.getByRole('button', { name: 'Run', exact: true }).click();
  const figure = card.getByRole('figure');
  await figure.waitFor({ timeout: 120_000 });
  return card;
}

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('teaching lab, built app, no model', () => {
  let server: PreviewServer;
  let page: Page;
  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'teach-dist-'));
    await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
    server = await preview({ logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
    // Offline only: the tokenizer comes from the app's bundled vocabulary, never the Hub.
    ({ page } = await openPage(`${server.resolvedUrls!.local[0]!}?offline=1`));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('loads the sample library apart from the user library', async () => {
    // With the user's library empty, copying it is not offered, and the page says why.
    const copy = page.getByRole('button', { name: 'Use a copy of my library' });
    expect(await copy.isDisabled()).toBe(true);
    expect(await page.locator(`#${await copy.getAttribute('aria-describedby')}`).textContent()).toMatch(/^Your library is empty/);
    await loadSamples(page);
    expect(await page.getByTestId('documents').locator('li').count()).toBe(0);
  });

  it('fits a phone with the sample library loaded: a long document name does not widen the chunk viewer', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await expect.poll(() => page.getByTestId('chunk-doc').locator('option').count()).toBeGreaterThan(0);
      const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, viewport: window.innerWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(viewport);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  for (const title of ['What retrieval costs', 'Chunk size', 'How many chunks', 'Stale and duplicate data', 'When the documents do not know']) {
    it(`runs "${title}" and shows its chart with data`, async () => {
      const card = await runExperiment(page, title);
      const figure = card.getByRole('figure').first();
      expect(await figure.getAttribute('aria-label')).toBeTruthy();
      await figure.locator('canvas').first().waitFor({ timeout: 30_000 });
      const cells = await figure.locator('tbody td').allTextContents();
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.some((c) => Number(c) > 0)).toBe(true);
      expect(await card.textContent()).toMatch(/extractive/);
    });
  }

  it('redraws a chart at the new width when the window narrows to a phone', async () => {
    const plot = page.getByRole('region', { name: 'What retrieval costs', exact: true }).locator('.teach-chart__plot').first();
    const widths = () => plot.evaluate((p) => ({ host: p.clientWidth, chart: p.querySelector('.uplot')!.getBoundingClientRect().width }));
    expect((await widths()).chart).toBeGreaterThan(500);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await expect.poll(async () => { const w = await widths(); return w.chart <= w.host; }).toBe(true);
      // With every experiment's chart and table on the page, nothing pushes the page sideways.
      const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, viewport: window.innerWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(viewport);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('the evaluation panel exports a CSV whose figures equal eval:qa on the same questions and corpus', async () => {
    const panel = page.getByRole('region', { name: 'Evaluation' });
    await panel.getByRole('button', { name: 'Use the sample questions' }).click();
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await panel.getByTestId('eval-result').waitFor({ timeout: 120_000 });
    expect(await panel.getByRole('figure').count()).toBe(2);
    // Aggregate metrics in words, shares as percentages, each beside the key the CSV and CLI print.
    const declined = await panel.getByTestId('eval-metrics').locator('tr', { hasText: 'abstained_unanswerable' }).textContent();
    expect(declined).toMatch(/^declined, of those it cannot answer \(higher is better\) abstained_unanswerable\d+\.\d %$/);
    // Each heading of the per-question table keeps its words whole ("question", not "questio / n").
    const headings = await panel.getByTestId('eval-rows').locator('thead th').evaluateAll((ths) =>
      ths.map((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return { words: th.textContent!.split(' ').length, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
      }),
    );
    for (const h of headings) expect(h.lines).toBeLessThanOrEqual(h.words);
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const { stdout } = await exec('npx', ['tsx', 'scripts/eval-qa.ts', '--qa', 'public/samples/questions.jsonl', '--corpus', 'public/samples/docs', '--json']);
    const cli = flatReport(JSON.parse(stdout) as Record<string, unknown>).map(([k, v]) => [k, v === null ? '' : String(v)]);
    expect(Object.fromEntries(readCsvMetrics(csv))).toEqual(Object.fromEntries(cli));
    expect(csv).toContain('\nun-1,');
  });

  for (const [file, size, overlap] of [['packet-switching-wikipedia.md', 128, 19], ['oxygen-wikipedia.html', 64, 10]] as const) {
    it(`the chunk viewer cuts ${file} as npm run -s chunk does`, async () => {
      const viewer = page.getByRole('region', { name: 'Chunk viewer' });
      const option = await viewer.getByTestId('chunk-doc').locator('option', { hasText: file }).getAttribute('value');
      await viewer.getByTestId('chunk-doc').selectOption(option!);
      await viewer.getByTestId('chunk-size').fill(String(size));
      await viewer.getByTestId('chunk-overlap').fill(String(overlap));
      await viewer.getByRole('button', { name: 'Show chunks' }).click();
      await expect.poll(() => viewer.textContent(), { timeout: 30_000 }).toContain(`${file}: `);
      const shown = await viewer.getByTestId('chunks').locator('li').evaluateAll((lis) => lis.map((li) => ({ start: Number(li.dataset.start), end: Number(li.dataset.end), tokens: Number(li.dataset.tokens) })));
      const { stdout } = await exec('npx', ['tsx', 'scripts/chunk.ts', `public/samples/docs/${file}`, '--size', String(size), '--overlap', String(overlap), '--json']);
      const cli = (JSON.parse(stdout) as { start: number; end: number; tokens: number }[]).map(({ start, end, tokens }) => ({ start, end, tokens }));
      expect(cli.length).toBeGreaterThan(1);
      expect(shown).toEqual(cli);
    });
  }

  it('fetched nothing from outside localhost', () => {
    expect(offsite).toEqual([]);
  });
});

describe('teaching lab with the tiny generated models', () => {
  let server: ViteDevServer;
  let page: Page;
  beforeAll(async () => {
    let url: string;
    ({ server, url } = await startDevServer());
    ({ page } = await openPage(`${url}/?models=tiny&autoload=1&device=wasm`));
    for (const task of ['embed', 'rerank', 'generate']) {
      await page.getByTestId(`model-${task}`).locator('[data-status="ready"]').waitFor({ timeout: 120_000 });
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('loads the sample library, embedded by the tiny embedder', async () => {
    await loadSamples(page);
    expect(await page.getByTestId('teach-library').textContent()).toMatch(/hybrid search/);
  });

  it('"When the documents do not know" runs the RAG answer and the baseline', async () => {
    const card = await runExperiment(page, 'When the documents do not know');
    const headers = await card.getByRole('figure').locator('thead th').allTextContents();
    expect(headers).toEqual(['outcome', 'RAG answer', 'baseline (prompt only)']);
    expect(await card.textContent()).toMatch(/language model, next to its prompt-only baseline/);
    await card.getByText(/Answers and marked text/).click();
    expect(await card.locator('dt').filter({ hasText: '— baseline' }).count()).toBe(5);
  });

  it('"Reranking" measures with and without the cross-encoder', async () => {
    const card = await runExperiment(page, 'Reranking');
    const headers = await card.getByRole('figure').locator('thead th').allTextContents();
    expect(headers).toEqual(['metric', 'without reranker', 'with reranker']);
    expect(await card.textContent()).toMatch(/against the articles' 15–35 %/);
  });

  it('"Injected instructions" runs both answers and marks the injected text', async () => {
    const card = await runExperiment(page, 'Injected instructions');
    const rows = await card.getByRole('figure').locator('tbody th').allTextContents();
    expect(rows).toContain('baseline echoes them');
    await card.getByText(/Answers and marked text/).click();
    expect(await card.locator('dd').filter({ hasText: 'Ignore all previous instructions.' }).count()).toBeGreaterThan(0);
    expect(await card.locator('dt').filter({ hasText: '— baseline' }).count()).toBe(2);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  it('fetched nothing from outside localhost', () => {
    expect(offsite).toEqual([]);
  });
});
