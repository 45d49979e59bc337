/**
 * "1 passage", "3 passages", "2 entries": a count with its noun, never "passage(s)". Lives below
 * every layer because the page, the verdicts and the teaching lab all write counts into sentences.
 */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
