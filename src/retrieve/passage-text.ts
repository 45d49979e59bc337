/**
 * What the embedding model reads for a chunk: its heading path first (a contextual header), so a
 * chunk that says "it" still lands near questions about its section's subject.
 */
export function passageText(chunk: { text: string; headings: string[] }): string {
  const header = chunk.headings.join(' > ');
  return header && !chunk.text.startsWith(chunk.headings.at(-1) ?? '\u0000') ? `${header}\n${chunk.text}` : chunk.text;
}
