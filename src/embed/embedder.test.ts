import { resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { findModel } from '../models/catalog';
import { Embedder } from './embedder';

// The generated tiny embedder (npm run test:models), on onnxruntime-node.
beforeAll(() => {
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = `${resolve('test/models-tiny')}/`;
});

const texts = ['a cat', 'the cat sat on the mat while the dog slept by the door and the bird sang', 'a cat', 'quantum chromodynamics', 'the mat'];

describe('embedder batching and cache', () => {
  it('returns the same vectors, in order, whatever the batching, and computes each distinct text once', async () => {
    const embedder = await Embedder.load(findModel('offline-rag-lab/tiny-embedder'), { device: 'cpu' });
    const dims = embedder.dims;
    const batched = await embedder.embed(texts, 'passage', { batchTokens: 16 });
    expect(embedder.reusedVectors).toBe(1);
    const fresh = await Embedder.load(findModel('offline-rag-lab/tiny-embedder'), { device: 'cpu' });
    for (let i = 0; i < texts.length; i++) {
      const alone = await fresh.embed([texts[i]!], 'passage');
      const row = batched.subarray(i * dims, (i + 1) * dims);
      expect(Math.max(...alone.map((v, d) => Math.abs(v - row[d]!)))).toBeLessThan(1e-5);
    }

    const progress: number[] = [];
    const again = await embedder.embed(texts, 'passage', { onBatch: (done) => progress.push(done) });
    expect(embedder.reusedVectors).toBe(1 + texts.length);
    expect(again).toEqual(batched);
    expect(progress).toEqual([texts.length]);
    // A query is embedded as a query, never served from a passage's vector.
    await embedder.embed(['a cat'], 'query');
    expect(embedder.reusedVectors).toBe(1 + texts.length);
  });
});
