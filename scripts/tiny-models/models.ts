/**
 * The three tiny models. Each has exactly the inputs and outputs that transformers.js expects of the
 * real architecture, so the app's real loading and inference code runs on them unchanged.
 */
import { GraphBuilder, gaussian, seededRandom } from './onnx-graph.ts';

const FLOAT = 1; // onnx.TensorProto.DataType.FLOAT, as Cast's `to` attribute

/** The three inputs every BERT export takes, and the token table (named 'table') they index. */
function bertInputs(g: GraphBuilder, table: Float32Array, vocabSize: number, dims: number): { ids: string; mask: string; types: string } {
  const inputs = {
    ids: g.input('input_ids', 'int64', ['batch', 'seq']),
    mask: g.input('attention_mask', 'int64', ['batch', 'seq']),
    types: g.input('token_type_ids', 'int64', ['batch', 'seq']),
  };
  g.floats('table', [vocabSize, dims], table);
  return inputs;
}

/** BERT feature extraction: input_ids, attention_mask, token_type_ids -> last_hidden_state. */
export function embedderGraph(table: Float32Array, vocabSize: number, dims: number): Uint8Array {
  const g = new GraphBuilder();
  const { ids, mask, types } = bertInputs(g, table, vocabSize, dims);
  g.scalar('zero', 0);
  g.ints('axis2', [2]);
  const emb = g.op('Gather', ['table', ids]);
  // token_type_ids must be consumed by the graph; it contributes nothing.
  const typesZero = g.op('Mul', [g.op('Cast', [types], { to: FLOAT }), 'zero']);
  const weights = g.op('Add', [g.op('Cast', [mask], { to: FLOAT }), typesZero]);
  g.op('Mul', [emb, g.op('Unsqueeze', [weights, 'axis2'])], {}, 'last_hidden_state');
  g.output('last_hidden_state', 'float', ['batch', 'seq', dims]);
  return g.toBytes('tiny_embedder');
}

/**
 * A BERT-I/O embedder read with CLS pooling whose first output row is
 *   [sqrt(1 − offset²) · normalize(masked mean of token vectors), offset]
 * so its cosine between two texts is (1 − offset²) · c + offset², where c is the cosine of the plain
 * mean-pooled embedder with the same table: two such models differ by an exact affine change of
 * scale. The other rows repeat the first (only row 0 is read).
 */
export function scaledEmbedderGraph(table: Float32Array, vocabSize: number, dims: number, offset: number): Uint8Array {
  const g = new GraphBuilder();
  const { ids, mask, types } = bertInputs(g, table, vocabSize, dims);
  g.scalar('zero', 0);
  g.scalar('eps', 1e-9);
  g.scalar('scale', Math.sqrt(1 - offset * offset));
  g.scalar('offset', offset);
  g.ints('axis1', [1]);
  g.ints('axis2', [2]);
  const emb = g.op('Gather', ['table', ids]);
  const typesZero = g.op('Mul', [g.op('Cast', [types], { to: FLOAT }), 'zero']);
  const weights = g.op('Add', [g.op('Cast', [mask], { to: FLOAT }), typesZero]);
  const w3 = g.op('Unsqueeze', [weights, 'axis2']);
  const sum = g.op('ReduceSum', [g.op('Mul', [emb, w3]), 'axis1'], { keepdims: 1 });
  const norm = g.op('Sqrt', [g.op('Add', [g.op('ReduceSum', [g.op('Mul', [sum, sum]), 'axis2'], { keepdims: 1 }), 'eps'])]);
  const unit = g.op('Mul', [g.op('Div', [sum, norm]), 'scale']);
  // A [batch, 1, 1] column of `offset`, built from the mask so its shape follows the batch.
  const column = g.op('Add', [g.op('Mul', [g.op('ReduceSum', [w3, 'axis1'], { keepdims: 1 }), 'zero']), 'offset']);
  const row = g.op('Concat', [unit, column], { axis: 2 });
  g.op('Mul', [row, w3], {}, 'last_hidden_state');
  g.output('last_hidden_state', 'float', ['batch', 'seq', dims + 1]);
  return g.toBytes('tiny_scaled_embedder');
}

/**
 * BERT sequence classification with one label: the cosine of the mean token vectors of segment A
 * (query) and segment B (passage), scaled to a logit. Overlapping words rank higher, as a reranker should.
 */
