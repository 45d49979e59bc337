/** The chunk CLI on the new formats and on OCR, as a person would run it (real tesseract.js, no fakes). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures-node';
import { parseFile } from '../src/ingest/parse';
import { nodeOcrEngine, nodeVocabulary } from './cli/node-ocr';

const exec = promisify(execFile);
const docs = (name: string) => `test/fixtures/docs/${name}`;

interface Row {
  doc: string;
  text: string;
  pages?: [number, number];
  ocrPages?: number[];
  headings: string[];
}

describe('chunk CLI with OCR', () => {
  it('reads an unreadable-font PDF by OCR with page numbers, and every new format', async () => {
    const files = ['unreadable-font.pdf', 'test.pptx', 'test.xlsx', 'sample.csv', 'sample.epub', 'sample.odt', 'sample.odp', 'sample.ods', 'sample.rtf', 'text-image.png'].map(docs);
    const { stdout, stderr } = await exec('npx', ['tsx', 'scripts/chunk.ts', ...files, '--json'], { maxBuffer: 16 * 1024 * 1024 });
    const rows = JSON.parse(stdout) as Row[];
    const pdf = rows.filter((r) => r.doc.endsWith('unreadable-font.pdf'));
    expect(pdf.map((r) => r.text).join(' ')).toMatch(/quick brown fox jumps over the lazy dog/i);
    expect(pdf.every((r) => r.pages?.[0] === 1 && r.ocrPages?.[0] === 1)).toBe(true);
    expect(stderr).toContain('ocr: test/fixtures/docs/unreadable-font.pdf: page 1 of 1');
    const slides = rows.filter((r) => r.doc.endsWith('test.pptx'));
    expect(new Set(slides.map((r) => r.pages?.[0]))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    for (const file of files) expect(rows.some((r) => r.doc === file)).toBe(true);
  });

  it('without OCR, names the unreadable pages and indexes none of their symbols', async () => {
    const result = await exec('npx', ['tsx', 'scripts/chunk.ts', docs('unreadable-font.pdf'), '--no-ocr', '--json']);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toMatch(/warning: .*unreadable-font\.pdf: the text of page 1 is unreadable/);
  });

  it('cancels a page in recognition at once, and recognises again afterwards', async () => {
    const ocr = nodeOcrEngine();
    try {
      const controller = new AbortController();
      const scan = fixture('MEDRPT-2024-PAT-3847_medical_report_scan.pdf');
      const pending = parseFile('scan.pdf', scan, { ocr, signal: controller.signal, onOcrProgress: () => undefined });
      setTimeout(() => controller.abort(), 1500);
      const error = await pending.catch((e: Error) => e);
      expect((error as Error).name).toBe('AbortError');
      const image = await parseFile('text-image.png', fixture('text-image.png'), { ocr, vocabulary: nodeVocabulary() });
      expect(image.text).toMatch(/Scanned handouts become searchable text/);
      expect(image.ocrPages).toEqual([1]);
      // A picture without writing is refused with a reason, not indexed as the symbols OCR made of its shading.
      await expect(parseFile('no-text.png', fixture('no-text.png'), { ocr, vocabulary: nodeVocabulary() })).rejects.toThrow(/^no-text\.png: no writing was found in this image \(OCR read/);
    } finally {
      await ocr.terminate();
    }
  });
});
