import type { AskState } from '../ask/types';
import { termAsRead } from '../retrieve/hybrid';
import { EVIDENCE_SETTING, KEY_TERM_SETTING, settingName } from './setting-labels';

/**
 * What to try after a decline, fitted to what declined it: a lower evidence threshold cannot help
 * when nothing was found at all, or when a key word of the question is missing from the passage
 * that best matches it (the key-term setting decides that).
 */
export function declineHint(ask: AskState, options: { filtered?: boolean; emptyLibrary?: boolean } = {}): string {
  if (ask.answerability?.details.terms.length === 0) return 'Ask with the words your documents would use: names, terms, numbers.';
  if (ask.considered.length === 0) {
    if (options.filtered) return 'Nothing in the documents you searched matched: widen the document or type filter beside the question, or add documents.';
    // The teaching lab's sample library is its own: a person who tried it may expect to ask it here.
    return options.emptyLibrary
      ? 'Your library is empty: add documents to ask about them (the teaching lab’s sample library is kept apart from yours).'
      : 'None of your documents uses the words of the question: ask with the words they would use (names, terms), or add a document that covers it.';
  }
  const key = ask.answerability?.keyMissing ?? [];
  if (key.length) {
    // The evidence threshold is not what declined it: lowering it would change nothing.
    const elsewhere = new Set(ask.answerability?.keyElsewhere ?? []);
    const curly = (w: string) => `“${w}”`;
    const quote = (words: string[]) => words.map(curly).join(' or ');
    // A misspelt word is found in other passages only as the library spells it ("Austrlaia" as "Australia").
    const termOf = new Map((ask.answerability?.details.terms ?? []).map((t) => [t.word, t] as const));
    const quoteAsFound = (words: string[]) => words.map((w) => termAsRead(termOf.get(w) ?? { word: w }, curly)).join(' or ');
    const absent = key.filter((w) => !elsewhere.has(w));
    const present = key.filter((w) => elsewhere.has(w));
    const what = present.length === 0
      ? `None of the top passages the search found says ${quote(key)} (the inspector lists them), so they are about something else.`
      : `The passage that best matches the question does not say ${quote(key)}; ${absent.length ? `no top passage says ${quote(absent)}, and ` : ''}` +
        `the ${present.length === 1 ? 'word' : 'words'} ${quoteAsFound(present)} ${present.length === 1 ? 'appears' : 'appear'} only in passages without the rest of the question (the inspector lists them).`;
    // With the word in no top passage, letting the answer through would only quote something else.
    return present.length === 0
      ? `${what} Ask with the words your documents use, or add a document that covers it; raising “${settingName(KEY_TERM_SETTING)}” in Settings would only let through an answer about something else.`
      : `${what} Ask with the words your documents use, add a document that covers it, or raise “${settingName(KEY_TERM_SETTING)}” in Settings to let such answers through.`;
  }
  return `Try other words, add documents, or lower “${settingName(EVIDENCE_SETTING)}” in Settings (the inspector shows why this question fell short).`;
}
