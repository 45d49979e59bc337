/** What every parser produces: normalized text plus the structure that chunking and citations need. */
export const DOC_TYPES = ['pdf', 'docx', 'markdown', 'html', 'text', 'pptx', 'odp', 'xlsx', 'ods', 'csv', 'epub', 'odt', 'rtf', 'image'] as const;
export type DocType = (typeof DOC_TYPES)[number];

export type BlockKind = 'heading' | 'paragraph' | 'list' | 'table' | 'code';

export interface Block {
  kind: BlockKind;
  /** [start, end) in ParsedDocument.text. */
  start: number;
  end: number;
  /** 1-based heading level for headings. */
  level?: number;
  /** Titles of the enclosing headings, outermost first (a heading includes itself). */
  headings: string[];
  /** 1-based page number (PDF page, slide number). */
  page?: number;
  /** For a table: its header row, which the chunker repeats with every later group of rows. */
  header?: string;
  /** The text was recognised from the page image (OCR), not read from the file. */
  ocr?: boolean;
}

export interface ParsedDocument {
  name: string;
  type: DocType;
  /** The document's own title (HTML <title>, first H1, PDF metadata), when it has one. */
  title?: string;
  /** Normalized text: blocks joined by blank lines. All offsets refer to this string. */
  text: string;
  blocks: Block[];
  pageCount?: number;
  /** Pages whose text comes from OCR. */
  ocrPages?: number[];
  /** Problems that did not stop parsing, e.g. "decoded as Windows-1252". */
  warnings: string[];
}

/** A file that cannot be read. `reason` is written for the person who dropped it. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'IngestError';
  }
}

/** Builds the normalized text and its blocks, one block at a time. */
export class DocumentBuilder {
  private parts: string[] = [];
  private length = 0;
  private headingStack: { level: number; title: string }[] = [];
  readonly blocks: Block[] = [];

  get headings(): string[] {
    return this.headingStack.map((h) => h.title);
  }

  heading(title: string, level: number, page?: number): void {
    const clean = collapseSpaces(title);
    if (!clean) return;
    while (this.headingStack.length && this.headingStack.at(-1)!.level >= level) this.headingStack.pop();
    this.headingStack.push({ level, title: clean });
    this.push('heading', clean, { level, page });
  }

  block(kind: Exclude<BlockKind, 'heading'>, text: string, page?: number, extra: { header?: string; ocr?: boolean } = {}): void {
    const clean = kind === 'code' ? text.replace(/\s+$/, '') : text.trim();
    if (!clean) return;
    this.push(kind, clean, { page, ...extra });
  }

  private push(kind: BlockKind, text: string, extra: { level?: number; page?: number; header?: string; ocr?: boolean }): void {
    if (this.parts.length) {
      this.parts.push('\n\n');
      this.length += 2;
    }
    const start = this.length;
    this.parts.push(text);
    this.length += text.length;
    const block: Block = { kind, start, end: this.length, headings: this.headings };
    if (extra.level !== undefined) block.level = extra.level;
    if (extra.page !== undefined) block.page = extra.page;
    if (extra.header) block.header = extra.header;
    if (extra.ocr) block.ocr = true;
    this.blocks.push(block);
  }

  /** Adds another parsed document's blocks (an e-book chapter), its headings nested `levelOffset` deeper. */
  append(parsed: ParsedDocument, levelOffset = 0, page?: number): void {
    for (const b of parsed.blocks) {
      const text = parsed.text.slice(b.start, b.end);
      if (b.kind === 'heading') this.heading(text, (b.level ?? 1) + levelOffset, page ?? b.page);
      else this.block(b.kind, text, page ?? b.page, b.header ? { header: b.header } : {});
    }
  }

  build(name: string, type: DocType, warnings: string[] = [], pageCount?: number): ParsedDocument {
    const doc: ParsedDocument = { name, type, text: this.parts.join(''), blocks: this.blocks, warnings };
    if (pageCount !== undefined) doc.pageCount = pageCount;
    return doc;
  }
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
