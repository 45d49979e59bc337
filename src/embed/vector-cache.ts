/**
 * Vectors already computed, keyed by the text's SHA-256, the model and its precision: duplicate
 * chunks and re-indexing (unchanged chunks under new settings, a re-added file) cost nothing. Kept
 * in the embedding worker's memory, least recently used out first.
 */
export class VectorCache {
  private entries = new Map<string, Float32Array>();

  constructor(private readonly capacity = 20_000) {}

  static async key(model: string, dtype: string, kind: string, text: string): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    let hex = '';
    for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
    return `${model}|${dtype}|${kind}|${hex}`;
  }

  get(key: string): Float32Array | undefined {
    const vector = this.entries.get(key);
    if (vector) {
      this.entries.delete(key);
      this.entries.set(key, vector);
    }
    return vector;
  }

  set(key: string, vector: Float32Array): void {
    this.entries.delete(key);
    this.entries.set(key, vector);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
