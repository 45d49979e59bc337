/**
 * Random-weight graphs with the architectures, sizes and I/O of the catalog's real exports: BERT
 * encoders (feature extraction and the one-logit cross-encoder) and the Qwen2 / Llama decoders
 * (RMSNorm, rotary positions, grouped-query attention with a KV cache, SiLU MLP, tied embeddings).
 * Shapes come from each model's real config.json.
 */
import { GraphBuilder } from '../tiny-models/onnx-graph.ts';
import { constFloats, embedding, linear, Noise, type WeightFormat } from './weights.ts';

export interface BertConfig {
  vocab_size: number;
  hidden_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  intermediate_size: number;
  max_position_embeddings: number;
  type_vocab_size: number;
  layer_norm_eps: number;
}

export interface DecoderConfig {
  model_type: string;
  vocab_size: number;
  hidden_size: number;
  intermediate_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  num_key_value_heads: number;
  head_dim?: number;
  rms_norm_eps: number;
  rope_theta: number;
  max_position_embeddings: number;
  attention_bias?: boolean;
}

const BOOL = 9;
const FLOAT = 1;

function layerNorm(g: GraphBuilder, noise: Noise, name: string, x: string, dims: number, eps: number): string {
  const scale = constFloats(g, `${name}.weight`, [dims], new Float32Array(dims).fill(1));
  const bias = constFloats(g, `${name}.bias`, [dims], noise.floats(dims, 0.01));
  return g.op('LayerNormalization', [x, scale, bias], { axis: -1, epsilon: { f: eps } });
}

/** BERT: `last_hidden_state` [batch, seq, hidden], or `logits` [batch, 1] with the classifier head. */
export function bertGraph(cfg: BertConfig, format: WeightFormat, head: 'features' | 'classifier', seed: number): Uint8Array {
  const g = new GraphBuilder();
  const noise = new Noise(seed);
  const D = cfg.hidden_size;
  const H = cfg.num_attention_heads;
  const dh = D / H;
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', 'int64', ['batch_size', 'sequence_length']);
  const types = g.input('token_type_ids', 'int64', ['batch_size', 'sequence_length']);
  g.ints('zero_i', [0], []);
  g.ints('one_i', [1], []);
  g.ints('axes12', [1, 2]);
  g.ints('heads_shape', [0, 0, H, dh]);
  g.ints('merge_shape', [0, 0, D]);
  g.scalar('one_f', 1);
  g.scalar('mask_min', -10000);
  g.scalar('attn_scale', 1 / Math.sqrt(dh));
  g.scalar('half', 0.5);
  g.scalar('inv_sqrt2', Math.SQRT1_2);

  const seqLen = g.op('Gather', [g.op('Shape', [ids]), 'one_i'], { axis: 0 });
  const positions = g.op('Range', ['zero_i', seqLen, 'one_i']);
  const words = embedding(g, noise, 'embeddings.word_embeddings', ids, cfg.vocab_size, D, format).out;
  const pos = embedding(g, noise, 'embeddings.position_embeddings', positions, cfg.max_position_embeddings, D, format).out;
  const tt = embedding(g, noise, 'embeddings.token_type_embeddings', types, cfg.type_vocab_size, D, format).out;
  let x = layerNorm(g, noise, 'embeddings.LayerNorm', g.op('Add', [g.op('Add', [words, pos]), tt]), D, cfg.layer_norm_eps);
  const maskBias = g.op('Unsqueeze', [g.op('Mul', [g.op('Sub', ['one_f', g.op('Cast', [mask], { to: FLOAT })]), 'mask_min']), 'axes12']);

  for (let l = 0; l < cfg.num_hidden_layers; l++) {
    const p = `encoder.layer.${l}`;
    const heads = (t: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [t, 'heads_shape'])], { perm });
    const q = heads(linear(g, noise, `${p}.attention.self.query`, x, D, D, format, true), [0, 2, 1, 3]);
    const k = heads(linear(g, noise, `${p}.attention.self.key`, x, D, D, format, true), [0, 2, 3, 1]);
    const v = heads(linear(g, noise, `${p}.attention.self.value`, x, D, D, format, true), [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, k]), 'attn_scale']), maskBias]);
    const ctx = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), v]);
    const merged = g.op('Reshape', [g.op('Transpose', [ctx], { perm: [0, 2, 1, 3] }), 'merge_shape']);
    const attn = linear(g, noise, `${p}.attention.output.dense`, merged, D, D, format, true);
    x = layerNorm(g, noise, `${p}.attention.output.LayerNorm`, g.op('Add', [attn, x]), D, cfg.layer_norm_eps);
    const up = linear(g, noise, `${p}.intermediate.dense`, x, D, cfg.intermediate_size, format, true);
    const gelu = g.op('Mul', [g.op('Mul', [up, 'half']), g.op('Add', [g.op('Erf', [g.op('Mul', [up, 'inv_sqrt2'])]), 'one_f'])]);
    const down = linear(g, noise, `${p}.output.dense`, gelu, cfg.intermediate_size, D, format, true);
    x = layerNorm(g, noise, `${p}.output.LayerNorm`, g.op('Add', [down, x]), D, cfg.layer_norm_eps);
  }

  if (head === 'features') {
    g.op('Identity', [x], {}, 'last_hidden_state');
    g.output('last_hidden_state', 'float', ['batch_size', 'sequence_length', D]);
    return g.toBytes('bert_standin');
  }
  const first = g.op('Gather', [x, 'zero_i'], { axis: 1 });
  const pooled = g.op('Tanh', [linear(g, noise, 'pooler.dense', first, D, D, format, true)]);
  g.op('Identity', [linear(g, noise, 'classifier', pooled, D, 1, 'fp32', true)], {}, 'logits');
  g.output('logits', 'float', ['batch_size', 1]);
  return g.toBytes('bert_classifier_standin');
}

