/**
 * RTF → paragraphs and tables. A tokenizer for the text parts of RTF: groups, control words,
 * hex (\'hh, in the document's ANSI code page) and Unicode (\uN) escapes; destinations that are
 * not body text (font and colour tables, pictures, embedded objects, fields' instructions, headers)
 * are skipped whole, so nothing embedded is ever decoded or run.
 */
import { DocumentBuilder, IngestError, type ParsedDocument } from './types';

const SKIP = new Set(['fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'fldinst', 'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'header', 'footer', 'headerl', 'headerr', 'footerl', 'footerr', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl', 'mmathPr', 'pgdsctbl', 'filetbl', 'revtbl', 'bkmkstart', 'bkmkend', 'nonshppict', 'shppict', 'blipuid']);

interface State {
  skip: boolean;
  /** Characters to drop after a \u escape (its ANSI fallback). */
  uc: number;
}

export function parseRtf(name: string, bytes: Uint8Array): ParsedDocument {
  const source = new TextDecoder('latin1').decode(bytes);
  if (!source.startsWith('{\\rtf')) throw new IngestError(name, 'this is not a readable RTF document (no {\\rtf header).');
  const codepage = /\\ansicpg(\d+)/.exec(source.slice(0, 2000))?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(codepage ? `windows-${codepage}` : 'windows-1252');
  } catch {
    decoder = new TextDecoder('windows-1252');
  }
  const doc = new DocumentBuilder();
  const stack: State[] = [];
  let state: State = { skip: false, uc: 1 };
  let paragraph = '';
  let row: string[] = [];
  let cell = '';
  let table: string[] = [];
  let pendingSkip = 0;
  let hex: number[] = [];
  const flushHex = () => {
    if (hex.length) emit(decoder.decode(Uint8Array.from(hex)));
    hex = [];
  };
  const emit = (text: string) => {
    if (state.skip) return;
    if (pendingSkip > 0) {
      const dropped = Math.min(pendingSkip, text.length);
      pendingSkip -= dropped;
      text = text.slice(dropped);
    }
    paragraph += text;
  };
  let inTable = false;
  const endParagraph = () => {
    if (inTable) {
      cell += `${paragraph} `;
      paragraph = '';
      return;
    }
    if (table.length) {
      doc.block('table', table.join('\n'), undefined, table.length > 1 ? { header: table[0]! } : {});
      table = [];
    }
    doc.block('paragraph', paragraph.replace(/[ \t]+/g, ' '));
    paragraph = '';
  };

  let i = 0;
  let depth = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '{' || ch === '}') {
      flushHex();
      if (ch === '{') {
        stack.push(state);
        state = { ...state };
        depth++;
      } else {
        state = stack.pop() ?? state;
        depth--;
      }
      i++;
      continue;
    }
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (next === "'") {
        hex.push(parseInt(source.slice(i + 2, i + 4), 16) || 0x3f);
        i += 4;
        continue;
      }
      flushHex();
      if (next === '*') {
        state.skip = true;
        i += 2;
        continue;
      }
      if (!/[a-z]/i.test(next)) {
        if (next === '~') emit('\u00a0');
        else if (next === '\\' || next === '{' || next === '}') emit(next);
        else if (next === '\n' || next === '\r') endParagraph();
        i += 2;
        continue;
      }
      const match = /^([a-z]+)(-?\d+)? ?/i.exec(source.slice(i + 1, i + 40))!;
      i += 1 + match[0].length;
      const [, word, param] = match;
      if (SKIP.has(word!)) state.skip = true;
      else if (word === 'par' || word === 'sect' || word === 'page') endParagraph();
      else if (word === 'intbl') inTable = true;
      else if (word === 'pard') inTable = false;
      else if (word === 'line') emit('\n');
      else if (word === 'tab') emit('\t');
      else if (word === 'uc') state.uc = Number(param ?? 1);
      else if (word === 'u') {
        const code = Number(param ?? 0);
        emit(String.fromCharCode(code < 0 ? code + 65536 : code));
        pendingSkip = state.uc;
      } else if (word === 'cell' && !state.skip) {
        row.push((cell + paragraph).replace(/\s+/g, ' ').trim());
        cell = '';
        paragraph = '';
      } else if (word === 'row' && !state.skip) {
        if (row.some(Boolean)) table.push(row.join(' | '));
        row = [];
      } else if (word === 'emdash') emit('—');
      else if (word === 'endash') emit('–');
      else if (word === 'bullet') emit('•');
      else if (word === 'lquote' || word === 'rquote') emit(word === 'lquote' ? '‘' : '’');
      else if (word === 'ldblquote' || word === 'rdblquote') emit(word === 'ldblquote' ? '“' : '”');
      continue;
    }
    flushHex();
    if (ch !== '\r' && ch !== '\n') emit(ch);
    i++;
  }
  flushHex();
  endParagraph();
  if (table.length) doc.block('table', table.join('\n'), undefined, table.length > 1 ? { header: table[0]! } : {});
  const warnings = depth !== 0 ? ['the RTF groups are unbalanced (truncated file?); the readable part was kept'] : [];
  return doc.build(name, 'rtf', warnings);
}
