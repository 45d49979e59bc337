/**
 * Random weights in the three formats the catalog loads: fp32, q8 (dynamic int8 quantization, as
 * `model_quantized.onnx`) and q4 (`MatMulNBits`, block 32, as `model_q4.onnx`). Speed does not depend
 * on the values, only on shapes and formats, so the values are cheap uniform noise.
 */
import type { GraphBuilder } from '../tiny-models/onnx-graph.ts';

export type WeightFormat = 'fp32' | 'q8' | 'q4';
const Q4_BLOCK = 32;

/** Fast deterministic bytes (xorshift32); large models need hundreds of MB of them. */
export class Noise {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  private next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    const words = new Uint32Array(out.buffer, 0, n >>> 2);
    for (let i = 0; i < words.length; i++) words[i] = this.next();
    for (let i = words.length * 4; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }
  /** Uniform in ±scale. */
  floats(n: number, scale: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = ((this.next() / 4294967296) * 2 - 1) * scale;
    return out;
  }
}

const asBytes = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function constFloats(g: GraphBuilder, name: string, dims: number[], data: Float32Array): string {
  return g.raw(name, dims, 'float', asBytes(data));
}

/**
 * x[..., K] · W[K, N] (+ bias) in the given format, written the way the Hub's exports write it:
 * fp32 MatMul; q8 DynamicQuantizeLinear → MatMulInteger (per-column int8 weights) → rescale, which
 * ONNX Runtime fuses at load; q4 com.microsoft MatMulNBits with symmetric 4-bit blocks.
 */
export function linear(g: GraphBuilder, noise: Noise, name: string, x: string, K: number, N: number, format: WeightFormat, bias: boolean): string {
  const scale = 1 / Math.sqrt(K);
  let y: string;
  if (format === 'fp32') {
    y = g.op('MatMul', [x, constFloats(g, `${name}.weight`, [K, N], noise.floats(K * N, scale))]);
  } else if (format === 'q8') {
    const [xq, xs, xzp] = g.multi('DynamicQuantizeLinear', [x], 3) as [string, string, string];
    const w = g.raw(`${name}.weight_quantized`, [K, N], 'int8', noise.bytes(K * N));
    const wzp = g.raw(`${name}.weight_zero_point`, [N], 'int8', new Uint8Array(N));
    const ws = constFloats(g, `${name}.weight_scale`, [N], new Float32Array(N).fill(scale / 64));
    const acc = g.op('Cast', [g.op('MatMulInteger', [xq, w, xzp, wzp])], { to: 1 });
    y = g.op('Mul', [acc, g.op('Mul', [xs, ws])]);
  } else {
    if (K % Q4_BLOCK !== 0) throw new Error(`q4 needs K (${K}) divisible by ${Q4_BLOCK}`);
    const blocks = K / Q4_BLOCK;
    const w = g.raw(`${name}.weight_Q4`, [N, blocks, Q4_BLOCK / 2], 'uint8', noise.bytes(N * blocks * (Q4_BLOCK / 2)));
    const ws = constFloats(g, `${name}.weight_scales`, [N * blocks], new Float32Array(N * blocks).fill(scale / 4));
    y = g.op('MatMulNBits', [x, w, ws], { K, N, bits: 4, block_size: Q4_BLOCK }, undefined, 'com.microsoft');
  }
  return bias ? g.op('Add', [y, constFloats(g, `${name}.bias`, [N], noise.floats(N, 0.02))]) : y;
}

/**
 * A [rows, dims] lookup table gathered by `ids`. q8 keeps it as int8 and dequantizes only the
 * gathered rows (the Hub's q8 files quantize Gather too); fp32 and q4 keep it in fp32.
 */
export function embedding(g: GraphBuilder, noise: Noise, name: string, ids: string, rows: number, dims: number, format: WeightFormat): { out: string; table: string; scale: string | null } {
  if (format === 'q8') {
    const table = g.raw(`${name}.weight_quantized`, [rows, dims], 'int8', noise.bytes(rows * dims));
    const scale = g.scalar(`${name}.weight_scale`, 0.02 / 64);
    const zp = g.raw(`${name}.weight_zero_point`, [], 'int8', new Uint8Array(1));
    return { out: g.op('DequantizeLinear', [g.op('Gather', [table, ids]), scale, zp]), table, scale };
  }
  const table = constFloats(g, `${name}.weight`, [rows, dims], noise.floats(rows * dims, 0.02));
  return { out: g.op('Gather', [table, ids]), table, scale: null };
}
