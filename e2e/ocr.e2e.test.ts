/**
 * OCR in the built app, as served to people: its strict Content-Security-Policy, tesseract.js's
 * worker, core and English model from the app's own `ocr/` assets, every off-site request blocked.
 * A slide deck and a PDF whose text layer is unreadable are dropped in; both land in the library.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../scripts/chromium';
import { loopbackOnlyPage } from './built-app';

let server: PreviewServer;

beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'dist-ocr-'));
  await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
  server = await preview({ logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
});
afterAll(async () => {
  await server?.close();
});

const fixture = (name: string) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(`test/fixtures/docs/${name}`) });

it('the built app reads slides and an unreadable-font PDF by OCR, offline', async () => {
  const browser = await launchChromium();
  try {
    const { page, offsite, errors } = await loopbackOnlyPage(browser);
    await page.goto(`${server.resolvedUrls!.local[0]!}?offline=1`);
    await page.getByTestId('file-input').setInputFiles([fixture('test.pptx'), fixture('unreadable-font.pdf')]);
    await expect.poll(() => page.getByTestId('documents').locator('li').count(), { timeout: 120_000 }).toBe(2);
    const documents = await page.getByTestId('documents').textContent();
    expect(documents).toMatch(/test\.pptx/);
    expect(documents).toMatch(/unreadable-font\.pdf/);
    expect(await page.getByTestId('tasks').textContent()).not.toMatch(/failed|could not|skipped|Nothing was added/i);
    expect(errors.join('\n')).toBe('');
    expect(offsite).toEqual([]);
  } finally {
    await browser.close();
  }
});
