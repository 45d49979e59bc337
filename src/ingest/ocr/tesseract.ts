/**
 * The OCR engine on tesseract.js with its English LSTM model, in both the browser's OCR worker and
 * Node. tesseract.js runs recognition in a worker of its own; cancelling terminates that worker
 * (a page in progress cannot be interrupted otherwise) and the next page starts a fresh one.
 * Paths are always given, so tesseract.js never reaches for its CDN defaults.
 */
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { OcrEngine, OcrResult } from './engine';

export interface TesseractPaths {
  /** tesseract.js's worker script (browser only; Node uses its own worker thread). */
  workerPath?: string;
  /** Folder of tesseract.js-core's *.wasm.js builds (browser only). */
  corePath?: string;
  /** Folder holding eng.traineddata.gz. */
  langPath: string;
}

export interface TesseractEngine extends OcrEngine {
  terminate(): Promise<void>;
}

function abortError(): Error {
  return Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
}

export function tesseractEngine(paths: TesseractPaths): TesseractEngine {
  let worker: Promise<Worker> | null = null;
  const start = () =>
    (worker ??= createWorker('eng', OEM.LSTM_ONLY, { ...paths, gzip: true, cacheMethod: 'none', workerBlobURL: false }).catch((error: unknown) => {
      worker = null;
      // A worker script the browser refused rejects with nothing to show ("undefined").
      const why = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
      throw new Error(`the OCR engine could not start (${why || 'its worker did not load'}); reload the page, or turn OCR off in Settings`);
    }));
  const stop = async () => {
    const current = worker;
    worker = null;
    if (current) await (await current.catch(() => null))?.terminate();
  };
  return {
    async recognize(image: Uint8Array, signal?: AbortSignal): Promise<OcrResult> {
      if (signal?.aborted) throw abortError();
      const running = await start();
      const input = (globalThis as { Buffer?: { from(b: Uint8Array): unknown } }).Buffer?.from(image) ?? image;
      return new Promise<OcrResult>((resolve, reject) => {
        const onAbort = () => {
          void stop();
          reject(abortError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        running.recognize(input as never).then(
          ({ data }) => resolve({ text: data.text, confidence: data.confidence }),
          (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
        ).finally(() => signal?.removeEventListener('abort', onAbort));
      });
    },
    terminate: stop,
  };
}
