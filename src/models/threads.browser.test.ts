import { describe, expect, it } from 'vitest';
import { STANDIN_RUNTIME } from '../../test/browser-config';
import { startEmbedWorker } from '../embed/embed-client';
import { wasmThreads } from './runtime-config';

const BGE = 'Xenova/bge-small-en-v1.5';
const texts = [
  'Workshops have bad Wi-Fi, so the lab keeps every model in the browser.',
  'ONNX Runtime splits the matrix products of one run across its threads.',
  'a short one',
];

describe('ONNX Runtime threads on WebAssembly', () => {
  it('the test page is cross-origin isolated, so a model worker gets more than one thread by default', () => {
    expect(globalThis.crossOriginIsolated).toBe(true);
    expect(navigator.hardwareConcurrency).toBeGreaterThanOrEqual(2);
    expect(wasmThreads({})).toBeGreaterThanOrEqual(2);
    expect(wasmThreads({ threads: 1 })).toBe(1);
    expect(wasmThreads({ threads: 64 })).toBe(navigator.hardwareConcurrency);
  });

  it('one thread and several give the same vectors (384-d stand-in of the default embedder)', async () => {
    const single = startEmbedWorker();
    const multi = startEmbedWorker();
    try {
      const one = await single.call('load', { model: BGE, device: 'wasm', config: { ...STANDIN_RUNTIME, threads: 1 } });
      const many = await multi.call('load', { model: BGE, device: 'wasm', config: { ...STANDIN_RUNTIME, threads: 2 } });
      expect(one.threads).toBe(1);
      expect(many.threads).toBe(2);
      const a = await single.call('embed', { texts, kind: 'passage' });
      const b = await multi.call('embed', { texts, kind: 'passage' });
      expect(b.vectors.length).toBe(a.vectors.length);
      // Threads split the sums differently, so the last bits may differ; nothing more.
      let maxDiff = 0;
      a.vectors.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - b.vectors[i]!))));
      expect(maxDiff).toBeLessThan(1e-5);
    } finally {
      single.terminate();
      multi.terminate();
    }
  });
});
