import { expect, it } from 'vitest';
import { compileDotScan } from '../../scripts/wasm/compile-dot-scan';
import { RowStore } from './dot-scan';
import { DOT_SCAN_WASM_BASE64 } from './dot-scan-wasm';

it('the embedded SIMD module matches its WAT source', async () => {
  expect(DOT_SCAN_WASM_BASE64).toBe(Buffer.from(await compileDotScan()).toString('base64'));
});

it('scores match plain dot products, across growth, for SIMD and fallback dimensions', () => {
  for (const dims of [384, 36, 7]) {
    const store = new RowStore(dims, 4);
    const rows = 50;
    store.ensure(rows, 0);
    const data = Float32Array.from({ length: rows * dims }, (_, i) => Math.sin(i));
    store.data.set(data);
    store.ensure(200, rows); // growth must keep the rows
    const query = Float32Array.from({ length: dims }, (_, i) => Math.cos(i));
    const scores = store.scoreAll(query, rows);
    for (let r = 0; r < rows; r++) {
      let expected = 0;
      for (let d = 0; d < dims; d++) expected += query[d]! * data[r * dims + d]!;
      expect(scores[r]).toBeCloseTo(expected, 3);
    }
    expect(store.accelerated).toBe(dims % 4 === 0);
  }
});
