/**
 * Markdown via marked's lexer (tokens only; marked never renders HTML here). Heading hierarchy is
 * kept, code blocks stay whole, inline markup is reduced to its text.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { parseHtml } from './parse-html';
import { DocumentBuilder, collapseSpaces, type ParsedDocument } from './types';

function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens
    .map((t) => {
      if ('tokens' in t && t.tokens && t.type !== 'codespan') return inlineText(t.tokens, (t as { text?: string }).text ?? '');
      if (t.type === 'html') return htmlText(t.raw);
      if (t.type === 'br') return '\n';
      return (t as { text?: string }).text ?? t.raw;
    })
    .join('');
}

function htmlText(html: string): string {
  return parseHtml('inline', html).text;
}

function listText(list: Tokens.List, depth = 0): string {
  return list.items
    .map((item, i) => {
      const marker = list.ordered ? `${Number(list.start || 1) + i}.` : '-';
      const parts = item.tokens.map((t) => (t.type === 'list' ? `\n${listText(t as Tokens.List, depth + 1)}` : inlineText((t as { tokens?: Token[] }).tokens, (t as { text?: string }).text ?? '')));
      return `${'  '.repeat(depth)}${marker} ${parts.join('').trim()}`;
    })
    .join('\n');
}

export function parseMarkdown(name: string, source: string): ParsedDocument {
  const doc = new DocumentBuilder();
  let title: string | undefined;
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      switch (token.type) {
        case 'heading': {
          const text = collapseSpaces(inlineText(token.tokens, token.text));
          if (token.depth === 1 && !title) title = text;
          doc.heading(text, token.depth);
          break;
        }
        case 'paragraph':
        case 'text':
          doc.block('paragraph', inlineText(token.tokens, token.text));
          break;
        case 'code':
          doc.block('code', token.text);
          break;
        case 'list':
          doc.block('list', listText(token as Tokens.List));
          break;
        case 'table': {
          const table = token as Tokens.Table;
          const rows = [table.header, ...table.rows].map((r) => r.map((c) => collapseSpaces(inlineText(c.tokens, c.text))).join(' | '));
          doc.block('table', rows.join('\n'));
          break;
        }
        case 'blockquote':
          visit(token.tokens ?? []);
          break;
        case 'html':
          doc.block('paragraph', htmlText(token.raw));
          break;
        default:
          break;
      }
    }
  };
  // Front matter (--- … ---) is metadata, not prose.
  const body = source.replace(/\r\n?/g, '\n').replace(/^---\n[\s\S]*?\n---\n/, '');
  visit(new Lexer({ gfm: true }).lex(body));
  const parsed = doc.build(name, 'markdown');
  if (title) parsed.title = title;
  return parsed;
}
