import type { OcrResult } from './engine';

export type OcrMethods = {
  /** Text of one page image (PNG or JPEG bytes, transferred). Cancelling stops the page at once. */
  recognize: { params: { image: Uint8Array }; result: OcrResult; event: never };
};
