/**
 * What the parsers need from OCR: text out of one page image (PNG or JPEG bytes). The browser's
 * engine runs in the OCR worker (ocr.worker.ts); Node's runs tesseract.js in a worker thread.
 */
import { joinLines } from '../lines';

export interface OcrResult {
  text: string;
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number;
}

export interface OcrEngine {
  recognize(image: Uint8Array, signal?: AbortSignal): Promise<OcrResult>;
}

/** Tesseract's plain text → paragraphs: blank lines separate them, line-end hyphens are rejoined. */
export function ocrParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .reduce((acc, line) => (acc ? joinLines(acc, line) : line), ''),
    )
    .filter((p) => /[\p{L}\p{N}]/u.test(p));
}
