import { GraphBuilder, gaussian, seededRandom } from './onnx-graph.ts';

/** The WebGPU self-test graph: y = tanh(x·W + b), small enough to embed in the app as base64. */
export function probeGraph(): Uint8Array {
  const normal = gaussian(seededRandom(42));
  const g = new GraphBuilder();
  const x = g.input('x', 'float', [1, 16]);
  g.floats('w', [16, 16], new Float32Array(256).map(() => normal() * 0.5));
  g.floats('b', [16], new Float32Array(16).map(() => normal() * 0.1));
  g.op('Tanh', [g.op('Add', [g.op('MatMul', [x, 'w']), 'b'])], {}, 'y');
  g.output('y', 'float', [1, 16]);
  return g.toBytes('webgpu_probe');
}
