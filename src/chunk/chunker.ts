/**
 * Recursive, structure-aware chunking measured in embedding-model tokens.
 *
 * A section (the blocks under one heading) that fits the budget is one chunk. Otherwise it is cut
 * into paragraphs, a paragraph that is too long into sentences (lines for code), a sentence that is
 * too long into runs of words. The resulting units are packed greedily up to the budget, and each
 * new chunk repeats the last units of the previous one up to the overlap budget, so a fact that
 * straddles a boundary is whole in at least one chunk. Chunks never cross a section boundary.
 * Chunk text is always an exact slice of the document's normalized text.
 */
import type { Block, ParsedDocument } from '../ingest/types';
import { lines, sentences, words, type Span } from './segment';
import type { TokenCounter } from './token-counter';

import { DEFAULT_CHUNK_SETTINGS, validateChunkSettings, type ChunkSettings } from './chunker-meta';
export { DEFAULT_CHUNK_SETTINGS, validateChunkSettings, type ChunkSettings } from './chunker-meta';

export interface Chunk {
  doc: string;
  ordinal: number;
  text: string;
  start: number;
  end: number;
  /** First and last PDF page (or slide) the chunk touches. */
  pages?: [number, number];
  /** Pages of this chunk whose text was recognised by OCR. */
  ocrPages?: number[];
  /** Enclosing headings; a chunk that starts inside a table ends them with the table's header row. */
  headings: string[];
  tokens: number;
}

interface Unit extends Span {
  tokens: number;
  /** Cut inside a word: token counts of neighbours no longer add up exactly. */
  cut?: boolean;
}


export function chunkDocument(doc: ParsedDocument, docId: string, counter: TokenCounter, settings: ChunkSettings = DEFAULT_CHUNK_SETTINGS): Chunk[] {
  validateChunkSettings(settings);
  const text = doc.text;
  const count = (s: Span) => counter.count(text.slice(s.start, s.end));
  const chunks: Chunk[] = [];
  for (const section of sections(doc.blocks)) {
    const span = { start: section[0]!.start, end: section.at(-1)!.end };
    const blockTokens = section.map((b) => count(b));
    const total = counter.additive ? blockTokens.reduce((s, n) => s + n, 0) : count(span);
    const units = total <= settings.size ? [{ ...span, tokens: total }] : splitSection(text, section, blockTokens, settings.size, count);
    let firstBlock = 0;
    for (const packed of pack(units, settings, count, counter.additive)) {
      // Chunks move forward through the section, so the overlapping blocks are found by a moving start.
      while (firstBlock < section.length - 1 && section[firstBlock]!.end <= packed.start) firstBlock++;
      const blocks: Block[] = [];
      for (let b = firstBlock; b < section.length && section[b]!.start < packed.end; b++) blocks.push(section[b]!);
      const pages = blocks.map((b) => b.page).filter((p): p is number => p !== undefined);
      const first = blocks[0] ?? section[0]!;
      // Rows cut off from their table's first line still need to say what their columns are.
      const header = first.kind === 'table' && first.header && packed.start > first.start ? [first.header] : [];
      const chunk: Chunk = {
        doc: docId,
        ordinal: chunks.length,
        text: text.slice(packed.start, packed.end),
        start: packed.start,
        end: packed.end,
        headings: [...first.headings, ...header],
        tokens: packed.tokens,
      };
      if (pages.length) chunk.pages = [Math.min(...pages), Math.max(...pages)];
      const ocrPages = [...new Set(blocks.filter((b) => b.ocr && b.page !== undefined).map((b) => b.page!))].sort((a, b) => a - b);
      if (ocrPages.length) chunk.ocrPages = ocrPages;
      chunks.push(chunk);
    }
  }
  return chunks;
}

/** Consecutive blocks that share one heading path; a heading opens a new section. */
function sections(blocks: Block[]): Block[][] {
  const out: Block[][] = [];
  for (const block of blocks) {
    const current = out.at(-1);
    const sameSection = current && block.kind !== 'heading' && sameHeadings(current.at(-1)!.headings, block.headings);
    if (sameSection) current.push(block);
    else out.push([block]);
  }
  return out;
}

function sameHeadings(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

function splitSection(text: string, section: Block[], blockTokens: number[], size: number, count: (s: Span) => number): Unit[] {
  const units: Unit[] = [];
  for (const [b, block] of section.entries()) {
    const tokens = blockTokens[b]!;
    if (tokens <= size) {
      units.push({ start: block.start, end: block.end, tokens });
      continue;
    }
    const parts = block.kind === 'code' || block.kind === 'table' || block.kind === 'list' ? lines(text, block) : sentences(text, block);
    for (const part of parts) {
      const partTokens = count(part);
      if (partTokens <= size) units.push({ ...part, tokens: partTokens });
      else units.push(...wordRuns(text, part, size, count));
    }
  }
  return units;
}

/** Runs of whole words within the budget; a single word over budget is cut by characters. */
function wordRuns(text: string, span: Span, size: number, count: (s: Span) => number): Unit[] {
  const runs: Unit[] = [];
  let current: Unit | null = null;
  for (const word of words(text, span)) {
    const tokens = count(word);
    if (tokens > size) {
      if (current) runs.push(current);
      current = null;
      runs.push(...characterRuns(word, size, count));
      continue;
    }
    if (current && current.tokens + tokens <= size) {
      current = { start: current.start, end: word.end, tokens: current.tokens + tokens };
    } else {
      if (current) runs.push(current);
      current = { ...word, tokens };
    }
  }
  if (current) runs.push(current);
  return runs;
}

function characterRuns(span: Span, size: number, count: (s: Span) => number): Unit[] {
  const runs: Unit[] = [];
  let start = span.start;
  while (start < span.end) {
    let end = span.end;
    while (count({ start, end }) > size && end - start > 1) end = start + Math.floor((end - start) / 2);
    runs.push({ start, end, tokens: count({ start, end }), cut: true });
    start = end;
  }
  return runs;
}

/** Greedy packing with overlap. Unit token counts add up exactly for WordPiece tokenizers. */
function pack(units: Unit[], settings: ChunkSettings, count: (s: Span) => number, additive: boolean): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < units.length) {
    let j = i;
    let tokens = units[i]!.tokens;
    while (j + 1 < units.length && tokens + units[j + 1]!.tokens <= settings.size) tokens += units[++j]!.tokens;
    let span = { start: units[i]!.start, end: units[j]!.end };
    const sumsAreExact = additive && !units.slice(i, j + 1).some((u) => u.cut);
    let exact = sumsAreExact ? tokens : count(span);
    // Only for tokenizers whose counts are not additive: give back units until the budget holds.
    while (exact > settings.size && j > i) {
      j--;
      span = { start: units[i]!.start, end: units[j]!.end };
      exact = count(span);
    }
    out.push({ ...span, tokens: exact });
    if (j + 1 >= units.length) break;
    let k = j + 1;
    let overlapTokens = 0;
    while (k - 1 > i && overlapTokens + units[k - 1]!.tokens <= settings.overlap) overlapTokens += units[--k]!.tokens;
    i = k;
  }
  return out;
}
