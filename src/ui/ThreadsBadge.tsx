/**
 * Whether ONNX Runtime on WebAssembly can use several threads: that needs a cross-origin isolated
 * page. Shows the thread count the loaded embedder reports when it reports one.
 */
export function ThreadsBadge({ threads }: { threads?: number | undefined }) {
  const isolated = globalThis.crossOriginIsolated === true;
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  const text = !isolated
    ? 'threads: 1 (page not cross-origin isolated)'
    : threads !== undefined
      ? `threads: ${threads} of ${cores} cores`
      : `threads: on (up to ${cores} cores)`;
  return (
    <span className="device__reason" data-testid="threads" data-isolated={isolated ? 'true' : 'false'}>
      {text}
    </span>
  );
}
