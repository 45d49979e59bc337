import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TEST_RUNTIME, TINY } from '../../test/browser-config';
import { fixture } from '../../test/fixtures-browser';
import { addFile } from '../store/add-files';
import { startIndexWorker } from '../store/index-client';
import type { IndexSettings } from '../store/schema';
import { startIngestWorker } from './ingest-client';

const worker = startIngestWorker();
afterAll(() => worker.terminate());

const settings = { size: 128, overlap: 16 };
const ingest = (name: string, bytes: Uint8Array, ocr = false, signal?: AbortSignal, onEvent?: (e: { done: number; total: number; ocr?: boolean }) => void) =>
  worker.call('ingest', { name, bytes, docId: name, settings, tokenizerModel: TINY.embedder, config: TEST_RUNTIME, ocr }, { ...(signal ? { signal } : {}), ...(onEvent ? { onEvent } : {}) });

describe('slides, spreadsheets, e-books and OpenDocument in the ingest worker (real Chromium)', () => {
  it('keeps slide numbers, sheet headers and chapters', async () => {
    const deck = await ingest('test.pptx', await fixture('test.pptx'));
    expect(deck.doc.pageCount).toBe(6);
    expect([...new Set(deck.chunks.map((c) => c.pages?.[0]))]).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of deck.chunks) expect(c.pages![1]).toBe(c.pages![0]);
    expect(deck.chunks[0]!.headings[0]).toMatch(/^AutoGen: Enabling Next-Gen LLM Applications/);
    expect(deck.doc.blocks.some((b) => b.kind === 'table' && b.page === 3)).toBe(true);

    const sheet = await ingest('test.xlsx', await fixture('test.xlsx'));
    expect(sheet.doc.blocks.filter((b) => b.kind === 'heading').length).toBeGreaterThanOrEqual(2);
    const rows = await ingest('long.csv', new TextEncoder().encode(`name,score\n${Array.from({ length: 300 }, (_, i) => `player number ${i},${i * 3}`).join('\n')}\n`));
    expect(rows.chunks.length).toBeGreaterThan(2);
    for (const c of rows.chunks.slice(1)) expect(c.headings).toEqual(['long', 'name | score']);

    const book = await ingest('sample.epub', await fixture('sample.epub'));
    expect(book.chunks.map((c) => c.headings[0])).toEqual(['Birds of the Marsh', 'Insects']);
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
    const slides = await ingest('sample.odp', await fixture('sample.odp'));
    expect(slides.chunks.find((c) => c.text.includes('skating'))!.pages).toEqual([1, 1]);
    for (const name of ['sample.odt', 'sample.ods', 'sample.rtf']) expect((await ingest(name, await fixture(name))).chunks.length).toBeGreaterThan(0);
  });
});

describe('OCR in its own worker (tesseract.js, app-served model, real Chromium)', () => {
  it('reads an unreadable-font PDF and an image by OCR, marking the pages, and warns with the page list when OCR is off', async () => {
    const events: { done: number; total: number; ocr?: boolean }[] = [];
    const pdf = await ingest('unreadable-font.pdf', await fixture('unreadable-font.pdf'), true, undefined, (e) => events.push(e));
    expect(pdf.doc.text).toMatch(/quick brown fox/i);
    expect(pdf.doc.ocrPages).toEqual([1]);
    expect(pdf.chunks[0]!.pages).toEqual([1, 1]);
    expect(pdf.chunks[0]!.ocrPages).toEqual([1]);
    expect(events).toContainEqual({ done: 1, total: 1, ocr: true });

    const off = await ingest('unreadable-font.pdf', await fixture('unreadable-font.pdf'), false);
    expect(off.chunks).toEqual([]);
    expect(off.doc.warnings.join(' ')).toMatch(/page 1 is unreadable.*turn on OCR/);

    const image = await ingest('text-image.png', await fixture('text-image.png'), true);
    expect(image.doc.text).toMatch(/searchable text/i);
    expect(image.chunks[0]!.ocrPages).toEqual([1]);
  });

  it('cancels OCR mid-document, then recognises again', async () => {
    const controller = new AbortController();
    const scan = await fixture('MEDRPT-2024-PAT-3847_medical_report_scan.pdf');
    const recognised: number[] = [];
    // Cancelled once all pages are parsed: OCR of the first page is then under way.
    const cancelled = ingest('scan.pdf', scan, true, controller.signal, (e) => {
      if (e.ocr) recognised.push(e.done);
      else if (e.done === e.total) setTimeout(() => controller.abort(), 200);
    }).catch((e: Error) => e);
    const error = await cancelled;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AbortError');
    expect(recognised.length).toBeLessThan(3);
    const again = await ingest('text-image.png', await fixture('text-image.png'), true);
    expect(again.doc.text).toMatch(/browser/i);
  });
});

describe('bad office files leave the library untouched (real IndexedDB)', () => {
  const started: { terminate(): void }[] = [];
  afterEach(() => started.splice(0).forEach((w) => w.terminate()));

  it('refuses corrupt .pptx, .xlsx and .epub files with a clear message', async () => {
    const index = startIndexWorker();
    const ingestWorker = startIngestWorker();
    started.push(index, ingestWorker);
    const active: IndexSettings = { chunk: settings, embedModel: TINY.embedder };
    await index.call('open', { dbName: `test-${crypto.randomUUID()}`, active, dims: null, backend: 'exact' });
    const clients = { index, ingest: ingestWorker, embed: null };
    const options = { settings: active, dims: null, config: TEST_RUNTIME };
    expect((await addFile('sample.odt', await fixture('sample.odt'), clients, options)).status).toBe('added');
    const before = await index.call('list', {});
    const truncated = async (name: string) => {
      const bytes = await fixture(name);
      return bytes.slice(0, Math.floor(bytes.byteLength / 2));
    };
    const cases: [string, Uint8Array, RegExp][] = [
      ['broken.pptx', await truncated('test.pptx'), /^broken\.pptx: this is not a readable PowerPoint presentation \(corrupt or truncated/],
      ['broken.xlsx', await truncated('test.xlsx'), /^broken\.xlsx: this is not a readable Excel workbook \(corrupt or truncated/],
      ['broken.epub', await truncated('sample.epub'), /^broken\.epub: this is not a readable EPUB e-book \(corrupt or truncated/],
      ['renamed.pptx', new TextEncoder().encode('not a zip at all'), /^renamed\.pptx: this is not a readable PowerPoint presentation \(it is not a \.pptx package/],
    ];
    for (const [name, bytes, message] of cases) {
      const outcome = await addFile(name, bytes, clients, options);
      expect(outcome).toEqual({ status: 'failed', message: expect.stringMatching(message) });
    }
    expect(await index.call('list', {})).toEqual(before);
  });
});
