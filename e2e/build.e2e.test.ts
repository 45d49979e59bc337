/**
 * `npm run build` output: names no CDN anywhere, and its app shell loads and runs (device check,
 * ONNX Runtime's WebAssembly from our own assets) with every off-site request blocked.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../scripts/chromium';
import { loopbackOnlyPage } from './built-app';

const CDN = /cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh|cdn\.skypack\.dev/;
let outDir: string;
let server: PreviewServer;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'dist-'));
  await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
  server = await preview({ logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
});
afterAll(async () => {
  await server?.close();
});

it('the built app names no CDN', () => {
  const offenders = files(outDir).filter((f) => /\.(js|mjs|html|css|json)$/.test(f) && CDN.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
  expect(files(outDir).some((f) => f.endsWith('.wasm'))).toBe(true);
});

it('the built app shell loads and runs offline', async () => {
  const browser = await launchChromium();
  try {
    const { page, offsite, errors } = await loopbackOnlyPage(browser);
    await page.goto(server.resolvedUrls!.local[0]!);
    await expect.poll(() => page.getByTestId('device').textContent(), { timeout: 60_000 }).toMatch(/WebGPU|WebAssembly/);
    expect(await page.locator('h1').textContent()).toBe('Offline RAG Lab');
    expect(await page.getByTestId('dropzone').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  } finally {
    await browser.close();
  }
});
