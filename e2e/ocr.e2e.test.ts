/**
 * OCR in the built app, as served to people: its strict Content-Security-Policy, tesseract.js's
 * worker, core and English model from the app's own `ocr/` assets, every off-site request blocked.
 * A slide deck and a PDF whose text layer is unreadable are dropped in; both land in the library.
 * A picture without writing is dropped with them and refused with its reason.
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

it('the built app reads slides and an unreadable-font PDF by OCR, offline, and refuses a picture without writing', async () => {
  const browser = await launchChromium();
  try {
    const { page, offsite, errors } = await loopbackOnlyPage(browser);
    await page.goto(`${server.resolvedUrls!.local[0]!}?offline=1`);
    await page.getByTestId('file-input').setInputFiles([fixture('test.pptx'), fixture('unreadable-font.pdf'), fixture('no-text.png')]);
    await expect.poll(() => page.getByTestId('documents').locator('li').count(), { timeout: 120_000 }).toBe(2);
    // The picture without writing is refused with its reason; the other two are read.
    const log = page.getByTestId('tasks').locator('li');
    await expect.poll(() => log.filter({ hasText: 'no-text.png' }).textContent().catch(() => ''), { timeout: 60_000 }).toMatch(/no-text\.png: no writing was found in this image/);
    const documents = await page.getByTestId('documents').textContent();
    expect(documents).toMatch(/test\.pptx/);
    expect(documents).toMatch(/unreadable-font\.pdf/);
    for (const line of await log.filter({ hasNotText: 'no-text.png' }).allTextContents()) expect(line).not.toMatch(/failed|could not|skipped|Nothing was added/i);
    expect(errors.join('\n')).toBe('');
    expect(offsite).toEqual([]);
  } finally {
    await browser.close();
  }
});
