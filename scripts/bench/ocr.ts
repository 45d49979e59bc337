/**
 * OCR throughput with the lab's own path: pdf.js renders each page (up to 300 dpi), tesseract.js
 * recognises it, in Node as in the browser's OCR worker. Pages of a real scanned document; the
 * model loads once before timing, as it stays loaded in the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from '../../src/ingest/parse.ts';
import { nodeOcrEngine } from '../cli/node-ocr.ts';
import { SHARED } from './corpus.ts';

export interface OcrReport {
  file: string;
  pages: number;
  seconds: number;
  pages_per_s: number;
  words: number;
}

export async function benchOcr(): Promise<OcrReport> {
  const name = 'MEDRPT-2024-PAT-3847_medical_report_scan.pdf';
  const shared = join(SHARED, 'docs', 'pdf', name);
  const file = existsSync(shared) ? shared : join('test', 'fixtures', 'docs', name);
  const ocr = nodeOcrEngine();
  try {
    await parseFile('warmup.png', new Uint8Array(readFileSync(join('test', 'fixtures', 'docs', 'text-image.png'))), { ocr });
    const t0 = performance.now();
    const doc = await parseFile(file, new Uint8Array(readFileSync(file)), { ocr });
    const seconds = (performance.now() - t0) / 1000;
    const pages = doc.ocrPages?.length ?? 0;
    const r = (x: number) => Math.round(x * 100) / 100;
    return { file: name, pages, seconds: r(seconds), pages_per_s: r(pages / seconds), words: doc.text.split(/\s+/).filter(Boolean).length };
  } finally {
    await ocr.terminate();
  }
}
