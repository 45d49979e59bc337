import type { DeviceReport } from '../models/device';
import { ThreadsBadge } from './ThreadsBadge';

/**
 * The runtime in one short line that keeps its place in the header from the first paint: the
 * reason for the choice (often a long sentence) opens on request instead of pushing the page down
 * when the check ends.
 */
export function DevicePanel({ report, error, threads }: { report: DeviceReport | null; error: string | null; threads?: number | undefined }) {
  if (error) return <p className="device device--error" role="alert">Device check failed: {error}</p>;
  if (!report) {
    return (
      <div className="device" aria-busy="true">
        <strong>Checking for WebGPU…</strong>
      </div>
    );
  }
  const name = report.device === 'webgpu' ? 'WebGPU' : 'WebAssembly';
  return (
    <div className={`device device--${report.device}`} data-testid="device">
      <strong>{name}</strong>
      <ThreadsBadge threads={threads} />
      <details className="device__why">
        <summary>Why {name}?</summary>
        <p className="device__reason" data-testid="device-reason">{report.reason}</p>
      </details>
    </div>
  );
}
