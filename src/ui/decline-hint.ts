import type { AskState } from '../ask/types';

/** What to try after a decline: a lower threshold cannot help when nothing was found at all. */
export function declineHint(ask: AskState): string {
  if (ask.answerability?.details.terms.length === 0) return 'Ask with the words your documents would use: names, terms, numbers.';
  if (ask.considered.length === 0) return 'Nothing in your library matched: add documents (the sample library belongs to the teaching lab), or widen the document filter.';
  return 'Try other words, add documents, or lower “Not found” below evidence in Settings (the inspector shows why this question fell short).';
}
