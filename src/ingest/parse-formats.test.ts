import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures-node';
import { chunkDocument } from '../chunk/chunker';
import { cachedWordCounter } from '../chunk/token-counter';
import { parseFile } from './parse';
import { isUnreadable, pageList, textQuality, vocabularyFromTokenizer } from './readable';
import { IngestError } from './types';

const SHARED = join('..', 'shared', 'eval-data', 'docs');
const words = cachedWordCounter(() => 1);

async function reason(name: string, bytes: Uint8Array): Promise<string> {
  const error = await parseFile(name, bytes).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(IngestError);
  return (error as IngestError).reason;
}

async function zip(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [path, content] of Object.entries(files)) z.file(path, content);
  return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('slides', () => {
  it('reads a real .pptx per slide: title as heading, tables, grouped shapes, slide number as page', async () => {
    const doc = await parseFile('test.pptx', fixture('test.pptx'));
    expect(doc.type).toBe('pptx');
    expect(doc.pageCount).toBe(6);
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings.map((h) => h.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(doc.text.slice(headings[0]!.start, headings[0]!.end)).toBe('AutoGen: Enabling Next-Gen LLM Applications via Multi-Agent Conversation');
    const table = doc.blocks.find((b) => b.kind === 'table')!;
    expect(table.page).toBe(3);
    expect(table.header).toBe('ColA | ColB | ColC | ColD | ColE | ColF');
    expect(doc.text).toContain('This is a nested shape with content in 2 shapes');
    const chunks = chunkDocument(doc, 'd', words, { size: 64, overlap: 0 });
    for (const c of chunks) expect(c.pages![0]).toBe(c.pages![1]);
  });

  it('keeps speaker notes under the slide they belong to', async () => {
    const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const rels = (...r: string[]) => `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${r.join('')}</Relationships>`;
    const sp = (ph: string, text: string) => `<p:sp><p:nvSpPr><p:nvPr>${ph ? `<p:ph type="${ph}"/>` : ''}</p:nvPr></p:nvSpPr><p:txBody><a:p><a:r><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp>`;
    const ns = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
    const bytes = await zip({
      'ppt/presentation.xml': `<p:presentation ${ns}><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst></p:presentation>`,
      'ppt/_rels/presentation.xml.rels': rels(rel('rId2', 'slide', 'slides/slide1.xml')),
      'ppt/slides/slide1.xml': `<p:sld ${ns}><p:cSld><p:spTree><p:grpSp>${sp('title', 'Quarterly plan')}${sp('', 'Hire two editors')}</p:grpSp></p:spTree></p:cSld></p:sld>`,
      'ppt/slides/_rels/slide1.xml.rels': rels(rel('rId1', 'notesSlide', '../notesSlides/notesSlide1.xml')),
      'ppt/notesSlides/notesSlide1.xml': `<p:notes ${ns}><p:cSld><p:spTree>${sp('sldNum', '1')}${sp('body', 'Say the budget is fixed.')}</p:spTree></p:cSld></p:notes>`,
    });
    const doc = await parseFile('plan.pptx', bytes);
    expect(doc.text).toBe('Quarterly plan\n\nHire two editors\n\nSpeaker notes\n\nSay the budget is fixed.');
    expect(doc.blocks.every((b) => b.page === 1)).toBe(true);
  });

  it('reads OpenDocument slides with notes', async () => {
    const doc = await parseFile('sample.odp', fixture('sample.odp'));
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => doc.text.slice(b.start, b.end))).toEqual(['Seasons of the Lake', 'Speaker notes', 'Summer']);
    expect(doc.blocks.at(-1)!.page).toBe(2);
  });
});

