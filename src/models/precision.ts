/**
 * Which precision a model loads in, from a preference list per device and what the device can do:
 * an f16 precision (q4f16, fp16) needs WebGPU's `shader-f16`, and only precisions whose weights the
 * catalog lists are tried.
 */
import type { CatalogEntry, Device, DType } from './catalog';

/** What to try after the catalog's first choice, in order. */
const FALLBACKS: Partial<Record<DType, DType[]>> = {
  q4f16: ['q4', 'q8', 'fp32'],
  fp16: ['fp32'],
  bnb4: ['q4', 'q8'],
};

const needsF16 = (dtype: DType) => dtype === 'fp16' || dtype === 'q4f16';

export function dtypePreferences(entry: CatalogEntry, device: Device): DType[] {
  const first = entry.dtype[device];
  const listed = (dtype: DType) => dtype === first || entry.weights[dtype] !== undefined;
  return [first, ...(FALLBACKS[first] ?? [])].filter(listed);
}

export interface Capabilities {
  /** WebGPU's `shader-f16` (irrelevant on WebAssembly and in Node, which run f16 weights on the CPU). */
  shaderF16: boolean;
}

export function chooseDtype(entry: CatalogEntry, device: Device | 'cpu', caps: Capabilities): DType {
  const list = dtypePreferences(entry, device === 'webgpu' ? 'webgpu' : 'wasm');
  const usable = device === 'webgpu' && !caps.shaderF16 ? list.filter((d) => !needsF16(d)) : list;
  const chosen = usable[0];
  if (!chosen) {
    throw new Error(`${entry.id} has no precision this device can run (tried ${list.join(', ')}; WebGPU here lacks shader-f16). Use WebAssembly.`);
  }
  return chosen;
}
