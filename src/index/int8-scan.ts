/**
 * An int8 copy of the rows for a fast first pass at large sizes: a quarter of float32's memory
 * traffic, scanned with WebAssembly SIMD integer dot products. Each row keeps its own scale
 * (largest component / 127), so a score is exact up to rounding; callers re-score the best
 * candidates in full precision.
 */
import { align, module } from './dot-scan';

const PAGE = 65536;
const QUERY_OFFSET = 0;

export class Int8RowStore {
  private scan: ((q: number, data: number, rows: number, dims: number, out: number) => void) | null = null;
  private memory: WebAssembly.Memory | null = null;
  private rows: Int8Array;
  private query: Int8Array;
  private sums: Int32Array;
  private scales: Float32Array;
  private scores: Float32Array;
  private capacity = 0;
  private dataOffset = 0;
  private outOffset = 0;

  constructor(readonly dims: number, capacity: number) {
    const wasm = dims % 16 === 0 ? module() : null;
    if (wasm) {
      const exports = new WebAssembly.Instance(wasm, { env: {} }).exports as { memory: WebAssembly.Memory; scores_i8: Int8RowStore['scan'] };
      this.memory = exports.memory;
      this.scan = exports.scores_i8;
    }
    this.rows = new Int8Array(0);
    this.query = new Int8Array(dims);
    this.sums = new Int32Array(0);
    this.scales = new Float32Array(0);
    this.scores = new Float32Array(0);
    this.layout(Math.max(16, capacity), 0);
  }

  get accelerated(): boolean {
    return this.scan !== null;
  }

  ensure(rows: number, usedRows: number): void {
    if (rows > this.capacity) this.layout(Math.max(rows, this.capacity * 2), usedRows);
  }

  set(row: number, unit: Float32Array): void {
    this.scales[row] = quantize(unit, this.rows.subarray(row * this.dims, (row + 1) * this.dims));
  }

  move(from: number, to: number): void {
    this.rows.copyWithin(to * this.dims, from * this.dims, (from + 1) * this.dims);
    this.scales[to] = this.scales[from]!;
  }

  /** Approximate scores of a unit query against rows [0, rows): a view, valid until the next call. */
  scoreAll(query: Float32Array, rows: number): Float32Array {
    const queryScale = quantize(query, this.query);
    if (this.scan) {
      this.scan(QUERY_OFFSET, this.dataOffset, rows, this.dims, this.outOffset);
    } else {
      for (let r = 0; r < rows; r++) {
        let sum = 0;
        const base = r * this.dims;
        for (let d = 0; d < this.dims; d++) sum += this.query[d]! * this.rows[base + d]!;
        this.sums[r] = sum;
      }
    }
    for (let r = 0; r < rows; r++) this.scores[r] = this.sums[r]! * queryScale * this.scales[r]!;
    return this.scores.subarray(0, rows);
  }

  private layout(capacity: number, usedRows: number): void {
    const oldRows = this.rows.slice(0, usedRows * this.dims);
    const oldScales = this.scales.slice(0, usedRows);
    this.capacity = capacity;
    if (this.memory) {
      // [query: dims bytes][sums: capacity int32][rows: capacity × dims bytes]
      this.outOffset = align(QUERY_OFFSET + this.dims);
      this.dataOffset = align(this.outOffset + capacity * 4);
      const needed = this.dataOffset + capacity * this.dims;
      const have = this.memory.buffer.byteLength;
      if (needed > have) this.memory.grow(Math.ceil((needed - have) / PAGE));
      this.query = new Int8Array(this.memory.buffer, QUERY_OFFSET, this.dims);
      this.sums = new Int32Array(this.memory.buffer, this.outOffset, capacity);
      this.rows = new Int8Array(this.memory.buffer, this.dataOffset, capacity * this.dims);
    } else {
      this.sums = new Int32Array(capacity);
      this.rows = new Int8Array(capacity * this.dims);
    }
    this.rows.set(oldRows);
    this.scales = new Float32Array(capacity);
    this.scales.set(oldScales);
    this.scores = new Float32Array(capacity);
  }
}

/** Writes round(v / scale) into out and returns the scale (largest magnitude / 127). */
function quantize(vector: Float32Array, out: Int8Array): number {
  let max = 0;
  for (let i = 0; i < vector.length; i++) max = Math.max(max, Math.abs(vector[i]!));
  const scale = max > 0 ? max / 127 : 1;
  for (let i = 0; i < vector.length; i++) out[i] = Math.round(vector[i]! / scale);
  return scale;
}