describe('spreadsheets', () => {
  it('reads a real .xlsx as one table per sheet with its header row', async () => {
    const doc = await parseFile('test.xlsx', fixture('test.xlsx'));
    const sheets = doc.blocks.filter((b) => b.kind === 'heading').map((b) => doc.text.slice(b.start, b.end));
    expect(sheets.length).toBeGreaterThanOrEqual(2);
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    expect(tables.length).toBe(sheets.length);
    for (const t of tables) expect(doc.text.slice(t.start, t.end).startsWith(t.header!)).toBe(true);
  });

  it('shows date and time cells of an .xlsx as dates and times, not day counts', async () => {
    const workbook = async (date1904: boolean) => {
      const zip = new JSZip();
      zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
      zip.file('xl/workbook.xml', `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Events" sheetId="1" r:id="rId1"/></sheets></workbook>`);
      zip.file('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>');
      zip.file('xl/styles.xml', '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="165" formatCode="[Red]0.00;&quot;days&quot;"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="20"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>');
      const cell = (ref: string, s: number, v: string) => `<c r="${ref}" s="${s}"><v>${v}</v></c>`;
      const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
      zip.file('xl/worksheets/sheet1.xml', `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${text('A1', 'Day')}${text('B1', 'Event')}${text('C1', 'Doors')}${text('D1', 'Logged')}${text('E1', 'Seats')}${text('F1', 'Margin')}</row><row r="2">${cell('A2', 1, '45122')}${text('B2', 'Opening night')}${cell('C2', 2, '0.75')}${cell('D2', 3, '45122.5')}${cell('E2', 0, '42')}${cell('F2', 4, '1.5')}</row></sheetData></worksheet>`);
      return zip.generateAsync({ type: 'uint8array' });
    };
    const doc = await parseFile('events.xlsx', await workbook(false));
    expect(doc.text).toContain('2023-07-15 | Opening night | 18:00 | 2023-07-15 12:00 | 42 | 1.5');
    const mac = await parseFile('events.xlsx', await workbook(true));
    expect(mac.text).toContain('2027-07-16 | Opening night | 18:00 | 2027-07-16 12:00 | 42 | 1.5');
  });

  it('repeats the header row with every later group of rows', async () => {
    const csv = `id,species,wingspan_cm\n${Array.from({ length: 120 }, (_, i) => `${i},heron ${i},${150 + i}`).join('\n')}`;
    const doc = await parseFile('birds.csv', new TextEncoder().encode(csv));
    expect(doc.type).toBe('csv');
    const chunks = chunkDocument(doc, 'd', words, { size: 40, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0]!.headings).toEqual(['birds']);
    for (const c of chunks.slice(1)) {
      expect(c.headings).toEqual(['birds', 'id | species | wingspan_cm']);
      expect(doc.text.slice(c.start, c.end)).toBe(c.text);
    }
  });

  it('reads quoted CSV fields and OpenDocument sheets, without expanding repeated empty rows', async () => {
    const csv = await parseFile('sample.csv', fixture('sample.csv'));
    expect(csv.text).toContain('Lyon | France | 522,250');
    const ods = await parseFile('sample.ods', fixture('sample.ods'));
    expect(ods.text).toBe('Rainfall\n\nMonth | Millimetres\nMarch | 41\nApril | 55');
  });
});

