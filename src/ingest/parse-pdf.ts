/**
 * PDF → text per page with pdf.js: lines rebuilt from positioned text items, paragraphs split at
 * wide line gaps, words hyphenated across line ends rejoined. pdf.js runs in the calling thread
 * (our ingest worker or Node), with eval and font loading off, since the file is untrusted.
 */
import { DocumentBuilder, IngestError, type ParsedDocument } from './types';

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

export const NO_TEXT_LAYER = 'no text layer; scanned PDFs are not supported (run OCR first, then add the OCR’d PDF)';

export async function parsePdf(name: string, bytes: Uint8Array, onPage?: (page: number, pages: number) => void): Promise<ParsedDocument> {
  const pdfjs = await loadPdfJs();
  let pdf: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    pdf = await pdfjs.getDocument({
      data: bytes.slice(), // pdf.js detaches the buffer it is given
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const kind = (error as { name?: string }).name;
    if (kind === 'PasswordException') throw new IngestError(name, 'this PDF is password-protected. Remove the password (e.g. print to PDF) and add it again.');
    if (kind === 'InvalidPDFException') throw new IngestError(name, 'this is not a readable PDF (corrupt or truncated file).');
    throw new IngestError(name, `this PDF could not be opened (${(error as Error).message}).`);
  }
  try {
    const doc = new DocumentBuilder();
    let chars = 0;
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      for (const paragraph of pageParagraphs(content.items as TextItem[])) {
        chars += paragraph.length;
        doc.block('paragraph', paragraph, p);
      }
      page.cleanup();
      onPage?.(p, pdf.numPages);
    }
    const warnings = chars === 0 ? [NO_TEXT_LAYER] : [];
    const parsed = doc.build(name, 'pdf', warnings, pdf.numPages);
    const meta = await pdf.getMetadata().catch(() => null);
    const title = (meta?.info as { Title?: unknown } | undefined)?.Title;
    if (typeof title === 'string' && title.trim()) parsed.title = title.trim();
    return parsed;
  } finally {
    await pdf.destroy();
  }
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

/** Joins two lines of one paragraph, repairing "infor-\nmation" → "information". */
export function joinLines(previous: string, next: string): string {
  if (/\p{L}-$/u.test(previous) && /^\p{Ll}/u.test(next)) return previous.slice(0, -1) + next;
  return `${previous} ${next}`;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
