import type { Device } from '../models/catalog';
import { deviceName } from './format';
import type { DevicePreference, DeviceReport } from '../models/device';
import { ThreadsBadge } from './ThreadsBadge';

/**
 * The runtime in one short line that keeps its place in the header from the first paint: the
 * reason for the choice (often a long sentence) opens on request, over the page below the header
 * rather than into the header's row, and Escape closes it.
 */
export function DevicePanel({ report, preference = 'auto', error, threads }: { report: DeviceReport | null; preference?: DevicePreference; error: string | null; threads?: number | undefined }) {
  if (error) return <p className="device device--error" role="alert">Device check failed: {error}</p>;
  if (!report) {
    return (
      <div className="device" aria-busy="true">
        <strong>Checking for WebGPU…</strong>
      </div>
    );
  }
  const { device, reason } = shownDevice(report, preference);
  const name = deviceName(device);
  return (
    <div className={`device device--${device}`} data-testid="device">
      <strong>{name}</strong>
      <ThreadsBadge threads={threads} />
      <details
        className="device__why"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && e.currentTarget.open) {
            e.currentTarget.open = false;
            e.currentTarget.querySelector('summary')?.focus();
          }
        }}
      >
        <summary>Why {name}?</summary>
        <p className="device__reason" data-testid="device-reason">{reason}</p>
      </details>
    </div>
  );
}

/**
 * What the models will run on: the automatic choice, unless settings (or `?device=`) name a device,
 * in which case the reason says so and what the automatic choice would have been.
 */
export function shownDevice(report: DeviceReport, preference: DevicePreference): { device: Device; reason: string } {
  if (preference === 'auto' || preference === report.device) {
    return { device: report.device, reason: preference === 'auto' ? report.reason : `${deviceName(preference)} was chosen in settings. ${report.reason}` };
  }
  return { device: preference, reason: `${deviceName(preference)} was chosen in settings; "Auto" would use ${deviceName(report.device)}: ${report.reason}` };
}
