/**
 * Per-model, per-library score calibration. A cosine of 0.5 means "unrelated" for one embedder and
 * "near-identical" for another, and a cross-encoder's logits have no fixed scale either, so the lab
 * measures each model on the user's own library before trusting its scores:
 *
 * - related:    a sentence taken from a passage, scored against that passage;
 * - background: the same sentence scored against passages of other documents (or far-away parts
 *               of the same one).
 *
 * A score x then reads as (x − background mean) / (related mean − background mean): 0 is what an
 * unrelated passage gets, 1 is what a passage's own sentence gets. The mapping is affine, so two
 * models whose scores differ by an affine change of scale give the same calibrated values.
 */
import { splitSentences } from '../chunk/segment';
import { seededRandom } from '../util/seeded-random';

export interface ScoreStats {
  mean: number;
  sd: number;
  p95: number;
}

export interface ScoreCalibration {
  kind: 'dense-query' | 'dense-sentence' | 'rerank';
  model: string;
  dtype: string;
  /** Which library it was measured on (documents and chunk count). */
  library: string;
  related: ScoreStats;
  background: ScoreStats;
  samples: number;
}

export const MIN_CALIBRATION_PASSAGES = 8;

export function calibrated(c: ScoreCalibration, x: number): number {
  const span = c.related.mean - c.background.mean;
  return span > 1e-9 ? (x - c.background.mean) / span : 0;
}

export function scoreStats(values: number[]): ScoreStats {
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length));
  const sorted = [...values].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? 0;
  return { mean, sd, p95 };
}

export interface CalibrationPassage {
  id: string;
  docId: string;
  ordinal: number;
  text: string;
}

export interface CalibrationPlan {
  /** One probe sentence per sampled passage. */
  sentences: string[];
  /** passages[i] is the passage sentences[i] came from. */
  own: CalibrationPassage[];
  /** For sentence i, indices into `own` of unrelated passages to score it against. */
  background: number[][];
}

/** The longest sentence with at least four words: short ones ("Chapter 3.") say nothing of meaning. */
function probeSentence(text: string): string | null {
  let best: string | null = null;
  for (const sentence of splitSentences(text)) {
    if (sentence.split(/\s+/).length >= 4 && (!best || sentence.length > best.length)) best = sentence;
  }
  return best && best.length > 400 ? best.slice(0, 400) : best;
}

/**
 * Samples up to `n` passages (spread over the library), takes a probe sentence from each, and
 * pairs every probe with `perProbe` passages that are unrelated to it: another document, or at least
 * five chunks away in the same one. Returns null when the library is too small to tell.
 */
export function planCalibration(passages: CalibrationPassage[], n = 48, perProbe = 4, seed = 7): CalibrationPlan | null {
  const random = seededRandom(seed);
  // Ordered by content, not by id (ids are random per library), so the same texts plan the same way.
  const pool = [...passages].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : a.id.localeCompare(b.id)));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const own: CalibrationPassage[] = [];
  const sentences: string[] = [];
  for (const p of pool) {
    if (own.length >= n) break;
    const sentence = probeSentence(p.text);
    if (sentence) {
      own.push(p);
      sentences.push(sentence);
    }
  }
  if (own.length < MIN_CALIBRATION_PASSAGES) return null;
  const unrelated = (a: CalibrationPassage, b: CalibrationPassage) => a.docId !== b.docId || Math.abs(a.ordinal - b.ordinal) >= 5;
  const background = own.map((p) => {
    const candidates = own.map((q, j) => [q, j] as const).filter(([q]) => unrelated(p, q)).map(([, j]) => j);
    const picked: number[] = [];
    while (picked.length < perProbe && candidates.length) picked.push(candidates.splice(Math.floor(random() * candidates.length), 1)[0]!);
    return picked;
  });
  if (background.every((b) => b.length === 0)) return null;
  return { sentences, own, background };
}

/** Library identity for the cache: which documents, and how many chunks. */
export function libraryKey(docIds: string[], chunkCount: number): string {
  let h = 0x811c9dc5;
  for (const id of [...docIds].sort()) for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return `${docIds.length}d-${chunkCount}c-${(h >>> 0).toString(16)}`;
}

/**
 * Runs a plan with a scorer: `score(sentenceIndex, passageIndices)` returns one score per passage
 * (cosine of vectors, or a cross-encoder's logits).
 */
export async function measureCalibration(
  plan: CalibrationPlan,
  score: (sentence: number, passages: number[]) => Promise<number[]>,
  meta: Pick<ScoreCalibration, 'kind' | 'model' | 'dtype' | 'library'>,
): Promise<ScoreCalibration> {
  const related: number[] = [];
  const background: number[] = [];
  for (let i = 0; i < plan.sentences.length; i++) {
    const scores = await score(i, [i, ...plan.background[i]!]);
    related.push(scores[0]!);
    background.push(...scores.slice(1));
  }
  return { ...meta, related: scoreStats(related), background: scoreStats(background), samples: plan.sentences.length };
}
