/**
 * Metadata filters (date, tags) as the set of documents retrieval may use: the smallest way to
 * filter by metadata, since retrieval already restricts BM25 and dense search to `docIds`.
 */
export interface MetadataFilter {
  /** ISO date: documents dated before it are left out. */
  notBefore?: string;
  /** Documents carrying any of these tags are left out. */
  excludeTags?: string[];
}

export function documentsPassing(docs: { docId: string; date?: string; tags: string[] }[], filter: MetadataFilter): Set<string> {
  return new Set(
    docs
      .filter((d) => !filter.notBefore || !d.date || d.date >= filter.notBefore)
      .filter((d) => !filter.excludeTags?.some((t) => d.tags.includes(t)))
      .map((d) => d.docId),
  );
}
