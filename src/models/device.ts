/**
 * Picks WebGPU only when it exists AND computes what WebAssembly computes: some adapters (old
 * drivers, software fallbacks) expose WebGPU yet return wrong numbers. The self-test runs a 16×16
 * layer on both execution providers and compares.
 */
import * as ort from 'onnxruntime-web/webgpu';
import type { Device } from './catalog';
import { WEBGPU_PROBE_MODEL_BASE64 } from './webgpu-probe-model';

export type DevicePreference = 'auto' | Device;

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  /** A software rasterizer (SwiftShader and the like): it works, but far slower than WebAssembly. */
  isFallbackAdapter: boolean;
  /** WebGPU can run f16 shaders; without it no f16 precision (q4f16, fp16) is used. */
  shaderF16: boolean;
}

export interface DeviceReport {
  device: Device;
  /** Why this device was chosen, in words a person can act on. */
  reason: string;
  adapter: AdapterInfo | null;
  /** Largest absolute difference WebGPU vs WASM in the self-test, when it ran. */
  selfTestMaxDiff: number | null;
}

const TOLERANCE = 1e-3;

interface GpuLike {
  requestAdapter(): Promise<{
    info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
    isFallbackAdapter?: boolean;
    features?: { has(name: string): boolean };
  } | null>;
}

export async function webGpuAdapter(): Promise<AdapterInfo | 'none'> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return 'none';
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'none';
    const architecture = adapter.info?.architecture ?? 'unknown';
    return {
      vendor: adapter.info?.vendor ?? 'unknown',
      architecture,
      // Older browsers put the flag on the adapter, newer ones on its info.
      isFallbackAdapter: adapter.info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true || /swiftshader/i.test(architecture),
      shaderF16: adapter.features?.has('shader-f16') ?? false,
    };
  } catch {
    return 'none';
  }
}

async function runProbe(executionProvider: Device): Promise<Float32Array> {
  const bytes = Uint8Array.from(atob(WEBGPU_PROBE_MODEL_BASE64), (c) => c.charCodeAt(0));
  const session = await ort.InferenceSession.create(bytes, { executionProviders: [executionProvider] });
  try {
    const x = new ort.Tensor('float32', Float32Array.from({ length: 16 }, (_, i) => Math.sin(i + 1)), [1, 16]);
    const out = await session.run({ x });
    return (out.y!.data as Float32Array).slice();
  } finally {
    await session.release();
  }
}

let cached: Promise<DeviceReport> | null = null;

/**
 * Selects the device for model workers. The result is cached per realm (page or worker). "Auto"
 * never picks a software adapter: on SwiftShader a 1,302-token prompt took 37 s against 1 s on
 * WebAssembly. Asking for WebGPU still uses one, when its self-test passes.
 */
export function selectDevice(preference: DevicePreference = 'auto'): Promise<DeviceReport> {
  if (preference === 'wasm') {
    return Promise.resolve({ device: 'wasm', reason: 'WebAssembly was chosen in settings.', adapter: null, selfTestMaxDiff: null });
  }
  cached ??= detect();
  return cached.then((report) => {
    if (preference === 'webgpu' && report.device !== 'webgpu') {
      throw new Error(`WebGPU was requested but cannot be used: ${report.reason} Choose "Auto" or "WebAssembly" in settings.`);
    }
    if (preference === 'auto' && report.device === 'webgpu' && report.adapter?.isFallbackAdapter) {
      return {
        ...report,
        device: 'wasm',
        reason: `The only WebGPU adapter is a software one (${report.adapter.vendor} ${report.adapter.architecture}), far slower than WebAssembly, so WebAssembly is used. Choose "WebGPU" in settings to use it anyway.`,
      };
    }
    return report;
  });
}

async function detect(): Promise<DeviceReport> {
  const adapter = await webGpuAdapter();
  if (adapter === 'none') {
    return {
      device: 'wasm',
      reason: 'This browser offers no WebGPU adapter, so models run on WebAssembly (slower, works everywhere).',
      adapter: null,
      selfTestMaxDiff: null,
    };
  }
  try {
    // One after the other: ONNX Runtime initialises its WebAssembly once and rejects concurrent starts.
    const cpu = await runProbe('wasm');
    const gpu = await runProbe('webgpu');
    const maxDiff = gpu.reduce((m, v, i) => Math.max(m, Math.abs(v - cpu[i]!)), 0);
    if (!(maxDiff <= TOLERANCE)) {
      return {
        device: 'wasm',
        reason: `WebGPU's self-test disagreed with WebAssembly (max difference ${maxDiff.toExponential(2)}), so WebAssembly is used.`,
        adapter,
        selfTestMaxDiff: maxDiff,
      };
    }
    const software = adapter.isFallbackAdapter ? ', a software adapter,' : '';
    return {
      device: 'webgpu',
      reason: `WebGPU adapter (${adapter.vendor} ${adapter.architecture})${software} passed the self-test.`,
      adapter,
      selfTestMaxDiff: maxDiff,
    };
  } catch (error) {
    return {
      device: 'wasm',
      reason: `WebGPU failed its self-test (${(error as Error).message}), so WebAssembly is used.`,
      adapter,
      selfTestMaxDiff: null,
    };
  }
}
