/**
 * Scores one query against every stored row with WebAssembly SIMD (four float lanes per
 * instruction), about four times faster than a JavaScript loop, and exact. Rows live in the
 * module's own memory so no copy is made per search. Falls back to JavaScript where WebAssembly
 * SIMD is missing or the dimension is not a multiple of 4.
 */
import { DOT_SCAN_WASM_BASE64 } from './dot-scan-wasm';
import { dot } from './vector-math';

const QUERY_OFFSET = 0;
const PAGE = 65536;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled scan module (float32 and int8 scans), or null where WebAssembly SIMD is missing. */
export function module(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = Uint8Array.from(atob(DOT_SCAN_WASM_BASE64), (c) => c.charCodeAt(0));
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Growable row storage with a `scores` scan. */
export class RowStore {
  private memory: WebAssembly.Memory | null = null;
  private scan: ((q: number, data: number, rows: number, dims: number, out: number) => void) | null = null;
  private buffer: Float32Array;
  private scores: Float32Array;
  private capacity: number;
  private dataOffset = 0;
  private outOffset = 0;

  constructor(
    readonly dims: number,
    capacity: number,
  ) {
    this.capacity = Math.max(16, capacity);
    const wasm = dims % 4 === 0 ? module() : null;
    if (wasm) {
      this.memory = new WebAssembly.Memory({ initial: 1 });
      const instance = new WebAssembly.Instance(wasm, { env: {} });
      const exports = instance.exports as { memory: WebAssembly.Memory; scores: RowStore['scan'] };
      this.memory = exports.memory;
      this.scan = exports.scores;
    }
    this.buffer = new Float32Array(0);
    this.scores = new Float32Array(0);
    this.layout(this.capacity, 0);
  }

  get accelerated(): boolean {
    return this.scan !== null;
  }

  /** The stored rows (a view: valid until the next growth). */
  get data(): Float32Array {
    return this.buffer;
  }

  ensure(rows: number, usedRows: number): void {
    if (rows <= this.capacity) return;
    this.layout(Math.max(rows, this.capacity * 2), usedRows);
  }

  /** Scores of the query against rows [0, rows). The result is a view, valid until the next call. */
  scoreAll(query: Float32Array, rows: number): Float32Array {
    if (this.scan && this.memory) {
      new Float32Array(this.memory.buffer, QUERY_OFFSET, this.dims).set(query);
      this.scan(QUERY_OFFSET, this.dataOffset, rows, this.dims, this.outOffset);
      return new Float32Array(this.memory.buffer, this.outOffset, rows);
    }
    for (let r = 0; r < rows; r++) this.scores[r] = dot(query, this.buffer, r * this.dims);
    return this.scores.subarray(0, rows);
  }

  private layout(capacity: number, usedRows: number): void {
    const old = this.buffer.slice(0, usedRows * this.dims);
    this.capacity = capacity;
    if (this.memory) {
      // [query: dims floats][scores: capacity floats][rows: capacity × dims floats]
      this.outOffset = align(QUERY_OFFSET + this.dims * 4);
      this.dataOffset = align(this.outOffset + capacity * 4);
      const needed = this.dataOffset + capacity * this.dims * 4;
      const have = this.memory.buffer.byteLength;
      if (needed > have) this.memory.grow(Math.ceil((needed - have) / PAGE));
      this.buffer = new Float32Array(this.memory.buffer, this.dataOffset, capacity * this.dims);
    } else {
      this.buffer = new Float32Array(capacity * this.dims);
      this.scores = new Float32Array(capacity);
    }
    this.buffer.set(old);
  }
}

export function align(offset: number): number {
  return Math.ceil(offset / 16) * 16;
}
