/**
 * A small element tree from XML text (htmlparser2 in XML mode: no DTDs, no external entities,
 * nothing fetched or run), with the few queries the office and e-book parsers need.
 */
import { Parser } from 'htmlparser2';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const element: XmlElement = { name, attrs, children: [] };
        stack.at(-1)!.children.push(element);
        stack.push(element);
      },
      ontext(text) {
        stack.at(-1)!.children.push(text);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return root;
}

/** The local part of a qualified name: "a:t" → "t". */
export const local = (name: string) => name.slice(name.indexOf(':') + 1);

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** Child elements whose local name is `name`. */
export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => isElement(c) && local(c.name) === name);
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return children(element, name)[0];
}

/** All descendants with local name `name`, in document order (not looking inside a match). */
export function descendants(element: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of element.children) {
    if (!isElement(c)) continue;
    if (local(c.name) === name) out.push(c);
    else descendants(c, name, out);
  }
  return out;
}

/** The first descendant with local name `name`. */
export function find(element: XmlElement, name: string): XmlElement | undefined {
  for (const c of element.children) {
    if (!isElement(c)) continue;
    if (local(c.name) === name) return c;
    const inner = find(c, name);
    if (inner) return inner;
  }
  return undefined;
}

/** Attribute by local name, whatever its prefix. */
export function attr(element: XmlElement, name: string): string | undefined {
  for (const [key, value] of Object.entries(element.attrs)) if (local(key) === name) return value;
  return undefined;
}

/** All text below an element, concatenated. */
export function textOf(node: XmlNode): string {
  return isElement(node) ? node.children.map(textOf).join('') : node;
}
