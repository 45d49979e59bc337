/** voy-search in the browser: the .wasm is an asset of this app, fetched from our own origin. */
import voyWasmUrl from 'voy-search/voy_search_bg.wasm?url';
import { initVoy, type VoyModule } from './voy-module';

export function initVoyBrowser(): Promise<VoyModule> {
  return initVoy(async () => {
    const response = await fetch(voyWasmUrl);
    if (!response.ok) throw new Error(`The vector index engine (voy-search) could not be loaded: HTTP ${response.status}. Reload the page.`);
    return response.arrayBuffer();
  });
}
