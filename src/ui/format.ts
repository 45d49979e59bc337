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
