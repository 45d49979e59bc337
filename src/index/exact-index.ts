/**
 * Exact nearest neighbours by scanning every stored row (WebAssembly SIMD where available): the
 * reference for recall and, at the lab's sizes (≤ 50k chunks), faster than voy's k-d tree, whose
 * 768-dimension padding makes it no better than a scan. Removal swaps the last row into the hole.
 */
import { RowStore } from './dot-scan';
import { checkDims, type VectorHit, type VectorIndex } from './vector-index';
import { Int8RowStore } from './int8-scan';
import { dot, normalize, TopK } from './vector-math';

/** Rows from which search scans the int8 copy first (below, float32 is fast enough and simplest). */
export const COMPRESSED_FROM = 20_000;
/** Candidates re-scored in float32: k × this, and at least MIN_RESCORE. */
const RESCORE_FACTOR = 4;
const MIN_RESCORE = 64;

export class ExactIndex implements VectorIndex {
  readonly kind = 'exact';
  private rows: RowStore;
  private compressed: Int8RowStore;
  private ids: string[] = [];
  private rowOf = new Map<string, number>();

  constructor(readonly dims: number, capacity = 1024) {
    checkDims(dims, dims, 'The index');
    this.rows = new RowStore(dims, capacity);
    this.compressed = new Int8RowStore(dims, capacity);
  }

  /** Whether the WebAssembly SIMD scan is in use. */
  get accelerated(): boolean {
    return this.rows.accelerated;
  }

  get size(): number {
    return this.ids.length;
  }

  add(items: { id: string; vector: Float32Array }[]): void {
    for (const { id, vector } of items) {
      checkDims(this.dims, vector.length, `Vector "${id}"`);
      const unit = normalize(vector);
      const existing = this.rowOf.get(id);
      const row = existing ?? this.ids.length;
      if (existing === undefined) {
        this.rows.ensure(row + 1, this.ids.length);
        this.compressed.ensure(row + 1, this.ids.length);
        this.ids.push(id);
        this.rowOf.set(id, row);
      }
      this.rows.data.set(unit, row * this.dims);
      this.compressed.set(row, unit);
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      const row = this.rowOf.get(id);
      if (row === undefined) continue;
      const last = this.ids.length - 1;
      if (row !== last) {
        this.rows.data.copyWithin(row * this.dims, last * this.dims, (last + 1) * this.dims);
        this.compressed.move(last, row);
        const moved = this.ids[last]!;
        this.ids[row] = moved;
        this.rowOf.set(moved, row);
      }
      this.ids.pop();
      this.rowOf.delete(id);
    }
  }

  /**
   * From COMPRESSED_FROM rows up, a first pass over the int8 copy picks candidates and only those
   * are scored in full precision; below, or with `exact`, every row is scored in float32.
   */
  search(query: Float32Array, k: number, exact = false): VectorHit[] {
    checkDims(this.dims, query.length, 'The query vector');
    const unit = normalize(query);
    if (exact || this.ids.length < COMPRESSED_FROM) return this.top(this.rows.scoreAll(unit, this.ids.length), k);
    const candidates = this.top(this.compressed.scoreAll(unit, this.ids.length), Math.max(k * RESCORE_FACTOR, MIN_RESCORE));
    const top = new TopK<string>(k);
    for (const { id } of candidates) top.push(dot(unit, this.rows.data, this.rowOf.get(id)! * this.dims), id);
    return top.result().map(({ score, value }) => ({ id: value, score }));
  }

  private top(scores: Float32Array, k: number): VectorHit[] {
    const top = new TopK<number>(k);
    for (let row = 0; row < scores.length; row++) {
      const score = scores[row]!;
      if (score > top.worst) top.push(score, row);
    }
    return top.result().map(({ score, value }) => ({ id: this.ids[value]!, score }));
  }

  /** The stored unit vector of an id (a view, do not modify). */
  vectorOf(id: string): Float32Array | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.rows.data.subarray(row * this.dims, (row + 1) * this.dims);
  }

  clear(): void {
    this.ids = [];
    this.rowOf.clear();
  }
}
