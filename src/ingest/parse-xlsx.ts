/**
 * Excel (.xlsx) → one section per sheet (the sheet name as heading) holding the sheet as a table:
 * one line per row, cells joined by " | ", the first row as the table's header, which the chunker
 * repeats with every later group of rows so that a retrieved row still says what its columns are.
 */
import { relationships, ZipPackage } from './zip';
import { child, children, descendants, parseXml, textOf, type XmlElement } from './xml';
import { DocumentBuilder, IngestError, collapseSpaces, type ParsedDocument } from './types';
import { showSerial, styleKinds, uses1904, type CellKind } from './xlsx-dates';

const WHAT = 'Excel workbook';
/** Columns beyond this are dropped: a row is text for retrieval, not a data dump. */
const MAX_COLUMNS = 256;

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Rich-text or plain shared string: the <t> runs, not the phonetic hints (<rPh>). */
function stringItem(si: XmlElement): string {
  const plain = child(si, 't');
  if (plain) return textOf(plain);
  return children(si, 'r')
    .map((r) => textOf(child(r, 't') ?? ''))
    .join('');
}

interface Workbook {
  shared: string[];
  kinds: CellKind[];
  date1904: boolean;
}

function cellText(c: XmlElement, book: Workbook): string {
  const type = c.attrs.t;
  if (type === 'inlineStr') return stringItem(child(c, 'is') ?? c);
  const value = textOf(child(c, 'v') ?? '');
  if (type === 's') return book.shared[Number(value)] ?? '';
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  if (!type || type === 'n') return showSerial(value, book.kinds[Number(c.attrs.s ?? 0)] ?? null, book.date1904);
  return value;
}

/** A grid of cell texts → lines, with empty rows and trailing empty columns dropped. */
export function tableLines(rows: string[][]): string[] {
  const kept = rows.map((r) => r.map((c) => collapseSpaces(c))).filter((r) => r.some(Boolean));
  const width = Math.max(0, ...kept.map((r) => r.reduce((last, c, i) => (c ? i + 1 : last), 0)));
  return kept.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | '));
}

export function addSheet(doc: DocumentBuilder, sheetName: string, rows: string[][]): void {
  const lines = tableLines(rows);
  if (lines.length === 0) return;
  doc.heading(sheetName, 1);
  doc.block('table', lines.join('\n'), undefined, lines.length > 1 ? { header: lines[0]! } : {});
}

export async function parseXlsx(name: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const zip = await ZipPackage.open(name, bytes, WHAT);
  const workbook = await zip.text('xl/workbook.xml');
  if (!workbook) throw new IngestError(name, `this is not a readable ${WHAT} (xl/workbook.xml is missing).`);
  const rels = await relationships(zip, 'xl/workbook.xml');
  const sharedXml = await zip.text('xl/sharedStrings.xml');
  const workbookXml = parseXml(workbook);
  const book: Workbook = {
    shared: sharedXml ? descendants(parseXml(sharedXml), 'si').map(stringItem) : [],
    kinds: styleKinds(await zip.text([...rels.values()].find((r) => r.type.endsWith('/styles'))?.target ?? 'xl/styles.xml')),
    date1904: uses1904(workbookXml),
  };
  const doc = new DocumentBuilder();
  const sheets = descendants(workbookXml, 'sheet');
  for (const sheet of sheets) {
    const id = Object.entries(sheet.attrs).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
    const path = rels.get(id)?.target;
    const xml = path ? await zip.text(path) : null;
    if (!xml) continue;
    const rows: string[][] = [];
    for (const row of descendants(parseXml(xml), 'row')) {
      const cells: string[] = [];
      children(row, 'c').forEach((c, i) => {
        const col = c.attrs.r ? columnIndex(c.attrs.r) : i;
        if (col >= 0 && col < MAX_COLUMNS) cells[col] = cellText(c, book);
      });
      rows.push(Array.from(cells, (c) => c ?? ''));
    }
    addSheet(doc, sheet.attrs.name ?? `Sheet ${rows.length}`, rows);
  }
  return doc.build(name, 'xlsx', [], undefined);
}
