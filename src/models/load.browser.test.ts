import { describe, expect, it } from 'vitest';
import { TEST_RUNTIME, TINY } from '../../test/browser-config';
import { startEmbedWorker } from '../embed/embed-client';
import { startRerankWorker } from '../retrieve/rerank-client';
import { filesAllIn, type LoadProgress } from './progress';

describe('model loading in a worker', () => {
  it('reports combined download progress per file and in total', async () => {
    const worker = startEmbedWorker();
    try {
      const seen: LoadProgress[] = [];
      await worker.call('load', { model: TINY.embedder, device: 'wasm', config: TEST_RUNTIME }, { onProgress: (p) => seen.push(p) });
      const last = seen.at(-1)!;
      expect(last.files.map((f) => f.file)).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'onnx/model.onnx']));
      const weights = last.files.find((f) => f.file === 'onnx/model.onnx')!;
      expect(weights.total).toBeGreaterThan(3_000_000);
      expect(last.total).toBeGreaterThanOrEqual(weights.total);
      expect(seen.some((p) => p.fraction !== null && p.fraction < 1)).toBe(true);
      // Then every file is in while ONNX Runtime builds the session: the page's bar says "preparing".
      expect(filesAllIn(last)).toBe(true);
      expect(seen.filter((p) => !filesAllIn(p)).length).toBeGreaterThan(0);
    } finally {
      worker.terminate();
    }
  });

  it('fails with a clear message when the weights file is missing', async () => {
    const worker = startEmbedWorker();
    try {
      const error = await worker
        .call('load', { model: 'offline-rag-lab/tiny-embedder-missing-weights', device: 'wasm', config: TEST_RUNTIME })
        .catch((e: Error & { kind?: string }) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as { kind?: string }).kind).toBe('missing');
      expect((error as Error).message).toMatch(/tiny-embedder-missing-weights.*onnx\/model\.onnx is missing/);
      expect((error as Error).message).toMatch(/npm run models/);
    } finally {
      worker.terminate();
    }
  });

  it('fails with a clear message when the weights file is corrupt', async () => {
    const worker = startEmbedWorker();
    try {
      const error = await worker
        .call('load', { model: 'offline-rag-lab/tiny-embedder-corrupt-weights', device: 'wasm', config: TEST_RUNTIME })
        .catch((e: Error) => e);
      expect((error as { kind?: string }).kind).toBe('corrupt');
      expect((error as Error).message).toMatch(/onnx\/model\.onnx is corrupt or incomplete/);
    } finally {
      worker.terminate();
    }
  });

  it('reranks with the cross-encoder worker', async () => {
    const worker = startRerankWorker();
    try {
      await worker.call('load', { model: TINY.reranker, device: 'wasm', config: TEST_RUNTIME });
      const scores = await worker.call('score', {
        query: 'where did the cat sit',
        passages: ['quantum chromodynamics lecture notes', 'the cat sat on the mat'],
      });
      expect(scores).toHaveLength(2);
      expect(scores[1]!).toBeGreaterThan(scores[0]!);
    } finally {
      worker.terminate();
    }
  });
});
