/**
 * A dropped PNG or JPEG: its text by OCR, as one page. The size is read from the header first, so
 * that an image too large to recognise is refused before it is decoded.
 */
import { ocrParagraphs, type OcrEngine, type OcrResult } from './ocr/engine';
import { DocumentBuilder, IngestError, type ParsedDocument } from './types';

/** About 50 megapixels: an A4 page at 600 dpi is 35. */
const MAX_PIXELS = 50_000_000;

export function isImage(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/** Width and height from the PNG IHDR or the first JPEG start-of-frame marker; null if not found. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isImage(bytes) === 'png') return bytes.byteLength >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
  let i = 2;
  while (i + 9 < bytes.byteLength) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    const length = view.getUint16(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    i += 2 + length;
  }
  return null;
}

/**
 * Whether OCR found writing rather than reading a picture's shading as symbols ("7777;" in a
 * stripe pattern): a word of two letters or more, or figures read with high confidence (a
 * photographed table of numbers).
 */
export function hasWriting(text: string, confidence: number): boolean {
  if (!/[\p{L}\p{N}]/u.test(text)) return false;
  return /\p{L}{2,}/u.test(text) || confidence >= 80;
}

export async function parseImage(name: string, bytes: Uint8Array, ocr: OcrEngine | undefined, signal?: AbortSignal): Promise<ParsedDocument> {
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0) throw new IngestError(name, 'this image is corrupt or truncated (its size cannot be read).');
  if (size.width * size.height > MAX_PIXELS) throw new IngestError(name, `this image is ${size.width}×${size.height} pixels, too large to recognise; scale it down to under 50 megapixels.`);
  if (!ocr) throw new IngestError(name, 'this is an image; its text can only be read with OCR. Turn on OCR in Settings and add it again.');
  let result: OcrResult;
  try {
    result = await ocr.recognize(bytes, signal);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new IngestError(name, `this image could not be read (${(error as Error).message}).`);
  }
  const { text, confidence } = result;
  if (!hasWriting(text, confidence)) {
    const read = text.trim() ? `OCR read only “${text.trim().slice(0, 40)}”, ${Math.round(confidence)} % sure` : 'OCR read nothing';
    throw new IngestError(name, `no writing was found in this image (${read}), so it was not added. A photo of a page needs its text in focus and upright.`);
  }
  const doc = new DocumentBuilder();
  for (const paragraph of ocrParagraphs(text)) doc.block('paragraph', paragraph, 1, { ocr: true });
  const parsed = doc.build(name, 'image', [], 1);
  if (parsed.blocks.length) parsed.ocrPages = [1];
  return parsed;
}
