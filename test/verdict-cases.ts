/**
 * Questions over test/fixtures/verdicts with the verdicts the lab must give. The same table is
 * checked through the command-line pipeline (Node) and through the page's workers (Chromium), so
 * the two cannot drift apart.
 */
import type { FaithfulLevel, RelevantLevel } from '../src/cite/verdicts';

export const VERDICT_FILES = ['moby-dick-excerpts.txt', 'barn-owls.txt', 'barn-owls-field-notes.txt', 'sourdough.txt'];

export interface VerdictCase {
  question: string;
  answerable: boolean;
  faithful: FaithfulLevel;
  relevant: RelevantLevel;
}

export const VERDICT_CASES: VerdictCase[] = [
  { question: 'What is the capital of Australia?', answerable: false, faithful: 'declined', relevant: 'declined' },
  { question: 'Who painted the Mona Lisa?', answerable: false, faithful: 'declined', relevant: 'declined' },
  { question: 'zyxwv plorfination of gribbles', answerable: false, faithful: 'declined', relevant: 'declined' },
  { question: 'How do barn owls find their prey in the dark?', answerable: true, faithful: 'quotation', relevant: 'relevant' },
  { question: 'Why does sourdough bread rise slowly?', answerable: true, faithful: 'quotation', relevant: 'relevant' },
  { question: 'Which islands connect Asia with Australia?', answerable: true, faithful: 'quotation', relevant: 'relevant' },
];

/**
 * Answering the Australia question anyway (gate off) quotes Moby-Dick: faithful, and beside the
 * point, which the verdict names in the question's own word ("Australia", not the search term
 * "australia").
 */
export const FORCED_AUSTRALIA = {
  question: 'What is the capital of Australia?',
  faithful: 'quotation',
  relevant: 'irrelevant',
  relevantSummary: "Its closest sentence does not address the question's point (Australia); it covers 58 % of what the question asks.",
} as const;

/** A question of stop words only is declined for that reason, not because "nothing was retrieved". */
export const NO_SEARCHABLE_WORDS = { question: 'why?', reason: /^The question has no searchable words/ } as const;
