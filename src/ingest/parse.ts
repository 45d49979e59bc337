/**
 * One entry point for every dropped file: checks size, recognises the type from magic bytes and
 * name, and hands the bytes to the right parser. Every refusal is an IngestError naming the file.
 */
import { decodeText, NotTextError } from './decode-text';
import { parseCsv } from './parse-csv';
import { parseDocx } from './parse-docx';
import { parseEpub } from './parse-epub';
import { isImage, parseImage } from './parse-image';
import { parseOdf } from './parse-odf';
import { parsePptx } from './parse-pptx';
import { parseRtf } from './parse-rtf';
import { parseXlsx } from './parse-xlsx';
import { parseHtml } from './parse-html';
import { parseMarkdown } from './parse-markdown';
import { parsePdf } from './parse-pdf';
import { parsePlainText } from './parse-text';
import type { OcrEngine } from './ocr/engine';
import type { Vocabulary } from './readable';
import { IngestError, type DocType, type ParsedDocument } from './types';

import { DEFAULT_MAX_FILE_BYTES } from './parse-meta';
export { DEFAULT_MAX_FILE_BYTES } from './parse-meta';

export interface ParseOptions {
  maxBytes?: number;
  /** PDF pages parsed so far. */
  onProgress?: (done: number, total: number) => void;
  /** Reads scanned and unreadable PDF pages and dropped images; without it they are reported, not read. */
  ocr?: OcrEngine;
  /** Pages recognised so far, of those that need OCR. */
  onOcrProgress?: (done: number, total: number) => void;
  /** Known words, to tell a real text layer from a garbled one. */
  vocabulary?: Vocabulary;
  signal?: AbortSignal;
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
  csv: 'csv',
  tsv: 'csv',
  rtf: 'rtf',
  log: 'text',
  json: 'text',
};

/** ZIP-based formats, recognised by name once the bytes are known to be a ZIP. */
const PACKAGES: Record<string, DocType> = { docx: 'docx', pptx: 'pptx', xlsx: 'xlsx', odt: 'odt', odp: 'odp', ods: 'ods', epub: 'epub' };
const PACKAGE_NAMES: Record<string, string> = { docx: 'Word document', pptx: 'PowerPoint presentation', xlsx: 'Excel workbook', odt: 'OpenDocument text', odp: 'OpenDocument presentation', ods: 'OpenDocument spreadsheet', epub: 'EPUB e-book' };

const UNSUPPORTED: Record<string, string> = {
  doc: 'old Word (.doc) files are not supported; save it as .docx or PDF',
  ppt: 'old PowerPoint (.ppt) files are not supported; save it as .pptx or PDF',
  xls: 'old Excel (.xls) files are not supported; save it as .xlsx or CSV',
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
  const packaged = PACKAGES[ext];
  if (packaged) {
    // Office encrypts a password-protected .docx/.pptx/.xlsx into an OLE compound file.
    if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
      throw new IngestError(name, 'this file is password-protected (or an old binary Office file renamed). Save a copy without a password, in the current format, and add that.');
    }
    if (!isZip) throw new IngestError(name, `this is not a readable ${PACKAGE_NAMES[ext]} (it is not a .${ext} package: corrupt, or saved with the wrong name).`);
    return packaged;
  }
  if (ext === 'pdf') throw new IngestError(name, 'this is not a readable PDF (corrupt or truncated file: no %PDF header). Open it in a PDF viewer: if it opens, save or print it to a new PDF and add that; if not, get the file again.');
  if (isZip) throw new IngestError(name, 'this is a ZIP-based file of an unsupported type; add PDF, Office, OpenDocument, EPUB, Markdown, HTML or text files.');
  if (isImage(bytes)) return 'image';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'; // {\rtf
  if (ext === 'png' || ext === 'jpg' || ext === 'jpeg') throw new IngestError(name, 'this image is corrupt (not a PNG or JPEG file).');
  return EXTENSIONS[ext] ?? 'text';
}

export async function parseFile(name: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.byteLength === 0) throw new IngestError(name, 'the file is empty (0 bytes), so there is nothing to add. Check that it was saved or downloaded completely, and add it again.');
  if (bytes.byteLength > maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new IngestError(name, `the file is ${mb(bytes.byteLength)}, over the ${mb(maxBytes)} limit. Split it, or raise the limit in settings.`);
  }
  const type = detectType(name, bytes);
  const doc = await parseByType(name, bytes, type, options);
  if (!doc.text.trim() && doc.warnings.length === 0) throw new IngestError(name, 'no readable text was found in this file.');
  return doc;
}

async function parseByType(name: string, bytes: Uint8Array, type: DocType, options: ParseOptions): Promise<ParsedDocument> {
  const { ocr, signal, vocabulary } = options;
  if (type === 'pdf') return parsePdf(name, bytes, { onPage: options.onProgress, onOcrPage: options.onOcrProgress, ...(ocr ? { ocr } : {}), ...(vocabulary ? { vocabulary } : {}), ...(signal ? { signal } : {}) });
  if (type === 'docx') return parseDocx(name, bytes);
  if (type === 'pptx') return parsePptx(name, bytes);
  if (type === 'xlsx') return parseXlsx(name, bytes);
  if (type === 'odt' || type === 'odp' || type === 'ods') return parseOdf(name, bytes, type);
  if (type === 'epub') return parseEpub(name, bytes);
  if (type === 'rtf') return parseRtf(name, bytes);
  if (type === 'image') return parseImage(name, bytes, ocr, signal);
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof NotTextError) throw new IngestError(name, `${error.message}. If it is a document, save it as PDF, DOCX or plain text.`);
    throw error;
  }
  const warnings = decoded.encoding === 'windows-1252' ? ['not valid UTF-8; decoded as Windows-1252 (Western European)'] : [];
  const doc = type === 'markdown' ? parseMarkdown(name, decoded.text) : type === 'html' ? parseHtml(name, decoded.text) : type === 'csv' ? parseCsv(name, decoded.text) : parsePlainText(name, decoded.text);
  doc.warnings.unshift(...warnings);
  if (!doc.text.trim()) throw new IngestError(name, 'no readable text was found in this file.');
  return doc;
}
