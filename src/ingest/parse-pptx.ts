/**
 * PowerPoint (.pptx) → one section per slide, in presentation order: the slide title as heading,
 * then the text of every shape (grouped shapes included), tables as table blocks, and the speaker
 * notes. Every block carries the slide number as its page.
 */
import { relationships, ZipPackage } from './zip';
import { child, children, descendants, find, parseXml, textOf, type XmlElement } from './xml';
import { DocumentBuilder, IngestError, collapseSpaces, type ParsedDocument } from './types';

const WHAT = 'PowerPoint presentation';
const TITLE_TYPES = new Set(['title', 'ctrTitle']);
/** Placeholders on notes pages that hold no notes of the speaker. */
const NOT_NOTES = new Set(['sldNum', 'sldImg', 'hdr', 'ftr', 'dt']);

/** The r:id of an element, whatever prefix the file gave the relationships namespace. */
function relId(element: XmlElement): string | undefined {
  for (const [key, value] of Object.entries(element.attrs)) if (key.endsWith(':id')) return value;
  return undefined;
}

/** A DrawingML text body as lines: one per paragraph, soft breaks kept. */
function paragraphs(body: XmlElement): string[] {
  return descendants(body, 'p')
    .map((p) =>
      p.children
        .map((run) => (typeof run === 'string' ? '' : run.name.endsWith(':br') ? '\n' : run.name.endsWith(':r') || run.name.endsWith(':fld') ? textOf(child(run, 't') ?? '') : ''))
        .join('')
        .replace(/[ \t]+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
}

function placeholderType(shape: XmlElement): string | undefined {
  const ph = find(child(shape, 'nvSpPr') ?? shape, 'ph');
  return ph ? (ph.attrs.type ?? 'body') : undefined;
}

function tableRows(table: XmlElement): string[][] {
  return children(table, 'tr')
    .map((tr) => children(tr, 'tc').map((tc) => collapseSpaces(paragraphs(tc).join(' '))))
    .filter((row) => row.some(Boolean));
}

/** Shapes of a shape tree in order; group shapes are walked into. */
function emitShapes(tree: XmlElement, doc: DocumentBuilder, slide: number, skip: Set<XmlElement>): void {
  for (const shape of tree.children) {
    if (typeof shape === 'string' || skip.has(shape)) continue;
    const kind = shape.name.slice(shape.name.indexOf(':') + 1);
    if (kind === 'grpSp') emitShapes(shape, doc, slide, skip);
    else if (kind === 'sp') {
      const body = child(shape, 'txBody');
      if (body) doc.block('paragraph', paragraphs(body).join('\n'), slide);
    } else if (kind === 'graphicFrame') {
      for (const table of descendants(shape, 'tbl')) {
        const rows = tableRows(table).map((r) => r.join(' | '));
        if (rows.length) doc.block('table', rows.join('\n'), slide, rows.length > 1 ? { header: rows[0] } : {});
      }
    }
  }
}

export async function parsePptx(name: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const zip = await ZipPackage.open(name, bytes, WHAT);
  const presentation = await zip.text('ppt/presentation.xml');
  if (!presentation) throw new IngestError(name, `this is not a readable ${WHAT} (ppt/presentation.xml is missing).`);
  const rels = await relationships(zip, 'ppt/presentation.xml');
  const slidePaths = descendants(parseXml(presentation), 'sldId')
    .map((s) => rels.get(relId(s) ?? '')?.target)
    .filter((p): p is string => !!p && zip.has(p));
  const doc = new DocumentBuilder();
  for (const [index, path] of slidePaths.entries()) {
    const number = index + 1;
    const slide = parseXml((await zip.text(path)) ?? '');
    const tree = find(slide, 'spTree');
    if (!tree) continue;
    const shapes = descendants(tree, 'sp');
    const titleShape = shapes.find((s) => TITLE_TYPES.has(placeholderType(s) ?? ''));
    const title = titleShape ? collapseSpaces(paragraphs(child(titleShape, 'txBody') ?? titleShape).join(' ')) : '';
    doc.heading(title || `Slide ${number}`, 1, number);
    emitShapes(tree, doc, number, new Set(titleShape ? [titleShape] : []));
    const notesRel = [...(await relationships(zip, path)).values()].find((r) => r.type.endsWith('/notesSlide'));
    const notesXml = notesRel ? await zip.text(notesRel.target) : null;
    if (notesXml) {
      const notes = descendants(parseXml(notesXml), 'sp')
        .filter((s) => !NOT_NOTES.has(placeholderType(s) ?? ''))
        .flatMap((s) => paragraphs(child(s, 'txBody') ?? s));
      if (notes.length) {
        doc.heading('Speaker notes', 2, number);
        doc.block('paragraph', notes.join('\n'), number);
      }
    }
  }
  const parsed = doc.build(name, 'pptx', [], slidePaths.length);
  const core = await zip.text('docProps/core.xml');
  const title = core ? collapseSpaces(textOf(find(parseXml(core), 'title') ?? '')) : '';
  if (title) parsed.title = title;
  return parsed;
}

