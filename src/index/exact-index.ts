/**
 * Exact nearest neighbours by scanning one contiguous Float32Array: the reference for recall and,
 * at the lab's sizes (≤ 50k chunks), the fastest option. Removal swaps the last row into the hole.
 */
import { checkDims, type VectorHit, type VectorIndex } from './vector-index';
import { dot, normalize, TopK } from './vector-math';

export class ExactIndex implements VectorIndex {
  readonly kind = 'exact';
  private data: Float32Array;
  private ids: string[] = [];
  private rowOf = new Map<string, number>();

  constructor(readonly dims: number, capacity = 1024) {
    checkDims(dims, dims, 'The index');
    this.data = new Float32Array(capacity * dims);
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
        this.grow(row + 1);
        this.ids.push(id);
        this.rowOf.set(id, row);
      }
      this.data.set(unit, row * this.dims);
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      const row = this.rowOf.get(id);
      if (row === undefined) continue;
      const last = this.ids.length - 1;
      if (row !== last) {
        this.data.copyWithin(row * this.dims, last * this.dims, (last + 1) * this.dims);
        const moved = this.ids[last]!;
        this.ids[row] = moved;
        this.rowOf.set(moved, row);
      }
      this.ids.pop();
      this.rowOf.delete(id);
    }
  }

  search(query: Float32Array, k: number): VectorHit[] {
    checkDims(this.dims, query.length, 'The query vector');
    const q = normalize(query);
    const top = new TopK<number>(k);
    for (let row = 0; row < this.ids.length; row++) {
      const score = dot(q, this.data, row * this.dims);
      if (score > top.worst) top.push(score, row);
    }
    return top.result().map(({ score, value }) => ({ id: this.ids[value]!, score }));
  }

  /** The stored unit vector of an id (a view, do not modify). */
  vectorOf(id: string): Float32Array | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.data.subarray(row * this.dims, (row + 1) * this.dims);
  }

  clear(): void {
    this.ids = [];
    this.rowOf.clear();
  }

  private grow(rows: number): void {
    if (rows * this.dims <= this.data.length) return;
    const next = new Float32Array(Math.max(rows, (this.data.length / this.dims) * 2) * this.dims);
    next.set(this.data);
    this.data = next;
  }
}
