import { describe, expect, it } from 'vitest';
import { badInputs } from '../../test/bad-inputs';
import { fixture } from '../../test/fixtures-node';
import { parseFile } from './parse';
import { NO_TEXT_LAYER, joinLines } from './parse-pdf';
import { IngestError } from './types';

const bad = badInputs();

async function reason(name: string, bytes: Uint8Array): Promise<string> {
  const error = await parseFile(name, bytes).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(IngestError);
  return (error as IngestError).reason;
}

describe('parsing real documents', () => {
  it('reads a PDF page by page with page numbers', async () => {
    const doc = await parseFile('test.pdf', fixture('test.pdf'));
    expect(doc.type).toBe('pdf');
    expect(doc.pageCount).toBe(1);
    expect(doc.text).toMatch(/AutoGen/);
    expect(doc.blocks.every((b) => b.page === 1)).toBe(true);
    for (const b of doc.blocks) expect(doc.text.slice(b.start, b.end).trim().length).toBeGreaterThan(0);
  });

  it('keeps DOCX headings, paragraphs and tables as structure', async () => {
    const doc = await parseFile('test.docx', fixture('test.docx'));
    expect(doc.blocks.filter((b) => b.kind === 'heading').length).toBeGreaterThanOrEqual(3);
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table).toBeDefined();
    expect(doc.text.slice(table!.start, table!.end)).toContain('|');
    const tables = await parseFile('mammoth-tables.docx', fixture('mammoth-tables.docx'));
    expect(tables.text).toBe('Above\n\nTop left | Top right\nBottom left | Bottom right\n\nBelow');
    const list = await parseFile('mammoth-simple-list.docx', fixture('mammoth-simple-list.docx'));
    expect(list.blocks[0]!.kind).toBe('list');
  });

  it('keeps the Markdown heading hierarchy and code blocks whole', async () => {
    const doc = await parseFile('guide__features.md', fixture('guide__features.md'));
    expect(doc.title).toBe('Features');
    const nested = doc.blocks.find((b) => b.headings.length === 3);
    expect(nested?.headings[0]).toBe('Features');
    const code = doc.blocks.filter((b) => b.kind === 'code');
    expect(code.length).toBeGreaterThan(5);
    expect(doc.text).not.toMatch(/```/);
  });

  it('extracts readable HTML text without page chrome', async () => {
    const doc = await parseFile('test_wikipedia.html', fixture('test_wikipedia.html'));
    expect(doc.title).toMatch(/Microsoft/);
    expect(doc.text).toMatch(/Microsoft Corporation is an American multinational/);
    expect(doc.text).not.toMatch(/Jump to content|Alemannisch/);
  });

  it('decodes plain text with a UTF-8 BOM', async () => {
    const doc = await parseFile('pg26184.txt', fixture('pg26184.txt'));
    expect(doc.text.startsWith('Title: Simple Sabotage Field Manual')).toBe(true);
    expect(doc.warnings).toEqual([]);
  });
});

describe('refusing bad input with a specific message', () => {
  it('zero-byte file', async () => expect(await reason('empty.txt', bad['empty.txt']!)).toMatch(/empty \(0 bytes\), so there is nothing to add\. Check that it was saved or downloaded completely/));
  it('file over the size limit', async () => {
    const error = await parseFile('big.txt', new Uint8Array(2048).fill(65), { maxBytes: 1024 }).catch((e: IngestError) => e);
    expect((error as IngestError).reason).toMatch(/over the 0\.0 MB limit|over the .* limit/);
  });
  it('binary file named .txt', async () => expect(await reason('binary.txt', bad['binary.txt']!)).toMatch(/not text/));
  it('corrupt PDF', async () => expect(await reason('corrupt.pdf', bad['corrupt.pdf']!)).toMatch(/not a readable PDF|could not be opened/));
  it('file named .pdf that is not a PDF', async () => expect(await reason('not-a-pdf.pdf', bad['not-a-pdf.pdf']!)).toMatch(/no %PDF header\)\. Open it in a PDF viewer: if it opens, save or print it to a new PDF/));
  it('password-protected PDF', async () => expect(await reason('password.pdf', fixture('password.pdf'))).toMatch(/password-protected/));
  it('file named .docx that is not a Word package', async () => expect(await reason('x.docx', bad['not-a-docx.docx']!)).toMatch(/not a readable Word document/));
  it('unsupported Office formats', async () => expect(await reason('deck.pptx', new Uint8Array([0x50, 0x4b, 3, 4]))).toMatch(/PowerPoint/));

  it('image-only PDF gives a warning and no text', async () => {
    const doc = await parseFile('scan.pdf', fixture('MEDRPT-2024-PAT-3847_medical_report_scan.pdf'));
    expect(doc.warnings).toEqual([NO_TEXT_LAYER]);
    expect(doc.blocks).toEqual([]);
  });
});

describe('text encodings', () => {
  it('falls back to Windows-1252 for legacy single-byte text, and says so', async () => {
    const doc = await parseFile('latin1.txt', bad['latin1.txt']!);
    expect(doc.text).toBe('Café crème, naïve');
    expect(doc.warnings[0]).toMatch(/Windows-1252/);
  });
  it('reads UTF-16 with a BOM and UTF-8 with a BOM', async () => {
    expect((await parseFile('utf16.txt', bad['utf16.txt']!)).text).toBe('Grüße aus UTF-16');
    expect((await parseFile('bom.txt', bad['bom.txt']!)).text).toBe('BOM then text');
  });
});

describe('hostile HTML', () => {
  it('keeps visible text only and drops scripts, styles, hidden content and handlers', async () => {
    const doc = await parseFile('hostile.html', bad['hostile.html']!);
    expect(doc.text).toContain('Visible heading');
    expect(doc.text).toContain('Safe text here.');
    expect(doc.text).toContain('Click text stays text: <script>alert(3)</script>');
    for (const gone of ['__pwned', 'hidden text', 'also hidden', 'display:none', 'noscript text', 'frame text', 'onerror']) {
      expect(doc.text).not.toContain(gone);
    }
  });
});

describe('PDF line joining', () => {
  it('repairs words hyphenated at line ends but keeps real hyphens', () => {
    expect(joinLines('the infor-', 'mation age')).toBe('the information age');
    expect(joinLines('a well-', 'Known name')).toBe('a well- Known name');
    expect(joinLines('plain', 'text')).toBe('plain text');
  });
});
