import { beforeAll, describe, expect, it } from 'vitest';
import { ExactIndex } from './exact-index';
import { MAX_VECTOR_DIMS } from './vector-index';
import { VoyIndex } from './voy-index';
import type { VoyModule } from './voy-module';
import { initVoyNode } from './voy-node';

let voy: VoyModule;
beforeAll(async () => {
  voy = await initVoyNode();
});

function randomVectors(n: number, dims: number, seed = 1): Float32Array[] {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: n }, () => Float32Array.from({ length: dims }, rand));
}

describe.each([
  ['voy', (dims: number) => new VoyIndex(voy, dims)],
  ['exact', (dims: number) => new ExactIndex(dims)],
] as const)('%s index', (_name, make) => {
  it('returns cosine scores and the same neighbours as brute force', () => {
    const vectors = randomVectors(300, 32);
    const index = make(32);
    index.add(vectors.map((vector, i) => ({ id: `v${i}`, vector })));
    const query = randomVectors(1, 32, 99)[0]!;
    const hits = index.search(query, 5);
    const norm = (v: Float32Array) => Math.hypot(...v);
    const brute = vectors
      .map((v, i) => ({ id: `v${i}`, score: v.reduce((s, x, j) => s + x * query[j]!, 0) / (norm(v) * norm(query)) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    expect(hits.map((h) => h.id)).toEqual(brute.map((b) => b.id));
    hits.forEach((h, i) => expect(h.score).toBeCloseTo(brute[i]!.score, 5));
  });

  it('survives 40 identical vectors and returns them all', () => {
    const index = make(16);
    const same = Float32Array.from({ length: 16 }, (_, i) => i + 1);
    index.add(Array.from({ length: 40 }, (_, i) => ({ id: `dup${i}`, vector: same })));
    index.add(randomVectors(20, 16).map((vector, i) => ({ id: `r${i}`, vector })));
    const hits = index.search(same, 45);
    expect(hits.filter((h) => h.id.startsWith('dup'))).toHaveLength(40);
    expect(hits[0]!.score).toBeCloseTo(1, 5);
  });

  it('rejects vectors over 768 dimensions and mixed dimensions with a clear message', () => {
    expect(() => make(MAX_VECTOR_DIMS + 1)).toThrow(/at most 768/);
    const index = make(8);
    expect(() => index.add([{ id: 'x', vector: new Float32Array(9).fill(1) }])).toThrow(/9 dimensions but this index holds 8/);
  });

  it('removes vectors', () => {
    const index = make(8);
    const vectors = randomVectors(10, 8);
    index.add(vectors.map((vector, i) => ({ id: `v${i}`, vector })));
    index.remove(['v3', 'v4']);
    expect(index.size).toBe(8);
    const hits = index.search(vectors[3]!, 10);
    expect(hits.map((h) => h.id)).not.toContain('v3');
    expect(hits).toHaveLength(8);
  });
});
