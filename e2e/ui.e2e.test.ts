/**
 * The built app as a new user meets it on a 390 px phone and a 1280 px projector, in light and
 * dark: the panels in the order each screen shows them, real files dropped anywhere on the page, a question, a citation opened and closed with the
 * keyboard, a chunk size typed and applied, a removal undone, a reload, a citation opened in the
 * chunk viewer. Every state is checked for sideways scrolling and serious accessibility
 * violations, and photographed (e2e/screenshots).
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../scripts/chromium';
import { PAGE_BUDGET_BYTES, type PageBundleReport } from '../scripts/vite-plugin-bundle-budget';
import { buildAndServe, checkState, dropFiles, fixture, waitForLibrary } from './built-app';

let server: PreviewServer;
let url: string;
let bundle: PageBundleReport | null;
let browser: Browser;

beforeAll(async () => {
  ({ server, url, bundle } = await buildAndServe());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const FILES = ['pg26184.txt', 'test.docx', 'guide__features.md', 'test_wikipedia.html'];
// A passage with a long unbreakable string is what used to push the page sideways.
const LONG_LINE = { name: 'long-line.txt', buffer: Buffer.from(`Sabotage notes. ${'x'.repeat(3000)} The saboteur should work slowly and make mistakes.\n`) };
const ALL = [...FILES, LONG_LINE.name];

it('the page bundle, without workers, stays within its budget', () => {
  expect(bundle).not.toBeNull();
  console.log(`page bundle: ${(bundle!.bytes / 1024).toFixed(1)} KB (${bundle!.files.join(', ')})`);
  expect(bundle!.bytes).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
});

const VIEWS = [
  { label: 'phone', viewport: { width: 390, height: 844 } },
  { label: 'projector', viewport: { width: 1280, height: 800 } },
] as const;

/**
 * Where the library, the question, the models and the teaching lab sit: on a phone one above the
 * other in the order a visitor needs them (the question right under the library, not below models,
 * settings and lessons); on a wide screen the library with the models under it on the left, the
 * question and, under it, the teaching lab on the right.
 */
async function expectPanelOrder(page: Page, label: 'phone' | 'projector'): Promise<void> {
  const boxes = await page.evaluate(() =>
    ['#library-title', '#question', '#models-title', '[data-testid="teach"]'].map((selector) => {
      const panel = document.querySelector(selector)!.closest('.panel')!.getBoundingClientRect();
      return { left: Math.round(panel.left), top: Math.round(panel.top), bottom: Math.round(panel.bottom) };
    }),
  );
  const [library, question, models, teach] = boxes as [(typeof boxes)[number], (typeof boxes)[number], (typeof boxes)[number], (typeof boxes)[number]];
  // The panels' own margin (16 px) is the only space between neighbours.
  const under = (upper: typeof library, lower: typeof library) => lower.top - upper.bottom;
  if (label === 'phone') {
    expect(under(library, question)).toBe(16);
    expect(question.bottom).toBeLessThan(models.top);
    expect(models.bottom).toBeLessThan(teach.top);
  } else {
    expect([models.left, question.left, teach.left]).toEqual([library.left, teach.left, question.left]);
    expect(question.left).toBeGreaterThan(library.left);
    expect(under(library, models)).toBe(16);
    expect(question.top).toBe(library.top);
  }
}

/**
 * The model catalog keeps its words whole: no run of letters between spaces, hyphens or slashes
 * (where a line may break) is split across two lines.
 */
async function expectCatalogWordsWhole(page: Page): Promise<void> {
  await page.getByText('Model catalog', { exact: true }).click();
  const split = await page.locator('table.catalog').evaluate((table) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of (node.textContent ?? '').matchAll(/[^\s/-]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) broken.push(m[0]);
      }
    }
    return broken;
  });
  expect(split).toEqual([]);
  await page.getByText('Model catalog', { exact: true }).click();
}

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight + 1 && r.right <= window.innerWidth + 1 && r.height > 0;
  });
}

const CASES = VIEWS.flatMap((v) => (['light', 'dark'] as const).map((scheme) => ({ ...v, scheme, title: `${v.label} ${scheme}` })));

