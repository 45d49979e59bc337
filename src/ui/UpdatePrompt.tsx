/** Offers a waiting app update; it is applied only when the user presses the button, never mid-task. */
import { useSyncExternalStore } from 'react';
import { applyUpdate, appWorkerState, onAppWorkerState } from '../offline/service-worker';
import type { LabState } from './lab/state';

function busy(state: LabState): boolean {
  return (
    state.tasks.some((t) => t.stage !== 'done') ||
    Object.values(state.models).some((m) => m.status === 'loading') ||
    (!!state.ask && state.ask.status !== 'done' && state.ask.status !== 'error')
  );
}

export function UpdatePrompt({ state }: { state: LabState }) {
  const worker = useSyncExternalStore(onAppWorkerState, appWorkerState);
  if (!worker.updateWaiting) return null;
  const working = busy(state);
  return (
    <p className="note" role="status" data-testid="update-prompt">
      A new version of the lab is ready.{' '}
      <button type="button" disabled={working} onClick={applyUpdate}>Update and reload</button>
      {working ? <span className="muted"> (after the current task finishes)</span> : null}
    </p>
  );
}
