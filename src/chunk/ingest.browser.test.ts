import { afterAll, describe, expect, it } from 'vitest';
import { badInputs } from '../../test/bad-inputs';
import { TEST_RUNTIME, TINY } from '../../test/browser-config';
import { fixture } from '../../test/fixtures-browser';
import { DEFAULT_CHUNK_SETTINGS } from './chunker';
import { startIngestWorker } from './ingest-client';
import { NO_TEXT_LAYER } from '../ingest/parse-pdf';

const worker = startIngestWorker();
afterAll(() => worker.terminate());

const ingest = (name: string, bytes: Uint8Array, settings = DEFAULT_CHUNK_SETTINGS) =>
  worker.call('ingest', { name, bytes, docId: name, settings, tokenizerModel: TINY.embedder, config: TEST_RUNTIME });

describe('ingest worker (pdf.js, mammoth, htmlparser2 and marked in a real browser worker)', () => {
  it('parses and chunks every supported format', async () => {
    const pages: number[] = [];
    const pdf = await worker.call(
      'ingest',
      { name: 'test.pdf', bytes: await fixture('test.pdf'), docId: 'p', settings: { size: 100, overlap: 15 }, tokenizerModel: TINY.embedder, config: TEST_RUNTIME },
      { onEvent: (e) => pages.push(e.done) },
    );
    expect(pdf.doc.pageCount).toBe(1);
    expect(pages).toEqual([1]);
    expect(pdf.chunks.length).toBeGreaterThan(3);
    expect(pdf.chunks.every((c) => c.tokens <= 100 && c.pages?.[0] === 1)).toBe(true);

    const docx = await ingest('test.docx', await fixture('test.docx'));
    expect(docx.doc.blocks.some((b) => b.kind === 'table')).toBe(true);
    const md = await ingest('guide__features.md', await fixture('guide__features.md'));
    expect(md.chunks.some((c) => c.headings.length >= 2)).toBe(true);
    const html = await ingest('test_wikipedia.html', await fixture('test_wikipedia.html'));
    expect(html.doc.text).not.toMatch(/Alemannisch/);
    const txt = await ingest('pg26184.txt', await fixture('pg26184.txt'));
    for (const c of txt.chunks) expect(txt.doc.text.slice(c.start, c.end)).toBe(c.text);
  });

  it('warns about image-only PDFs and produces no chunks', async () => {
    const scan = await ingest('scan.pdf', await fixture('MEDRPT-2024-PAT-3847_medical_report_scan.pdf'));
    expect(scan.doc.warnings).toContain(NO_TEXT_LAYER);
    expect(scan.chunks).toEqual([]);
  });

  it('refuses bad files with a message naming the file and the reason', async () => {
    const bad = badInputs();
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty.txt', bad['empty.txt']!, /^empty\.txt: the file is empty/],
      ['binary.txt', bad['binary.txt']!, /^binary\.txt: not text/],
      ['corrupt.pdf', bad['corrupt.pdf']!, /^corrupt\.pdf: this .*PDF/],
      ['password.pdf', await fixture('password.pdf'), /^password\.pdf: this PDF is password-protected/],
    ];
    for (const [name, bytes, message] of cases) {
      const error = await ingest(name, bytes).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('IngestError');
      expect((error as Error).message).toMatch(message);
    }
  });

  it('measures chunks with the bundled BERT vocabulary when the model tokenizer is unavailable offline', async () => {
    const result = await worker.call('ingest', {
      name: 'pg26184.txt',
      bytes: await fixture('pg26184.txt'),
      docId: 'offline',
      settings: DEFAULT_CHUNK_SETTINGS,
      tokenizerModel: 'Xenova/bge-small-en-v1.5',
      config: TEST_RUNTIME,
    });
    const reference = await ingest('pg26184.txt', await fixture('pg26184.txt'));
    expect(result.chunks.map((c) => c.tokens)).toEqual(reference.chunks.map((c) => c.tokens));
  });

  it('never executes anything from hostile HTML', async () => {
    const result = await ingest('hostile.html', badInputs()['hostile.html']!);
    expect(result.doc.text).toContain('Safe text here.');
    expect(result.doc.text).not.toContain('__pwned');
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
