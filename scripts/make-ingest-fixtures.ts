/**
 * Writes the small generated documents the ingest tests read, so that no binary is written by hand:
 *
 *   npx tsx scripts/make-ingest-fixtures.ts [--out test/fixtures/docs]
 *
 * - unreadable-font.pdf: one page of English whose font is a Type 3 font with glyphs drawn as
 *   shapes and character codes without any Unicode mapping, as in published papers whose text
 *   layer extracts as control characters. Its rendering is readable, so OCR can recover the words.
 * - text-image.png: a rendered line of text, as a photographed handout would bring.
 * - no-text.png: a picture with no writing in it, which must not be indexed as OCR noise.
 * - sample.odt, sample.odp, sample.ods, sample.epub, sample.rtf, sample.csv: small documents in
 *   each format, with the structure the parsers keep (headings, slides with notes, sheets, chapters, tables).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import JSZip from 'jszip';

const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1]! : join('test', 'fixtures', 'docs');
mkdirSync(out, { recursive: true });

const UNREADABLE_LINES = ['Offline retrieval needs readable words.', 'Tesseract recognises this printed page.', 'The quick brown fox jumps over the lazy dog.'];
const IMAGE_LINES = ['Scanned handouts become searchable text.', 'Recognition runs inside the browser.'];

/** Character codes in the C0 and C1 control ranges (never tab, line feed or carriage return). */
const CODES = [...Array.from({ length: 8 }, (_, i) => i + 1), ...Array.from({ length: 18 }, (_, i) => i + 14), ...Array.from({ length: 32 }, (_, i) => i + 128)];

function glyphShape(ch: string, px: number): { advance: number; rects: [number, number, number, number][] } {
  const size = px * 2;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  ctx.font = `${px}px DejaVu Sans, sans-serif`;
  ctx.fillStyle = '#000';
  const baseline = Math.round(px * 1.2);
  ctx.fillText(ch, 0, baseline);
  const advance = ctx.measureText(ch).width;
  const { data } = ctx.getImageData(0, 0, size, size);
  const rects: [number, number, number, number][] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (data[(y * size + x) * 4 + 3]! < 128) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[(y * size + x) * 4 + 3]! >= 128) x++;
      // Glyph space y grows upwards from the baseline.
      rects.push([start, baseline - y - 1, x - start, 1]);
    }
  }
  return { advance, rects };
}

