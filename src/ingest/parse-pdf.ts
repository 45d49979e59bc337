/**
 * PDF → text per page with pdf.js: lines rebuilt from positioned text items, paragraphs split at
 * wide line gaps, words hyphenated across line ends rejoined. pdf.js runs in the calling thread
 * (our ingest worker or Node), with eval and font loading off, since the file is untrusted.
 */
import { joinLines } from './lines';
import { ocrParagraphs, type OcrEngine } from './ocr/engine';
import { isUnreadable, pageList, textQuality, type Vocabulary } from './readable';
import { DocumentBuilder, IngestError, type ParsedDocument } from './types';

export { joinLines };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

let pdfjsPromise: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    // Registering the worker module on globalThis makes pdf.js run it in this thread instead of
    // spawning another worker (which Node lacks and a worker needs no second of).
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsPromise;
}

export const NO_TEXT_LAYER = 'no text layer (a scanned or image-only PDF); turn on OCR in Settings to read it';

export interface PdfOptions {
  onPage?: (page: number, pages: number) => void;
  /** Reads image-only and unreadable pages; without it they are left out, with a warning naming them. */
  ocr?: OcrEngine;
  onOcrPage?: (done: number, total: number) => void;
  vocabulary?: Vocabulary;
  signal?: AbortSignal;
}

/** Pages are rendered at up to 300 dpi, and at most this many pixels on the longer side. */
const OCR_MAX_SIDE = 2400;

