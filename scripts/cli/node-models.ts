/**
 * Model access for the command-line twins: the same catalog and loading code as the browser, with
 * onnxruntime-node underneath. Models come from public/models/ (what `npm run models` fills), a
 * folder given on the command line, or the Hub when allowed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '@huggingface/transformers';
import { loadTokenCounter, type TokenCounter } from '../../src/chunk/token-counter.ts';
import { CATALOG, defaultModel, type CatalogEntry } from '../../src/models/catalog.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The BERT uncased WordPiece tokenizer: the exact vocabulary of every embedder and reranker in the catalog. */
const BUNDLED_BERT = join(repoRoot, 'public', 'tokenizers');

export interface NodeModel {
  entry: CatalogEntry;
}

/**
 * Resolves `--model`: a catalog id (looked up under public/models/, then the Hub) or a folder in the
 * transformers.js layout (its catalog entry is then guessed from the task, with mean pooling).
 */
export function resolveNodeModel(spec: string | undefined, task: CatalogEntry['task'], offline: boolean): CatalogEntry {
  env.allowLocalModels = true;
  env.allowRemoteModels = !offline;
  env.localModelPath = join(repoRoot, 'public', 'models') + '/';
  if (!spec) return defaultModel(task);
  const known = CATALOG.find((m) => m.id === spec);
  if (known) return known;
  const folder = resolve(spec);
  if (!existsSync(join(folder, 'config.json'))) {
    throw new Error(`--model ${spec}: not a catalog id and no config.json in that folder.`);
  }
  env.localModelPath = dirname(folder) + '/';
  return folderEntry(folder, task);
}

/**
 * A folder's catalog entry: the catalog's own when the folder is a copy of a catalog model
 * (`…/Xenova/bge-small-en-v1.5`), so its pooling and query prefix hold; otherwise what the folder's
 * sentence-transformers files say (1_Pooling/config.json, config_sentence_transformers.json),
 * else mean pooling without prefixes.
 */
export function folderEntry(folder: string, task: CatalogEntry['task']): CatalogEntry {
  const id = basename(folder);
  const dtype = existsSync(join(folder, 'onnx', 'model.onnx')) ? 'fp32' : existsSync(join(folder, 'onnx', 'model_quantized.onnx')) ? 'q8' : 'fp32';
  const known = CATALOG.find((m) => m.task === task && (m.id === `${basename(dirname(folder))}/${id}` || m.id.endsWith(`/${id}`)));
  if (known) return { ...known, id, dtype: { webgpu: dtype, wasm: dtype } };
  const template = defaultModel(task);
  const json = (file: string) => (existsSync(join(folder, file)) ? (JSON.parse(readFileSync(join(folder, file), 'utf8')) as Record<string, unknown>) : {});
  const pooling = json('1_Pooling/config.json').pooling_mode_cls_token === true ? 'cls' : 'mean';
  const prompts = (json('config_sentence_transformers.json').prompts ?? {}) as { query?: string; passage?: string; document?: string };
  const passagePrefix = prompts.passage ?? prompts.document;
  return { ...template, id, label: id, pooling, queryPrefix: prompts.query ?? '', ...(passagePrefix ? { passagePrefix } : {}), dtype: { webgpu: dtype, wasm: dtype } };
}

/** The embedding model's tokenizer when its files are at hand, else the bundled BERT uncased one. */
export async function nodeTokenCounter(entry: CatalogEntry): Promise<TokenCounter> {
  const local = join(env.localModelPath, entry.id, 'tokenizer.json');
  if (existsSync(local)) return loadTokenCounter(entry.id);
  const saved = env.localModelPath;
  const savedRemote = env.allowRemoteModels;
  env.localModelPath = BUNDLED_BERT + '/';
  env.allowRemoteModels = false;
  try {
    return await loadTokenCounter('bert-uncased');
  } finally {
    env.localModelPath = saved;
    env.allowRemoteModels = savedRemote;
  }
}
