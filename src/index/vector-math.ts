/** Small vector helpers shared by the indexes: everything is unit length, so cosine is a dot product. */
export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  const out = new Float32Array(vector.length);
  if (norm === 0) return out;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! * inv;
  return out;
}

export function dot(a: Float32Array, b: Float32Array, bOffset = 0): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  let i = 0;
  // Four accumulators let V8 keep several multiplies in flight.
  for (; i + 3 < n; i += 4) {
    s0 += a[i]! * b[bOffset + i]!;
    s1 += a[i + 1]! * b[bOffset + i + 1]!;
    s2 += a[i + 2]! * b[bOffset + i + 2]!;
    s3 += a[i + 3]! * b[bOffset + i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * b[bOffset + i]!;
  return s0 + s1 + s2 + s3;
}

/** A hash of the exact float bits, to find identical vectors. */
export function vectorKey(vector: Float32Array): string {
  const words = new Uint32Array(vector.buffer, vector.byteOffset, vector.length);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < words.length; i++) {
    h1 = Math.imul(h1 ^ words[i]!, 0x01000193);
    h2 = Math.imul(h2 ^ words[i]!, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}.${vector.length}`;
}

export function sameVector(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Keeps the k best (highest score) items seen; O(n log k). */
export class TopK<T> {
  private items: { score: number; value: T }[] = [];

  constructor(private readonly k: number) {}

  get worst(): number {
    return this.items.length < this.k ? -Infinity : this.items[0]!.score;
  }

  push(score: number, value: T): void {
    if (this.k <= 0) return;
    if (this.items.length < this.k) {
      this.items.push({ score, value });
      this.siftUp(this.items.length - 1);
    } else if (score > this.items[0]!.score) {
      this.items[0] = { score, value };
      this.siftDown(0);
    }
  }

  /** Best first. */
  result(): { score: number; value: T }[] {
    return [...this.items].sort((a, b) => b.score - a.score);
  }

  private siftUp(i: number): void {
    const h = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.score <= h[i]!.score) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private siftDown(i: number): void {
    const h = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]!.score < h[m]!.score) m = l;
      if (r < h.length && h[r]!.score < h[m]!.score) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
}
