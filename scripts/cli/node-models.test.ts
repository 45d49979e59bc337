import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderEntry } from './node-models.ts';

function folder(path: string, files: Record<string, object>): string {
  const root = mkdtempSync(join(tmpdir(), 'model-folder-'));
  const dir = join(root, path);
  for (const [name, content] of Object.entries({ 'config.json': {}, ...files })) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(content));
  }
  return dir;
}

describe('--model <folder> takes pooling and prefixes from the folder or the catalog', () => {
  it('a copy of a catalog model keeps its CLS pooling and query instruction', () => {
    const entry = folderEntry(folder('Xenova/bge-small-en-v1.5', {}), 'embed');
    expect(entry.pooling).toBe('cls');
    expect(entry.queryPrefix).toMatch(/^Represent this sentence/);
  });

  it("another model's sentence-transformers files decide", () => {
    const dir = folder('acme/e5-like', {
      '1_Pooling/config.json': { pooling_mode_cls_token: false, pooling_mode_mean_tokens: true },
      'config_sentence_transformers.json': { prompts: { query: 'query: ', passage: 'passage: ' } },
    });
    const entry = folderEntry(dir, 'embed');
    expect(entry).toMatchObject({ pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ', id: 'e5-like' });
    expect(folderEntry(folder('acme/cls-model', { '1_Pooling/config.json': { pooling_mode_cls_token: true } }), 'embed').pooling).toBe('cls');
  });
});