/** pdf.js makes its scratch canvases with `document`; a worker has OffscreenCanvas instead. */
class OffscreenCanvasFactory {
  create(width: number, height: number) {
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
  }
  reset(target: { canvas: OffscreenCanvas }, width: number, height: number) {
    target.canvas.width = width;
    target.canvas.height = height;
  }
  destroy(target: { canvas: OffscreenCanvas | null; context: unknown }) {
    if (target.canvas) target.canvas.width = target.canvas.height = 0;
    target.canvas = null;
    target.context = null;
  }
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type Canvas = { width: number; height: number; convertToBlob?: (o: { type: string }) => Promise<Blob>; encode?: (format: 'png') => Promise<Uint8Array> };

/** One page as PNG bytes, drawn by pdf.js on its canvas factory's canvas (OffscreenCanvas or @napi-rs/canvas). */
async function renderPage(pdf: PdfDocument, pageNumber: number): Promise<Uint8Array> {
  const page = await pdf.getPage(pageNumber);
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(300 / 72, OCR_MAX_SIDE / Math.max(base.width, base.height));
  const viewport = page.getViewport({ scale });
  const factory = (pdf as unknown as { canvasFactory: { create(w: number, h: number): { canvas: Canvas; context: unknown }; destroy(c: unknown): void } }).canvasFactory;
  const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    const context = target.context as CanvasRenderingContext2D;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, target.canvas.width, target.canvas.height);
    await page.render({ canvasContext: context, canvas: target.canvas as unknown as HTMLCanvasElement, viewport }).promise;
    if (target.canvas.convertToBlob) return new Uint8Array(await (await target.canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return new Uint8Array(await target.canvas.encode!('png'));
  } finally {
    factory.destroy(target);
    page.cleanup();
  }
}

export async function parsePdf(name: string, bytes: Uint8Array, options: PdfOptions = {}): Promise<ParsedDocument> {
  const pdfjs = await loadPdfJs();
  let pdf: PdfDocument;
  try {
    const inWorker = typeof document === 'undefined' && typeof OffscreenCanvas !== 'undefined';
    pdf = await pdfjs.getDocument({
      data: bytes.slice(), // pdf.js detaches the buffer it is given
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      ...(inWorker ? { CanvasFactory: OffscreenCanvasFactory } : {}),
    }).promise;
  } catch (error) {
    const kind = (error as { name?: string }).name;
    if (kind === 'PasswordException') throw new IngestError(name, 'this PDF is password-protected. Remove the password (e.g. print to PDF) and add it again.');
    if (kind === 'InvalidPDFException') throw new IngestError(name, 'this is not a readable PDF (corrupt or truncated file).');
    throw new IngestError(name, `this PDF could not be opened (${(error as Error).message}).`);
  }
  try {
    const pages: { paragraphs: string[]; ocr: boolean }[] = [];
    const empty: number[] = [];
    const unreadable: number[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const paragraphs = pageParagraphs(content.items as TextItem[]);
      const text = paragraphs.join('\n');
      if (!text.trim()) empty.push(p);
      else if (isUnreadable(textQuality(text, options.vocabulary))) unreadable.push(p);
      pages.push({ paragraphs, ocr: false });
      page.cleanup();
      options.onPage?.(p, pdf.numPages);
    }
    const needOcr = [...empty, ...unreadable].sort((a, b) => a - b);
    const warnings: string[] = [];
    for (const p of unreadable) pages[p - 1]!.paragraphs = [];
    if (options.ocr && needOcr.length) {
      for (const [i, p] of needOcr.entries()) {
        if (options.signal?.aborted) throw abortError();
        const result = await options.ocr.recognize(await renderPage(pdf, p), options.signal);
        pages[p - 1] = { paragraphs: ocrParagraphs(result.text), ocr: true };
        options.onOcrPage?.(i + 1, needOcr.length);
      }
    } else {
      if (empty.length === pdf.numPages) warnings.push(NO_TEXT_LAYER);
      else if (empty.length) warnings.push(`${empty.length > 1 ? `pages ${pageList(empty)} have` : `page ${empty[0]} has`} no text layer (scanned?) and ${empty.length > 1 ? 'were' : 'was'} not indexed; turn on OCR in Settings to read ${empty.length > 1 ? 'them' : 'it'}`);
      if (unreadable.length) warnings.push(`the text of page${unreadable.length > 1 ? 's' : ''} ${pageList(unreadable)} is unreadable (fonts without a character mapping) and was not indexed; turn on OCR in Settings to read ${unreadable.length > 1 ? 'them' : 'it'}`);
    }
    const doc = new DocumentBuilder();
    pages.forEach((page, i) => {
      for (const paragraph of page.paragraphs) doc.block('paragraph', paragraph, i + 1, page.ocr ? { ocr: true } : {});
    });
    const parsed = doc.build(name, 'pdf', warnings, pdf.numPages);
    const ocrPages = pages.flatMap((page, i) => (page.ocr ? [i + 1] : []));
    if (ocrPages.length) parsed.ocrPages = ocrPages;
    const meta = await pdf.getMetadata().catch(() => null);
    const title = (meta?.info as { Title?: unknown } | undefined)?.Title;
    if (typeof title === 'string' && title.trim() && !isUnreadable(textQuality(title.trim()))) parsed.title = title.trim();
    return parsed;
  } finally {
    await pdf.destroy();
  }
}

function abortError(): Error {
  return Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
}

interface Line {
  text: string;
  y: number;
  height: number;
}

function pageLines(items: TextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  let lastRight = 0;
  for (const item of items) {
    if (!('str' in item)) continue;
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const height = Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) || 10;
    if (!current || Math.abs(y - current.y) > height * 0.6) {
      if (current && current.text.trim()) lines.push(current);
      current = { text: item.str, y, height };
    } else {
      const gap = x - lastRight;
      const needsSpace = gap > height * 0.15 && !current.text.endsWith(' ') && !item.str.startsWith(' ');
      current.text += (needsSpace ? ' ' : '') + item.str;
    }
    lastRight = x + item.width;
    if (item.hasEOL) {
      if (current.text.trim()) lines.push(current);
      current = null;
    }
  }
  if (current && current.text.trim()) lines.push(current);
  return lines;
}

/** Groups a page's lines into paragraphs at gaps clearly wider than the usual line spacing. */
function pageParagraphs(items: TextItem[]): string[] {
  const lines = pageLines(items);
  if (lines.length === 0) return [];
  const gaps = lines.slice(1).map((l, i) => Math.abs(lines[i]!.y - l.y)).filter((g) => g > 0);
  const typical = median(gaps) || lines[0]!.height * 1.2;
  const paragraphs: string[] = [];
  let current = lines[0]!.text.trim();
  for (let i = 1; i < lines.length; i++) {
    const gap = Math.abs(lines[i - 1]!.y - lines[i]!.y);
    const next = lines[i]!.text.trim();
    if (gap > typical * 1.5) {
      paragraphs.push(current);
      current = next;
    } else {
      current = joinLines(current, next);
    }
  }
  paragraphs.push(current);
  return paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}


function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
