import { describe, expect, it } from 'vitest';
import { TEST_RUNTIME, TINY } from '../../test/browser-config';
import { startEmbedWorker } from '../embed/embed-client';
import { selectDevice } from './device';

describe('device choice', () => {
  // The test browser's only WebGPU adapter is SwiftShader, a software one.
  it('does not choose a software WebGPU adapter by itself, and still uses it when asked', async () => {
    const auto = await selectDevice('auto');
    expect(auto.adapter?.isFallbackAdapter).toBe(true);
    expect(auto.device).toBe('wasm');
    expect(auto.reason).toMatch(/software one .* so WebAssembly is used/);
    expect((await selectDevice('webgpu')).device).toBe('webgpu');

    const worker = startEmbedWorker();
    try {
      const info = await worker.call('load', { model: TINY.embedder, device: 'auto', config: TEST_RUNTIME });
      expect(info.device).toBe('wasm');
      expect(info.threads).toBe(1);
      const forced = await worker.call('load', { model: TINY.embedder, device: 'webgpu', config: TEST_RUNTIME });
      expect(forced.device).toBe('webgpu');
      expect(forced.deviceReason).toMatch(/software adapter, passed the self-test/);
    } finally {
      worker.terminate();
    }
  });
});
