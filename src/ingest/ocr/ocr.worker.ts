/// <reference lib="webworker" />
/**
 * The OCR worker: tesseract.js with its English model, all three files served by the app itself
 * under `<base>ocr/` (see scripts/vite-plugin-local-runtime.ts), never from a CDN. The model loads
 * on the first page, so a library without scans never pays for it.
 */
import { serve } from '../../models/host';
import type { OcrMethods } from './ocr-protocol';
import { tesseractEngine } from './tesseract';

const assets = new URL(`${import.meta.env.BASE_URL}ocr/`, self.location.href).href;
const engine = tesseractEngine({ workerPath: `${assets}worker.min.js`, corePath: assets, langPath: assets });

serve<OcrMethods>({
  async recognize({ image }, ctx) {
    return engine.recognize(image, ctx.signal);
  },
});
