/**
 * CSV / TSV → one table, parsed by papaparse (quoted fields, embedded newlines, delimiter guessed),
 * the first row kept as the header that every chunk of rows repeats.
 */
import Papa from 'papaparse';
import { countOf } from '../util/count-of';
import { addSheet } from './parse-xlsx';
import { DocumentBuilder, type ParsedDocument } from './types';

export function parseCsv(name: string, text: string): ParsedDocument {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const doc = new DocumentBuilder();
  const base = name.split(/[\\/]/).at(-1) ?? name;
  addSheet(doc, base.replace(/\.[^.]+$/, ''), result.data);
  const warnings = result.errors.length ? [`${countOf(result.errors.length, 'malformed row')}, e.g. row ${(result.errors[0]!.row ?? 0) + 1}: ${result.errors[0]!.message}`] : [];
  return doc.build(name, 'csv', warnings);
}
