import type { Device } from '../models/catalog';

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'size unknown';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(0)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

/** "2 near-duplicate passages", "1 exact and 2 near-duplicate passages": no "0 exact". */
export function duplicatesLabel(exact: number, near: number): string {
  const kinds = [exact ? `${exact} exact` : '', near ? `${near} near` : ''].filter(Boolean).join(' and ');
  return `${kinds}-duplicate passage${exact + near === 1 ? '' : 's'}`;
}

/**
 * A calibrated score reads 0 at its background and 1 at the margin above it; past either end it
 * counts as 0 or 1 in the evidence, which the label says rather than showing "1.20" on a 0–1 scale.
 */
export function calibratedLabel(score: number): string {
  const shown = `calibrated ${score.toFixed(2)}`;
  if (score > 1) return `${shown}: past the margin, counts 1.00`;
  if (score < 0) return `${shown}: below the background, counts 0.00`;
  return shown;
}

/** A device as the page names it. */
export function deviceName(device: Device): string {
  return device === 'webgpu' ? 'WebGPU' : 'WebAssembly';
}
