/**
 * HTML → readable text with headings, via htmlparser2's streaming tokenizer. Nothing is ever put
 * into a DOM, so no script, handler or URL in the file can run or load. Scripts, styles and hidden
 * content are dropped.
 */
import { Parser } from 'htmlparser2';
import { DocumentBuilder, collapseSpaces, type DocType, type ParsedDocument } from './types';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'select', 'button', 'nav', 'footer']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'aside', 'blockquote', 'figure', 'figcaption', 'form', 'fieldset', 'address', 'dd', 'dt', 'dl', 'details', 'summary', 'caption']);
const HEADING = /^h([1-6])$/;

/** Site chrome that pages put inside their main content anyway (menus, language pickers, edit links). */
const CHROME_CLASSES = new Set(['nav', 'navbar', 'navbox', 'menu', 'sidebar', 'breadcrumb', 'breadcrumbs', 'noprint', 'printfooter', 'catlinks', 'mw-editsection', 'mw-jump-link', 'vector-dropdown', 'mw-portlet', 'mw-indicators']);

function isChrome(value: string | undefined): boolean {
  return !!value && value.split(/\s+/).some((token) => CHROME_CLASSES.has(token.toLowerCase()));
}

function isHidden(attrs: Record<string, string>): boolean {
  if ('hidden' in attrs || attrs['aria-hidden'] === 'true' || attrs.role === 'navigation') return true;
  if (isChrome(attrs.class) || isChrome(attrs.id)) return true;
  const style = (attrs.style ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/** A page that marks its main content lets us drop menus, language lists and footers around it. */
const MAIN_CONTENT = /<main[\s>]|<article[\s>]|role\s*=\s*["']main["']/i;

function isMain(tag: string, attrs: Record<string, string>): boolean {
  return tag === 'main' || tag === 'article' || attrs.role === 'main';
}

export function parseHtml(name: string, html: string, type: DocType = 'html'): ParsedDocument {
  const doc = new DocumentBuilder();
  const stack: { tag: string; skip: boolean; main: boolean }[] = [];
  // Outside the main content everything is skipped, as if hidden.
  const onlyMain = MAIN_CONTENT.test(html);
  let mainDepth = 0;
  let skipDepth = 0;
  let buffer = '';
  let title = '';
  let inTitle = false;
  let sawH1 = false;
  let preDepth = 0;
  const list: { items: string[] }[] = [];
  let table: string[][] | null = null;
  let row: string[] | null = null;
  let cell: string | null = null;

  const flush = () => {
    const text = preDepth > 0 ? buffer : collapseSpaces(buffer);
    buffer = '';
    if (!text.trim()) return;
    if (cell !== null) cell += (cell ? ' ' : '') + collapseSpaces(text);
    else if (list.length) list.at(-1)!.items.push(text);
    else doc.block(preDepth > 0 ? 'code' : 'paragraph', text);
  };

  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        const main = onlyMain && isMain(tag, attrs);
        const skip = skipDepth > 0 || SKIP.has(tag) || isHidden(attrs);
        if (tag === 'title' && skipDepth === 0) inTitle = true;
        if (VOID.has(tag)) {
          if (tag === 'br' && !skip) buffer += '\n';
          return;
        }
        stack.push({ tag, skip, main });
        if (main) mainDepth++;
        if (skip) {
          skipDepth++;
          return;
        }
        if (HEADING.test(tag) || BLOCK.has(tag) || tag === 'li' || tag === 'pre') flush();
        if (tag === 'pre') preDepth++;
        if (tag === 'ul' || tag === 'ol') {
          flush();
          list.push({ items: [] });
        }
        if (tag === 'table') {
          flush();
          table = [];
        }
        if (tag === 'tr' && table) row = [];
        if ((tag === 'td' || tag === 'th') && row) {
          flush();
          cell = '';
        }
      },
      ontext(text) {
        if (inTitle) title += text;
        if (skipDepth === 0 && (!onlyMain || mainDepth > 0)) buffer += text;
      },
      onclosetag(tag) {
        if (tag === 'title') inTitle = false;
        if (VOID.has(tag)) return;
        // Tolerate unbalanced markup: pop to the matching open tag, if any.
        const index = stack.map((e) => e.tag).lastIndexOf(tag);
        if (index < 0) return;
        const closing = stack.splice(index);
        mainDepth -= closing.filter((e) => e.main).length;
        const skipped = closing.filter((e) => e.skip).length;
        if (skipped) {
          skipDepth -= skipped;
          if (closing[0]!.skip) return;
        }
        const heading = HEADING.exec(tag);
        if (heading) {
          const text = collapseSpaces(buffer);
          buffer = '';
          if (text) {
            doc.heading(text, Number(heading[1]));
            if (heading[1] === '1') sawH1 = true;
          }
          return;
        }
        if (tag === 'td' || tag === 'th') {
          flush();
          if (row && cell !== null) row.push(cell);
          cell = null;
          return;
        }
        if (tag === 'tr' && table && row) {
          if (row.some((c) => c)) table.push(row);
          row = null;
          return;
        }
        if (tag === 'table' && table) {
          const rows = table;
          table = null;
          doc.block('table', rows.map((r) => r.join(' | ')).join('\n'));
          return;
        }
        if (tag === 'li') {
          flush();
          return;
        }
        if ((tag === 'ul' || tag === 'ol') && list.length) {
          flush();
          const { items } = list.pop()!;
          const text = items.map((item, i) => `${tag === 'ol' ? `${i + 1}.` : '-'} ${item}`).join('\n');
          if (list.length) list.at(-1)!.items.push(text);
          else doc.block('list', text);
          return;
        }
        if (tag === 'pre') {
          flush();
          preDepth = Math.max(0, preDepth - 1);
          return;
        }
        if (BLOCK.has(tag)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const parsed = doc.build(name, type);
  const firstH1 = sawH1 ? parsed.blocks.find((b) => b.kind === 'heading' && b.level === 1) : undefined;
  const docTitle = collapseSpaces(title) || (firstH1 ? parsed.text.slice(firstH1.start, firstH1.end) : '');
  if (docTitle) parsed.title = docTitle;
  return parsed;
}
