import { describe, expect, it } from 'vitest';
import { STANDIN_RUNTIME } from '../../test/browser-config';
import { startEmbedWorker } from '../embed/embed-client';
import { startRerankWorker } from '../retrieve/rerank-client';

const BGE = 'Xenova/bge-small-en-v1.5';

describe('stand-ins of the catalog models on WebAssembly', () => {
  it('load the q8 and q4 (MatMulNBits) embedder through the embedding worker', async () => {
    for (const dtype of ['q8', 'q4'] as const) {
      const worker = startEmbedWorker();
      try {
        const info = await worker.call('load', { model: BGE, device: 'wasm', config: STANDIN_RUNTIME, ...(dtype === 'q4' ? { dtype } : {}) });
        expect(info.dtype).toBe(dtype);
        expect(info.dims).toBe(384);
        const { vectors } = await worker.call('embed', { texts: ['a short passage', 'another, somewhat longer passage of text'], kind: 'passage' });
        expect(vectors.length).toBe(2 * 384);
        expect(vectors.every(Number.isFinite)).toBe(true);
      } finally {
        worker.terminate();
      }
    }
  });

  it('load the q8 cross-encoder through the reranking worker', async () => {
    const worker = startRerankWorker();
    try {
      const info = await worker.call('load', { model: 'Xenova/ms-marco-MiniLM-L-6-v2', device: 'wasm', config: STANDIN_RUNTIME });
      expect(info.dtype).toBe('q8');
      expect(await worker.call('score', { query: 'q', passages: ['one', 'two', 'three'] })).toHaveLength(3);
    } finally {
      worker.terminate();
    }
  });
});
