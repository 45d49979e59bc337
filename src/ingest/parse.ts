/**
 * One entry point for every dropped file: checks size, recognises the type from magic bytes and
 * name, and hands the bytes to the right parser. Every refusal is an IngestError naming the file.
 */
import { decodeText, NotTextError } from './decode-text';
import { parseDocx } from './parse-docx';
import { parseHtml } from './parse-html';
import { parseMarkdown } from './parse-markdown';
import { parsePdf } from './parse-pdf';
import { parsePlainText } from './parse-text';
import { IngestError, type DocType, type ParsedDocument } from './types';

import { DEFAULT_MAX_FILE_BYTES } from './parse-meta';
export { DEFAULT_MAX_FILE_BYTES } from './parse-meta';

export interface ParseOptions {
  maxBytes?: number;
  /** PDF pages parsed so far. */
  onProgress?: (done: number, total: number) => void;
}

const EXTENSIONS: Record<string, DocType> = {
  pdf: 'pdf',
  docx: 'docx',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  txt: 'text',
  text: 'text',
  rst: 'text',
  csv: 'text',
  log: 'text',
  json: 'text',
};

const UNSUPPORTED: Record<string, string> = {
  doc: 'old Word (.doc) files are not supported; save it as .docx or PDF',
  pptx: 'PowerPoint files are not supported yet; export the slides as PDF',
  xlsx: 'Excel files are not supported yet; export the sheet as CSV',
  zip: 'archives are not supported; unpack it and add the files',
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export function detectType(name: string, bytes: Uint8Array): DocType {
  const ext = extensionOf(name);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (UNSUPPORTED[ext]) throw new IngestError(name, UNSUPPORTED[ext]!);
  const isZip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  if (ext === 'docx') {
    if (!isZip) throw new IngestError(name, 'this is not a readable Word document (it is not a .docx package).');
    return 'docx';
  }
  if (ext === 'pdf') throw new IngestError(name, 'this is not a readable PDF (corrupt or truncated file: no %PDF header).');
  if (isZip) throw new IngestError(name, 'this is a ZIP-based file of an unsupported type; add PDF, DOCX, Markdown, HTML or text files.');
  return EXTENSIONS[ext] ?? 'text';
}

export async function parseFile(name: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.byteLength === 0) throw new IngestError(name, 'the file is empty (0 bytes).');
  if (bytes.byteLength > maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new IngestError(name, `the file is ${mb(bytes.byteLength)}, over the ${mb(maxBytes)} limit. Split it, or raise the limit in settings.`);
  }
  const type = detectType(name, bytes);
  if (type === 'pdf') return parsePdf(name, bytes, options.onProgress);
  if (type === 'docx') return parseDocx(name, bytes);
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof NotTextError) throw new IngestError(name, `${error.message}. If it is a document, save it as PDF, DOCX or plain text.`);
    throw error;
  }
  const warnings = decoded.encoding === 'windows-1252' ? ['not valid UTF-8; decoded as Windows-1252 (Western European)'] : [];
  const doc = type === 'markdown' ? parseMarkdown(name, decoded.text) : type === 'html' ? parseHtml(name, decoded.text) : parsePlainText(name, decoded.text);
  doc.warnings.unshift(...warnings);
  if (!doc.text.trim()) throw new IngestError(name, 'no readable text was found in this file.');
  return doc;
}
