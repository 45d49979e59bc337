import fc from 'fast-check';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { bertCounter } from '../../test/bert-tokenizer-node';
import { fixture } from '../../test/fixtures-node';
import { parseFile } from '../ingest/parse';
import { DocumentBuilder, type ParsedDocument } from '../ingest/types';
import { chunkDocument, validateChunkSettings } from './chunker';
import { findDuplicates } from './dedupe';
import type { TokenCounter } from './token-counter';

let counter: TokenCounter;
beforeAll(async () => {
  counter = await bertCounter();
});

function assertChunkInvariants(doc: ParsedDocument, size: number) {
  const chunks = chunkDocument(doc, 'd', counter, { size, overlap: Math.floor(size * 0.15) });
  const covered = new Uint8Array(doc.text.length);
  chunks.forEach((c, i) => {
    expect(c.ordinal).toBe(i);
    expect(c.text).toBe(doc.text.slice(c.start, c.end));
    expect(c.tokens).toBe(counter.count(c.text));
    expect(c.tokens).toBeLessThanOrEqual(size);
    covered.fill(1, c.start, c.end);
  });
  for (let i = 0; i < doc.text.length; i++) {
    if (!covered[i] && /\S/.test(doc.text[i]!)) throw new Error(`character ${i} (${JSON.stringify(doc.text.slice(i, i + 20))}) is in no chunk`);
  }
  return chunks;
}

describe('token counting', () => {
  it('matches the real tokenizer exactly on a whole book', async () => {
    env.localModelPath = 'public/tokenizers/';
    const tokenizer = await AutoTokenizer.from_pretrained('bert-uncased');
    const doc = await parseFile('pg26184.txt', fixture('pg26184.txt'));
    expect(counter.count(doc.text)).toBe(tokenizer.encode(doc.text, { add_special_tokens: false }).length);
  });
});

describe('chunking real documents', () => {
  it('keeps every chunk within budget, maps offsets exactly and covers the document', async () => {
    for (const [name, size] of [['test.docx', 64], ['guide__features.md', 128], ['pg26184.txt', 256], ['test.pdf', 100]] as const) {
      const doc = await parseFile(name, fixture(name));
      const chunks = assertChunkInvariants(doc, size);
      expect(chunks.length).toBeGreaterThan(1);
    }
  });

  it('records headings and page ranges', async () => {
    const md = await parseFile('guide__features.md', fixture('guide__features.md'));
    const chunks = chunkDocument(md, 'md', counter);
    expect(chunks.find((c) => c.text.includes('Hot Module Replacement'))?.headings[0]).toBe('Features');
    const pdf = await parseFile('test.pdf', fixture('test.pdf'));
    expect(chunkDocument(pdf, 'pdf', counter).every((c) => c.pages?.[0] === 1 && c.pages[1] === 1)).toBe(true);
  });

  it('overlaps consecutive chunks of one section', async () => {
    const doc = await parseFile('pg26184.txt', fixture('pg26184.txt'));
    const chunks = chunkDocument(doc, 'd', counter, { size: 64, overlap: 16 });
    const overlapping = chunks.filter((c, i) => i > 0 && c.start < chunks[i - 1]!.end);
    expect(overlapping.length).toBeGreaterThan(0);
  });

  it('keeps a code block whole when it fits', async () => {
    const doc = new DocumentBuilder();
    doc.heading('Setup', 1);
    doc.block('paragraph', 'Install the package and then configure it as follows.');
    const code = Array.from({ length: 12 }, (_, i) => `const value${i} = compute(${i});`).join('\n');
    doc.block('code', code);
    const chunks = chunkDocument(doc.build('x.md', 'markdown'), 'x', counter, { size: 200, overlap: 20 });
    expect(chunks.some((c) => c.text.includes(code))).toBe(true);
  });

  it('rejects impossible settings clearly', () => {
    expect(() => validateChunkSettings({ size: 8, overlap: 0 })).toThrow(/between 16 and 8192/);
    expect(() => validateChunkSettings({ size: 100, overlap: 60 })).toThrow(/less than half/);
  });
});

describe('chunking properties', () => {
  const word = fc.stringMatching(/^[a-z]{1,12}$|^supercalifragilistic[a-z]{0,40}$|^[0-9]{1,6}[.,;]?$/);
  const sentence = fc.array(word, { minLength: 1, maxLength: 60 }).map((w) => `${w.join(' ')}.`);
  const paragraph = fc.array(sentence, { minLength: 1, maxLength: 12 }).map((s) => s.join(' '));
  const block = fc.oneof(
    paragraph.map((text) => ({ kind: 'paragraph' as const, text })),
    fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(word, { minLength: 1, maxLength: 5 })).map(([level, w]) => ({ kind: 'heading' as const, level, text: w.join(' ') })),
    fc.array(word, { minLength: 1, maxLength: 300 }).map((w) => ({ kind: 'code' as const, text: w.join(' ').replace(/(\S+ \S+ \S+) /g, '$1\n') })),
  );

  it('every chunk is within budget, maps back exactly, and the chunks cover the text', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 25 }), fc.integer({ min: 16, max: 300 }), (blocks, size) => {
        const doc = new DocumentBuilder();
        for (const b of blocks) {
          if (b.kind === 'heading') doc.heading(b.text, b.level);
          else doc.block(b.kind, b.text);
        }
        assertChunkInvariants(doc.build('p', 'markdown'), size);
      }),
      { numRuns: 150 },
    );
  });
});

describe('duplicates', () => {
  it('finds exact and near-duplicate chunks', () => {
    const base = 'Retrieval augmented generation combines a search step with a language model so answers can cite their sources in the documents.';
    const texts = [base, 'Something else entirely about cooking pasta in salted water for ten minutes.', `  ${base.toUpperCase()} `, base.replace('ten', 'ten').replace('cite', 'quote'), base];
    const report = findDuplicates(texts);
    expect([...report.exactOf]).toEqual([[2, 0], [4, 0]]);
    expect(report.nearOf.get(3)).toBe(0);
    expect(report.nearOf.has(1)).toBe(false);
  });
});
