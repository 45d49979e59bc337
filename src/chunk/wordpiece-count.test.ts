import { readFileSync } from 'node:fs';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures-node';
import { parseFile } from '../ingest/parse';
import { countWordPieces, wordPieceSpec } from './wordpiece-count';

describe('WordPiece counting', () => {
  it('equals the real BERT tokenizer on whole real documents, word by word', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = 'public/tokenizers/';
    const tokenizer = await AutoTokenizer.from_pretrained('bert-uncased');
    const spec = wordPieceSpec(JSON.parse(readFileSync('public/tokenizers/bert-uncased/tokenizer.json', 'utf8')))!;
    expect(spec).not.toBeNull();
    const texts = [
      (await parseFile('pg26184.txt', fixture('pg26184.txt'))).text,
      (await parseFile('test_wikipedia.html', fixture('test_wikipedia.html'))).text,
      (await parseFile('guide__features.md', fixture('guide__features.md'))).text,
      'Café naïve façade Ærøskøbing 東京都 Ελληνικά “quotes” — dashes… emoji 🎉 tab\there zero\u200bwidth a\u0000b ﬁligree ①②',
    ];
    for (const text of texts) {
      const words = [...new Set(text.split(/\s+/).filter(Boolean))];
      const mismatches = words.filter((w) => countWordPieces(w, spec) !== tokenizer.encode(w, { add_special_tokens: false }).length);
      expect(mismatches.slice(0, 10)).toEqual([]);
    }
  });

  it('declines tokenizers that are not plain BERT WordPiece', () => {
    const smol = JSON.parse(readFileSync('scripts/tiny-models/tokenizers/smollm2/tokenizer.json', 'utf8'));
    expect(wordPieceSpec(smol)).toBeNull();
  });
});
