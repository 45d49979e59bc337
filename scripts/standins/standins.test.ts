import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { Embedder } from '../../src/embed/embedder.ts';
import { Generator } from '../../src/generate/generator.ts';
import { findModel } from '../../src/models/catalog.ts';
import { Reranker } from '../../src/retrieve/reranker.ts';
import { realConfig, STANDIN_MODELS, TEST_STANDIN_DIR, TEST_STANDINS, writeTestStandins } from './make.ts';

type Config = Record<string, number>;

beforeAll(() => {
  writeTestStandins();
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = `${TEST_STANDIN_DIR}/`;
}, 120_000);

const file = (id: string, dtype: 'q8' | 'q4') => join(TEST_STANDIN_DIR, id, findModel(id).weights[dtype]?.path ?? 'onnx/model_q4.onnx');

describe('stand-ins match the real models', () => {
  it('keep every width of the real config.json; only the layer count is cut for tests', () => {
    for (const { id } of TEST_STANDINS) {
      const written = JSON.parse(readFileSync(join(TEST_STANDIN_DIR, id, 'config.json'), 'utf8'));
      expect({ ...written, num_hidden_layers: 0 }).toEqual({ ...realConfig(id), num_hidden_layers: 0 });
      expect(written.num_hidden_layers).toBe(1);
    }
  });

  it.each(TEST_STANDINS.flatMap(({ id, dtypes }) => dtypes.map((dtype) => [id, dtype] as const)))('%s (%s): I/O names and shapes of the export', async (id, dtype) => {
    const cfg = realConfig(id) as Config;
    const session = await ort.InferenceSession.create(file(id, dtype as 'q8' | 'q4'));
    try {
      const kind = STANDIN_MODELS[id];
      if (kind === 'decoder') {
        const kv = cfg.num_key_value_heads!;
        const headDim = cfg.hidden_size! / cfg.num_attention_heads!;
        expect([...session.inputNames].sort()).toEqual(['attention_mask', 'input_ids', 'past_key_values.0.key', 'past_key_values.0.value', 'position_ids']);
        expect([...session.outputNames].sort()).toEqual(['logits', 'present.0.key', 'present.0.value']);
        const seq = 5;
        const i64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
        const empty = new ort.Tensor('float32', new Float32Array(0), [1, kv, 0, headDim]);
        const out = await session.run({
          input_ids: i64([1, 2, 3, 4, 5]),
          attention_mask: i64([1, 1, 1, 1, 1]),
          position_ids: i64([0, 1, 2, 3, 4]),
          'past_key_values.0.key': empty,
          'past_key_values.0.value': empty,
        });
        expect(out.logits!.dims).toEqual([1, seq, cfg.vocab_size]);
        expect(out['present.0.key']!.dims).toEqual([1, kv, seq, headDim]);
        expect(out['present.0.value']!.dims).toEqual([1, kv, seq, headDim]);
      } else {
        expect([...session.inputNames].sort()).toEqual(['attention_mask', 'input_ids', 'token_type_ids']);
        const ids = new ort.Tensor('int64', BigInt64Array.from([101n, 2000n, 102n, 101n, 2001n, 102n]), [2, 3]);
        const mask = new ort.Tensor('int64', new BigInt64Array(6).fill(1n), [2, 3]);
        const types = new ort.Tensor('int64', new BigInt64Array(6), [2, 3]);
        const out = await session.run({ input_ids: ids, attention_mask: mask, token_type_ids: types });
        if (kind === 'features') expect(out.last_hidden_state!.dims).toEqual([2, 3, cfg.hidden_size]);
        else expect(out.logits!.dims).toEqual([2, 1]);
      }
    } finally {
      await session.release();
    }
  });

  it('load through the app’s own model code, with the catalog’s precision', async () => {
    const embedder = await Embedder.load(findModel('Xenova/bge-small-en-v1.5'), { device: 'cpu' });
    expect(embedder.info.dtype).toBe('q8');
    expect(embedder.dims).toBe(384);
    const vectors = await embedder.embed(['a short text', 'another text, a little longer than the first'], 'passage');
    expect(vectors.length).toBe(2 * 384);
    await embedder.dispose();

    const reranker = await Reranker.load(findModel('Xenova/ms-marco-MiniLM-L-6-v2'), { device: 'cpu' });
    expect(await reranker.score('query', ['one passage', 'two passages'])).toHaveLength(2);
    await reranker.dispose();

    const generator = await Generator.load(findModel('HuggingFaceTB/SmolLM2-360M-Instruct'), { device: 'cpu' });
    expect(generator.info.dtype).toBe('q8');
    const stats = await generator.generate([{ role: 'user', content: 'Hello' }], { maxNewTokens: 3, doSample: false, temperature: 1, topP: 1 });
    expect(stats.newTokens).toBe(3);
    await generator.dispose();
  }, 120_000);
});
