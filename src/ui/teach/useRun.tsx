/** One cancellable long task for a card or panel: progress, result, error, and cancel. */
import { useCallback, useRef, useState } from 'react';

export interface RunProgress {
  done: number;
  total: number;
  label: string;
}

export function useRun<T>() {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(async (task: (signal: AbortSignal, onProgress: (p: RunProgress) => void) => Promise<T>) => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setRunning(true);
    setError(null);
    setProgress(null);
    try {
      const value = await task(own.signal, setProgress);
      if (controller.current === own) setResult(value);
    } catch (e) {
      if (controller.current !== own) return;
      setError(own.signal.aborted ? 'Cancelled. Nothing was changed; press Run to start again.' : `${(e as Error).message}`);
    } finally {
      if (controller.current === own) setRunning(false);
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { running, progress, result, error, start, cancel, setResult };
}

export function ProgressLine({ progress, running }: { progress: RunProgress | null; running: boolean }) {
  if (!running) return null;
  return progress ? (
    <span>
      <progress max={progress.total} value={progress.done} aria-label={`Progress: ${progress.label}`} /> {progress.done}/{progress.total} {progress.label}
    </span>
  ) : (
    <span role="status">Starting…</span>
  );
}
