/** The benchmark's deterministic unit vectors, without Node imports (used in the browser page too). */
export function randomUnitVectorsBrowser(count: number, dims: number, seed: number): Float32Array {
  const out = new Float32Array(count * dims);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  for (let r = 0; r < count; r++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += out[r * dims + d]! ** 2;
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) out[r * dims + d]! *= inv;
  }
  return out;
}
