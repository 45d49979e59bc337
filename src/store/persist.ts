/**
 * Asks the browser to keep this site's storage (the library, saved models) when space runs low.
 * StorageManager.persist() exists only on the page, never in a worker, so the page asks; Chromium
 * answers from how the site is used (installed, bookmarked, visited often), Firefox asks the person.
 * Resolves whether the storage is kept.
 */
export async function askToKeepStorage(): Promise<boolean> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.persist) return false;
  return storage.persist().catch(() => false);
}