function rmsNorm(g: GraphBuilder, name: string, x: string, dims: number): string {
  const w = constFloats(g, `${name}.weight`, [dims], new Float32Array(dims).fill(1));
  const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: [-1], keepdims: 1 });
  return g.op('Mul', [g.op('Mul', [x, g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [meanSquare, 'rms_eps'])])])]), w]);
}

/** Rotary tables [positions, headDim], both halves repeated, as the exports precompute them. */
function ropeTables(positions: number, headDim: number, theta: number): { cos: Float32Array; sin: Float32Array } {
  const half = headDim / 2;
  const cos = new Float32Array(positions * headDim);
  const sin = new Float32Array(positions * headDim);
  for (let p = 0; p < positions; p++) {
    for (let i = 0; i < half; i++) {
      const angle = p / theta ** ((2 * i) / headDim);
      cos[p * headDim + i] = cos[p * headDim + i + half] = Math.cos(angle);
      sin[p * headDim + i] = sin[p * headDim + i + half] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

/**
 * A decoder with transformers.js's I/O: input_ids, attention_mask, position_ids and
 * past_key_values.{i}.key|value in; logits and present.{i}.key|value out.
 */
export function decoderGraph(cfg: DecoderConfig, format: WeightFormat, seed: number): Uint8Array {
  const g = new GraphBuilder();
  const noise = new Noise(seed);
  const D = cfg.hidden_size;
  const H = cfg.num_attention_heads;
  const KV = cfg.num_key_value_heads;
  const hd = cfg.head_dim ?? D / H;
  const qkvBias = cfg.model_type === 'qwen2' || cfg.attention_bias === true;
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', 'int64', ['batch_size', 'total_sequence_length']);
  const positionIds = g.input('position_ids', 'int64', ['batch_size', 'sequence_length']);
  g.scalar('rms_eps', cfg.rms_norm_eps);
  g.scalar('attn_scale', 1 / Math.sqrt(hd));
  g.scalar('zero_f', 0);
  g.scalar('neg_big', -3.4028234663852886e38);
  g.ints('zero_i', [0], []);
  g.ints('one_i', [1], []);
  g.ints('axis1', [1]);
  g.ints('axes12', [1, 2]);
  g.ints('axes13', [1, 3]);
  g.ints('axis2', [2]);
  g.ints('q_shape', [0, 0, H, hd]);
  g.ints('kv_shape', [0, 0, KV, hd]);
  g.ints('gqa_repeat', [1, 1, H / KV, 1, 1]);
  g.ints('gqa_shape', [0, H, -1, hd]);
  g.ints('merge_shape', [0, 0, H * hd]);
  g.ints('half_starts', [hd / 2]);
  g.ints('half_ends', [hd]);
  g.ints('first_starts', [0]);
  g.ints('axis_last', [3]);

  const emb = embedding(g, noise, 'model.embed_tokens', ids, cfg.vocab_size, D, format);
  let x = emb.out;
  const tables = ropeTables(Math.min(cfg.max_position_embeddings, 32768), hd, cfg.rope_theta);
  constFloats(g, 'rope.cos', [tables.cos.length / hd, hd], tables.cos);
  constFloats(g, 'rope.sin', [tables.sin.length / hd, hd], tables.sin);
  const cos = g.op('Unsqueeze', [g.op('Gather', ['rope.cos', positionIds]), 'axis1']);
  const sin = g.op('Unsqueeze', [g.op('Gather', ['rope.sin', positionIds]), 'axis1']);
  const rope = (t: string) => {
    const first = g.op('Slice', [t, 'first_starts', 'half_starts', 'axis_last']);
    const second = g.op('Slice', [t, 'half_starts', 'half_ends', 'axis_last']);
    const rotated = g.op('Concat', [g.op('Neg', [second]), first], { axis: -1 });
    return g.op('Add', [g.op('Mul', [t, cos]), g.op('Mul', [rotated, sin])]);
  };
  // Causal and padding mask [batch, 1, seq, total]: key j is visible to the query at absolute
  // position p when j <= p and attention_mask[j] is 1.
  const total = g.op('Gather', [g.op('Shape', [mask]), 'one_i'], { axis: 0 });
  const keyIndex = g.op('Range', ['zero_i', total, 'one_i']);
  const causal = g.op('LessOrEqual', [keyIndex, g.op('Unsqueeze', [positionIds, 'axes13'])]);
  const padding = g.op('Cast', [g.op('Unsqueeze', [mask, 'axes12'])], { to: BOOL });
  const maskBias = g.op('Where', [g.op('And', [causal, padding]), 'zero_f', 'neg_big']);

  for (let l = 0; l < cfg.num_hidden_layers; l++) {
    const p = `model.layers.${l}`;
    const pastKey = g.input(`past_key_values.${l}.key`, 'float', ['batch_size', KV, 'past_sequence_length', hd]);
    const pastValue = g.input(`past_key_values.${l}.value`, 'float', ['batch_size', KV, 'past_sequence_length', hd]);
    const h = rmsNorm(g, `${p}.input_layernorm`, x, D);
    const split = (t: string, shape: string) => g.op('Transpose', [g.op('Reshape', [t, shape])], { perm: [0, 2, 1, 3] });
    const q = rope(split(linear(g, noise, `${p}.self_attn.q_proj`, h, D, H * hd, format, qkvBias), 'q_shape'));
    const k = rope(split(linear(g, noise, `${p}.self_attn.k_proj`, h, D, KV * hd, format, qkvBias), 'kv_shape'));
    const v = split(linear(g, noise, `${p}.self_attn.v_proj`, h, D, KV * hd, format, qkvBias), 'kv_shape');
    const presentKey = g.op('Concat', [pastKey, k], { axis: 2 }, `present.${l}.key`);
    const presentValue = g.op('Concat', [pastValue, v], { axis: 2 }, `present.${l}.value`);
    g.output(presentKey, 'float', ['batch_size', KV, 'total_sequence_length', hd]);
    g.output(presentValue, 'float', ['batch_size', KV, 'total_sequence_length', hd]);
    // Grouped-query attention: each key/value head serves H / KV query heads.
    const repeat = (t: string) => g.op('Reshape', [g.op('Expand', [g.op('Unsqueeze', [t, 'axis2']), 'gqa_repeat']), 'gqa_shape']);
    const keys = g.op('Transpose', [repeat(presentKey)], { perm: [0, 1, 3, 2] });
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, keys]), 'attn_scale']), maskBias]);
    const ctx = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), repeat(presentValue)]);
    const merged = g.op('Reshape', [g.op('Transpose', [ctx], { perm: [0, 2, 1, 3] }), 'merge_shape']);
    x = g.op('Add', [x, linear(g, noise, `${p}.self_attn.o_proj`, merged, H * hd, D, format, false)]);
    const h2 = rmsNorm(g, `${p}.post_attention_layernorm`, x, D);
    const gate = linear(g, noise, `${p}.mlp.gate_proj`, h2, D, cfg.intermediate_size, format, false);
    const up = linear(g, noise, `${p}.mlp.up_proj`, h2, D, cfg.intermediate_size, format, false);
    const act = g.op('Mul', [g.op('Mul', [gate, g.op('Sigmoid', [gate])]), up]);
    x = g.op('Add', [x, linear(g, noise, `${p}.mlp.down_proj`, act, cfg.intermediate_size, D, format, false)]);
  }
  const final = rmsNorm(g, 'model.norm', x, D);
  // Tied embeddings: the head reads the embedding table (transposed once, at load).
  if (format === 'q8') {
    const [xq, xs, xzp] = g.multi('DynamicQuantizeLinear', [final], 3) as [string, string, string];
    const wT = g.op('Transpose', [emb.table], { perm: [1, 0] });
    const zp = g.raw('lm_head.weight_zero_point', [], 'int8', new Uint8Array(1));
    const acc = g.op('Cast', [g.op('MatMulInteger', [xq, wT, xzp, zp])], { to: FLOAT });
    g.op('Mul', [acc, g.op('Mul', [xs, emb.scale!])], {}, 'logits');
  } else {
    g.op('MatMul', [final, g.op('Transpose', [emb.table], { perm: [1, 0] })], {}, 'logits');
  }
  g.output('logits', 'float', ['batch_size', 'sequence_length', cfg.vocab_size]);
  return g.toBytes('decoder_standin');
}
