import { expect, it } from 'vitest';
import { COMPRESSED_FROM, ExactIndex } from './exact-index';
import { Int8RowStore } from './int8-scan';
import { randomUnitVectorsBrowser as unitRows } from '../../scripts/bench/vectors';


it('int8 scores are within rounding of float32 dot products, with SIMD and without', () => {
  for (const dims of [384, 36]) {
    const rows = 40;
    const data = unitRows(rows, dims, 3);
    const store = new Int8RowStore(dims, 4);
    store.ensure(rows, 0);
    for (let r = 0; r < rows; r++) store.set(r, data.subarray(r * dims, (r + 1) * dims));
    const query = unitRows(1, dims, 9);
    const scores = store.scoreAll(query, rows);
    for (let r = 0; r < rows; r++) {
      let exact = 0;
      for (let d = 0; d < dims; d++) exact += query[d]! * data[r * dims + d]!;
      expect(Math.abs(scores[r]! - exact)).toBeLessThan(0.01);
    }
    expect(store.accelerated).toBe(dims % 16 === 0);
  }
});

it('the compressed scan with a full-precision re-score keeps recall@10 ≥ 0.99 against the exact scan', () => {
  const dims = 384;
  const count = COMPRESSED_FROM + 5_000;
  const data = unitRows(count, dims, 7);
  const index = new ExactIndex(dims, count);
  index.add(Array.from({ length: count }, (_, i) => ({ id: `c${i}`, vector: data.subarray(i * dims, (i + 1) * dims) })));
  index.remove(['c5', 'c77']); // removal moves rows in both copies
  const queries = unitRows(50, dims, 11);
  let found = 0;
  for (let q = 0; q < 50; q++) {
    const query = queries.subarray(q * dims, (q + 1) * dims);
    const exact = new Set(index.search(query, 10, true).map((h) => h.id));
    const fast = index.search(query, 10);
    found += fast.filter((h) => exact.has(h.id)).length;
    // Scores of the fast path are the float32 ones.
    const check = index.search(query, 10, true);
    if (fast[0]!.id === check[0]!.id) expect(fast[0]!.score).toBeCloseTo(check[0]!.score, 6);
  }
  expect(found / 500).toBeGreaterThanOrEqual(0.99);
});