function pdfWithType3Font(lines: string[]): Uint8Array {
  const px = 48;
  const unit = 1000 / px;
  const chars = [...new Set(lines.join(''))];
  if (chars.length > CODES.length) throw new Error('too many distinct characters');
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) + 1; // object 1 is the catalog
  const procs: string[] = [];
  const widths: number[] = [];
  for (const ch of chars) {
    const { advance, rects } = glyphShape(ch, px);
    const w = Math.round(advance * unit);
    const path = rects.map(([x, y, rw, rh]) => `${(x * unit).toFixed(1)} ${(y * unit).toFixed(1)} ${(rw * unit).toFixed(1)} ${(rh * unit).toFixed(1)} re`).join('\n');
    const stream = `${w} 0 d0\n${path}\nf\n`;
    const id = add(`<< /Length ${stream.length} >>\nstream\n${stream}endstream`);
    procs.push(`/glyph${String.fromCharCode(97 + (procs.length % 26))}${String.fromCharCode(97 + Math.floor(procs.length / 26))} ${id} 0 R`);
    widths.push(w);
  }
  const names = procs.map((p) => p.split(' ')[0]);
  const codeOf = new Map(chars.map((ch, i) => [ch, CODES[i]!]));
  const differences = chars.map((_, i) => `${CODES[i]} ${names[i]}`).join(' ');
  const first = Math.min(...CODES.slice(0, chars.length));
  const last = Math.max(...CODES.slice(0, chars.length));
  const widthArray = Array.from({ length: last - first + 1 }, (_, k) => {
    const index = CODES.indexOf(first + k);
    return index >= 0 && index < chars.length ? widths[index] : 0;
  });
  const charProcs = add(`<< ${procs.join(' ')} >>`);
  const font = add(`<< /Type /Font /Subtype /Type3 /FontBBox [0 -300 1200 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs ${charProcs} 0 R /Encoding << /Type /Encoding /Differences [${differences}] >> /FirstChar ${first} /LastChar ${last} /Widths [${widthArray.join(' ')}] /Resources << >> >>`);
  const hex = (line: string) => `<${[...line].map((ch) => codeOf.get(ch)!.toString(16).padStart(2, '0')).join('')}>`;
  const content = `BT /F1 20 Tf 24 TL 60 700 Td\n${lines.map((l) => `${hex(l)} Tj T*`).join('\n')}\nET\n`;
  const contents = add(`<< /Length ${content.length} >>\nstream\n${content}endstream`);
  const page = add(`<< /Type /Page /Parent PAGES 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contents} 0 R >>`);
  const pages = add(`<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
  const all = [`<< /Type /Catalog /Pages ${pages} 0 R >>`, ...objects.map((o) => o.replace('PAGES', String(pages)))];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  all.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${all.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${all.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

function textImage(lines: string[]): Uint8Array {
  const canvas = createCanvas(900, 60 + lines.length * 50);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#111';
  ctx.font = '32px DejaVu Serif, serif';
  lines.forEach((line, i) => ctx.fillText(line, 30, 60 + i * 50));
  return canvas.encodeSync('png');
}

/** A picture with no writing in it (diagonal shaded stripes), which OCR reads as a few stray symbols. */
function noTextImage(): Uint8Array {
  const canvas = createCanvas(200, 100);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(200, 100);
  for (let y = 0; y < 100; y++) {
    for (let x = 0; x < 200; x++) {
      const v = Math.round((((x + y * 0.5) % 40) / 40) * 255);
      image.data.set([v, v, v, 255], (y * 200 + x) * 4);
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas.encodeSync('png');
}

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"';

async function odf(mimetype: string, body: string, title: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', mimetype, { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`);
  zip.file('content.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NS} office:version="1.3"><office:body>${body}</office:body></office:document-content>`);
  zip.file('meta.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${ODF_NS}><office:meta><dc:title>${title}</dc:title></office:meta></office:document-meta>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const cell = (v: string) => `<table:table-cell><text:p>${v}</text:p></table:table-cell>`;
const row = (...cells: string[]) => `<table:table-row>${cells.map(cell).join('')}</table:table-row>`;

async function epub(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file('META-INF/container.xml', '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>');
  zip.file(
    'OEBPS/content.opf',
    '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">sample</dc:identifier><dc:title>A Small Field Guide</dc:title><dc:language>en</dc:language></metadata>' +
      '<manifest><item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/><item id="css" href="style.css" media-type="text/css"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>',
  );
  const page = (title: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${title}</title><script>window.__pwned = 1</script></head><body>${body}</body></html>`;
  zip.file('OEBPS/text/ch1.xhtml', page('Birds', '<h1>Birds of the Marsh</h1><p>The grey heron waits motionless in shallow water before striking at fish.</p><p>Reed warblers weave their nests between three upright stems.</p>'));
  zip.file('OEBPS/text/ch2.xhtml', page('Insects', '<p>Dragonflies hunt on the wing and can fly backwards.</p><p>Water striders rest on the surface film of ponds.</p>'));
  zip.file('OEBPS/style.css', 'body { font-family: serif; }');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const rtf =
  '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}{\\colortbl;\\red0\\green0\\blue0;}{\\info{\\title Hidden info title}}\n' +
  '\\pard\\b Field notes\\b0\\par\n\\pard Caf\\\'e9 owners reported that the river rose two metres in \\u8211? spring.\\par\n' +
  '{\\*\\generator Hidden generator text;}\\pard Second paragraph with a line\\line break.\\par\n' +
  '\\trowd\\cellx2000\\cellx4000\\intbl Station\\cell Level\\cell\\row\\trowd\\cellx2000\\cellx4000\\intbl North\\cell 2.1 m\\cell\\row\\pard\n' +
  '\\pard Closing remark.\\par}';

const csv = 'city,country,population\n"Zürich",Switzerland,421878\nLyon,France,"522,250"\nPorto,Portugal,231800\n';

const files: Record<string, Uint8Array> = {
  'unreadable-font.pdf': pdfWithType3Font(UNREADABLE_LINES),
  'text-image.png': textImage(IMAGE_LINES),
  'no-text.png': noTextImage(),
  'sample.odt': await odf('application/vnd.oasis.opendocument.text', `<office:text><text:h text:outline-level="1">Harbour report</text:h><text:p>Ships<text:s text:c="2"/>arrived early<text:tab/>today.</text:p><text:list><text:list-item><text:p>Cargo unloaded</text:p></text:list-item><text:list-item><text:p>Crew rested</text:p></text:list-item></text:list><text:h text:outline-level="2">Tides</text:h><table:table table:name="T">${row('Time', 'Height')}${row('06:00', '3.2 m')}</table:table></office:text>`, 'Harbour report'),
  'sample.odp': await odf('application/vnd.oasis.opendocument.presentation', `<office:presentation><draw:page draw:name="p1"><draw:frame presentation:class="title"><draw:text-box><text:p>Seasons of the Lake</text:p></draw:text-box></draw:frame><draw:frame presentation:class="outline"><draw:text-box><text:p>Ice covers the lake in January.</text:p></draw:text-box></draw:frame><presentation:notes><draw:frame><draw:text-box><text:p>Mention the skating race.</text:p></draw:text-box></draw:frame></presentation:notes></draw:page><draw:page draw:name="p2"><draw:frame presentation:class="title"><draw:text-box><text:p>Summer</text:p></draw:text-box></draw:frame><draw:frame><draw:text-box><text:p>Algae bloom in warm shallow bays.</text:p></draw:text-box></draw:frame></draw:page></office:presentation>`, 'Seasons'),
  'sample.ods': await odf('application/vnd.oasis.opendocument.spreadsheet', `<office:spreadsheet><table:table table:name="Rainfall">${row('Month', 'Millimetres')}${row('March', '41')}${row('April', '55')}<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet>`, 'Rainfall'),
  'sample.epub': await epub(),
  'sample.rtf': new TextEncoder().encode(rtf),
  'sample.csv': new TextEncoder().encode(csv),
};
for (const [name, bytes] of Object.entries(files)) {
  writeFileSync(join(out, name), bytes);
  console.log(`${join(out, name)}: ${bytes.byteLength} bytes`);
}
