import { env } from '@huggingface/transformers';
import { loadTokenCounter } from '../src/chunk/token-counter';

/** The bundled BERT uncased tokenizer (the catalog embedders' vocabulary), loaded from disk. */
export async function bertCounter() {
  env.allowRemoteModels = false;
  env.localModelPath = 'public/tokenizers/';
  return loadTokenCounter('bert-uncased');
}
