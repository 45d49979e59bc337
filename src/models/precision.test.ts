import { describe, expect, it } from 'vitest';
import { findModel } from './catalog';
import { chooseDtype, dtypePreferences } from './precision';

const qwen = findModel('onnx-community/Qwen2.5-0.5B-Instruct');
const smol = findModel('HuggingFaceTB/SmolLM2-360M-Instruct');
const bge = findModel('Xenova/bge-small-en-v1.5');

describe('precision by device capability', () => {
  it('lists only precisions with listed weights, the catalog choice first', () => {
    expect(dtypePreferences(qwen, 'webgpu')).toEqual(['q4f16', 'q4']);
    expect(dtypePreferences(smol, 'webgpu')).toEqual(['q4f16', 'q8']);
    expect(dtypePreferences(bge, 'wasm')).toEqual(['q8']);
  });

  it('uses q4f16 only where WebGPU has shader-f16', () => {
    expect(chooseDtype(qwen, 'webgpu', { shaderF16: true })).toBe('q4f16');
    expect(chooseDtype(qwen, 'webgpu', { shaderF16: false })).toBe('q4');
    expect(chooseDtype(smol, 'webgpu', { shaderF16: false })).toBe('q8');
  });

  it('ignores shader-f16 on WebAssembly and in Node', () => {
    expect(chooseDtype(qwen, 'wasm', { shaderF16: false })).toBe('q4');
    expect(chooseDtype(bge, 'cpu', { shaderF16: false })).toBe('q8');
  });
});
