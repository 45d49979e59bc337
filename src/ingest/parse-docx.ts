/**
 * DOCX via mammoth: Word's structure (headings, paragraphs, lists, tables) becomes semantic HTML,
 * which the HTML parser turns into blocks. Images are dropped; comments and footnotes are kept as text.
 */
import mammoth from 'mammoth';
import { parseHtml } from './parse-html';
import { IngestError, type ParsedDocument } from './types';

export async function parseDocx(name: string, bytes: Uint8Array): Promise<ParsedDocument> {
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // mammoth's Node build reads a Buffer, its browser build an ArrayBuffer.
    const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBuffer): unknown } }).Buffer;
    const input = NodeBuffer ? { buffer: NodeBuffer.from(arrayBuffer) } : { arrayBuffer };
    const result = await mammoth.convertToHtml(input as { arrayBuffer: ArrayBuffer }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
    html = result.value;
    messages = result.messages;
  } catch (error) {
    throw new IngestError(name, `this is not a readable Word document (${(error as Error).message.split('\n')[0]}).`);
  }
  const parsed = parseHtml(name, html, 'docx');
  const errors = messages.filter((m) => m.type === 'error').map((m) => m.message);
  parsed.warnings.push(...errors.slice(0, 3));
  return parsed;
}
