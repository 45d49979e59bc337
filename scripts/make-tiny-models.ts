/**
 * Generates the tiny ONNX models that tests and CI load through the app's real model code.
 * Layout is exactly what transformers.js reads from a local model path:
 *   <out>/offline-rag-lab/<name>/{config.json, tokenizer.json, tokenizer_config.json, …, onnx/model.onnx}
 * Output is deterministic; an up-to-date folder is left alone.
 *
 *   tsx scripts/make-tiny-models.ts [--out test/models-tiny] [--quiet]
 */
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { causalLmGraph, crossEncoderGraph, embedderGraph, scaledEmbedderGraph } from './tiny-models/models.ts';
import { tokenTable } from './tiny-models/token-table.ts';

const here = dirname(fileURLToPath(import.meta.url));
// The BERT vocabulary is the app's own bundled copy (public/tokenizers); SmolLM2's is kept for tests only.
const tokenizerDir = (name: string) => (name === 'bert-uncased' ? join(here, '..', 'public', 'tokenizers', name) : join(here, 'tiny-models', 'tokenizers', name));
const GENERATOR_VERSION = '1';
/** Greedy decoding of the tiny chat model writes this sentence after the assistant turn opens. */
export const TINY_CHAT_ANSWER = 'Based on the provided sources [1], this answer is grounded.';
const CHAIN_IDS = [198, 11192, 335, 260, 2711, 2785, 933, 33, 1750, 451, 2988, 314, 15141, 30];

const args = process.argv.slice(2);
const outRoot = valueOf('--out') ?? 'test/models-tiny';
const quiet = args.includes('--quiet');

function valueOf(flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function bertVocab(): Map<string, number> {
  const tok = JSON.parse(readFileSync(join(tokenizerDir('bert-uncased'), 'tokenizer.json'), 'utf8'));
  return new Map(Object.entries(tok.model.vocab as Record<string, number>));
}

function writeModel(name: string, tokenizer: string, config: object, onnx: Uint8Array): void {
  const dir = join(outRoot, 'offline-rag-lab', name);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  for (const file of readdirSync(tokenizerDir(tokenizer))) copyFileSync(join(tokenizerDir(tokenizer), file), join(dir, file));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  writeFileSync(join(dir, 'onnx', 'model.onnx'), onnx);
  if (!quiet) console.log(`wrote ${dir} (${(onnx.byteLength / 1e6).toFixed(1)} MB onnx)`);
}

function stampOf(): string {
  const h = createHash('sha256').update(GENERATOR_VERSION);
  for (const f of ['models.ts', 'token-table.ts', 'onnx-graph.ts']) h.update(readFileSync(join(here, 'tiny-models', f)));
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  return h.digest('hex');
}

function main(): void {
  const stampFile = join(outRoot, 'STAMP');
  const stamp = stampOf();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    if (!quiet) console.log(`tiny models in ${outRoot} are up to date`);
    return;
  }
  const vocab = bertVocab();
  const bertSize = Math.max(...vocab.values()) + 1;
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  const bertConfig = (extra: object) => ({
    model_type: 'bert',
    vocab_size: bertSize,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
    ...extra,
  });

  const embedDims = 32;
  writeModel(
    'tiny-embedder',
    'bert-uncased',
    bertConfig({ architectures: ['BertModel'], hidden_size: embedDims }),
    embedderGraph(tokenTable(vocab, embedDims, 1234, special), bertSize, embedDims),
  );

  // The same token table at two cosine scales, for the calibration tests.
  for (const [name, offset] of [['a', 0], ['b', Math.sqrt(0.66)]] as const) {
    writeModel(
      `tiny-embedder-scale-${name}`,
      'bert-uncased',
      bertConfig({ architectures: ['BertModel'], hidden_size: embedDims + 1 }),
      scaledEmbedderGraph(tokenTable(vocab, embedDims, 1234, special), bertSize, embedDims, offset),
    );
  }

  // Broken copies for the error-message tests: one without its weights, one with garbage weights.
  const embedder = join(outRoot, 'offline-rag-lab', 'tiny-embedder');
  for (const name of ['missing-weights', 'corrupt-weights']) {
    const dir = join(outRoot, 'offline-rag-lab', `tiny-embedder-${name}`);
    rmSync(dir, { recursive: true, force: true });
    cpSync(embedder, dir, { recursive: true });
  }
  rmSync(join(outRoot, 'offline-rag-lab', 'tiny-embedder-missing-weights', 'onnx', 'model.onnx'));
  const corrupt = readFileSync(join(embedder, 'onnx', 'model.onnx')).subarray(0, 4096);
  corrupt.fill(0x5a, 100, 400);
  writeFileSync(join(outRoot, 'offline-rag-lab', 'tiny-embedder-corrupt-weights', 'onnx', 'model.onnx'), corrupt);

  const rerankDims = 16;
  writeModel(
    'tiny-reranker',
    'bert-uncased',
    bertConfig({
      architectures: ['BertForSequenceClassification'],
      hidden_size: rerankDims,
      num_labels: 1,
      id2label: { 0: 'LABEL_0' },
      label2id: { LABEL_0: 0 },
    }),
    crossEncoderGraph(tokenTable(vocab, rerankDims, 5678, special), bertSize, rerankDims),
  );

  const lm = { vocabSize: 49152, hidden: 16, headDim: 4, chain: CHAIN_IDS, eosId: 2, seed: 91011 };
  writeModel(
    'tiny-chat',
    'smollm2',
    {
      architectures: ['LlamaForCausalLM'],
      model_type: 'llama',
      vocab_size: lm.vocabSize,
      hidden_size: lm.hidden,
      num_hidden_layers: 1,
      num_attention_heads: 1,
      num_key_value_heads: 1,
      head_dim: lm.headDim,
      max_position_embeddings: 2048,
      bos_token_id: 1,
      eos_token_id: 2,
      pad_token_id: 2,
      tie_word_embeddings: false,
      use_cache: true,
    },
    causalLmGraph(lm),
  );
  writeFileSync(stampFile, stamp);
}

main();
