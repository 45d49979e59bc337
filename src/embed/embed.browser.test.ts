import { describe, expect, it } from 'vitest';
import { TEST_RUNTIME, TINY } from '../../test/browser-config';
import { startEmbedWorker } from './embed-client';

const texts = ['the cat sat on the mat', 'a cat on a mat', 'quantum chromodynamics lecture'];

function cosine(a: Float32Array, b: Float32Array): number {
  return a.reduce((s, v, i) => s + v * b[i]!, 0);
}

describe('embedding worker', () => {
  it('embeds on WebAssembly and on WebGPU with the same vectors', async () => {
    const wasm = startEmbedWorker();
    const gpu = startEmbedWorker();
    try {
      const wasmInfo = await wasm.call('load', { model: TINY.embedder, device: 'wasm', config: TEST_RUNTIME });
      const gpuInfo = await gpu.call('load', { model: TINY.embedder, device: 'webgpu', config: TEST_RUNTIME });
      expect(wasmInfo.device).toBe('wasm');
      expect(gpuInfo.device).toBe('webgpu');
      expect(gpuInfo.deviceReason).toMatch(/passed the self-test/);
      expect(wasmInfo.dims).toBe(32);

      const a = await wasm.call('embed', { texts, kind: 'passage' });
      const b = await gpu.call('embed', { texts, kind: 'passage' });
      expect(a.vectors.length).toBe(3 * 32);
      let maxDiff = 0;
      a.vectors.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - b.vectors[i]!))));
      expect(maxDiff).toBeLessThan(1e-4);

      const row = (i: number) => a.vectors.subarray(i * 32, (i + 1) * 32);
      expect(cosine(row(0), row(0))).toBeCloseTo(1, 4);
      expect(cosine(row(0), row(1))).toBeGreaterThan(cosine(row(0), row(2)) + 0.2);
    } finally {
      wasm.terminate();
      gpu.terminate();
    }
  });
});
