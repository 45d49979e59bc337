import type { DeviceReport } from '../models/device';
import { ThreadsBadge } from './ThreadsBadge';

export function DevicePanel({ report, error, threads }: { report: DeviceReport | null; error: string | null; threads?: number | undefined }) {
  if (error) return <p className="device device--error" role="alert">Device check failed: {error}</p>;
  if (!report) return <p className="device" aria-busy="true">Checking for WebGPU…</p>;
  return (
    <p className={`device device--${report.device}`} data-testid="device">
      <strong>{report.device === 'webgpu' ? 'WebGPU' : 'WebAssembly'}</strong>
      <span className="device__reason">{report.reason}</span>
      <ThreadsBadge threads={threads} />
    </p>
  );
}
