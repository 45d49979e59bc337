/**
 * Score calibrations kept across reloads (localStorage), keyed by kind, model id, dtype and
 * library: a model is measured once per library, and a change of precision is a new model here.
 */
import type { CalibrationCache } from '../../ask/calibrate';
import type { ScoreCalibration } from '../../retrieve/calibration';

const PREFIX = 'offline-rag-lab:calibration:';
const KEEP = 12;

export function storedCalibrationCache(storage: Storage | undefined = globalThis.localStorage): CalibrationCache {
  const memory = new Map<string, ScoreCalibration>();
  return {
    get(key) {
      if (memory.has(key)) return memory.get(key)!;
      try {
        const saved = storage?.getItem(PREFIX + key);
        return saved ? (JSON.parse(saved) as ScoreCalibration) : null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        const ours = Object.keys(storage ?? {}).filter((k) => k.startsWith(PREFIX));
        // Old libraries' calibrations are dropped first, so the cache stays small.
        for (const old of ours.slice(0, Math.max(0, ours.length - KEEP + 1))) storage?.removeItem(old);
        storage?.setItem(PREFIX + key, JSON.stringify(value));
      } catch {
        // Storage full or blocked: the calibration still holds for this page's life.
      }
    },
  };
}
