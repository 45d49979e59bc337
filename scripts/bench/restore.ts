/** Runs the restore benchmark page in Chromium, served by a Vite dev server on loopback. */
import { createServer } from 'vite';
import { launchChromium } from '../chromium.ts';

export interface RestoreReport {
  chunks: number;
  vectors: number;
  lexical_ready_ms: number;
  search_ready_ms: number;
}

export async function benchRestore(chunks: number): Promise<RestoreReport | { error: string }> {
  const server = await createServer({ logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  const browser = await launchChromium();
  try {
    const url = `${server.resolvedUrls!.local[0]}scripts/bench/restore.html?chunks=${chunks}`;
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result, null, { timeout: 240_000 });
    return (await page.evaluate(() => (window as unknown as { __result: unknown }).__result)) as RestoreReport;
  } finally {
    await browser.close();
    await server.close();
  }
}
