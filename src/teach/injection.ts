/**
 * Marks instruction-like text inside sources (prompt injection): sentences that address the
 * assistant or try to override its instructions. A teaching aid that makes the attack visible,
 * not a defence: the prompt's own framing (sources are quoted data) is what the model is told.
 */
import { splitSentences } from '../chunk/segment';
import { analyze } from '../index/analyze';

const PATTERNS = [
  /\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules|above|previous)\b/i,
  /\byou are (now|no longer)\b/i,
  /\b(do not|don't|never) (mention|reveal|tell|disclose)\b/i,
  /\b(tell|inform|instruct) the user\b/i,
  /\b(system prompt|as an ai)\b/i,
  /\byou must\b/i,
];

export function instructionLike(text: string): string[] {
  return splitSentences(text).filter((s) => PATTERNS.some((p) => p.test(s)));
}

/**
 * Words of the flagged sentences that occur nowhere else in the sources, and that the answer
 * repeats: a sign the model followed (or at least echoed) the injected text.
 */
export function echoedInjection(answer: string, sources: string[]): string[] {
  const flagged = new Set(sources.flatMap((s) => instructionLike(s)).flatMap((s) => analyze(s)));
  if (flagged.size === 0) return [];
  const rest = new Set(sources.flatMap((s) => splitSentences(s).filter((x) => !instructionLike(x).length)).flatMap((s) => analyze(s)));
  const only = [...flagged].filter((t) => !rest.has(t));
  const said = new Set(analyze(answer));
  return only.filter((t) => said.has(t));
}