describe.each(CASES)('$title', ({ label, viewport, scheme }) => {
  it('drop → ready → ask → citation → chunk size → re-index → remove, undo → reload', async () => {
    const name = (state: string) => `${label}-${scheme}-${state}`;
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(url);
      await page.getByTestId('device').waitFor({ timeout: 60_000 });
      await page.getByText('No documents yet.').waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(scheme === 'dark' ? 'rgb(15, 20, 25)' : 'rgb(246, 247, 249)');
      await checkState(page, name('1-empty'));
      await page.getByTestId('teach').waitFor();
      await expectPanelOrder(page, label);
      // The first Tab offers a way past the library to the question; a phone, where the question
      // sits below a library that grows with every document, shows it without a keyboard.
      expect(await inViewport(page, '.skip-link')).toBe(label === 'phone');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the question');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Question');
      expect(await inViewport(page, '#question')).toBe(true);
      // The runtime's line stays short once the check ends: on a projector the header keeps to one
      // row, and the reason for the choice opens on request, over the page, the header unmoved;
      // Escape closes it.
      const headerHeight = () => page.locator('.app__header').evaluate((el) => el.getBoundingClientRect().height);
      const closedHeight = await headerHeight();
      if (label === 'projector') expect(closedHeight).toBeLessThan(70);
      const reason = page.getByTestId('device-reason');
      expect(await reason.isVisible()).toBe(false);
      await page.getByText(/^Why (WebGPU|WebAssembly)\?$/).click();
      expect(await reason.textContent()).toMatch(/\S/);
      expect(await reason.isVisible()).toBe(true);
      expect(await inViewport(page, '[data-testid="device-reason"]')).toBe(true);
      expect(await headerHeight()).toBe(closedHeight);
      await checkState(page, name('1-why'));
      await page.keyboard.press('Escape');
      expect(await reason.isVisible()).toBe(false);

      // Several real files dropped on the page body, one more through the labelled file input.
      await dropFiles(page, FILES.map(fixture));
      await page.getByLabel('Add documents').setInputFiles([{ ...LONG_LINE, mimeType: 'text/plain' }]);
      await waitForLibrary(page, ALL);
      // The type filter offers the types the library holds.
      expect(await page.getByLabel('Search only documents of this type').locator('option').allTextContents()).toEqual(['any', 'DOCX', 'MARKDOWN', 'HTML', 'TEXT']);
      await checkState(page, name('2-ready'));
      await expectCatalogWordsWhole(page);

      await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How should workers slow down production and make mistakes?');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      const rag = page.getByRole('region', { name: 'Answer with retrieval' });
      await expect.poll(() => rag.getByRole('button', { name: /^\[1\] / }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.getByRole('region', { name: 'Answer without retrieval' }).waitFor();
      // Asking keeps the keyboard where it was: on Ask, not thrown back to the top of the page.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Ask');
      expect(await rag.getByTestId('retriever-used').textContent()).toMatch(/keyword search \(BM25\)/);
      // Without a language model nothing is prompted and only the keyword search runs: the card
      // says what it quotes from, and the stages that did not run show "–", not "0.0 ms".
      // It counts the passages its sentences come from ("2 of 5 retrieved passages").
      const subtitle = (await rag.locator('.muted').first().textContent()) ?? '';
      const [, quotedFrom, retrievedCount] = subtitle.match(/^RAG without a language model: sentences quoted from (?:(\d+) of )?(\d+) retrieved passages?, cited as \[n\]$/) ?? [];
      expect(retrievedCount).toBeDefined();
      const citedSources = new Set((await rag.getByRole('button', { name: /^\[\d+\] / }).evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).map((label) => label!.match(/^\[(\d+)\]/)![1]));
      expect(Number(quotedFrom ?? retrievedCount)).toBe(citedSources.size);
      expect(await rag.getByTestId('latency').textContent()).toMatch(/Query embedding–Search\d[\d.]* m?sRerank–Prompt build–/);
      await checkState(page, name('3-answer'));
      await expectPanelOrder(page, label);

      // The citation opens a dialog in view, with focus inside; Escape hands focus back.
      const cite = rag.getByRole('button', { name: /^\[1\] / }).first();
      const citeName = await cite.getAttribute('aria-label');
      expect(citeName).toMatch(/^\[1\] \S/);
      await cite.click();
      const dialog = page.getByRole('dialog', { name: 'Source' });
      await dialog.waitFor();
      await dialog.locator('mark').waitFor();
      expect(await inViewport(page, 'dialog.source-dialog')).toBe(true);
      // Its title and close button are in view too, the passage scrolled into view inside its text box.
      const clipped = await dialog.evaluate((d) => {
        const frame = d.getBoundingClientRect();
        return [d.querySelector('h2')!, d.querySelector('button[aria-label="Close source"]')!].filter((el) => el.getBoundingClientRect().top < frame.top).length;
      });
      expect(clipped).toBe(0);
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      expect(await dialog.textContent()).toMatch(/BM25 rank/);
      // No language model, so nothing was prompted: the passage is placed among those retrieved.
      expect(await dialog.locator('.scores').textContent()).toMatch(/^Retrieved as ?source \[1\] of \d+/);
      await checkState(page, name('4-source'));
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(citeName);

      // A chunk size typed (select all, type), applied with its cost shown first.
      await page.locator('details.settings > summary').click();
      const size = page.getByRole('textbox', { name: 'Chunk size (tokens)' });
      await size.selectText();
      await page.keyboard.type('512');
      await page.keyboard.press('Enter');
      expect(await size.inputValue()).toBe('512');
      const cost = page.getByTestId('chunk-cost');
      expect(await cost.textContent()).toMatch(new RegExp(`re-indexes ${ALL.length} documents`));
      await size.scrollIntoViewIfNeeded();
      await checkState(page, name('5-chunk-cost'));
      await cost.getByRole('button', { name: `Apply and re-index ${ALL.length} documents` }).click();
      await cost.waitFor({ state: 'detached', timeout: 60_000 });
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Re-indexing' }).count(), { timeout: 60_000 }).toBe(0);
      await waitForLibrary(page, ALL);
      expect(await page.evaluate(() => JSON.parse(localStorage.getItem('offline-rag-lab:settings') ?? '{}').chunk)).toEqual({ size: 512, overlap: 38 });

      // Remove, then undo: the document comes back and nothing was deleted.
      await page.getByRole('button', { name: 'Remove pg26184.txt' }).click();
      await waitForLibrary(page, ALL.filter((n) => n !== 'pg26184.txt'));
      // The answer on screen says that a document it drew on is gone, until the removal is undone.
      expect(await page.getByTestId('sources-removed').textContent()).toMatch(/sources include pg26184\.txt, no longer in your library/);
      await checkState(page, name('6-removed'));
      await page.getByRole('button', { name: 'Undo removing pg26184.txt' }).click();
      await waitForLibrary(page, ALL);
      expect(await page.getByTestId('sources-removed').count()).toBe(0);

      await page.reload();
      await waitForLibrary(page, ALL, 30_000);
      await page.locator('details.settings > summary').click();
      expect(await page.getByRole('textbox', { name: 'Chunk size (tokens)' }).inputValue()).toBe('512');
      await checkState(page, name('7-reloaded'));

      // A citation opened in the chunk viewer: the chunk holding it outlined and focused. Last, as
      // the long chunk list would slow every later step (the undo above has a 10 s window).
      await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How should workers slow down production and make mistakes?');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      await expect.poll(() => rag.getByRole('button', { name: /^\[1\] / }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await rag.getByRole('button', { name: /^\[1\] / }).first().click();
      await dialog.getByRole('button', { name: 'Show in the chunk viewer' }).click();
      await dialog.waitFor({ state: 'detached' });
      const cited = page.getByTestId('chunk-viewer').locator('[data-cited="true"]').first();
      await cited.waitFor({ timeout: 30_000 });
      expect(await cited.evaluate((el) => el === document.activeElement)).toBe(true);
      await checkState(page, name('8-chunk-cited'));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});

it('Keep data gets the browser\'s answer; a removal left to run its course deletes the document for good; clearing all data leaves nothing of the old library on screen', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.getByText('No documents yet.').waitFor({ timeout: 60_000 });
    // Keep data asks the browser (from the page: workers cannot), and its answer is shown either way.
    const offline = page.getByTestId('ready-offline');
    await offline.getByRole('button', { name: 'Keep data' }).click();
    await expect.poll(async () => (await offline.getByTestId('keep-refused').count()) > 0 || /persistent \(the browser will not evict it\)/.test((await offline.textContent()) ?? ''), { timeout: 10_000 }).toBe(true);
    await page.getByLabel('Add documents').setInputFiles(['pg26184.txt', 'test.docx'].map((n) => ({ ...fixture(n), mimeType: 'application/octet-stream' })));
    await waitForLibrary(page, ['pg26184.txt', 'test.docx']);
    await page.getByRole('button', { name: 'Remove test.docx' }).click();
    await page.getByRole('button', { name: 'Undo removing test.docx' }).waitFor({ state: 'detached', timeout: 20_000 });
    await page.reload();
    await waitForLibrary(page, ['pg26184.txt'], 30_000);
    // No embedding model was loaded: the restore says so rather than "0 vectors ready".
    expect(await page.getByText(/^Restored \d+ chunks/).textContent()).toMatch(/^Restored \d+ chunks: keyword search ready in \d+ ms; no vectors stored yet \(they come with the embedding model\)\.$/);

    // Clearing all data leaves nothing of the old library on screen: no answer, no restore counts.
    await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How should workers slow down production and make mistakes?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const rag = page.getByRole('region', { name: 'Answer with retrieval' });
    await expect.poll(() => rag.getByRole('button', { name: /^\[1\] / }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Searching within one document, a question that matches nothing there is told to widen the filter.
    await page.getByLabel('Search only this document').selectOption({ label: 'pg26184.txt' });
    await page.getByRole('textbox', { name: 'Question', exact: true }).fill('zyxwv plorfination of gribbles');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => rag.textContent(), { timeout: 30_000 }).toMatch(/Nothing in the documents you searched matched: widen the document or type filter/);
    await page.getByRole('button', { name: 'Clear all data' }).click();
    await page.getByRole('button', { name: 'Yes, clear all data' }).click();
    await page.getByText('No documents yet.').waitFor({ timeout: 30_000 });
    expect(await page.getByText(/^Restored \d+ chunks/).count()).toBe(0);
    expect(await rag.count()).toBe(0);
  } finally {
    await context.close();
  }
}, 120_000);
