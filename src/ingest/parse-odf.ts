/**
 * OpenDocument text, presentations and spreadsheets (.odt, .odp, .ods) from content.xml: headings
 * with their outline level, paragraphs, lists and tables; slides as sections with their number as
 * page and speaker notes; sheets as tables with their header row, as for Excel.
 */
import { addSheet } from './parse-xlsx';
import { ZipPackage } from './zip';
import { find, isElement, local, parseXml, textOf, type XmlElement, type XmlNode } from './xml';
import { DocumentBuilder, IngestError, collapseSpaces, type DocType, type ParsedDocument } from './types';

const WHAT: Record<'odt' | 'odp' | 'ods', string> = { odt: 'OpenDocument text', odp: 'OpenDocument presentation', ods: 'OpenDocument spreadsheet' };
/** Repeated rows or columns beyond this are not expanded (empty filler to the sheet's end). */
const MAX_REPEAT = 1000;

/** Paragraph text: spaces, tabs and line breaks as written; annotations and change marks left out. */
function inline(node: XmlNode): string {
  if (!isElement(node)) return node;
  switch (local(node.name)) {
    case 's':
      return ' '.repeat(Math.min(Number(node.attrs['text:c'] ?? 1) || 1, 100));
    case 'tab':
      return '\t';
    case 'line-break':
      return '\n';
    case 'annotation':
    case 'tracked-changes':
    case 'note-citation':
      return '';
    default:
      return node.children.map(inline).join('');
  }
}

function tableRows(table: XmlElement): string[][] {
  const rows: string[][] = [];
  const visit = (el: XmlElement) => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      const name = local(c.name);
      if (name === 'table-row') {
        const cells: string[] = [];
        for (const cell of c.children) {
          if (!isElement(cell) || !/^(covered-)?table-cell$/.test(local(cell.name))) continue;
          const text = collapseSpaces(cell.children.map((p) => (isElement(p) && local(p.name) === 'p' ? inline(p) : '')).join(' '));
          const repeat = Math.min(Number(cell.attrs['table:number-columns-repeated'] ?? 1) || 1, text ? MAX_REPEAT : 1);
          for (let i = 0; i < repeat && cells.length < 256; i++) cells.push(text);
        }
        const repeat = cells.some(Boolean) ? Math.min(Number(c.attrs['table:number-rows-repeated'] ?? 1) || 1, MAX_REPEAT) : 1;
        for (let i = 0; i < repeat; i++) rows.push(cells);
      } else if (name !== 'table-columns' && name !== 'table-column') visit(c);
    }
  };
  visit(table);
  return rows;
}

/** Text-document content in order; `page` is the slide number inside a presentation. */
function emitText(el: XmlElement, doc: DocumentBuilder, page?: number): void {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    const name = local(c.name);
    if (name === 'h') doc.heading(inline(c), Number(c.attrs['text:outline-level'] ?? 1) || 1, page);
    else if (name === 'p') doc.block('paragraph', inline(c), page);
    else if (name === 'list') {
      const items = listItems(c);
      if (items.length) doc.block('list', items.map((i) => `- ${i}`).join('\n'), page);
    } else if (name === 'table') {
      const lines = tableRows(c).filter((r) => r.some(Boolean)).map((r) => r.join(' | '));
      if (lines.length) doc.block('table', lines.join('\n'), page, lines.length > 1 ? { header: lines[0]! } : {});
    } else if (name !== 'annotation' && name !== 'tracked-changes' && name !== 'notes') emitText(c, doc, page);
  }
}

function listItems(list: XmlElement): string[] {
  const out: string[] = [];
  for (const item of list.children) {
    if (!isElement(item)) continue;
    for (const part of item.children) {
      if (!isElement(part)) continue;
      if (local(part.name) === 'list') out.push(...listItems(part).map((s) => `  ${s}`));
      else {
        const text = collapseSpaces(inline(part));
        if (text) out.push(text);
      }
    }
  }
  return out;
}

export async function parseOdf(name: string, bytes: Uint8Array, type: 'odt' | 'odp' | 'ods'): Promise<ParsedDocument> {
  const zip = await ZipPackage.open(name, bytes, WHAT[type]);
  const manifest = await zip.text('META-INF/manifest.xml');
  if (manifest && /encryption-data/.test(manifest)) throw new IngestError(name, `this ${WHAT[type]} is password-protected. Save a copy without a password and add that.`);
  const content = await zip.text('content.xml');
  if (!content) throw new IngestError(name, `this is not a readable ${WHAT[type]} (content.xml is missing).`);
  const body = find(parseXml(content), 'body');
  const doc = new DocumentBuilder();
  let pages: number | undefined;
  if (type === 'odt') {
    const text = body && find(body, 'text');
    if (text) emitText(text, doc);
  } else if (type === 'ods') {
    const sheet = body && find(body, 'spreadsheet');
    for (const table of sheet?.children.filter((c): c is XmlElement => isElement(c) && local(c.name) === 'table') ?? []) {
      addSheet(doc, table.attrs['table:name'] ?? 'Sheet', tableRows(table));
    }
  } else {
    const presentation = body && find(body, 'presentation');
    const slides = presentation?.children.filter((c): c is XmlElement => isElement(c) && local(c.name) === 'page') ?? [];
    slides.forEach((slide, i) => {
      const number = i + 1;
      const frames = slide.children.filter((c): c is XmlElement => isElement(c) && local(c.name) === 'frame');
      const titleFrame = frames.find((f) => f.attrs['presentation:class'] === 'title');
      const title = titleFrame ? collapseSpaces(inline(titleFrame)) : '';
      doc.heading(title || `Slide ${number}`, 1, number);
      for (const c of slide.children) if (isElement(c) && c !== titleFrame && local(c.name) !== 'notes') emitText(c, doc, number);
      const notes = slide.children.find((c): c is XmlElement => isElement(c) && local(c.name) === 'notes');
      const noteText = notes ? collapseSpaces(textOf(notes)) : '';
      if (noteText) {
        doc.heading('Speaker notes', 2, number);
        emitText(notes!, doc, number);
      }
    });
    pages = slides.length;
  }
  const parsed = doc.build(name, type as DocType, [], pages);
  const meta = await zip.text('meta.xml');
  const title = meta ? collapseSpaces(textOf(find(parseXml(meta), 'title') ?? '')) : '';
  if (title) parsed.title = title;
  return parsed;
}
