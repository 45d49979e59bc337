/**
 * Excel keeps dates and times as numbers (days since 1900, or 1904) and says only through a
 * cell's number format that 45123 is a date. Without this, a spreadsheet of events read as
 * "45123 | Opening night", which no question about July 2023 can find. Dates come out as ISO
 * (2023-07-15), unambiguous in every locale.
 */
import { children, descendants, parseXml, type XmlElement } from './xml';

export type CellKind = 'date' | 'datetime' | 'time' | null;

/** Built-in formats (ECMA-376 §18.8.30) that show a date, a date and time, or a time. */
const BUILT_IN: Record<number, CellKind> = { 14: 'date', 15: 'date', 16: 'date', 17: 'date', 22: 'datetime', 18: 'time', 19: 'time', 20: 'time', 21: 'time', 45: 'time', 46: 'time', 47: 'time' };

/** What a custom format code shows: quoted text, escapes and [colour]/[$-locale] parts removed. */
export function formatKind(code: string): CellKind {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"|\\./g, '')
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '')
    .toLowerCase();
  const hasDate = /[yd]/.test(bare);
  const hasTime = /[hs]/.test(bare);
  if (hasDate) return hasTime ? 'datetime' : 'date';
  return hasTime ? 'time' : null;
}

/** The kind each cell style index (a cell's `s`) shows, from xl/styles.xml. */
export function styleKinds(stylesXml: string | null): CellKind[] {
  if (!stylesXml) return [];
  const root = parseXml(stylesXml);
  const custom = new Map<number, CellKind>();
  for (const f of descendants(root, 'numFmt')) custom.set(Number(f.attrs.numFmtId), formatKind(f.attrs.formatCode ?? ''));
  const cellXfs = descendants(root, 'cellXfs')[0];
  return cellXfs ? children(cellXfs, 'xf').map((xf: XmlElement) => kindOf(Number(xf.attrs.numFmtId ?? 0), custom)) : [];
}

function kindOf(id: number, custom: Map<number, CellKind>): CellKind {
  return custom.has(id) ? custom.get(id)! : (BUILT_IN[id] ?? null);
}

/** Whether the workbook counts days from 1904 (old Mac Excel) instead of 1900. */
export function uses1904(workbook: XmlElement): boolean {
  const pr = descendants(workbook, 'workbookPr')[0];
  return pr?.attrs.date1904 === '1' || pr?.attrs.date1904 === 'true';
}

const DAY_MS = 86_400_000;

/** A serial day number shown as the kind of value its format says, or as it is. */
export function showSerial(value: string, kind: CellKind, date1904: boolean): string {
  const serial = Number(value);
  if (!kind || value.trim() === '' || !Number.isFinite(serial) || serial < 0) return value;
  // The 1900 system counts a 29 February 1900 that never was: serials before it are a day early.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, serial < 60 ? 31 : 30);
  const when = new Date(epoch + Math.round(serial * DAY_MS / 1000) * 1000);
  const iso = when.toISOString();
  const clock = when.getUTCSeconds() ? iso.slice(11, 19) : iso.slice(11, 16);
  if (kind === 'time') return clock;
  if (kind === 'datetime') return `${iso.slice(0, 10)} ${clock}`;
  return iso.slice(0, 10);
}
