/** An OcrEngine that sends page images to the OCR worker, for the ingest worker's parsers. */
import { WorkerBridge } from '../../models/bridge';
import type { OcrEngine } from './engine';
import type { OcrMethods } from './ocr-protocol';

export function startOcrWorker(): WorkerBridge<OcrMethods> {
  return new WorkerBridge<OcrMethods>(new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module', name: 'ocr' }));
}

export function workerOcrEngine(bridge: WorkerBridge<OcrMethods>): OcrEngine {
  return {
    recognize: (image, signal) => {
      const own = image.slice(); // transferred: the caller keeps its bytes
      return bridge.call('recognize', { image: own }, signal ? { signal } : {}, [own.buffer]);
    },
  };
}
