/** voy-search for Node (the command-line twins and Node tests): the .wasm read from disk. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initVoy, type VoyModule } from './voy-module';

export function initVoyNode(): Promise<VoyModule> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('voy-search/voy_search_bg.js'));
  return initVoy(() => readFile(join(dir, 'voy_search_bg.wasm')));
}
