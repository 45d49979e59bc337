/**
 * A very small builder for ONNX graphs, enough to write the test models by hand.
 * Opset 17: ReduceSum takes `axes` as an input, ReduceMean as an attribute, Unsqueeze as an input.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const DT = onnx.TensorProto.DataType;
export type ElemType = 'float' | 'int64';
const elemCode = (t: ElemType) => (t === 'float' ? DT.FLOAT : DT.INT64);

export class GraphBuilder {
  private nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private inits: InstanceType<typeof onnx.TensorProto>[] = [];
  private inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private counter = 0;
  private domains = new Set<string>();

  input(name: string, type: ElemType, dims: (string | number)[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: ElemType, dims: (string | number)[]): void {
    this.outputs.push(valueInfo(name, type, dims));
  }

  floats(name: string, dims: number[], data: Float32Array): string {
    this.inits.push(
      onnx.TensorProto.create({
        name,
        dims,
        dataType: DT.FLOAT,
        rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      }),
    );
    return name;
  }

  ints(name: string, values: number[], dims: number[] = [values.length]): string {
    this.inits.push(onnx.TensorProto.create({ name, dims, dataType: DT.INT64, int64Data: values }));
    return name;
  }

  scalar(name: string, value: number): string {
    return this.floats(name, [], new Float32Array([value]));
  }

  /** An initializer from raw little-endian bytes (quantized weights, int8/uint8 zero points). */
  raw(name: string, dims: number[], type: 'float' | 'uint8' | 'int8', bytes: Uint8Array): string {
    const dataType = type === 'float' ? DT.FLOAT : type === 'uint8' ? DT.UINT8 : DT.INT8;
    this.inits.push(onnx.TensorProto.create({ name, dims, dataType, rawData: bytes }));
    return name;
  }

  /**
   * Adds a node and returns the name of its (single) output, or `out` when given. A `{ f }` value is
   * a float attribute; `domain` names a contrib-op domain such as `com.microsoft`.
   */
  op(opType: string, inputs: string[], attrs: Record<string, number | number[] | { f: number }> = {}, out?: string, domain?: string): string {
    const output = out ?? `${opType.toLowerCase()}_${this.counter++}`;
    const attribute = Object.entries(attrs).map(([name, v]) =>
      Array.isArray(v)
        ? onnx.AttributeProto.create({ name, ints: v, type: onnx.AttributeProto.AttributeType.INTS })
        : typeof v === 'object'
          ? onnx.AttributeProto.create({ name, f: v.f, type: onnx.AttributeProto.AttributeType.FLOAT })
          : onnx.AttributeProto.create({ name, i: v, type: onnx.AttributeProto.AttributeType.INT }),
    );
    if (domain) this.domains.add(domain);
    this.nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [output], attribute, ...(domain ? { domain } : {}) }));
    return output;
  }

  /** A node with several outputs (DynamicQuantizeLinear); returns their names in order. */
  multi(opType: string, inputs: string[], outputs: number, domain?: string): string[] {
    const names = Array.from({ length: outputs }, (_, i) => `${opType.toLowerCase()}_${this.counter}_${i}`);
    this.counter++;
    if (domain) this.domains.add(domain);
    this.nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: names, ...(domain ? { domain } : {}) }));
    return names;
  }

  toBytes(graphName: string): Uint8Array {
    const graph = onnx.GraphProto.create({
      name: graphName,
      node: this.nodes,
      initializer: this.inits,
      input: this.inputs,
      output: this.outputs,
    });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'offline-rag-lab-tiny-models',
      opsetImport: [{ domain: '', version: 17 }, ...[...this.domains].map((domain) => ({ domain, version: 1 }))],
      graph,
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, type: ElemType, dims: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: elemCode(type),
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

export { seededRandom } from '../../src/util/seeded-random.ts';

/** Standard normal samples via Box–Muller. */
export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}
