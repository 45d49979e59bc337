/**
 * EPUB → the spine's XHTML documents in reading order, each read by the HTML parser (no script,
 * style or hidden content; nothing runs) and added as a chapter: its own headings, or its title
 * when it has none. DRM-encrypted books are refused.
 */
import { parseHtml } from './parse-html';
import { resolvePath, ZipPackage } from './zip';
import { descendants, find, parseXml, textOf } from './xml';
import { DocumentBuilder, IngestError, collapseSpaces, type ParsedDocument } from './types';

const WHAT = 'EPUB e-book';

export async function parseEpub(name: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const zip = await ZipPackage.open(name, bytes, WHAT);
  const container = await zip.text('META-INF/container.xml');
  const rootPath = container ? find(parseXml(container), 'rootfile')?.attrs['full-path'] : undefined;
  const opfXml = rootPath ? await zip.text(rootPath) : null;
  if (!rootPath || !opfXml) throw new IngestError(name, `this is not a readable ${WHAT} (its package document is missing).`);
  const encryption = await zip.text('META-INF/encryption.xml');
  const encrypted = new Set(encryption ? descendants(parseXml(encryption), 'CipherReference').map((r) => decodeURIComponent(r.attrs.URI ?? '')) : []);
  const opf = parseXml(opfXml);
  const manifest = new Map(descendants(opf, 'item').map((item) => [item.attrs.id ?? '', { href: resolvePath(rootPath, decodeURIComponent(item.attrs.href ?? '')), type: item.attrs['media-type'] ?? '' }]));
  const spine = descendants(opf, 'itemref').map((ref) => manifest.get(ref.attrs.idref ?? '')).filter((i) => i && /html/.test(i.type));
  if (spine.some((item) => encrypted.has(item!.href))) throw new IngestError(name, `this ${WHAT} is DRM-protected (its chapters are encrypted) and cannot be read.`);
  const doc = new DocumentBuilder();
  let chapter = 0;
  for (const item of spine) {
    const xhtml = await zip.text(item!.href);
    if (!xhtml) continue;
    const parsed = parseHtml(name, xhtml, 'epub');
    if (!parsed.text.trim()) continue;
    chapter++;
    // The HTML parser skips <head>; a chapter without a heading is named by its <title>.
    const title = collapseSpaces(textOf(find(parseXml(xhtml), 'title') ?? ''));
    if (parsed.blocks[0]?.kind !== 'heading') doc.heading(title || `Chapter ${chapter}`, 1);
    doc.append(parsed);
  }
  const parsed = doc.build(name, 'epub');
  const title = collapseSpaces(textOf(find(opf, 'title') ?? ''));
  if (title) parsed.title = title;
  return parsed;
}
