/**
 * Finds exact and near-duplicate chunks. Exact: same text after case and whitespace folding.
 * Near: 64-bit SimHash over word 3-shingles within Hamming distance 3, found through four 16-bit
 * bands (two hashes that differ in ≤3 bits agree on at least one band). Duplicates skew retrieval
 * (the same passage fills the top k) and identical vectors crash voy, so the lab counts and shows
 * them and never inserts identical vectors twice.
 */
export interface DuplicateReport {
  /** index → index of the first chunk with the same text. */
  exactOf: Map<number, number>;
  /** index → index of an earlier chunk that is nearly the same (not counted as exact). */
  nearOf: Map<number, number>;
}

export function normalizeForDedupe(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** SimHash as two 32-bit halves. */
export function simhash(text: string): [number, number] {
  const tokens = normalizeForDedupe(text).split(' ').filter(Boolean);
  const weights = new Int32Array(64);
  const shingles = tokens.length < 3 ? [tokens.join(' ')] : tokens.slice(0, -2).map((_, i) => tokens.slice(i, i + 3).join(' '));
  for (const shingle of shingles) {
    const lo = fnv1a(shingle, 0x811c9dc5);
    const hi = fnv1a(shingle, 0x01234567);
    for (let b = 0; b < 32; b++) {
      weights[b]! += (lo >>> b) & 1 ? 1 : -1;
      weights[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (weights[b]! > 0) lo |= 1 << b;
    if (weights[b + 32]! > 0) hi |= 1 << b;
  }
  return [lo >>> 0, hi >>> 0];
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function findDuplicates(texts: string[], maxDistance = 3): DuplicateReport {
  const exactOf = new Map<number, number>();
  const nearOf = new Map<number, number>();
  const firstByText = new Map<string, number>();
  const bands = [new Map<number, number[]>(), new Map<number, number[]>(), new Map<number, number[]>(), new Map<number, number[]>()];
  const hashes: [number, number][] = [];
  texts.forEach((text, i) => {
    const key = normalizeForDedupe(text);
    const first = firstByText.get(key);
    const hash = simhash(text);
    hashes.push(hash);
    if (first !== undefined) {
      exactOf.set(i, first);
      return;
    }
    firstByText.set(key, i);
    const keys = [hash[0] & 0xffff, hash[0] >>> 16, hash[1] & 0xffff, hash[1] >>> 16];
    let match: number | undefined;
    keys.forEach((k, b) => {
      const bucket = bands[b]!.get(k);
      if (match === undefined && bucket) {
        match = bucket.find((j) => popcount(hashes[j]![0] ^ hash[0]) + popcount(hashes[j]![1] ^ hash[1]) <= maxDistance);
      }
      if (bucket) bucket.push(i);
      else bands[b]!.set(k, [i]);
    });
    if (match !== undefined && key.split(' ').length >= 8) nearOf.set(i, match);
  });
  return { exactOf, nearOf };
}