export function crossEncoderGraph(table: Float32Array, vocabSize: number, dims: number): Uint8Array {
  const g = new GraphBuilder();
  const { ids, mask, types } = bertInputs(g, table, vocabSize, dims);
  g.ints('axis1', [1]);
  g.ints('axis2', [2]);
  g.scalar('eps', 1e-6);
  g.scalar('scale', 10);
  const emb = g.op('Gather', ['table', ids]);
  const m = g.op('Cast', [mask], { to: FLOAT });
  const inB = g.op('Mul', [m, g.op('Cast', [types], { to: FLOAT })]);
  const inA = g.op('Sub', [m, inB]);
  const pooled = (weights: string) => {
    const sum = g.op('ReduceSum', [g.op('Mul', [emb, g.op('Unsqueeze', [weights, 'axis2'])]), 'axis1'], { keepdims: 0 });
    const sq = g.op('ReduceSum', [g.op('Mul', [sum, sum]), 'axis1'], { keepdims: 1 });
    return g.op('Div', [sum, g.op('Sqrt', [g.op('Add', [sq, 'eps'])])]);
  };
  const cosine = g.op('ReduceSum', [g.op('Mul', [pooled(inA), pooled(inB)]), 'axis1'], { keepdims: 1 });
  g.op('Mul', [cosine, 'scale'], {}, 'logits');
  g.output('logits', 'float', ['batch', 1]);
  return g.toBytes('tiny_cross_encoder');
}

export interface CausalLmShape {
  vocabSize: number;
  hidden: number;
  headDim: number;
  /** Token ids that greedy decoding walks through, in order, from `chain[0]` to the end-of-sequence id. */
  chain: number[];
  eosId: number;
  seed: number;
}

/**
 * A one-layer decoder with the I/O of a transformers.js Llama export (past_key_values.* in,
 * present.* out). The next token depends on the last one only (a bigram model): random for most
 * tokens, but a fixed chain of tokens is planted so that greedy decoding writes a known sentence
 * and then stops, which lets tests check streaming, citations and stopping.
 */
export function causalLmGraph(shape: CausalLmShape): Uint8Array {
  const { vocabSize: V, hidden: D, headDim: H, chain, eosId } = shape;
  const normal = gaussian(seededRandom(shape.seed));
  const emb = new Float32Array(V * D).map(() => normal() * 0.3);
  const out = new Float32Array(D * V).map(() => normal() * 0.3);
  // The last hidden dimension is a constant 1 for every token outside the chain and weighs
  // end-of-sequence down hard: the model stops only where the chain puts it, even when sampling.
  if (chain.length >= D) throw new Error(`chain of ${chain.length} tokens needs hidden size > ${chain.length}`);
  const biasDim = D - 1;
  for (let t = 0; t < V; t++) emb[t * D + biasDim] = 1;
  for (let d = 0; d < D; d++) out[d * V + eosId] = d === biasDim ? -1000 : 0;
  chain.forEach((token, i) => {
    const next = i + 1 < chain.length ? chain[i + 1]! : eosId;
    for (let d = 0; d < D; d++) emb[token * D + d] = d === i ? 8 : 0;
    out[i * V + next] = 8;
  });
  const wk = new Float32Array(D * H).map(() => normal());
  const wv = new Float32Array(D * H).map(() => normal());

  const g = new GraphBuilder();
  const ids = g.input('input_ids', 'int64', ['batch', 'seq']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'total']);
  const positions = g.input('position_ids', 'int64', ['batch', 'seq']);
  const pastKey = g.input('past_key_values.0.key', 'float', ['batch', 1, 'past', H]);
  const pastValue = g.input('past_key_values.0.value', 'float', ['batch', 1, 'past', H]);
  g.floats('embed', [V, D], emb);
  g.floats('lm_head', [D, V], out);
  g.floats('wk', [D, H], wk);
  g.floats('wv', [D, H], wv);
  g.scalar('zero', 0);
  g.ints('axis1', [1]);
  g.ints('axis2', [2]);
  const x = g.op('Gather', ['embed', ids]);
  // position_ids and attention_mask must be consumed; they add zero.
  const posZero = g.op('Unsqueeze', [g.op('Mul', [g.op('Cast', [positions], { to: FLOAT }), 'zero']), 'axis2']);
  const maskSum = g.op('ReduceSum', [g.op('Cast', [mask], { to: FLOAT }), 'axis1'], { keepdims: 1 });
  const maskZero = g.op('Unsqueeze', [g.op('Mul', [maskSum, 'zero']), 'axis2']);
  const logits = g.op('MatMul', [x, 'lm_head']);
  g.op('Add', [g.op('Add', [logits, posZero]), maskZero], {}, 'logits');
  const newKey = g.op('Unsqueeze', [g.op('MatMul', [x, 'wk']), 'axis1']);
  const newValue = g.op('Unsqueeze', [g.op('MatMul', [x, 'wv']), 'axis1']);
  g.op('Concat', [pastKey, newKey], { axis: 2 }, 'present.0.key');
  g.op('Concat', [pastValue, newValue], { axis: 2 }, 'present.0.value');
  g.output('logits', 'float', ['batch', 'seq', V]);
  g.output('present.0.key', 'float', ['batch', 1, 'total', H]);
  g.output('present.0.value', 'float', ['batch', 1, 'total', H]);
  return g.toBytes('tiny_causal_lm');
}
