/**
 * Finds exact and near-duplicate chunks. Exact: same text after case and whitespace folding.
 * Near: Jaccard similarity of word-bigram sets ≥ 0.75, found with MinHash banding (32 hashes,
 * 8 bands of 4) and confirmed exactly, so there are no false positives. Duplicates skew retrieval
 * (the same passage fills the top k) and identical vectors crash voy, so the lab counts and shows
 * them and never inserts identical vectors twice.
 */
export interface DuplicateReport {
  /** index → index of the first chunk with the same text. */
  exactOf: Map<number, number>;
  /** index → index of an earlier chunk that is nearly the same (not counted as exact). */
  nearOf: Map<number, number>;
}

export const NEAR_DUPLICATE_JACCARD = 0.75;
const HASHES = 32;
const ROWS = 4;

export function normalizeForDedupe(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashed word pairs of a normalized text: what near-duplicate detection compares. */
export function shingles(normalized: string): Set<number> {
  const words = normalized.replace(/[^\p{L}\p{N} ]/gu, '').split(' ').filter(Boolean);
  const out = new Set<number>();
  if (words.length === 1) out.add(fnv1a(words[0]!));
  for (let i = 0; i + 1 < words.length; i++) out.add(fnv1a(`${words[i]} ${words[i + 1]}`));
  return out;
}

// Fixed odd multipliers and offsets: a family of cheap universal hashes for MinHash.
const MULTIPLIERS = Array.from({ length: HASHES }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0);
const OFFSETS = Array.from({ length: HASHES }, (_, i) => Math.imul(i + 7, 0x85ebca6b) >>> 0);

function minhash(set: Set<number>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const h of set) {
    for (let k = 0; k < HASHES; k++) {
      const v = (Math.imul(h ^ OFFSETS[k]!, MULTIPLIERS[k]!) ^ (h >>> 15)) >>> 0;
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export function findDuplicates(texts: string[], threshold = NEAR_DUPLICATE_JACCARD): DuplicateReport {
  const exactOf = new Map<number, number>();
  const nearOf = new Map<number, number>();
  const firstByText = new Map<string, number>();
  const sets: Set<number>[] = [];
  const bands = new Map<string, number[]>();
  texts.forEach((text, i) => {
    const key = normalizeForDedupe(text);
    const set = shingles(key);
    sets.push(set);
    const first = firstByText.get(key);
    if (first !== undefined) {
      exactOf.set(i, first);
      return;
    }
    firstByText.set(key, i);
    if (set.size < 4) return; // too short for "nearly the same" to mean anything
    const sig = minhash(set);
    let match: number | undefined;
    for (let b = 0; b < HASHES / ROWS; b++) {
      const bandKey = `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`;
      const bucket = bands.get(bandKey);
      if (match === undefined && bucket) match = bucket.find((j) => jaccard(sets[j]!, set) >= threshold);
      if (bucket) bucket.push(i);
      else bands.set(bandKey, [i]);
    }
    if (match !== undefined) nearOf.set(i, match);
  });
  return { exactOf, nearOf };
}
