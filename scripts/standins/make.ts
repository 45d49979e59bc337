/**
 * Writes random-weight stand-ins of the catalog's real models — same architecture, sizes, I/O names
 * and precision variants as the Hub's exports — in the transformers.js layout, so the app's own
 * loading code reads them as it would the real ones:
 *   <out>/<model id>/{config.json, tokenizer files, onnx/model{_quantized,_q4}.onnx}
 * Files are written on demand and kept while the generator and options are unchanged.
 *
 *   tsx scripts/standins/make.ts [--out .cache/standins] [--layers N] [--models id,id] [--dtypes q8,q4]
 *   tsx scripts/standins/make.ts --test [--quiet]     (the one-layer set that `npm test` loads)
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findModel, type DType } from '../../src/models/catalog.ts';
import { bertGraph, decoderGraph, type BertConfig, type DecoderConfig } from './graphs.ts';
import { qwenTokenizerJson } from './qwen-tokenizer.ts';
import type { WeightFormat } from './weights.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const STANDIN_CONFIGS = join(here, 'configs');
export const DEFAULT_STANDIN_DIR = join(here, '..', '..', '.cache', 'standins');

export const STANDIN_MODELS = {
  'Xenova/bge-small-en-v1.5': 'features',
  'Xenova/all-MiniLM-L6-v2': 'features',
  'Xenova/ms-marco-MiniLM-L-6-v2': 'classifier',
  'onnx-community/Qwen2.5-0.5B-Instruct': 'decoder',
  'HuggingFaceTB/SmolLM2-360M-Instruct': 'decoder',
} as const;
export type StandinId = keyof typeof STANDIN_MODELS;

export interface StandinOptions {
  out: string;
  models: StandinId[];
  /** Per model; default: the catalog's WebAssembly dtype. Only fp32, q8 and q4 can be written. */
  dtypes?: DType[];
  /** Fewer layers than the real config (tests); the config written says so, so the I/O matches. */
  layers?: number;
  log?: (message: string) => void;
}

export function realConfig(id: StandinId): Record<string, unknown> {
  return JSON.parse(readFileSync(join(STANDIN_CONFIGS, id, 'config.json'), 'utf8'));
}

function stampOf(id: string, dtype: DType, layers: number | undefined): string {
  const h = createHash('sha256').update(`${id} ${dtype} ${layers ?? 'all'}`);
  for (const f of ['graphs.ts', 'weights.ts', 'make.ts']) h.update(readFileSync(join(here, f)));
  h.update(readFileSync(join(here, '..', 'tiny-models', 'onnx-graph.ts')));
  return h.digest('hex');
}

/** Writes what is missing or outdated; returns the model folders. */
export function writeStandins(options: StandinOptions): string[] {
  const log = options.log ?? (() => undefined);
  return options.models.map((id, index) => {
    const entry = findModel(id);
    const dir = join(options.out, id);
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    const source = join(STANDIN_CONFIGS, id);
    for (const file of readdirSync(source)) if (file !== 'config.json') copyFileSync(join(source, file), join(dir, file));
    if (!existsSync(join(source, 'tokenizer.json')) && !existsSync(join(dir, 'tokenizer.json'))) writeFileSync(join(dir, 'tokenizer.json'), qwenTokenizerJson(source));
    const config = { ...realConfig(id), ...(options.layers ? { num_hidden_layers: options.layers } : {}) };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
    for (const dtype of options.dtypes ?? [entry.dtype.wasm]) {
      if (dtype !== 'fp32' && dtype !== 'q8' && dtype !== 'q4') throw new Error(`Stand-ins are written in fp32, q8 or q4, not ${dtype}`);
      const file = join(dir, entry.weights[dtype]?.path ?? `onnx/model${dtype === 'fp32' ? '' : dtype === 'q8' ? '_quantized' : '_q4'}.onnx`);
      const stamp = stampOf(id, dtype, options.layers);
      if (existsSync(file) && existsSync(`${file}.stamp`) && readFileSync(`${file}.stamp`, 'utf8') === stamp) continue;
      const started = performance.now();
      const bytes = graphFor(id, config, dtype, 1000 + index);
      writeFileSync(file, bytes);
      writeFileSync(`${file}.stamp`, stamp);
      log(`wrote ${file} (${(bytes.byteLength / 1e6).toFixed(1)} MB, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    return dir;
  });
}

function graphFor(id: StandinId, config: Record<string, unknown>, format: WeightFormat, seed: number): Uint8Array {
  const kind = STANDIN_MODELS[id];
  if (kind === 'decoder') return decoderGraph(config as unknown as DecoderConfig, format, seed);
  return bertGraph(config as unknown as BertConfig, format, kind, seed);
}

/** What `npm test` loads: one layer each (real widths, vocabularies and I/O), q8 and q4 variants. */
export const TEST_STANDIN_DIR = join(here, '..', '..', 'test', 'models-standin');
export const TEST_STANDINS: { id: StandinId; dtypes: DType[] }[] = [
  { id: 'Xenova/bge-small-en-v1.5', dtypes: ['q8', 'q4'] },
  { id: 'Xenova/ms-marco-MiniLM-L-6-v2', dtypes: ['q8'] },
  { id: 'HuggingFaceTB/SmolLM2-360M-Instruct', dtypes: ['q8'] },
  { id: 'onnx-community/Qwen2.5-0.5B-Instruct', dtypes: ['q4'] },
];

export function writeTestStandins(log?: (message: string) => void): void {
  for (const { id, dtypes } of TEST_STANDINS) writeStandins({ out: TEST_STANDIN_DIR, models: [id], dtypes, layers: 1, log });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--test')) {
  writeTestStandins(process.argv.includes('--quiet') ? undefined : (m) => console.log(m));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const models = (value('--models')?.split(',') ?? Object.keys(STANDIN_MODELS)) as StandinId[];
  for (const m of models) if (!(m in STANDIN_MODELS)) throw new Error(`No stand-in for "${m}". Known: ${Object.keys(STANDIN_MODELS).join(', ')}`);
  const layers = value('--layers');
  writeStandins({
    out: value('--out') ?? DEFAULT_STANDIN_DIR,
    models,
    dtypes: value('--dtypes')?.split(',') as DType[] | undefined,
    layers: layers ? Number(layers) : undefined,
    log: (m) => console.log(m),
  });
}
