import { DocumentBuilder, type ParsedDocument } from './types';

/** Plain text: paragraphs are separated by blank lines; lines inside a paragraph are kept. */
export function parsePlainText(name: string, text: string, warnings: string[] = []): ParsedDocument {
  const doc = new DocumentBuilder();
  const normalized = text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '');
  for (const paragraph of normalized.split(/\n[ \t]*\n+/)) doc.block('paragraph', paragraph);
  return doc.build(name, 'text', warnings);
}
