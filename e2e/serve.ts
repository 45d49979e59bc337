/** A Vite dev server for end-to-end tests, on loopback, with the project's own config. */
import { createServer, type ViteDevServer } from 'vite';

export async function startDevServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({ logLevel: 'error', server: { port: 0, host: '127.0.0.1', strictPort: false } });
  await server.listen();
  return { server, url: server.resolvedUrls!.local[0]!.replace(/\/$/, '') };
}
