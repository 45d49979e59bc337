/** What the store's browser tests share: the index settings they use and one loaded tiny embedder. */
import { startEmbedWorker, type EmbedClient } from '../src/embed/embed-client';
import type { IndexSettings } from '../src/store/schema';
import { TEST_RUNTIME, TINY } from './browser-config';

export const TEST_INDEX_SETTINGS: IndexSettings = { chunk: { size: 96, overlap: 12 }, embedModel: TINY.embedder };

let embed: EmbedClient | null = null;

/** The tiny embedder in its worker, loaded once per test file and kept for the file's tests. */
export async function tinyEmbedClient(): Promise<EmbedClient> {
  if (!embed) {
    embed = startEmbedWorker();
    await embed.call('load', { model: TINY.embedder, device: 'wasm', config: TEST_RUNTIME });
  }
  return embed;
}
