/**
 * Measures the loaded models' score scales on the current library (see retrieve/calibration.ts)
 * and caches the result under the model's id and dtype and the library's identity, so it runs
 * once per model and library, not once per question.
 */
import { dot } from '../index/vector-math';
import { measureCalibration, planCalibration, type CalibrationPassage, type ScoreCalibration } from '../retrieve/calibration';
import type { AskPorts, ModelIdentity } from './ports';
import type { UsedCalibrations } from './types';

export interface CalibrationCache {
  get(key: string): ScoreCalibration | null;
  set(key: string, value: ScoreCalibration): void;
}

export function memoryCalibrationCache(): CalibrationCache {
  const map = new Map<string, ScoreCalibration>();
  return { get: (key) => map.get(key) ?? null, set: (key, value) => void map.set(key, value) };
}

const SAMPLE_PASSAGES = 200;

export async function calibrations(ports: AskPorts, wants: { dense: boolean; rerank: boolean }, cache: CalibrationCache, signal?: AbortSignal): Promise<UsedCalibrations> {
  const used: UsedCalibrations = { denseQuery: null, denseSentence: null, rerank: null, note: null };
  const embed = wants.dense ? ports.embed ?? null : null;
  const rerank = wants.rerank ? ports.rerank ?? null : null;
  if (!embed && !rerank) return used;
  const { passages, library } = await ports.sample(SAMPLE_PASSAGES);
  const key = (kind: ScoreCalibration['kind'], model: ModelIdentity) => `${kind}|${model.id}|${model.dtype}|${library}`;
  const keys = {
    denseQuery: embed ? key('dense-query', embed.model) : null,
    denseSentence: embed ? key('dense-sentence', embed.model) : null,
    rerank: rerank ? key('rerank', rerank.model) : null,
  };
  used.denseQuery = keys.denseQuery ? cache.get(keys.denseQuery) : null;
  used.denseSentence = keys.denseSentence ? cache.get(keys.denseSentence) : null;
  used.rerank = keys.rerank ? cache.get(keys.rerank) : null;
  const needDense = embed && (!used.denseQuery || !used.denseSentence);
  const needRerank = rerank && !used.rerank;
  if (!needDense && !needRerank) return used;

  if (needDense) {
    // Only passages that have vectors of this model can be scored (stale documents have none).
    const vectors = await embed.storedVectors(passages.map((p) => p.id));
    const withVectors: { passage: CalibrationPassage; vector: Float32Array }[] = [];
    passages.forEach((passage, i) => vectors[i] && withVectors.push({ passage, vector: vectors[i]! }));
    const vectorOf = new Map(withVectors.map((p) => [p.passage.id, p.vector]));
    const plan = planCalibration(withVectors.map((p) => p.passage));
    if (!plan) used.note = 'Too few passages with vectors of this model to calibrate its cosines (needs 8 with a full sentence each): dense scores do not join the verdicts yet.';
    else {
      for (const kind of ['query', 'passage'] as const) {
        const probes = await embed.embed(plan.sentences, kind, signal);
        const calibration = await measureCalibration(
          plan,
          async (i, own) => own.map((j) => dot(probes[i]!, vectorOf.get(plan.own[j]!.id)!)),
          { kind: kind === 'query' ? 'dense-query' : 'dense-sentence', model: embed.model.id, dtype: embed.model.dtype, library },
        );
        if (kind === 'query') cache.set(keys.denseQuery!, (used.denseQuery = calibration));
        else cache.set(keys.denseSentence!, (used.denseSentence = calibration));
      }
    }
  }
  if (needRerank) {
    const plan = planCalibration(passages, 32, 3);
    if (!plan) used.note = 'Too few passages to calibrate the reranker (needs 8 with a full sentence each): its scores do not join the verdicts yet.';
    else {
      const calibration = await measureCalibration(
        plan,
        (i, own) => rerank.score(plan.sentences[i]!, own.map((j) => plan.own[j]!.text), signal),
        { kind: 'rerank', model: rerank.model.id, dtype: rerank.model.dtype, library },
      );
      cache.set(keys.rerank!, (used.rerank = calibration));
    }
  }
  return used;
}