describe('e-books, OpenDocument text and RTF', () => {
  it('reads EPUB chapters in spine order as sections, with no script text', async () => {
    const doc = await parseFile('sample.epub', fixture('sample.epub'));
    expect(doc.title).toBe('A Small Field Guide');
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => doc.text.slice(b.start, b.end))).toEqual(['Birds of the Marsh', 'Insects']);
    expect(doc.text).not.toContain('pwned');
  });

  it('reads .odt headings, lists and tables, and .rtf paragraphs, escapes and tables', async () => {
    const odt = await parseFile('sample.odt', fixture('sample.odt'));
    expect(odt.text).toBe('Harbour report\n\nShips  arrived early\ttoday.\n\n- Cargo unloaded\n- Crew rested\n\nTides\n\nTime | Height\n06:00 | 3.2 m');
    const rtf = await parseFile('sample.rtf', fixture('sample.rtf'));
    expect(rtf.text).toBe('Field notes\n\nCafé owners reported that the river rose two metres in – spring.\n\nSecond paragraph with a line\nbreak.\n\nStation | Level\nNorth | 2.1 m\n\nClosing remark.');
  });

  it('refuses corrupt, encrypted, empty and bomb-like packages with a clear reason', async () => {
    const half = (b: Uint8Array) => b.slice(0, b.byteLength >> 1);
    expect(await reason('a.pptx', half(fixture('test.pptx')))).toMatch(/^this is not a readable PowerPoint presentation \(corrupt or truncated/);
    expect(await reason('a.xlsx', half(fixture('test.xlsx')))).toMatch(/^this is not a readable Excel workbook \(corrupt or truncated/);
    expect(await reason('a.epub', half(fixture('sample.epub')))).toMatch(/^this is not a readable EPUB e-book/);
    expect(await reason('a.xlsx', new TextEncoder().encode('id,name'))).toMatch(/^this is not a readable Excel workbook \(it is not a \.xlsx package/);
    expect(await reason('a.pptx', await zip({ 'ppt/presentation.xml': '<p:presentation xmlns:p="x"/>' }))).toBe('no readable text was found in this file.');
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    expect(await reason('a.xlsx', ole)).toMatch(/^this file is password-protected/);
    expect(await reason('a.epub', await zip({ 'META-INF/container.xml': '<container><rootfiles><rootfile full-path="a.opf"/></rootfiles></container>', 'a.opf': '<package><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>', 'c.xhtml': 'x', 'META-INF/encryption.xml': '<encryption><EncryptedData><CipherData><CipherReference URI="c.xhtml"/></CipherData></EncryptedData></encryption>' }))).toMatch(/DRM-protected/);
    const bomb = await zip({ 'content.xml': new Uint8Array(80 * 1024 * 1024) });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    expect(await reason('bomb.odt', bomb)).toMatch(/decompression bomb/);
    expect(await reason('a.rtf', new TextEncoder().encode('{\\rtf1 }'))).toBe('no readable text was found in this file.');
  });
});

describe('unreadable text layers', () => {
  const vocabulary = vocabularyFromTokenizer(JSON.parse(readFileSync(join('public', 'tokenizers', 'bert-uncased', 'tokenizer.json'), 'utf8')))!;

  it('tells real words from control characters and letter salad', () => {
    expect(isUnreadable(textQuality('The committee approved the budget for the new library after a long debate about costs.', vocabulary))).toBe(false);
    expect(isUnreadable(textQuality('\u0001\u0002\u0003 \u0004\u0005\u0006\u0007 \u0008\u000e\u000f\u0010\u0011 \u0012\u0013\u0014\u0015\u0016 \u0017\u0018', vocabulary))).toBe(true);
    expect(isUnreadable(textQuality('Xqz vbnq rtpl kkwq zzpr qqxv bnmt plkj wqrt zxcv mnbv', vocabulary))).toBe(true);
    expect(pageList([1, 2, 3, 5, 8, 9])).toBe('1–3, 5, 8–9');
  });

  it('leaves a PDF page whose font has no character mapping out, naming it, when OCR is off', async () => {
    const doc = await parseFile('unreadable-font.pdf', fixture('unreadable-font.pdf'), { vocabulary });
    expect(doc.text).toBe('');
    expect(doc.warnings).toEqual([expect.stringMatching(/^the text of page 1 is unreadable .*turn on OCR in Settings/)]);
    const fine = await parseFile('test.pdf', fixture('test.pdf'), { vocabulary });
    expect(fine.warnings).toEqual([]);
  });

  it.skipIf(!existsSync(SHARED))('finds no unreadable page in the real text PDFs of the shared set', async () => {
    for (const name of ['tracemonkey.pdf', 'pdkids.pdf', 'canvas.pdf', 'issue13211.pdf', 'ArabicCIDTrueType.pdf', 'prefilled_f1040.pdf']) {
      const doc = await parseFile(name, new Uint8Array(readFileSync(join(SHARED, 'pdf', name))), { vocabulary });
      expect({ name, warnings: doc.warnings }).toEqual({ name, warnings: [] });
    }
  });
});
