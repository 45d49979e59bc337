/**
 * Shared pieces of the end-to-end tests that drive the production build: build once into a
 * temporary folder, serve it on loopback, and check a page state the way a person (and a screen
 * reader) meets it: no sideways scrolling, no serious accessibility violations, a screenshot.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { expect } from 'vitest';
import { bundleBudget, type PageBundleReport } from '../scripts/vite-plugin-bundle-budget';

/** Git-ignored; look at these on a phone-sized and a projector-sized screen. */
export const SCREENSHOT_DIR = 'e2e/screenshots';

export async function buildAndServe(): Promise<{ server: PreviewServer; url: string; bundle: PageBundleReport | null }> {
  const outDir = mkdtempSync(join(tmpdir(), 'dist-'));
  let bundle: PageBundleReport | null = null;
  // Vitest sets NODE_ENV=test, which would build React's development bundle: build what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
      // A second copy of the budget plugin only to read its report; the project's own copy enforces it.
      plugins: [bundleBudget(Infinity, (report) => (bundle = report))],
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({ logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  return { server, url: server.resolvedUrls!.local[0]!.replace(/\/$/, ''), bundle };
}

/**
 * A page that may reach only the loopback server: every other request is aborted and recorded, and
 * uncaught page errors are collected, so a test can require both lists to stay empty.
 */
export async function loopbackOnlyPage(browser: Browser): Promise<{ page: Page; offsite: string[]; errors: string[] }> {
  const offsite: string[] = [];
  const errors: string[] = [];
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return route.continue();
    offsite.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, offsite, errors };
}

export const fixture = (name: string) => ({ name, buffer: readFileSync(`test/fixtures/docs/${name}`) });

/**
 * Drops files on the page body (far from the library's drop zone) with real DragEvents, and
 * checks the page-wide overlay appears while dragging.
 */
export async function dropFiles(page: Page, files: { name: string; buffer: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: f.buffer.toString('base64') }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    (window as { __drop?: DataTransfer }).__drop = dt;
    document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
  await page.getByTestId('drop-overlay').waitFor({ state: 'visible', timeout: 5_000 });
  const prevented = await page.evaluate(() => {
    const dt = (window as { __drop?: DataTransfer }).__drop!;
    const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
    document.body.dispatchEvent(drop);
    return drop.defaultPrevented;
  });
  // Not prevented, the browser would navigate away to the dropped file.
  expect(prevented).toBe(true);
  await page.getByTestId('drop-overlay').waitFor({ state: 'detached', timeout: 5_000 });
}

/** Overflow, accessibility and a screenshot for one state of the page. */
export async function checkState(page: Page, name: string): Promise<void> {
  const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, viewport: window.innerWidth }));
  expect(scrollWidth, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(viewport);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-page.png`), fullPage: true });
  expect(serious, `${name}: serious accessibility violations`).toEqual([]);
}

/** Waits until the library lists exactly these documents, each ready. */
export async function waitForLibrary(page: Page, names: string[], timeout = 60_000): Promise<void> {
  const documents = page.getByRole('list', { name: 'Documents' });
  page.on('console', (m) => m.type() === 'error' && console.log(m.text()));
  await expect
    .poll(async () => {
      const items = await documents.getByRole('listitem').allTextContents();
      return items.map((t) => `${names.find((n) => t.includes(n)) ?? t}:${/\bready\b/.test(t) ? 'ready' : 'not ready'}`).sort();
    }, { timeout })
    .toEqual(names.map((n) => `${n}:ready`).sort());
}
