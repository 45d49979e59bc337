/**
 * Finds citation markers in model output: [1], [1, 3], [2-4], [2–4] (en dash), [1][2].
 * Markers that look like citations but are malformed ("[", "[1", "[a]", "[0]") are reported, not
 * guessed at; references to sources that do not exist are flagged.
 */
export interface CitationMarker {
  /** [start, end) of the marker in the text. */
  start: number;
  end: number;
  raw: string;
  /** Source numbers, in order, without repeats. */
  numbers: number[];
  /** Numbers that are not among the given sources (1…sourceCount). */
  invalid: number[];
}

export interface ParsedCitations {
  markers: CitationMarker[];
  /** Bracketed text that tried to be a citation and failed to parse. */
  malformed: { start: number; raw: string }[];
}

const BRACKET = /\[([^[\]\n]{0,40})\]/g;
/** A range wider than this ("[1-90000000]", found in real documents) is malformed, not expanded. */
const LIST = /^\s*\d+\s*(?:[-–—]\s*\d+\s*)?(?:[,;]\s*\d+\s*(?:[-–—]\s*\d+\s*)?)*$/;
const MAX_RANGE = 50;
/** A marker lists at most this many sources (the bracket holds at most 40 characters). */
export const MAX_CITATIONS_PER_MARKER = 200;

export function parseCitations(text: string, sourceCount: number): ParsedCitations {
  const markers: CitationMarker[] = [];
  const malformed: ParsedCitations['malformed'] = [];
  for (const match of text.matchAll(BRACKET)) {
    const inner = match[1]!;
    const start = match.index;
    if (!LIST.test(inner)) {
      // Only bracketed text that begins like a citation counts as a malformed one.
      if (/^\s*(\d|source|ref)/i.test(inner)) malformed.push({ start, raw: match[0] });
      continue;
    }
    const numbers: number[] = [];
    for (const part of inner.split(/[,;]/)) {
      const [a, b] = part.split(/[-–—]/).map((x) => Number(x.trim()));
      const from = a!;
      const to = b ?? a!;
      if (to < from || to - from > MAX_RANGE) {
        malformed.push({ start, raw: match[0] });
        continue;
      }
      for (let n = from; n <= to && numbers.length < MAX_CITATIONS_PER_MARKER; n++) if (!numbers.includes(n)) numbers.push(n);
    }
    if (numbers.length === 0) continue;
    markers.push({ start, end: start + match[0].length, raw: match[0], numbers, invalid: numbers.filter((n) => n < 1 || n > sourceCount) });
  }
  // An opening bracket with a number that never closes, e.g. "as shown in [2".
  for (const match of text.matchAll(/\[\s*\d+(?:\s*[,;–—-]\s*\d+)*(?![\d\s,;–—-]*\])/g)) {
    if (!markers.some((m) => m.start === match.index) && !malformed.some((m) => m.start === match.index)) {
      malformed.push({ start: match.index, raw: match[0] });
    }
  }
  return { markers, malformed };
}

/**
 * A document's own reference marks ("IBM[14]: 228", "as shown in [3]") taken out of a quotation
 * of it, as quotations omit footnote marks: in an answer they would read as citations of the
 * lab's numbered sources. A mark is what this parser reads as a citation; what it refuses
 * ("[1-90000000]", "[d]") already shows as text and stays.
 */
export function withoutCitationMarks(text: string): string {
  // Taking a mark out can close another around it ("[2[3]]" leaves "[2]"): repeat until none is left.
  for (let next = removeMarks(text); next !== text; next = removeMarks(text)) text = next;
  return text;
}

function removeMarks(text: string): string {
  const { markers } = parseCitations(text, Infinity);
  if (markers.length === 0) return text;
  let out = '';
  let last = 0;
  for (const cut of markers) {
    out += text.slice(last, cut.start);
    // A page after an attached mark is part of it ("[14]: 228").
    const page = cut.start > 0 && /\S/.test(text[cut.start - 1]!) ? /^:\s?\d+(?:[-–]\d+)?/.exec(text.slice(cut.end)) : null;
    last = cut.end + (page ? page[0].length : 0);
  }
  out += text.slice(last);
  return out.replace(/[ \t]+([.,;:!?)])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
}

export type CitationPiece = { kind: 'text'; text: string } | { kind: 'marker'; marker: CitationMarker };

/**
 * Text split around its citation markers, for rendering: the one parser decides what a citation
 * is, so the page never expands a range the checks refused.
 */
export function citationPieces(text: string, sourceCount: number): CitationPiece[] {
  const pieces: CitationPiece[] = [];
  let last = 0;
  for (const marker of parseCitations(text, sourceCount).markers) {
    if (marker.start > last) pieces.push({ kind: 'text', text: text.slice(last, marker.start) });
    pieces.push({ kind: 'marker', marker });
    last = marker.end;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}
