/** Percentages and time estimates for file work and model loads, computed from what the lab reports. */
import { filesAllIn, type LoadProgress } from '../models/progress';
import { formatBytes } from './format';
import type { FileTask } from './lab/state';

export interface Estimate {
  /** 0..1 */
  fraction: number;
  /** Seconds left, or null while there is too little to go on. */
  etaSeconds: number | null;
}

/** Progress of one file within its current stage (only where the stage reports counts). */
export function taskEstimate(task: FileTask, now: number): Estimate | null {
  if (!task.total) return null;
  const fraction = Math.min(1, (task.done ?? 0) / task.total);
  const elapsed = (now - (task.stageStartedAt ?? now)) / 1000;
  return { fraction, etaSeconds: fraction > 0.02 && elapsed > 0.5 ? (elapsed * (1 - fraction)) / fraction : null };
}

/** Progress of a batch of dropped files, by bytes: finished files count whole, the current one by its stage. */
export function batchEstimate(tasks: FileTask[], now: number): (Estimate & { files: number; finished: number }) | null {
  const active = tasks.find((t) => t.stage !== 'done' && t.batch);
  if (!active) return null;
  const batch = tasks.filter((t) => t.batch === active.batch);
  const weight = (t: FileTask) => Math.max(1, t.size ?? 1);
  const total = batch.reduce((sum, t) => sum + weight(t), 0);
  let done = 0;
  for (const t of batch) {
    if (t.stage === 'done') done += weight(t);
    else if (t.total) done += weight(t) * Math.min(1, (t.done ?? 0) / t.total) * 0.9;
  }
  const started = Math.min(...batch.map((t) => t.startedAt ?? now));
  const elapsed = (now - started) / 1000;
  const fraction = done / total;
  return {
    fraction,
    etaSeconds: fraction > 0.02 && elapsed > 1 ? (elapsed * (1 - fraction)) / fraction : null,
    files: batch.length,
    finished: batch.filter((t) => t.stage === 'done').length,
  };
}

export function formatEta(seconds: number | null): string {
  if (seconds === null) return 'estimating time left';
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 90) return `about ${Math.round(seconds / 5) * 5} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/**
 * A loading model's bar: bytes while files arrive, then an indeterminate bar that says the model
 * is being prepared, instead of "500 MB of 500 MB" sitting still as if the load had stalled.
 */
export function modelLoadBar(progress: LoadProgress | null | undefined): { value: number | undefined; label: string } {
  if (!progress) return { value: undefined, label: 'connecting…' };
  if (filesAllIn(progress)) return { value: undefined, label: `${formatBytes(progress.loaded)} loaded; preparing the model to run…` };
  return { value: progress.fraction ?? undefined, label: `${formatBytes(progress.loaded)}${progress.total ? ` of ${formatBytes(progress.total)}` : ''}` };
}

