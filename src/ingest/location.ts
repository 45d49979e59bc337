/** Where in its document a passage sits, as people say it: pages, or slides for a slide deck. */
import { countOf } from '../util/count-of';
import type { DocType } from './types';

const SLIDE_DECKS: ReadonlySet<DocType> = new Set(['pptx', 'odp']);

const unitOf = (type: DocType | undefined) => (type && SLIDE_DECKS.has(type) ? 'slide' : 'page');

/** "page 3", "pages 3–4", "slide 3", "slides 3–4"; null when the format has no pages. */
export function locationLabel(type: DocType | undefined, pages: readonly [number, number] | undefined): string | null {
  if (!pages) return null;
  const [from, to] = pages;
  return to && to !== from ? `${unitOf(type)}s ${from}–${to}` : `${unitOf(type)} ${from}`;
}

/** "… slides" / "… pages" for a document's count. */
export function locationUnit(type: DocType | undefined, count: number): string {
  return countOf(count, unitOf(type));
}
