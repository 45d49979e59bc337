/** OCR for the Node CLIs: the same tesseract.js engine as the browser, reading the model from node_modules. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { tesseractEngine, type TesseractEngine } from '../../src/ingest/ocr/tesseract.ts';
import { vocabularyFromTokenizer, type Vocabulary } from '../../src/ingest/readable.ts';

const require = createRequire(import.meta.url);

export function nodeOcrEngine(): TesseractEngine {
  return tesseractEngine({ langPath: join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int') });
}

/** The bundled BERT vocabulary, which tells a real text layer from a garbled one. */
export function nodeVocabulary(): Vocabulary | undefined {
  const path = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'public', 'tokenizers', 'bert-uncased', 'tokenizer.json');
  return vocabularyFromTokenizer(JSON.parse(readFileSync(path, 'utf8'))) ?? undefined;
}
