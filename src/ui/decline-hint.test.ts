import { describe, expect, it } from 'vitest';
import { memoryCalibrationCache } from '../ask/calibrate';
import { askQuestion } from '../ask/pipeline';
import type { AskPorts } from '../ask/ports';
import { DEFAULT_DECODING } from '../generate/generator';
import { ExactIndex } from '../index/exact-index';
import { DEFAULT_ANSWERABLE } from '../retrieve/answerable';
import { DEFAULT_RETRIEVAL, retrieve } from '../retrieve/hybrid';
import { lexicalSegment, toIndexedChunks } from '../retrieve/index-document';
import { LibraryIndex } from '../retrieve/library-index';
import { declineHint } from './decline-hint';

const settings = { retrieval: { ...DEFAULT_RETRIEVAL, retriever: 'bm25' as const, rerank: false }, decoding: DEFAULT_DECODING, answerable: DEFAULT_ANSWERABLE, answerMode: 'auto' as const };

async function ask(question: string, texts: string[]) {
  const index = new LibraryIndex(new ExactIndex(3));
  if (texts.length) {
    const info = { docId: 'd', name: 'd.txt', type: 'text' as const };
    const chunks = toIndexedChunks(info, texts.map((text, ordinal) => ({ doc: 'd', ordinal, text, start: 0, end: text.length, headings: [], tokens: 5 })));
    index.addDocument('d', chunks, lexicalSegment(info, chunks));
  }
  const ports: AskPorts = { search: (q, _vector, s) => retrieve(index, q, s), sample: async (n) => index.samplePassages(n) };
  return askQuestion(question, ports, settings, { cache: memoryCalibrationCache() });
}

describe('the hint under a decline', () => {
  it('suggests what can help', async () => {
    expect(declineHint(await ask('why?', ['Barn owls hunt at night.']))).toMatch(/^Ask with the words your documents would use/);
    const empty = await ask('How do barn owls hunt?', []);
    expect(declineHint(empty, { emptyLibrary: true })).toMatch(/^Your library is empty: add documents/);
    // With documents, none of which uses the question's words, adding documents is not the only way.
    const unmatched = await ask('Who is Captain Ahab?', ['Barn owls hunt mice at night.', 'Owls sleep by day.']);
    expect(declineHint(unmatched)).toMatch(/^None of your documents uses the words of the question: ask with the words they would use/);
    // Searching within a filter, the filter is what to widen.
    expect(declineHint(empty, { filtered: true })).toMatch(/^Nothing in the documents you searched matched: widen the document or type filter/);
    expect(declineHint(await ask('Do barn owls nest in tall wooden towers?', ['Barn owls hunt mice at night.', 'Owls sleep by day.']))).toMatch(/lower “Decline below this evidence” in Settings/);
  });

  it('names the key-term setting, not the evidence threshold, when a key word of the question is in no passage', async () => {
    const declined = await ask('What is the capital of Australia?', ['Barn owls hunt mice at night.', 'Australia is far away.', 'Owls sleep by day.']);
    expect(declined.answerability!.keyMissing).toEqual(['capital']);
    const hint = declineHint(declined);
    expect(hint).toMatch(/None of the top passages the search found says “capital”/);
    // Raising the setting is named for what it would do here, not offered as the fix.
    expect(hint).toMatch(/raising “Decline when the best passage lacks a word carrying at least this share of the question” in Settings would only let through an answer about something else\.$/);
    expect(hint).not.toMatch(/to let such answers through/);
    expect(hint).not.toMatch(/below this evidence/);
  });

  it('does not say "none of the passages" when other passages found say the key word', async () => {
    // "Jebe" and "die" weigh the same: the best passage says one, another passage the other.
    const declined = await ask('Where did Jebe die?', ['Jebe led the second division of the army.', 'Many soldiers die of the cold in the north.', 'Owls sleep by day.']);
    const key = declined.answerability!.keyMissing;
    expect(key).toHaveLength(1);
    expect(declined.answerability!.keyElsewhere).toEqual(key);
    const hint = declineHint(declined);
    expect(hint).not.toMatch(/None of the/);
    expect(hint).toMatch(new RegExp(`^The passage that best matches the question does not say “${key[0]}”; the word “${key[0]}” appears only in passages without the rest of the question`));
    expect(hint).toMatch(/raise “Decline when the best passage lacks a word carrying at least this share of the question” in Settings/);
  });

  it('names a misspelt key word as the library spells it where only other passages say it', async () => {
    const declined = await ask('Where did Jebe perihs?', ['Jebe led the army. Jebe rode west.', 'Many soldiers perish in the cold north.', 'Owls sleep by day.']);
    expect(declined.answerability!.details.terms.find((t) => t.word === 'perihs')?.alias).toBe('perish');
    expect(declined.answerability!.keyElsewhere).toEqual(['perihs']);
    // The inspector's reason names what was looked for, too.
    expect(declined.answerability!.reason).toMatch(/^A key term of the question is missing from the best passage: perihs \(read as perish\) \(evidence/);
    expect(declineHint(declined)).toMatch(/^The passage that best matches the question does not say “perihs”; the word “perihs” \(read as “perish”\) appears only in passages without the rest of the question/);
  });

  it('names apart the key words no top passage says and those only other passages say', async () => {
    const declined = await ask('Where did Jebe die?', ['Jebe led the second division of the army.', 'Many soldiers die of the cold in the north.', 'Owls sleep by day.']);
    const mixed = { ...declined, answerability: { ...declined.answerability!, keyMissing: ['Jebe', 'Kashgar'], keyElsewhere: ['Jebe'] } };
    expect(declineHint(mixed)).toMatch(
      /^The passage that best matches the question does not say “Jebe” or “Kashgar”; no top passage says “Kashgar”, and the word “Jebe” appears only in passages without the rest of the question/,
    );
  });
});
