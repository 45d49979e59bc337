import { describe, expect, it } from 'vitest';
import type { DeviceReport } from '../models/device';
import { shownDevice } from './DevicePanel';

const software: DeviceReport = { device: 'wasm', reason: 'The only WebGPU adapter is a software one (google swiftshader), far slower than WebAssembly, so WebAssembly is used.', adapter: null, selfTestMaxDiff: null };
const gpu: DeviceReport = { device: 'webgpu', reason: 'WebGPU adapter (nvidia hopper) passed the self-test.', adapter: null, selfTestMaxDiff: 0 };

describe('the device the header shows', () => {
  it('is the automatic choice, with its reason, when settings leave it to "Auto"', () => {
    expect(shownDevice(software, 'auto')).toEqual({ device: 'wasm', reason: software.reason });
  });
  it('is the device chosen in settings, not the automatic one, and the reason says what "Auto" would use', () => {
    expect(shownDevice(gpu, 'wasm')).toEqual({ device: 'wasm', reason: `WebAssembly was chosen in settings; "Auto" would use WebGPU: ${gpu.reason}` });
    expect(shownDevice(software, 'webgpu').device).toBe('webgpu');
  });
  it('says it was chosen in settings when the choice agrees with "Auto"', () => {
    expect(shownDevice(software, 'wasm').reason).toMatch(/^WebAssembly was chosen in settings\. The only WebGPU adapter/);
  });
});
