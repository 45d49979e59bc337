import { expect, it } from 'vitest';
import { probeGraph } from '../../scripts/tiny-models/probe';
import { WEBGPU_PROBE_MODEL_BASE64 } from './webgpu-probe-model';

it('the inline WebGPU self-test model matches its generator', () => {
  expect(WEBGPU_PROBE_MODEL_BASE64).toBe(Buffer.from(probeGraph()).toString('base64'));
});
